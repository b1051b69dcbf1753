import type { CoreErrorCode } from './core-error-code.js';
import { SwitchboardError } from './switchboard-error.js';

/** A task name that neither the built-in list nor the config declares. */
export class UnknownTaskError extends SwitchboardError<CoreErrorCode> {
  constructor(task: string, knownTasks: readonly string[]) {
    super(
      'unknown_task',
      `Unknown task "${task}". Known tasks: ${knownTasks.join(', ')}. Add it under "tasks:" in the config to create it.`,
      { task, known_tasks: knownTasks },
    );
    this.name = 'UnknownTaskError';
  }
}
