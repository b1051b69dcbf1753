import { createSwitchboardClient, SwitchboardApiError } from '@switchboard/client';
import { SwitchboardProvider } from '@switchboard/client/react';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type Session, SessionContext } from './session-context';
import { loadToken, saveToken } from './token-storage';

/** One sign-in: its token, its cache, and a number that remounts the pages when it changes. */
interface SessionState {
  token: string | undefined;
  refusal: string | undefined;
  queryClient: QueryClient;
  generation: number;
}

/** A query cache that reports every 401, from a read or a write, to `onUnauthorized`. */
function createSessionQueryClient(onUnauthorized: (error: SwitchboardApiError) => void): QueryClient {
  const onError = (error: unknown) => {
    if (SwitchboardApiError.isInstance(error) && error.status === 401) onUnauthorized(error);
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: { queries: { refetchOnWindowFocus: false } },
  });
}

/**
 * Holds the token and gives the pages a Switchboard client that sends it. A new token gets a new client, an
 * empty cache and freshly mounted pages, so nothing read as one user is shown to another. A 401 while a token
 * is held drops it (revoked, mistyped), which brings back the sign-in form with the server's reason.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const onUnauthorized = useRef<(error: SwitchboardApiError) => void>(() => {});
  const [state, setState] = useState<SessionState>(() => ({
    token: loadToken(),
    refusal: undefined,
    queryClient: createSessionQueryClient((error) => onUnauthorized.current(error)),
    generation: 0,
  }));

  const begin = useCallback((token: string | undefined, refusal: string | undefined) => {
    saveToken(token);
    setState((current) => ({
      token,
      refusal,
      queryClient: createSessionQueryClient((error) => onUnauthorized.current(error)),
      generation: current.generation + 1,
    }));
  }, []);
  const signIn = useCallback((token: string) => begin(token, undefined), [begin]);
  const signOut = useCallback((refusal?: string) => begin(undefined, refusal), [begin]);
  useEffect(() => {
    onUnauthorized.current = (error) => {
      if (state.token !== undefined) signOut(error.message);
    };
  }, [state.token, signOut]);

  const client = useMemo(
    () => createSwitchboardClient({ baseURL: window.location.origin, token: state.token }),
    [state.token],
  );
  const session = useMemo<Session>(
    () => ({ token: state.token, refusal: state.refusal, signIn, signOut }),
    [state.token, state.refusal, signIn, signOut],
  );

  return (
    <SessionContext.Provider value={session}>
      <QueryClientProvider key={state.generation} client={state.queryClient}>
        <SwitchboardProvider client={client}>{children}</SwitchboardProvider>
      </QueryClientProvider>
    </SessionContext.Provider>
  );
}
