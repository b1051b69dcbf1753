import { refuseField } from '../../../errors/refuse-field.js';

/**
 * A tool call's `arguments` (JSON text, as OpenAI's formats carry them) as the value the AI SDK's prompt
 * takes. An empty string is `{}` (some models call parameterless tools that way); anything else that is not
 * JSON is refused by name, since no provider could be sent it faithfully.
 */
export function parseToolArguments(text: string, field: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw refuseField(field, "is not valid JSON: send the tool call's arguments as the model produced them.");
  }
}
