import { InvalidRequestError } from './invalid-request-error.js';

/**
 * The 400 for a field a surface cannot carry to the model: it names the field (a JSON path into the
 * request) and says why, so nothing a client sent is ever dropped silently.
 */
export function refuseField(field: string, why: string): InvalidRequestError {
  return new InvalidRequestError(`"${field}" ${why}`, { field });
}
