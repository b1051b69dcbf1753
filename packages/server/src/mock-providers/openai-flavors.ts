/**
 * The OpenAI chat wire format as each server that speaks it varies it: OpenAI itself, xAI (reasoning in
 * `reasoning_content`, reasoning tokens outside `completion_tokens`, errors as `{ code, error }`), a
 * generic OpenAI-compatible server, and Ollama's `/v1`. One module serves them all from these settings,
 * the way the AI SDK builds its compatible providers on one base.
 */

import type { OutgoingHttpHeaders } from 'node:http';
import type { AnswerRequest } from './answer.js';
import { asString, type JsonRecord } from './json-values.js';
import type { MockErrorInfo, RateLimitState } from './kind-module.js';
import { MOCK_REQUESTS_LIMIT, MOCK_TOKENS_LIMIT, maskKey } from './kind-module.js';
import { findOllamaModel } from './ollama-chat.js';
import { reasoningTokensOf } from './openai-reasoning.js';
import { refuse } from './request-error.js';
import type { TokenUsage } from './tokens.js';

/** How one server varies the OpenAI chat format. */
export interface OpenAiFlavor {
  /** Fields every completion and chunk carries (`system_fingerprint`, `service_tier`). */
  extras: JsonRecord;
  /** Fields every choice carries (OpenAI's `logprobs: null`). */
  choiceExtras: JsonRecord;
  /** Fields of an assistant message besides role and content (OpenAI's `refusal`, `annotations`). */
  messageExtras: JsonRecord;
  /** Fields of the first, role-only stream delta (OpenAI's `refusal: null`). */
  roleDeltaExtras: JsonRecord;
  /** Whether chunks say `"usage": null` until the usage chunk, as OpenAI does when usage was asked for. */
  nullUsageInChunks: boolean;
  /** Whether chunks before the last say `"finish_reason": null` (xAI leaves the field out). */
  nullFinishReason: boolean;
  /** Refuses unknown top-level fields and `stream_options` without `stream`, as OpenAI does. */
  strictParams: boolean;
  /** Refuses a model the server does not list (a 404 in the flavour's words); absent: any model. */
  checkModel?: (model: string, models: readonly string[]) => void;
  /** The reasoning a request gets (text shown as `reasoning_content`, tokens), refusing bad effort. */
  reasoningOf(model: string, body: JsonRecord): AnswerRequest['reasoning'];
  /** Whether long prompt prefixes seen before are reported as `cached_tokens`. */
  cachesPrompts: boolean;
  /** The rate-limit headers of every answer. */
  rateLimitHeaders?: (state: RateLimitState) => OutgoingHttpHeaders;
  /** Tool-call arguments streamed in pieces (OpenAI) rather than whole in one delta (xAI, Ollama). */
  streamToolArguments: boolean;
  /** `owned_by` of listed models. */
  ownedBy: string;
  /** The usage block for an answer. */
  usage(usage: TokenUsage): JsonRecord;
  errorBody(error: MockErrorInfo): unknown;
  authError(key: string | undefined): { message: string; code?: string };
}

