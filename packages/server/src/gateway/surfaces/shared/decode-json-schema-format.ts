import type { JSONSchema7 } from '@ai-sdk/provider';
import { refuseField } from '../../../errors/refuse-field.js';
import type { SurfaceCallOptions } from '../surface-call.js';

/**
 * OpenAI's structured-output request (`response_format` on Chat Completions, `text.format` on Responses)
 * as the AI SDK's `responseFormat`: `json_schema` with its schema, `json_object` as JSON with no schema
 * (each kind then asks its provider for JSON its own way), `text` as the default.
 * @see https://platform.openai.com/docs/guides/structured-outputs
 */
export function decodeJsonFormat(
  format: { type?: unknown; name?: unknown; schema?: unknown; description?: unknown } | null | undefined,
  field: string,
): SurfaceCallOptions['responseFormat'] {
  if (format === null || format === undefined || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { type: 'json' };
  if (format.type === 'json_schema') {
    if (typeof format.schema !== 'object' || format.schema === null) {
      throw refuseField(`${field}.schema`, 'must be a JSON Schema object.');
    }
    return {
      type: 'json',
      schema: format.schema as JSONSchema7,
      ...(typeof format.name === 'string' ? { name: format.name } : {}),
      ...(typeof format.description === 'string' ? { description: format.description } : {}),
    };
  }
  throw refuseField(
    `${field}.type`,
    `${JSON.stringify(format.type)} is not text, json_object or json_schema.`,
  );
}
