import type { TaskStreamDone } from '@switchboard/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChatCompletionInput } from '../create-switchboard-client.js';
import { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/** Where a streamed answer is. */
export interface ChatCompletionStreamState {
  /** The answer so far: grows with every `delta` event. */
  text: string;
  /** The final event (model, source, usage, cost); undefined until it arrives. */
  result: TaskStreamDone | undefined;
  error: SwitchboardApiError | undefined;
  isStreaming: boolean;
}

export interface ChatCompletionStream extends ChatCompletionStreamState {
  /**
   * Streams an answer from `POST /v1/ai/chat/completion` (stopping one in progress). Resolves to the final
   * event, or undefined when it failed (see `error`) or was stopped.
   */
  send(
    body: ChatCompletionInput,
    options?: { task?: string | undefined },
  ): Promise<TaskStreamDone | undefined>;
  /** Stops the answer in progress; the server aborts the upstream call. */
  stop(): void;
  /** Forgets the last answer and error. */
  reset(): void;
}

const IDLE: ChatCompletionStreamState = { text: '', result: undefined, error: undefined, isStreaming: false };

function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/**
 * A streamed chat answer as React state: `text` grows as the pieces arrive, then `result` holds the model and
 * cost. Leaving the page stops the stream.
 */
export function useChatCompletionStream(): ChatCompletionStream {
  const client = useSwitchboardClient();
  const queryClient = useQueryClient();
  const [state, setState] = useState<ChatCompletionStreamState>(IDLE);
  const controller = useRef<AbortController | undefined>(undefined);

  useEffect(() => () => controller.current?.abort(), []);

  const stop = useCallback(() => {
    controller.current?.abort();
    controller.current = undefined;
    setState((current) => ({ ...current, isStreaming: false }));
  }, []);

  const reset = useCallback(() => {
    controller.current?.abort();
    controller.current = undefined;
    setState(IDLE);
  }, []);

  const send = useCallback<ChatCompletionStream['send']>(
    async (body, options) => {
      controller.current?.abort();
      const own = new AbortController();
      controller.current = own;
      const current = () => controller.current === own;
      setState({ ...IDLE, isStreaming: true });
      let text = '';
      try {
        for await (const event of client.streamChatCompletion(body, {
          task: options?.task,
          signal: own.signal,
        })) {
          if (!current()) return undefined;
          if (event.type === 'delta') {
            text += event.text;
            setState({ text, result: undefined, error: undefined, isStreaming: true });
          } else {
            const { type: _type, ...result } = event;
            setState({ text: result.text, result, error: undefined, isStreaming: false });
            return result;
          }
        }
        return undefined;
      } catch (caught) {
        if (isAbortError(caught) || !current()) return undefined;
        const error = SwitchboardApiError.isInstance(caught)
          ? caught
          : new SwitchboardApiError({
              status: 0,
              code: 'network_error',
              message: `The answer stopped: ${(caught as Error)?.message ?? String(caught)}`,
              cause: caught,
            });
        setState({ text, result: undefined, error, isStreaming: false });
        return undefined;
      } finally {
        if (current()) controller.current = undefined;
        void queryClient.invalidateQueries({ queryKey: switchboardQueryKeys.allUsage() });
      }
    },
    [client, queryClient],
  );

  return { ...state, send, stop, reset };
}