/** OpenAI's `error.type` per status. @see https://platform.openai.com/docs/guides/error-codes */
function openAiErrorType(status: number): string {
  if (status === 429) return 'requests';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

function openAiErrorCode(status: number): string | null {
  if (status === 429) return 'rate_limit_exceeded';
  if (status === 404) return 'not_found';
  return null;
}

/** `{ error: { message, type, param, code } }`, OpenAI's error body (also Ollama's `/v1` and most compatibles). */
export function openAiErrorBody(error: MockErrorInfo): unknown {
  return {
    error: {
      message: error.message,
      type: openAiErrorType(error.status),
      param: error.param ?? null,
      code: error.code ?? openAiErrorCode(error.status),
    },
  };
}

/** OpenAI's usage: reasoning tokens are part of `completion_tokens`. */
function openAiUsage(usage: TokenUsage): JsonRecord {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function plainUsage(usage: TokenUsage): JsonRecord {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

const OPENAI_KEYS_URL = 'https://platform.openai.com/account/api-keys';

/**
 * OpenAI's rate-limit headers (xAI and most compatibles send the same names).
 * @see https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers
 */
export function openAiRateLimitHeaders(state: RateLimitState): OutgoingHttpHeaders {
  const remaining = state.limited ? 0 : Math.max(0, MOCK_REQUESTS_LIMIT - state.served);
  return {
    'x-ratelimit-limit-requests': String(MOCK_REQUESTS_LIMIT),
    'x-ratelimit-limit-tokens': String(MOCK_TOKENS_LIMIT),
    'x-ratelimit-remaining-requests': String(remaining),
    'x-ratelimit-remaining-tokens': String(state.limited ? 0 : MOCK_TOKENS_LIMIT),
    'x-ratelimit-reset-requests': state.limited ? '1s' : '6ms',
    'x-ratelimit-reset-tokens': state.limited ? '1s' : '0s',
  };
}

/** A 404 for a model not in the list, in the words `message` gives. */
function listedModels(message: (model: string) => string, code?: string) {
  return (model: string, models: readonly string[]): void => {
    if (!models.includes(model)) refuse(message(model), { status: 404, code });
  };
}

/** OpenAI. @see https://platform.openai.com/docs/api-reference/chat/object */
export const OPENAI_FLAVOR: OpenAiFlavor = {
  extras: { service_tier: 'default', system_fingerprint: 'fp_mock' },
  choiceExtras: { logprobs: null },
  messageExtras: { refusal: null, annotations: [] },
  roleDeltaExtras: { refusal: null },
  nullUsageInChunks: true,
  nullFinishReason: true,
  streamToolArguments: true,
  strictParams: true,
  checkModel: listedModels(
    (model) => `The model \`${model}\` does not exist or you do not have access to it.`,
    'model_not_found',
  ),
  reasoningOf: (model, body) => {
    const tokens = reasoningTokensOf(model, body.reasoning_effort, 'reasoning_effort', body);
    return tokens === undefined ? undefined : { tokens };
  },
  cachesPrompts: true,
  rateLimitHeaders: openAiRateLimitHeaders,
  ownedBy: 'system',
  usage: openAiUsage,
  errorBody: openAiErrorBody,
  authError: (key) =>
    key === undefined
      ? {
          message: `You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from ${OPENAI_KEYS_URL}.`,
        }
      : {
          message: `Incorrect API key provided: ${maskKey(key)}. You can find your API key at ${OPENAI_KEYS_URL}.`,
          code: 'invalid_api_key',
        },
};

/** The reasoning text every xAI answer carries in `reasoning_content`. */
export const XAI_REASONING = 'The user wants their message echoed back.';

/** xAI's `code` strings: the gRPC status descriptions. */
const XAI_CODES: Record<number, string> = {
  400: 'Client specified an invalid argument',
  401: 'The request does not have valid authentication credentials for the operation',
  403: 'The caller does not have permission to execute the specified operation',
  404: 'Some requested entity was not found',
  429: 'Some resource has been exhausted',
  500: 'Internal error',
  503: 'The service is currently unavailable',
};

/**
 * xAI. Usage as in a recorded grok-3-mini answer: `completion_tokens` leaves reasoning out, `total_tokens`
 * counts it, and `cost_in_usd_ticks` (1e-10 USD) comes along; here at $0.20 / $0.50 per 1M tokens.
 * @see https://docs.x.ai/docs/api-reference#chat-completions
 */
export const XAI_FLAVOR: OpenAiFlavor = {
  extras: { system_fingerprint: 'fp_mock' },
  choiceExtras: {},
  messageExtras: { refusal: null },
  roleDeltaExtras: {},
  nullUsageInChunks: false,
  nullFinishReason: false,
  streamToolArguments: false,
  strictParams: false,
  checkModel: listedModels(
    (model) => `The model ${model} does not exist or your team does not have access to it.`,
  ),
  reasoningOf: (model, body) => {
    // Only grok-3-mini takes an effort; the others refuse the argument.
    if (body.reasoning_effort !== undefined && !model.startsWith('grok-3-mini'))
      refuse(`Model ${model} does not support parameter reasoningEffort.`);
    if (body.reasoning_effort !== undefined && !['low', 'high'].includes(String(body.reasoning_effort)))
      refuse(
        `Invalid reasoning effort: ${asString(body.reasoning_effort) ?? 'unknown'}; expected low or high.`,
      );
    return { text: XAI_REASONING };
  },
  cachesPrompts: true,
  rateLimitHeaders: openAiRateLimitHeaders,
  ownedBy: 'xai',
  usage: (usage) => {
    const reasoning = usage.reasoningTokens ?? 0;
    return {
      prompt_tokens: usage.inputTokens,
      completion_tokens: usage.outputTokens - reasoning,
      total_tokens: usage.inputTokens + usage.outputTokens,
      prompt_tokens_details: {
        text_tokens: usage.inputTokens,
        audio_tokens: 0,
        image_tokens: 0,
        cached_tokens: usage.cachedInputTokens ?? 0,
      },
      completion_tokens_details: {
        reasoning_tokens: reasoning,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
      num_sources_used: 0,
      cost_in_usd_ticks: usage.inputTokens * 2_000 + usage.outputTokens * 5_000,
    };
  },
  errorBody: (error) => ({ code: XAI_CODES[error.status] ?? 'Unknown error', error: error.message }),
  authError: (key) => ({
    message:
      key === undefined
        ? 'No API key provided. You can obtain an API key from https://console.x.ai.'
        : `Incorrect API key provided: ${maskKey(key)}. You can obtain an API key from https://console.x.ai.`,
  }),
};

/** A generic OpenAI-compatible server (OpenRouter, Together, vLLM): the core fields only. */
export const COMPAT_FLAVOR: OpenAiFlavor = {
  extras: {},
  choiceExtras: { logprobs: null },
  messageExtras: {},
  roleDeltaExtras: {},
  nullUsageInChunks: false,
  nullFinishReason: true,
  streamToolArguments: true,
  strictParams: false,
  reasoningOf: () => undefined,
  cachesPrompts: false,
  rateLimitHeaders: openAiRateLimitHeaders,
  ownedBy: 'mock',
  usage: plainUsage,
  errorBody: openAiErrorBody,
  authError: (key) => ({
    message: key === undefined ? 'Missing Authentication header' : 'Invalid API key',
    code: 'invalid_api_key',
  }),
};

/** Ollama's OpenAI-compatible `/v1`. @see https://github.com/ollama/ollama/blob/main/docs/openai.md */
export const OLLAMA_V1_FLAVOR: OpenAiFlavor = {
  extras: { system_fingerprint: 'fp_ollama' },
  choiceExtras: {},
  messageExtras: {},
  roleDeltaExtras: {},
  nullUsageInChunks: false,
  nullFinishReason: true,
  streamToolArguments: false,
  strictParams: false,
  checkModel: (model, models) => void findOllamaModel(model, models),
  reasoningOf: () => undefined,
  cachesPrompts: false,
  ownedBy: 'library',
  usage: plainUsage,
  errorBody: openAiErrorBody,
  authError: (key) => ({ message: key === undefined ? 'unauthorized' : 'invalid api key' }),
};
