/** The pages, in the order of the navigation. The server answers each path with `index.html`. */
export const ROUTES = [
  { path: '/settings', label: 'AI models' },
  { path: '/providers', label: 'Providers' },
  { path: '/defaults', label: 'Defaults' },
  { path: '/chat', label: 'Chat' },
  { path: '/sql', label: 'SQL' },
  { path: '/usage', label: 'Usage' },
  { path: '/limits', label: 'Limits' },
] as const;

export type RoutePath = (typeof ROUTES)[number]['path'];

/** `/` and unknown paths show the settings page. */
export const HOME_PATH: RoutePath = '/settings';

/** The page a location shows. */
export function matchRoute(pathname: string): RoutePath {
  const trimmed = pathname.replace(/\/+$/, '') || '/';
  return ROUTES.find((route) => route.path === trimmed)?.path ?? HOME_PATH;
}
