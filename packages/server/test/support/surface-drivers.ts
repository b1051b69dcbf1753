import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { TIME_SCHEMA, WEATHER_SCHEMA } from './surface-kinds.js';

/** A tool call as a client of any surface sees it. */
export interface ClientToolCall {
  id: string;
  name: string;
  arguments: unknown;
}

/** What a client of any surface got: text, tool calls, the stop reason in the surface's own words. */
export interface ClientAnswer {
  text: string;
  calls: ClientToolCall[];
  stop: string;
  /** The answer's `model` field. */
  model: string;
}

export interface TurnOptions {
  stream: boolean;
  prompt: string;
  parallel?: boolean;
  /** A previous tool call and the result to send for it. */
  result?: { call: ClientToolCall; output: string };
}

/** One surface driven by its official client, as an application would use it. */
export interface SurfaceDriver {
  surface: 'chat-completions' | 'responses' | 'messages';
  /** The stop reason of an answer that calls tools, and of one that just ends. */
  toolStop: string;
  endStop: string;
  turn(model: string, options: TurnOptions): Promise<ClientAnswer>;
}

function openAiTools(parallel: boolean | undefined) {
  const tools: Array<{
    type: 'function';
    function: { name: string; description: string; parameters: Record<string, unknown> };
  }> = [
    {
      type: 'function' as const,
      function: { name: 'get_weather', description: 'Weather of a city', parameters: WEATHER_SCHEMA },
    },
  ];
  if (parallel)
    tools.push({
      type: 'function',
      function: { name: 'get_time', description: 'Time in a zone', parameters: TIME_SCHEMA },
    });
  return tools;
}

/** Chat Completions through the official `openai` client: the canonical chunk loop for streams. */
export function chatCompletionsDriver(baseURL: string): SurfaceDriver {
  const client = new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: 'unused-in-local-mode', maxRetries: 0 });
  return {
    surface: 'chat-completions',
    toolStop: 'tool_calls',
    endStop: 'stop',
    async turn(model, options) {
      const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: options.prompt }];
      if (options.result) {
        const { call, output } = options.result;
        messages.push({
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: call.id,
              type: 'function',
              function: { name: call.name, arguments: JSON.stringify(call.arguments) },
            },
          ],
        });
        messages.push({ role: 'tool', tool_call_id: call.id, content: output });
      }
      const request = { model, messages, tools: openAiTools(options.parallel) };
      if (!options.stream) {
        const completion = await client.chat.completions.create(request);
        const choice = completion.choices[0];
        return {
          text: choice?.message.content ?? '',
          calls: (choice?.message.tool_calls ?? []).map((call) => {
            const fn = (call as { function: { name: string; arguments: string } }).function;
            return { id: call.id, name: fn.name, arguments: JSON.parse(fn.arguments) };
          }),
          stop: choice?.finish_reason ?? '',
          model: completion.model,
        };
      }
      const stream = await client.chat.completions.create({ ...request, stream: true });
      let text = '';
      let stop = '';
      let answerModel = '';
      const calls: Array<{ id: string; name: string; args: string }> = [];
      for await (const chunk of stream) {
        // The canonical loop: no IndexError, on any kind.
        const choice = chunk.choices[0];
        if (!choice) throw new Error(`a chunk without choices[0]: ${JSON.stringify(chunk)}`);
        answerModel = chunk.model;
        text += choice.delta.content ?? '';
        for (const delta of choice.delta.tool_calls ?? []) {
          calls[delta.index] ??= { id: '', name: '', args: '' };
          const entry = calls[delta.index] as { id: string; name: string; args: string };
          if (delta.id) entry.id = delta.id;
          if (delta.function?.name) entry.name += delta.function.name;
          if (delta.function?.arguments) entry.args += delta.function.arguments;
        }
        if (choice.finish_reason) stop = choice.finish_reason;
      }
      return {
        text,
        stop,
        model: answerModel,
        calls: calls.map((call) => ({ id: call.id, name: call.name, arguments: JSON.parse(call.args) })),
      };
    },
  };
}

/** The Responses API through the official `openai` client: `responses.create` and `responses.stream`. */
export function responsesDriver(baseURL: string): SurfaceDriver {
  const client = new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: 'unused-in-local-mode', maxRetries: 0 });
  return {
    surface: 'responses',
    toolStop: 'completed',
    endStop: 'completed',
    async turn(model, options) {
      const input: OpenAI.Responses.ResponseInputItem[] = [{ role: 'user', content: options.prompt }];
      if (options.result) {
        const { call, output } = options.result;
        input.push({
          type: 'function_call',
          call_id: call.id,
          name: call.name,
          arguments: JSON.stringify(call.arguments),
        });
        input.push({ type: 'function_call_output', call_id: call.id, output });
      }
      const tools: OpenAI.Responses.Tool[] = openAiTools(options.parallel).map((tool) => ({
        type: 'function',
        name: tool.function.name,
        description: tool.function.description,
        parameters: tool.function.parameters as unknown as Record<string, unknown>,
        strict: true,
      }));
      const request = { model, input, tools, store: false };
      const response: OpenAI.Responses.Response = options.stream
        ? await client.responses.stream(request).finalResponse()
        : await client.responses.create(request);
      const calls = response.output
        .filter((item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call')
        .map((item) => ({ id: item.call_id, name: item.name, arguments: JSON.parse(item.arguments) }));
      return { text: response.output_text, calls, stop: response.status ?? '', model: response.model };
    },
  };
}

/** Anthropic Messages through the official `@anthropic-ai/sdk` client: `messages.create` and `messages.stream`. */
export function messagesDriver(baseURL: string): SurfaceDriver {
  const client = new Anthropic({ baseURL, apiKey: 'unused-in-local-mode', maxRetries: 0 });
  return {
    surface: 'messages',
    toolStop: 'tool_use',
    endStop: 'end_turn',
    async turn(model, options) {
      const messages: Anthropic.MessageParam[] = [{ role: 'user', content: options.prompt }];
      if (options.result) {
        const { call, output } = options.result;
        messages.push({
          role: 'assistant',
          content: [{ type: 'tool_use', id: call.id, name: call.name, input: call.arguments }],
        });
        messages.push({
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: call.id, content: output }],
        });
      }
      const tools: Anthropic.Tool[] = openAiTools(options.parallel).map((tool) => ({
        name: tool.function.name,
        description: tool.function.description,
        input_schema: tool.function.parameters as unknown as Anthropic.Tool.InputSchema,
      }));
      const request = { model, max_tokens: 512, messages, tools };
      const message = options.stream
        ? await client.messages.stream(request).finalMessage()
        : await client.messages.create(request);
      const text = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
      const calls = message.content
        .filter((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use')
        .map((block) => ({ id: block.id, name: block.name, arguments: block.input }));
      return { text, calls, stop: message.stop_reason ?? '', model: message.model };
    },
  };
}
