import type { CoreErrorCode } from './core-error-code.js';
import { SwitchboardError } from './switchboard-error.js';

/** A capability name the config does not know. */
export class UnknownCapabilityError extends SwitchboardError<CoreErrorCode> {
  constructor(capability: string, known: readonly string[]) {
    super(
      'unknown_capability',
      `Unknown capability "${capability}". Known capabilities: ${known.join(', ')}. Declare new ones under "capabilities:" in the config.`,
      { capability, known_capabilities: known },
    );
    this.name = 'UnknownCapabilityError';
  }
}
