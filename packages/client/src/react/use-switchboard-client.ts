import { useContext } from 'react';
import type { SwitchboardClient } from '../create-switchboard-client.js';
import { SwitchboardContext } from './switchboard-context.js';

/** The client of the nearest `SwitchboardProvider`; throws when there is none, naming the fix. */
export function useSwitchboardClient(): SwitchboardClient {
  const client = useContext(SwitchboardContext);
  if (!client) throw new Error('Switchboard hooks need a <SwitchboardProvider client={...}> above them.');
  return client;
}
