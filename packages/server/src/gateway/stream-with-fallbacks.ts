import { toErrorBody } from '../errors/to-error-body.js';
import { modelHeaders } from '../http/model-headers.js';
import type { StreamSink } from '../http/stream-sink.js';
import { redactError } from '../security/redact-error.js';
import type { CallTarget } from './call-target.js';
import { type CallOutcome, callWithFallbacks } from './call-with-fallbacks.js';
import { mapCallError } from './map-call-error.js';
import type { OpenedStream, StreamOpener } from './opened-stream.js';
import { recordFailedUsage, recordUsage } from './record-usage.js';
import { selectCapableCandidates } from './select-capable-candidates.js';
import { limitedCallerOf, NO_USAGE, servedResolution, type TaskCallContext } from './task-call-context.js';

/**
 * Streams an answer to a sink. The task is resolved for the caller and the stream opened, and read up to
 * its first content, before anything is sent: until then a failing model can still give way to a fallback,
 * and a failure of every model is thrown, so it can be answered as a plain error. Then the headers go out
 * and the content is relayed as it arrives; usage and cost come in the final event, an error after the
 * start as an error event. Every call records one usage event: ok, error, or aborted when the client went
 * away (which aborts the upstream call through the sink's signal).
 */
export async function streamWithFallbacks(
  context: TaskCallContext,
  sink: StreamSink,
  open: StreamOpener,
): Promise<void> {
  const { app, request } = context;
  const requestId = context.requestId ?? request.id;
  const startedAt = Date.now();
  const userId = request.principal.userId;
  const trace = context.trace ?? request.trace;
  const resolution = selectCapableCandidates(
    app.registryState.current,
    await app.resolver.resolve(context.task, { userId, override: context.override }),
    context.needs,
  );
  const base = {
    requestId,
    userId,
    task: context.task,
    endpoint: context.endpoint,
    startedAt,
    trace: trace,
    source: resolution.source,
  };
  const started = performance.now();
  let upstreamMs = 0;
  const timedOpen = async (target: CallTarget) => {
    const callStarted = performance.now();
    try {
      return await open(target, sink.signal);
    } finally {
      upstreamMs += performance.now() - callStarted;
    }
  };
  let served: CallOutcome<OpenedStream>;
  try {
    // Fallbacks only while nothing has been sent, which `open` guarantees by reading ahead to the first content.
    served = await callWithFallbacks(
      app,
      resolution,
      limitedCallerOf(context),
      timedOpen,
      () => !sink.signal.aborted,
      trace,
    );
  } catch (error) {
    recordFailedUsage(app, base, resolution.model, error, sink.signal.aborted ? 'aborted' : 'error');
    throw error;
  }

  const { target, value: opened, admission } = served;
  const source = servedResolution(resolution, served.limitFallback);
  // `open` reads ahead to the first content, so this is when the first token is ready to go out.
  const firstTokenMs = performance.now() - started;
  const overheadMs = Math.max(0, firstTokenMs - upstreamMs);
  sink.start({
    ...opened.headers,
    ...modelHeaders({
      model: target.model,
      source: source.source,
      overheadMs,
      fallbackFrom: served.fallback?.from,
      skipped: resolution.skipped.map((entry) => entry.model),
    }),
  });
  const end = await opened.relay(sink);
  const recordAs = {
    ...base,
    model: target.model,
    provider: target.provider,
    keyLabel: target.runtime.lease?.label,
    admission,
    fallbackFrom: served.fallback?.from,
    firstTokenMs,
    overheadMs,
  };
  if (!sink.open) {
    recordUsage(app, { ...recordAs, usage: undefined, status: 'aborted' });
    sink.end();
    return;
  }
  if (!end.ok) {
    const mapped = redactError(mapCallError(end.error, target.provider, target.kind), app.keyRedactor);
    recordUsage(app, { ...recordAs, usage: undefined, status: 'error', errorCode: mapped.code });
    opened.error(sink, toErrorBody(mapped, requestId).body);
    sink.end();
    return;
  }
  // Unreported usage is recorded as unknown (cost null), never as a free call.
  const cost = recordUsage(app, {
    ...recordAs,
    usage: end.usage,
    status: 'ok',
    finishReason: end.finishReason,
  });
  opened.done(sink, {
    value: end.text,
    resolution: source,
    target,
    usage: end.usage ?? NO_USAGE,
    cost,
    fallback: served.fallback,
    overheadMs,
    finishReason: end.finishReason,
    ...(end.object === undefined ? {} : { object: end.object }),
  });
  sink.end();
}
