import type { CoreErrorCode } from './core-error-code.js';
import { SwitchboardError } from './switchboard-error.js';

/** A registered model asked to serve a task whose capability it does not have. */
export class CapabilityMismatchError extends SwitchboardError<CoreErrorCode> {
  constructor(args: {
    model: string;
    task: string;
    capability: string;
    modelCapabilities: readonly string[];
  }) {
    super(
      'capability_mismatch',
      `Model "${args.model}" cannot serve task "${args.task}": the task needs capability "${args.capability}" and the model has ${
        args.modelCapabilities.length ? args.modelCapabilities.join(', ') : 'none'
      }. Pick a model with "${args.capability}", or add it to the model's "capabilities" in the config.`,
      {
        model: args.model,
        task: args.task,
        capability: args.capability,
        model_capabilities: args.modelCapabilities,
      },
    );
    this.name = 'CapabilityMismatchError';
  }
}
