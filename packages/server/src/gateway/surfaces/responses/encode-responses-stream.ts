import type { LanguageModelV3StreamPart, SharedV3ProviderMetadata } from '@ai-sdk/provider';
import { encodeReasoningSignature } from '../shared/reasoning-signature.js';
import type { SurfaceAnswerMeta, SurfaceEvent, SurfaceStreamEncoder } from '../surface-encoder.js';
import { itemId, responseEnvelope, responseStatus, toResponsesUsage } from './responses-shapes.js';

interface OpenItem {
  outputIndex: number;
  item: Record<string, unknown>;
  text: string;
  metadata?: SharedV3ProviderMetadata | undefined;
  done?: boolean;
}

/**
 * Encodes the internal stream as the Responses API's events, each with its `sequence_number`:
 * `response.created` and `response.in_progress`; per output item `response.output_item.added`, its
 * deltas (`output_text.delta` in a `message`, `reasoning_summary_text.delta` in a `reasoning` item,
 * `function_call_arguments.delta` in a `function_call`), their `.done` events and
 * `response.output_item.done`; then `response.completed` (or `response.incomplete`) with the whole
 * response and usage. A stream that breaks off ends with an `error` event.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export function createResponsesStreamEncoder(meta: SurfaceAnswerMeta): SurfaceStreamEncoder {
  let sequence = 0;
  let started = false;
  const output: OpenItem[] = [];
  /** The message or reasoning item open now, keyed by the AI SDK's part ID. */
  let current: { id: string; item: OpenItem } | undefined;
  const tools = new Map<string, OpenItem>();

  const emit = (type: string, data: Record<string, unknown>): SurfaceEvent => ({
    event: type,
    data: { type, sequence_number: sequence++, ...data },
  });
  const start = (): SurfaceEvent[] => {
    if (started) return [];
    started = true;
    const response = responseEnvelope(meta, {});
    return [emit('response.created', { response }), emit('response.in_progress', { response })];
  };
  const add = (item: Record<string, unknown>): [OpenItem, SurfaceEvent] => {
    const open: OpenItem = { outputIndex: output.length, item, text: '' };
    output.push(open);
    return [open, emit('response.output_item.added', { output_index: open.outputIndex, item })];
  };
  const finishItem = (open: OpenItem): SurfaceEvent[] => {
    if (open.done) return [];
    open.done = true;
    const at = { item_id: open.item.id, output_index: open.outputIndex };
    const events: SurfaceEvent[] = [];
    if (open.item.type === 'message') {
      const part = { type: 'output_text', text: open.text, annotations: [], logprobs: [] };
      events.push(
        emit('response.output_text.done', { ...at, content_index: 0, text: open.text, logprobs: [] }),
      );
      events.push(emit('response.content_part.done', { ...at, content_index: 0, part }));
      open.item = { ...open.item, status: 'completed', content: [part] };
    } else if (open.item.type === 'reasoning') {
      const part = { type: 'summary_text', text: open.text };
      events.push(emit('response.reasoning_summary_text.done', { ...at, summary_index: 0, text: open.text }));
      events.push(emit('response.reasoning_summary_part.done', { ...at, summary_index: 0, part }));
      const signature = encodeReasoningSignature(open.metadata);
      open.item = { ...open.item, summary: [part], ...(signature ? { encrypted_content: signature } : {}) };
    } else {
      events.push(emit('response.function_call_arguments.done', { ...at, arguments: open.text }));
      open.item = { ...open.item, arguments: open.text, status: 'completed' };
    }
    events.push(emit('response.output_item.done', { output_index: open.outputIndex, item: open.item }));
    return events;
  };
  const closeCurrent = (): SurfaceEvent[] => {
    if (!current) return [];
    const { item } = current;
    current = undefined;
    return finishItem(item);
  };
  const open = (id: string, kind: 'message' | 'reasoning'): SurfaceEvent[] => {
    if (current?.id === id && current.item.item.type === kind) return [];
    const events = closeCurrent();
    const index = output.length;
    const [item, added] =
      kind === 'message'
        ? add({
            type: 'message',
            id: itemId(meta, 'msg', index),
            status: 'in_progress',
            role: 'assistant',
            content: [],
          })
        : add({ type: 'reasoning', id: itemId(meta, 'rs', index), summary: [] });
    current = { id, item };
    events.push(added);
    const at = { item_id: item.item.id, output_index: item.outputIndex };
    events.push(
      kind === 'message'
        ? emit('response.content_part.added', {
            ...at,
            content_index: 0,
            part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
          })
        : emit('response.reasoning_summary_part.added', {
            ...at,
            summary_index: 0,
            part: { type: 'summary_text', text: '' },
          }),
    );
    return events;
  };
  const openTool = (id: string, name: string): [OpenItem, SurfaceEvent[]] => {
    const events = closeCurrent();
    const [item, added] = add({
      type: 'function_call',
      id: itemId(meta, 'fc', output.length),
      call_id: id,
      name,
      arguments: '',
      status: 'in_progress',
    });
    tools.set(id, item);
    events.push(added);
    return [item, events];
  };
  const remember = (metadata: SharedV3ProviderMetadata | undefined) => {
    if (metadata && current) current.item.metadata = { ...current.item.metadata, ...metadata };
  };

  return {
    encode(part: LanguageModelV3StreamPart): SurfaceEvent[] {
      const events = start();
      switch (part.type) {
        case 'text-delta': {
          if (!part.delta) break;
          events.push(...open(part.id, 'message'));
          const item = current?.item;
          if (!item) break;
          item.text += part.delta;
          events.push(
            emit('response.output_text.delta', {
              item_id: item.item.id,
              output_index: item.outputIndex,
              content_index: 0,
              delta: part.delta,
              logprobs: [],
            }),
          );
          break;
        }
        case 'reasoning-start':
          events.push(...open(part.id, 'reasoning'));
          remember(part.providerMetadata);
          break;
        case 'reasoning-delta': {
          events.push(...open(part.id, 'reasoning'));
          remember(part.providerMetadata);
          const item = current?.item;
          if (!item || !part.delta) break;
          item.text += part.delta;
          events.push(
            emit('response.reasoning_summary_text.delta', {
              item_id: item.item.id,
              output_index: item.outputIndex,
              summary_index: 0,
              delta: part.delta,
            }),
          );
          break;
        }
        case 'reasoning-end':
          if (current?.id === part.id) {
            remember(part.providerMetadata);
            events.push(...closeCurrent());
          }
          break;
        case 'text-end':
          if (current?.id === part.id) events.push(...closeCurrent());
          break;
        case 'tool-input-start':
          events.push(...openTool(part.id, part.toolName)[1]);
          break;
        case 'tool-input-delta': {
          const item = tools.get(part.id);
          if (!item || !part.delta || item.done) break;
          item.text += part.delta;
          events.push(
            emit('response.function_call_arguments.delta', {
              item_id: item.item.id,
              output_index: item.outputIndex,
              delta: part.delta,
            }),
          );
          break;
        }
        case 'tool-input-end': {
          const item = tools.get(part.id);
          if (item) events.push(...finishItem(item));
          break;
        }
        case 'tool-call': {
          if (part.providerExecuted) break;
          let item = tools.get(part.toolCallId);
          if (!item) {
            const [opened, added] = openTool(part.toolCallId, part.toolName);
            events.push(...added);
            item = opened;
            item.text = part.input;
            events.push(
              emit('response.function_call_arguments.delta', {
                item_id: item.item.id,
                output_index: item.outputIndex,
                delta: part.input,
              }),
            );
          }
          events.push(...finishItem(item));
          break;
        }
        case 'finish': {
          events.push(...closeCurrent());
          for (const item of tools.values()) events.push(...finishItem(item));
          const status = responseStatus(part.finishReason);
          const response = responseEnvelope(meta, {
            ...status,
            output: output.map((item) => item.item),
            usage: toResponsesUsage(part.usage),
          });
          events.push(
            emit(status.status === 'completed' ? 'response.completed' : 'response.incomplete', { response }),
          );
          break;
        }
        default:
          break;
      }
      return events;
    },
    fail: (error) => [
      emit('error', {
        code: error.code,
        message: error.message,
        param: null,
        error: { type: error.code, code: error.code, message: error.message },
      }),
    ],
  };
}
