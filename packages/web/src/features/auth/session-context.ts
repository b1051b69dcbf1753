import { createContext, useContext } from 'react';

/** The page's sign-in state: the token it sends (none in `auth.mode: local`). */
export interface Session {
  token: string | undefined;
  /** Why the last token was dropped (the server refused it), for the sign-in form. */
  refusal: string | undefined;
  signIn(token: string): void;
  signOut(refusal?: string): void;
}

export const SessionContext = createContext<Session | null>(null);

/** The session of the nearest `SessionProvider`. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a <SessionProvider> above it');
  return session;
}
