import { type Context, type Span, SpanKind, SpanStatusCode, TraceFlags, trace } from '@opentelemetry/api';
import type { TokenUsage } from '@switchboard/core';
import type { Tracing } from './create-tracing.js';
import { GEN_AI, type GenAiOperation, SWITCHBOARD } from './gen-ai-attributes.js';

/** What an attempt is made on: the provider, and the model when the call names one. */
export interface AttemptTarget {
  provider: string;
  /** `<provider>:<name>`, when known before the call (the proxy learns it from the body, later). */
  model?: string | undefined;
  /** The provider's own name of the model (`gen_ai.request.model`). */
  name?: string | undefined;
  operation: GenAiOperation;
  /** From 0: the resolved model, then each fallback. */
  index: number;
}

/** What a call came to, as the usage record says it. */
export interface CallSummary {
  task: string | null;
  model: string | null;
  provider: string;
  usage: TokenUsage | undefined;
  cost: number | null;
  /** `ok`, `error`, `aborted`. */
  status: string;
  errorCode?: string | undefined;
  source?: string | undefined;
  fallbackFrom?: string | undefined;
  finishReason?: string | undefined;
  /** The model name the provider says answered, when it says. */
  responseModel?: string | undefined;
}

function modelName(model: string): string {
  const colon = model.indexOf(':');
  return colon < 0 ? model : model.slice(colon + 1);
}

function setUsage(span: Span, usage: TokenUsage | undefined): void {
  if (!usage) return;
  span.setAttribute(GEN_AI.inputTokens, usage.inputTokens);
  span.setAttribute(GEN_AI.outputTokens, usage.outputTokens);
  if (usage.cacheReadTokens !== undefined)
    span.setAttribute(GEN_AI.cacheReadInputTokens, usage.cacheReadTokens);
  if (usage.cacheWriteTokens !== undefined) {
    span.setAttribute(GEN_AI.cacheCreationInputTokens, usage.cacheWriteTokens);
  }
  if (usage.reasoningTokens !== undefined)
    span.setAttribute(GEN_AI.reasoningOutputTokens, usage.reasoningTokens);
}

/** The attributes every span of a served call carries: who answered, for what, at what cost. */
function setCallAttributes(span: Span, call: CallSummary): void {
  span.setAttribute(GEN_AI.providerName, call.provider);
  if (call.task) span.setAttribute(SWITCHBOARD.task, call.task);
  if (call.source) span.setAttribute(SWITCHBOARD.source, call.source);
  if (call.fallbackFrom) span.setAttribute(SWITCHBOARD.fallbackFrom, call.fallbackFrom);
  if (call.model) {
    span.setAttribute(SWITCHBOARD.model, call.model);
    span.setAttribute(GEN_AI.requestModel, modelName(call.model));
  }
  if (call.status === 'ok' && (call.responseModel || call.model)) {
    span.setAttribute(GEN_AI.responseModel, call.responseModel ?? modelName(call.model ?? ''));
  }
  if (call.finishReason) span.setAttribute(GEN_AI.finishReasons, [call.finishReason]);
  if (call.cost !== null) span.setAttribute(SWITCHBOARD.costUsd, call.cost);
  setUsage(span, call.usage);
  if (call.status !== 'ok') {
    span.setAttribute('error.type', call.errorCode ?? call.status);
    span.setStatus({ code: SpanStatusCode.ERROR, message: call.errorCode ?? call.status });
  }
}

/** The client span of one upstream attempt, and the trace context that goes upstream with it. */
export interface AttemptSpan {
  span: Span;
  /** `traceparent` (and `tracestate`) naming this attempt as the upstream call's parent. */
  headers: Record<string, string>;
  /** Records the call's input on the span, only when `telemetry.capture_content` is on. */
  recordInput(input: { system?: string | undefined; messages?: unknown; prompt?: string | undefined }): void;
}

/**
 * The trace of one request: its server span, and a client span per upstream attempt as its children.
 * Exists only when tracing is on; everywhere else holds it as `request.trace?`, so with tracing off a
 * call costs one property read and a branch.
 */
export class RequestTrace {
  /** The trace's ID when it is sampled (exported); undefined otherwise. */
  readonly traceId: string | undefined;
  /** The attempt that has not ended yet: the one that answered, until the call is recorded. */
  private open: AttemptSpan | undefined;
  /** The operation of the latest attempt, for the server span. */
  private operation: GenAiOperation | undefined;
  /** Set when the response went out while an attempt was still open (the proxy records after its last byte). */
  private ended = false;

