import { refuseField } from '../errors/refuse-field.js';
import type { CallAdapter } from './call-adapter.js';
import { reasoningBudget } from './shared/reasoning-budget.js';

/**
 * Gemini's controls: reasoning as `thinkingConfig` with a token budget (an effort maps to one) and the
 * thoughts included, so they can be returned. Gemini has no switch for parallel function calls: asking
 * for none is refused by name, unless the request forces a call of its one function (then one call is
 * what Gemini makes: the AI SDK's JSON tool asks so). JSON without a schema is Gemini's own JSON mode (`responseMimeType`).
 * @see https://ai.google.dev/gemini-api/docs/thinking
 */
export const adaptGoogleCall: CallAdapter = (call, controls) => {
  const forcedOne =
    call.toolChoice?.type === 'tool' || (call.toolChoice?.type === 'required' && call.tools?.length === 1);
  if (controls.parallelToolCalls && !controls.parallelToolCalls.allowed && !forcedOne) {
    throw refuseField(
      controls.parallelToolCalls.field,
      'has no equivalent at Gemini, which may always call several functions at once: leave it out.',
    );
  }
  if (!controls.reasoning) return {};
  return {
    providerOptions: {
      google: {
        thinkingConfig: { thinkingBudget: reasoningBudget(controls.reasoning), includeThoughts: true },
      },
    },
  };
};
