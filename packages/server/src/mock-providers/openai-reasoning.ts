/**
 * OpenAI's reasoning models (`gpt-5*` but `gpt-5-chat*`, `o1`, `o3`, `o4-mini`, ...) as the API treats
 * them, for Chat Completions and Responses alike: the reasoning tokens an effort spends, and the
 * sampling parameters they refuse.
 * @see https://platform.openai.com/docs/guides/reasoning
 */
import { asNumber, type JsonRecord } from './json-values.js';
import { refuse } from './request-error.js';

/** Reasoning tokens the mock spends per effort; `medium` is the API's default. */
export const REASONING_EFFORT_TOKENS: Readonly<Record<string, number>> = {
  none: 0,
  minimal: 8,
  low: 16,
  medium: 32,
  high: 64,
  xhigh: 128,
};

/** Whether `model` is an OpenAI reasoning model. */
export function isOpenAiReasoningModel(model: string): boolean {
  if (/^o\d+(?:-|$)/.test(model)) return true;
  const gpt = /^gpt-(\d+)/.exec(model);
  return gpt !== null && Number(gpt[1]) >= 5 && !/^gpt-\d+(?:\.\d+)?-chat/.test(model);
}

/** Whether `model` takes sampling parameters with effort `none` (gpt-5.1 and later do; gpt-5 does not). */
function samplesWithoutReasoning(model: string): boolean {
  const version = /^gpt-(\d+)(?:\.(\d+))?/.exec(model);
  return version !== null && (Number(version[1]) > 5 || Number(version[2] ?? 0) >= 1);
}

/**
 * The reasoning tokens a request spends, after refusing what the API refuses: an effort on a model that
 * does not reason, an unknown effort, and `temperature` / `top_p` on a reasoning model (unless gpt-5.1+
 * with effort `none`). `effortParam` names the field (`reasoning_effort`, `reasoning.effort`).
 */
export function reasoningTokensOf(
  model: string,
  effort: unknown,
  effortParam: string,
  body: JsonRecord,
): number | undefined {
  if (!isOpenAiReasoningModel(model)) {
    if (effort !== undefined && effort !== null)
      refuse(`Unsupported parameter: '${effortParam}' is not supported with this model.`, {
        code: 'unsupported_parameter',
        param: effortParam,
      });
    return undefined;
  }
  const chosen = effort ?? 'medium';
  if (typeof chosen !== 'string' || !(chosen in REASONING_EFFORT_TOKENS))
    refuse(
      `Invalid value: '${String(chosen)}'. Supported values are: ${Object.keys(REASONING_EFFORT_TOKENS)
        .map((name) => `'${name}'`)
        .join(', ')}.`,
      { code: 'invalid_value', param: effortParam },
    );
  if (!(chosen === 'none' && samplesWithoutReasoning(model))) {
    const temperature = asNumber(body.temperature);
    if (temperature !== undefined && temperature !== 1)
      refuse(
        `Unsupported value: 'temperature' does not support ${temperature} with this model. Only the default (1) value is supported.`,
        { code: 'unsupported_value', param: 'temperature' },
      );
    if (body.top_p !== undefined && body.top_p !== null && body.top_p !== 1)
      refuse("Unsupported parameter: 'top_p' is not supported with this model.", {
        code: 'unsupported_parameter',
        param: 'top_p',
      });
  }
  return REASONING_EFFORT_TOKENS[chosen] ?? 0;
}
