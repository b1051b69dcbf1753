import { useSession } from '../auth/session-context';
import { NavLink } from './nav-link';
import { ROUTES, type RoutePath } from './routes';

/** The brand, the navigation and who is signed in. */
export function AppHeader({ current, userId }: { current: RoutePath; userId: string }) {
  const session = useSession();
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <a className="brand" href="/settings" aria-label="Switchboard home">
          <img src="/favicon.svg" alt="" width="24" height="24" />
          <span>Switchboard</span>
        </a>
        <nav className="nav" aria-label="Pages">
          {ROUTES.map((route) => (
            <NavLink key={route.path} href={route.path} current={route.path === current}>
              {route.label}
            </NavLink>
          ))}
        </nav>
        <div className="account">
          <span
            className="account-user"
            title={session.token ? 'Signed in with a token' : 'auth.mode: local'}
          >
            {session.token ? 'Signed in as ' : 'Local mode · '}
            <strong>{userId}</strong>
          </span>
          {session.token && (
            <button type="button" className="button button-small" onClick={() => session.signOut()}>
              Sign out
            </button>
          )}
        </div>
      </div>
    </header>
  );
}
