import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { Admission } from '../limits/limit-service.js';
import type { ProviderKindModule } from '../providers/provider-kind.js';
import { BODY_COPY_BYTES, type BodyTap } from '../proxy/create-body-tap.js';
import { readTopLevelString } from '../proxy/read-top-level-string.js';
import { admitAttempt } from './admit-attempt.js';
import { readOutputBound } from './estimate-call.js';

/** What the proxy knows of a call before forwarding it. */
export interface ProxyCall {
  provider: string;
  kind: ProviderKindModule;
  /** The path below the provider's endpoint (where Google's kind finds the model). */
  relative: string;
  /** The request body's tap (or the body read whole), when there is a body. */
  body: Pick<BodyTap, 'waitForHead'> | undefined;
  /** `content-length`, when declared. */
  declaredBytes: number | undefined;
}

/** Whether the rules in force need the proxy to read the model from the body before forwarding. */
export function proxyNeedsModel(app: FastifyInstance, request: FastifyRequest, provider: string): boolean {
  const { matcher } = app.limits;
  if (matcher.rules.length === 0) return false;
  const { principal } = request;
  return matcher.dependsOnModel({
    user: principal.userId,
    task: null,
    provider,
    token: principal.tokenId ?? null,
  });
}

/**
 * The proxy's admission: one upstream call, through the same `admitAttempt` as every task call. With no
 * rules in force it costs one length check. The body is read ahead (up to its first megabyte, never
 * buffered whole) only when a rule depends on the model (it names one, or counts dollars, which need the
 * model's price); a model that cannot be found there is refused rather than let past such a rule.
 */
export async function admitProxyCall(
  app: FastifyInstance,
  request: FastifyRequest,
  call: ProxyCall,
): Promise<Admission> {
  const needsModel = proxyNeedsModel(app, request, call.provider);
  let model: string | undefined;
  let head: string | undefined;
  if (needsModel) {
    head = call.body
      ? await call.body.waitForHead((text) => readTopLevelString(text, 'model') !== undefined)
      : '';
    const bodyModel = readTopLevelString(head, 'model');
    model = call.kind.proxyModelName ? call.kind.proxyModelName(call.relative, bodyModel) : bodyModel;
    if (model === undefined && call.body) {
      throw new InvalidRequestError(
        `A limit on provider "${call.provider}" depends on the model, and no "model" was found in the first ${BODY_COPY_BYTES} bytes of the body: put "model" early in the JSON body.`,
      );
    }
  }
  let parsed: unknown;
  if (head) {
    try {
      parsed = JSON.parse(head);
    } catch {
      // A body larger than the head: no output bound read, so the model's own maximum counts.
    }
  }
  const id = model === undefined ? null : `${call.provider}:${model}`;
  const { principal } = request;
  const admitted = await admitAttempt(
    app,
    {
      userId: principal.userId,
      tokenId: principal.tokenId,
      task: null,
      estimate: {
        inputBytes: call.declaredBytes ?? Buffer.byteLength(head ?? ''),
        maxOutputTokens: readOutputBound(parsed),
      },
    },
    {
      provider: call.provider,
      model: id,
      info: id ? app.registryState.current.models.get(id) : undefined,
      // The caller's own key serves their proxied calls too: shared limits leave those out.
      runtime: { lease: app.providerKeys.userLease(call.provider, principal.userId) },
    },
  );
  return admitted.admission;
}
