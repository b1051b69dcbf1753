import type { LanguageModelV3StreamPart, SharedV3ProviderMetadata } from '@ai-sdk/provider';
import { encodeReasoningSignature } from '../shared/reasoning-signature.js';
import type { SurfaceAnswerMeta, SurfaceEvent, SurfaceStreamEncoder } from '../surface-encoder.js';
import { anthropicErrorType, toMessagesUsage, toStopReason } from './messages-shapes.js';

type BlockKind = 'text' | 'thinking' | 'tool_use';

interface OpenBlock {
  index: number;
  kind: BlockKind;
  metadata?: SharedV3ProviderMetadata | undefined;
  closed?: boolean;
}

const event = (type: string, data: Record<string, unknown>): SurfaceEvent => ({
  event: type,
  data: { type, ...data },
});

/**
 * Encodes the internal stream as Anthropic's Messages events: `message_start`, then one content block at
 * a time (`content_block_start`, its deltas, `content_block_stop`): `text_delta`s; `thinking_delta`s and
 * a `signature_delta` before a thinking block closes; a `tool_use` block with `input_json_delta`
 * fragments; then `message_delta` with the stop reason and usage, and `message_stop`. Text or thinking
 * that resumes after another block opens a new block, as Anthropic's own stream would. A stream that
 * breaks off ends with an `error` event.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export function createMessagesStreamEncoder(meta: SurfaceAnswerMeta): SurfaceStreamEncoder {
  let started = false;
  let nextIndex = 0;
  /** The text or thinking block open now, keyed by the AI SDK's part ID. */
  let current: { id: string; block: OpenBlock } | undefined;
  const tools = new Map<string, OpenBlock>();

  const start = (): SurfaceEvent[] => {
    if (started) return [];
    started = true;
    return [
      event('message_start', {
        message: {
          id: meta.id,
          type: 'message',
          role: 'assistant',
          model: meta.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 0, output_tokens: 0 },
        },
      }),
    ];
  };
  const closeCurrent = (): SurfaceEvent[] => {
    if (!current) return [];
    const { block } = current;
    current = undefined;
    const events: SurfaceEvent[] = [];
    if (block.kind === 'thinking') {
      events.push(
        event('content_block_delta', {
          index: block.index,
          delta: { type: 'signature_delta', signature: encodeReasoningSignature(block.metadata) },
        }),
      );
    }
    events.push(event('content_block_stop', { index: block.index }));
    return events;
  };
  const open = (id: string, kind: 'text' | 'thinking'): SurfaceEvent[] => {
    if (current?.id === id && current.block.kind === kind) return [];
    const events = closeCurrent();
    const block: OpenBlock = { index: nextIndex++, kind };
    current = { id, block };
    events.push(
      event('content_block_start', {
        index: block.index,
        content_block:
          kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' },
      }),
    );
    return events;
  };
  const openTool = (id: string, name: string): SurfaceEvent[] => {
    const events = closeCurrent();
    const block: OpenBlock = { index: nextIndex++, kind: 'tool_use' };
    tools.set(id, block);
    events.push(
      event('content_block_start', {
        index: block.index,
        content_block: { type: 'tool_use', id, name, input: {} },
      }),
    );
    return events;
  };
  const remember = (metadata: SharedV3ProviderMetadata | undefined) => {
    if (metadata && current) current.block.metadata = { ...current.block.metadata, ...metadata };
  };

  return {
    encode(part: LanguageModelV3StreamPart): SurfaceEvent[] {
      const events = start();
      switch (part.type) {
        case 'text-delta':
          if (!part.delta) break;
          events.push(...open(part.id, 'text'));
          events.push(
            event('content_block_delta', {
              index: current?.block.index,
              delta: { type: 'text_delta', text: part.delta },
            }),
          );
          break;
        case 'reasoning-start':
          events.push(...open(part.id, 'thinking'));
          remember(part.providerMetadata);
          break;
        case 'reasoning-delta':
          events.push(...open(part.id, 'thinking'));
          remember(part.providerMetadata);
          if (part.delta) {
            events.push(
              event('content_block_delta', {
                index: current?.block.index,
                delta: { type: 'thinking_delta', thinking: part.delta },
              }),
            );
          }
          break;
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
          events.push(...openTool(part.id, part.toolName));
          break;
        case 'tool-input-delta': {
          const block = tools.get(part.id);
          if (block && part.delta) {
            events.push(
              event('content_block_delta', {
                index: block.index,
                delta: { type: 'input_json_delta', partial_json: part.delta },
              }),
            );
          }
          break;
        }
        case 'tool-input-end': {
          const block = tools.get(part.id);
          if (block && !block.closed) {
            block.closed = true;
            events.push(event('content_block_stop', { index: block.index }));
          }
          break;
        }
        case 'tool-call':
          if (!tools.has(part.toolCallId) && !part.providerExecuted) {
            events.push(...openTool(part.toolCallId, part.toolName));
            const index = tools.get(part.toolCallId)?.index;
            events.push(
              event('content_block_delta', {
                index,
                delta: { type: 'input_json_delta', partial_json: part.input },
              }),
            );
            events.push(event('content_block_stop', { index }));
            const block = tools.get(part.toolCallId);
            if (block) block.closed = true;
          }
          break;
        case 'finish':
          events.push(...closeCurrent());
          for (const block of tools.values()) {
            if (!block.closed) events.push(event('content_block_stop', { index: block.index }));
            block.closed = true;
          }
          events.push(
            event('message_delta', {
              delta: { stop_reason: toStopReason(part.finishReason), stop_sequence: null },
              usage: toMessagesUsage(part.usage),
            }),
          );
          events.push(event('message_stop', {}));
          break;
        default:
          break;
      }
      return events;
    },
    fail: (error) => [
      event('error', { error: { type: anthropicErrorType(error.status), message: error.message } }),
    ],
  };
}
