import type { CoreErrorCode } from './core-error-code.js';
import { SwitchboardError } from './switchboard-error.js';

/** Resolution found nothing: no override, no usable preference, no default for the task or its capability. */
export class NoModelConfiguredError extends SwitchboardError<CoreErrorCode> {
  constructor(task: string, capability: string, skipped: readonly unknown[]) {
    super(
      'no_model_configured',
      `No model is configured for task "${task}". Set "tasks.${task}.default" or "models.defaults.${capability}" in the config, or pick one for the task in the settings page.`,
      { task, capability, skipped },
    );
    this.name = 'NoModelConfiguredError';
  }
}
