import type { ReactNode } from 'react';
import type { SwitchboardClient } from '../create-switchboard-client.js';
import { SwitchboardContext } from './switchboard-context.js';

export interface SwitchboardProviderProps {
  /**
   * A client from `createSwitchboardClient`. The hooks' query keys do not name the client, so when the token
   * changes, give the subtree a new `QueryClient` and remount it (a `key`), or call `queryClient.clear()`.
   */
  client: SwitchboardClient;
  children?: ReactNode;
}

/**
 * Gives the Switchboard hooks their client. The hooks cache through TanStack Query, so render it inside a
 * `QueryClientProvider`:
 *
 * @example
 * <QueryClientProvider client={queryClient}>
 *   <SwitchboardProvider client={createSwitchboardClient({ baseURL: location.origin })}>
 *     <App />
 *   </SwitchboardProvider>
 * </QueryClientProvider>
 */
export function SwitchboardProvider({ client, children }: SwitchboardProviderProps) {
  return <SwitchboardContext.Provider value={client}>{children}</SwitchboardContext.Provider>;
}
