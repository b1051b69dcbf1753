import { z } from 'zod';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { CallTarget } from './call-target.js';
import { loadAiSdk } from './load-ai-sdk.js';
import type { TextCallInput } from './text-call-input.js';

/**
 * What every AI SDK call of the gateway passes besides its own: no retries of the SDK's (each attempt is
 * exactly one upstream call; fallbacks are the gateway's decision), the signal that aborts it when the
 * caller goes away, and, when traced, the attempt's `traceparent` so the provider's side joins the trace.
 */
function callDefaults(target: CallTarget, abortSignal: AbortSignal | undefined) {
  return { maxRetries: 0, abortSignal, ...(target.attempt ? { headers: target.attempt.headers } : {}) };
}

/** The AI SDK `output` setting for a `TextCallInput`: an object for its schema, else any JSON. */
export async function toSdkOutput(output: TextCallInput['output']) {
  if (!output) return undefined;
  const { jsonSchema, Output } = await loadAiSdk();
  if (!output.schema) return Output.json({ name: output.name });
  const schema =
    output.schema instanceof z.ZodType
      ? output.schema
      : jsonSchema(output.schema as Parameters<typeof jsonSchema>[0]);
  return Output.object({ schema, name: output.name });
}

/** The options of a text call (`generateText`, `streamText`): the target's model and the input. */
export async function sdkCallOptions(target: CallTarget, input: TextCallInput, abortSignal?: AbortSignal) {
  target.attempt?.recordInput(input);
  return {
    model: await target.kind.languageModel(target.runtime, target.name),
    system: input.system,
    ...(input.messages ? { messages: input.messages } : { prompt: input.prompt ?? '' }),
    temperature: input.temperature,
    maxOutputTokens: input.maxOutputTokens,
    ...input.settings,
    ...(input.output ? { output: await toSdkOutput(input.output) } : {}),
    ...callDefaults(target, abortSignal),
  };
}

/** The options of an embeddings call (`embedMany`); a kind without embeddings is the caller's 400. */
export async function sdkEmbedOptions(target: CallTarget, values: string[], abortSignal?: AbortSignal) {
  if (!target.kind.embeddingModel) {
    throw new InvalidRequestError(
      `Provider kind ${target.kind.kind} has no embeddings ("${target.model}").`,
      { model: target.model },
    );
  }
  return {
    model: await target.kind.embeddingModel(target.runtime, target.name),
    values,
    ...callDefaults(target, abortSignal),
  };
}
