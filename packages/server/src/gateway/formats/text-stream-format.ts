import type { ApiErrorBody } from '@switchboard/core';
import type { StreamSink } from '../../http/stream-sink.js';
import type { CallTarget } from '../call-target.js';
import type { StreamServed } from '../opened-stream.js';

/**
 * How a surface frames a streamed text answer: Switchboard's own events (`delta`/`done`), OpenAI's chunks,
 * or WebSocket frames. Every format lives in this folder; the gateway hands it each token as it arrives.
 */
export interface TextStreamFormat {
  delta(sink: StreamSink, text: string, target: CallTarget): void;
  done(sink: StreamSink, served: StreamServed): void;
  error(sink: StreamSink, body: ApiErrorBody): void;
}
