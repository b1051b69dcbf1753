import { ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { resolveTracesUrl, type Tracing } from './create-tracing.js';
import { RequestTrace } from './request-trace.js';

function createTestTrace(captureContent = false, sampled = true) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
    ...(sampled ? {} : { sampler: new AlwaysOffSampler() }),
  });
  const tracing: Tracing = {
    tracer: provider.getTracer('test'),
    propagator: new W3CTraceContextPropagator(),
    root: ROOT_CONTEXT,
    captureContent,
    tracesUrl: 'http://collector/v1/traces',
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
  const span = tracing.tracer.startSpan('POST /v1/ai/chat/completion', { kind: SpanKind.SERVER });
  return { exporter, requestTrace: new RequestTrace(tracing, span, trace.setSpan(ROOT_CONTEXT, span)) };
}

describe('RequestTrace', () => {
  it('puts cache and reasoning tokens, cost and finish reason on the attempt and the server span', () => {
    const { exporter, requestTrace } = createTestTrace();
    requestTrace.startAttempt({
      provider: 'anthropic',
      model: 'anthropic:claude-x',
      operation: 'chat',
      index: 0,
    });
    requestTrace.recordCall({
      task: 'chat',
      model: 'anthropic:claude-x',
      provider: 'anthropic',
      usage: {
        inputTokens: 100,
        outputTokens: 40,
        cacheReadTokens: 60,
        cacheWriteTokens: 10,
        reasoningTokens: 25,
      },
      cost: 0.0012,
      status: 'ok',
      source: 'preference',
      finishReason: 'length',
    });
    requestTrace.end(200);
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual(['chat claude-x', 'POST /v1/ai/chat/completion']);
    for (const span of spans) {
      expect(span.attributes).toMatchObject({
        'gen_ai.usage.input_tokens': 100,
        'gen_ai.usage.output_tokens': 40,
        'gen_ai.usage.cache_read.input_tokens': 60,
        'gen_ai.usage.cache_creation.input_tokens': 10,
        'gen_ai.usage.reasoning.output_tokens': 25,
        'gen_ai.response.finish_reasons': ['length'],
        'switchboard.cost_usd': 0.0012,
        'switchboard.source': 'preference',
      });
    }
    expect(spans[0]?.parentSpanContext?.spanId).toBe(spans[1]?.spanContext().spanId);
  });

  it('keeps the server span open until the call of a still-open attempt is recorded', () => {
    const { exporter, requestTrace } = createTestTrace();
    requestTrace.startAttempt({ provider: 'openai', operation: 'chat', index: 0 });
    requestTrace.end(200);
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    requestTrace.recordCall({
      task: null,
      model: 'openai:gpt-4o',
      provider: 'openai',
      usage: undefined,
      cost: null,
      status: 'aborted',
    });
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual(['chat gpt-4o', 'POST /v1/ai/chat/completion']);
    expect(spans[1]?.attributes).toMatchObject({ 'error.type': 'aborted', 'http.response.status_code': 200 });
    expect(spans[1]?.attributes).not.toHaveProperty('switchboard.cost_usd');
  });

  it('records message contents only when capture_content is on', () => {
    for (const capture of [false, true]) {
      const { exporter, requestTrace } = createTestTrace(capture);
      const attempt = requestTrace.startAttempt({
        provider: 'openai',
        model: 'openai:gpt-4o',
        operation: 'chat',
        index: 0,
      });
      attempt.recordInput({ system: 'be brief', prompt: 'a private question' });
      requestTrace.failAttempt(attempt, 'upstream_error', 'HTTP 500');
      const [span] = exporter.getFinishedSpans();
      if (capture) {
        expect(span?.attributes['gen_ai.system_instructions']).toBe('be brief');
        expect(JSON.parse(String(span?.attributes['gen_ai.input.messages']))).toEqual([
          { role: 'user', content: 'a private question' },
        ]);
      } else {
        expect(JSON.stringify(span?.attributes)).not.toContain('private');
      }
    }
  });
});

describe('an unsampled request', () => {
  it('has no trace ID to record, exports nothing, and still passes an unsampled traceparent upstream', () => {
    const { exporter, requestTrace } = createTestTrace(false, false);
    expect(requestTrace.traceId).toBeUndefined();
    const attempt = requestTrace.startAttempt({ provider: 'openai', operation: 'chat', index: 0 });
    expect(attempt.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    requestTrace.end(200);
    expect(exporter.getFinishedSpans()).toHaveLength(0);
  });
});

describe('resolveTracesUrl', () => {
  it('is off with nothing set, takes telemetry.otlp over the environment, and a traces URL as it is', () => {
    expect(resolveTracesUrl({ config: undefined, serviceVersion: '0' })).toBeUndefined();
    expect(resolveTracesUrl({ config: {}, envEndpoint: 'http://env:4318/', serviceVersion: '0' })).toBe(
      'http://env:4318/v1/traces',
    );
    expect(
      resolveTracesUrl({
        config: { otlp: 'http://conf:4318' },
        envEndpoint: 'http://env:4318',
        serviceVersion: '0',
      }),
    ).toBe('http://conf:4318/v1/traces');
    expect(
      resolveTracesUrl({
        config: undefined,
        envEndpoint: 'http://env:4318',
        envTracesEndpoint: 'http://traces:9999/custom',
        serviceVersion: '0',
      }),
    ).toBe('http://traces:9999/custom');
  });
});
