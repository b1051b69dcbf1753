import { type ApiErrorBody, SwitchboardError } from '@switchboard/core';
import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type ErrorCode, statusForCode } from './error-status.js';
import { formatValidationIssue } from './format-validation-issue.js';

/** Fastify's own errors for things the caller did, by Fastify code. */
const FASTIFY_CODES: Readonly<Record<string, { code: ErrorCode; message: string }>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed_json', message: 'The body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'malformed_json',
    message: 'The body is empty but content-type says JSON: send a JSON body, or no content-type',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'body_too_large',
    message: 'The body is larger than this server accepts',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'invalid_request',
    message: 'content-length does not match the body',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: 'This content-type is not accepted here: send application/json',
  },
};

/**
 * Turns any error into `{ error: { code, message, details } }` and its status; hides the internals of a 5xx.
 * An error that carries `headers` (a limit's `Retry-After` and `x-ratelimit-*`) answers them too.
 */
export function toErrorBody(
  error: unknown,
  requestId: string,
): { status: number; body: ApiErrorBody; headers?: Record<string, string> } {
  if (SwitchboardError.isInstance(error)) {
    const { headers } = error as { headers?: Record<string, string> };
    return {
      status: statusForCode(error.code),
      body: { error: error.toJSON() },
      ...(headers ? { headers } : {}),
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((issue) =>
      formatValidationIssue(error.validationContext ?? 'body', issue),
    );
    const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    return {
      status: 400,
      body: {
        error: { code: 'invalid_request', message: `Invalid request: ${summary}`, details: { issues } },
      },
    };
  }
  const fastifyError = error as FastifyError;
  const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (known) {
    return {
      status: statusForCode(known.code),
      body: { error: { code: known.code, message: `${known.message}.`, details: {} } },
    };
  }
  if (fastifyError.statusCode === 429) {
    return {
      status: 429,
      body: { error: { code: 'rate_limited', message: fastifyError.message, details: {} } },
    };
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return {
      status: fastifyError.statusCode,
      body: { error: { code: 'invalid_request', message: fastifyError.message, details: {} } },
    };
  }
  return {
    status: 500,
    body: {
      error: {
        code: 'internal',
        message: `Internal error. It was logged with request ID ${requestId}; please report it.`,
        details: { request_id: requestId },
      },
    },
  };
}
