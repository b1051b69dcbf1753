import { useCurrentUser } from '@switchboard/client/react';
import { type ReactNode, useEffect } from 'react';
import { ChatPage } from './features/chat/chat-page';
import { DefaultsPage } from './features/defaults/defaults-page';
import { LimitsPage } from './features/limits/limits-page';
import { AppHeader } from './features/navigation/app-header';
import { matchRoute, ROUTES, type RoutePath } from './features/navigation/routes';
import { usePathname } from './features/navigation/use-pathname';
import { FirstRunBanner } from './features/onboarding/first-run-banner';
import { ProvidersPage } from './features/providers/providers-page';
import { SettingsPage } from './features/settings/settings-page';
import { SqlPage } from './features/sql/sql-page';
import { UsagePage } from './features/usage/usage-page';

const PAGES: Record<RoutePath, (props: { userId: string }) => ReactNode> = {
  '/settings': SettingsPage,
  '/providers': ProvidersPage,
  '/defaults': DefaultsPage,
  '/chat': ChatPage,
  '/sql': SqlPage,
  '/usage': UsagePage,
  '/limits': LimitsPage,
};

/** The navigation and the page the location names. Rendered once the user is known (see `AuthGate`). */
export function App() {
  const route = matchRoute(usePathname());
  const userId = useCurrentUser().data ?? '';
  const Page = PAGES[route];
  const label = ROUTES.find((candidate) => candidate.path === route)?.label;

  useEffect(() => {
    document.title = `${label} · Switchboard`;
  }, [label]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader current={route} userId={userId} />
      <main id="main" className="main" tabIndex={-1}>
        <FirstRunBanner />
        <Page userId={userId} />
      </main>
    </>
  );
}
