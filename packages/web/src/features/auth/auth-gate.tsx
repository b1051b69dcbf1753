import { useCurrentUser } from '@switchboard/client/react';
import type { ReactNode } from 'react';
import { ErrorNotice } from '../common/error-notice';
import { useSession } from './session-context';
import { SignInForm } from './sign-in-form';

/**
 * Shows the pages once the server says who the caller is. The mode is learnt from the answer: in
 * `auth.mode: local` the first call succeeds (as `local`); in token mode it answers 401 until a token is given.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const session = useSession();
  const user = useCurrentUser();

  if (user.isPending) {
    return (
      <div className="gate" aria-busy="true">
        <p className="muted">Connecting to Switchboard…</p>
      </div>
    );
  }
  if (user.isError && user.error.status === 401) {
    return <SignInForm refusal={session.refusal ?? (session.token ? user.error.message : undefined)} />;
  }
  if (user.isError) {
    return (
      <div className="gate">
        <ErrorNotice title="Switchboard did not answer" error={user.error} />
        <button type="button" className="button" onClick={() => void user.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  return children;
}
