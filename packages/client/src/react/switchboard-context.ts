import { createContext } from 'react';
import type { SwitchboardClient } from '../create-switchboard-client.js';

/** Holds the client the hooks call; set by `SwitchboardProvider`. */
export const SwitchboardContext = createContext<SwitchboardClient | null>(null);
