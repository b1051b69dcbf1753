/**
 * OpenAI's tool definitions and `tool_choice`, checked as the API checks them, in both shapes: Chat
 * Completions nests a function (`{ type: "function", function: { name, parameters, strict } }`),
 * Responses flattens it (`{ type: "function", name, parameters, strict }`) and adds built-in tools.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools
 */
import type { MockTool, MockToolChoice } from './answer.js';
import { asArray, asRecord, asString, type JsonRecord } from './json-values.js';
import { refuse } from './request-error.js';
import { declaredType, findStrictSchemaProblem } from './tool-schemas.js';

/** Which API's shape the tools come in. */
export type OpenAiToolFormat = 'chat' | 'responses';

const NAME_PATTERN = /^[a-zA-Z0-9_-]+$/;
const NAME_MAX = 64;
/** Chat Completions' tool types; Responses adds its built-in tools, accepted and never called. */
const CHAT_TOOL_TYPES = ['function', 'custom'];

/** The function tools of `raw` (`body.tools`), refusing a malformed one as the API does. */
export function readOpenAiTools(raw: unknown, format: OpenAiToolFormat): MockTool[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) refuse("Invalid type for 'tools': expected an array.", { param: 'tools' });
  if (raw.length === 0 && format === 'chat')
    refuse(
      "Invalid 'tools': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      {
        code: 'empty_array',
        param: 'tools',
      },
    );
  const tools: MockTool[] = [];
  raw.forEach((value, i) => {
    const tool = asRecord(value);
    const type = asString(tool.type);
    if (type !== 'function') {
      if (format === 'chat' && !CHAT_TOOL_TYPES.includes(String(type)))
        refuse(`Invalid value: '${String(type)}'. Supported values are: 'function' and 'custom'.`, {
          code: 'invalid_value',
          param: `tools[${i}].type`,
        });
      if (type === undefined)
        refuse(`Missing required parameter: 'tools[${i}].type'.`, { param: `tools[${i}].type` });
      return;
    }
    const fn = format === 'chat' ? asRecord(tool.function) : tool;
    const at = format === 'chat' ? `tools[${i}].function` : `tools[${i}]`;
    if (format === 'chat' && tool.function === undefined)
      refuse(`Missing required parameter: '${at}'.`, { code: 'missing_required_parameter', param: at });
    tools.push({ name: checkName(fn.name, `${at}.name`), schema: checkParameters(fn, at) });
  });
  return tools;
}

function checkName(value: unknown, param: string): string {
  if (value === undefined)
    refuse(`Missing required parameter: '${param}'.`, { code: 'missing_required_parameter', param });
  if (typeof value !== 'string') refuse(`Invalid type for '${param}': expected a string.`, { param });
  if (value.length > NAME_MAX)
    refuse(
      `Invalid '${param}': string too long. Expected a string with maximum length ${NAME_MAX}, but got a string with length ${value.length} instead.`,
      { code: 'string_above_max_length', param },
    );
  if (!NAME_PATTERN.test(value))
    refuse(
      `Invalid '${param}': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
      { code: 'invalid_value', param },
    );
  return value;
}

/** The parameters schema: an object schema (absent means no parameters), closed when `strict`. */
function checkParameters(fn: JsonRecord, at: string): unknown {
  const name = String(fn.name);
  const schema = fn.parameters;
  if (schema === undefined || schema === null) return { type: 'object', properties: {} };
  const type = declaredType(schema);
  if (typeof schema !== 'object' || Array.isArray(schema) || type !== 'object')
    refuse(
      `Invalid schema for function '${name}': schema must be a JSON Schema of 'type: "object"', got 'type: "${type ?? 'None'}"'.`,
      { code: 'invalid_function_parameters', param: `${at}.parameters` },
    );
  if (fn.strict === true) {
    const problem = findStrictSchemaProblem(schema);
    if (problem)
      refuse(`Invalid schema for function '${name}': ${problem}`, {
        code: 'invalid_function_parameters',
        param: `${at}.parameters`,
      });
  }
  return schema;
}

/**
 * `tool_choice`: `auto`, `none`, `required`, a named function (Chat `{ type: "function", function:
 * { name } }`, Responses `{ type: "function", name }`), or `allowed_tools` with a mode. It needs tools.
 */
export function readOpenAiToolChoice(
  value: unknown,
  tools: readonly MockTool[],
  hasTools: boolean,
  format: OpenAiToolFormat,
): MockToolChoice {
  if (value === undefined || value === null) return 'auto';
  if (!hasTools && format === 'chat')
    refuse("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", {
      code: 'invalid_value',
      param: 'tool_choice',
    });
  if (value === 'auto' || value === 'none' || value === 'required') return value;
  if (typeof value === 'string')
    refuse(`Invalid value: '${value}'. Supported values are: 'none', 'auto', and 'required'.`, {
      code: 'invalid_value',
      param: 'tool_choice',
    });
  const choice = asRecord(value);
  if (choice.type === 'allowed_tools') {
    const mode = asRecord(format === 'chat' ? choice.allowed_tools : choice).mode;
    return mode === 'required' ? 'required' : 'auto';
  }
  if (choice.type !== 'function') return 'auto';
  const name = asString(format === 'chat' ? asRecord(choice.function).name : choice.name);
  if (!name || !tools.some((tool) => tool.name === name))
    refuse(`Invalid value for 'tool_choice': function '${name ?? ''}' is not one of the given 'tools'.`, {
      code: 'invalid_value',
      param: 'tool_choice',
    });
  return { name };
}

/** `parallel_tool_calls`, which Chat Completions takes only with tools. */
export function readParallelToolCalls(
  body: JsonRecord,
  hasTools: boolean,
  format: OpenAiToolFormat,
): boolean {
  const value = body.parallel_tool_calls;
  if (value === undefined || value === null) return true;
  if (!hasTools && format === 'chat')
    refuse(
      "Invalid value for 'parallel_tool_calls': 'parallel_tool_calls' is only allowed when 'tools' are specified.",
      { code: 'invalid_value', param: 'parallel_tool_calls' },
    );
  return value !== false;
}

/** Whether the request offers any tool at all. */
export function offersTools(body: JsonRecord): boolean {
  return asArray(body.tools).length > 0;
}