  constructor(
    private readonly tracing: Tracing,
    readonly span: Span,
    private readonly context: Context,
  ) {
    const { traceId, traceFlags } = span.spanContext();
    // An unsampled trace is never exported: a usage event must not point at a trace nobody can open.
    this.traceId = traceFlags & TraceFlags.SAMPLED ? traceId : undefined;
  }

  /** Starts the client span of an upstream attempt (attempts of one trace run one after another). */
  startAttempt(target: AttemptTarget): AttemptSpan {
    const name = target.name ?? (target.model ? modelName(target.model) : undefined);
    const span = this.tracing.tracer.startSpan(
      name ? `${target.operation} ${name}` : target.operation,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          [GEN_AI.operationName]: target.operation,
          [GEN_AI.providerName]: target.provider,
          [SWITCHBOARD.attempt]: target.index,
          ...(name ? { [GEN_AI.requestModel]: name } : {}),
          ...(target.model ? { [SWITCHBOARD.model]: target.model } : {}),
        },
      },
      this.context,
    );
    const headers: Record<string, string> = {};
    this.tracing.propagator.inject(trace.setSpan(this.context, span), headers, {
      set: (carrier, key, value) => {
        carrier[key] = value;
      },
    });
    const captureContent = this.tracing.captureContent;
    const attempt: AttemptSpan = {
      span,
      headers,
      recordInput(input) {
        if (!captureContent) return;
        if (input.system) span.setAttribute(GEN_AI.systemInstructions, input.system);
        const messages =
          input.messages ?? (input.prompt ? [{ role: 'user', content: input.prompt }] : undefined);
        if (messages) span.setAttribute(GEN_AI.inputMessages, JSON.stringify(messages));
      },
    };
    this.open = attempt;
    this.operation = target.operation;
    return attempt;
  }

  /** Ends an attempt that failed, with its error code; the call may go on to a fallback. */
  failAttempt(attempt: AttemptSpan, code: string, message: string): void {
    attempt.span.setAttribute('error.type', code);
    attempt.span.setStatus({ code: SpanStatusCode.ERROR, message });
    attempt.span.end();
    if (this.open === attempt) this.open = undefined;
  }

  /** Records the call on the server span, and ends the attempt that answered (or failed last) with it. */
  recordCall(call: CallSummary): void {
    if (this.operation) this.span.setAttribute(GEN_AI.operationName, this.operation);
    setCallAttributes(this.span, call);
    const attempt = this.open;
    if (!attempt) return;
    this.open = undefined;
    setCallAttributes(attempt.span, call);
    // A proxied call's model is read from its body as it goes by: only now is the span's name whole.
    if (call.model && this.operation) attempt.span.updateName(`${this.operation} ${modelName(call.model)}`);
    attempt.span.end();
    if (this.ended) this.span.end();
  }

  /**
   * Ends the server span with the response's status; when an attempt is still open (the proxy records its
   * call just after the last byte went out), it ends once that call is recorded, so it has its outcome.
   */
  end(statusCode: number): void {
    this.span.setAttribute('http.response.status_code', statusCode);
    if (statusCode >= 400) this.span.setStatus({ code: SpanStatusCode.ERROR });
    this.finish();
  }

  /**
   * A trace of its own under this request's span, for one conversation of a WebSocket: several run at once
   * on one socket, and each has its attempts. `finish()` ends it.
   */
  startChild(name: string, attributes: Record<string, string>): RequestTrace {
    const span = this.tracing.tracer.startSpan(name, { kind: SpanKind.INTERNAL, attributes }, this.context);
    return new RequestTrace(this.tracing, span, trace.setSpan(this.context, span));
  }

  /** Ends the span, or, while an attempt is open, once its call is recorded. */
  finish(): void {
    if (this.open) this.ended = true;
    else this.span.end();
  }

  /** Marks the request as refused by a limit (the limit's name, when it has one). */
  recordRefusal(code: string, limit: string | undefined): void {
    this.span.setAttribute('error.type', code);
    this.span.setAttribute(SWITCHBOARD.limit, limit ?? code);
  }
}
