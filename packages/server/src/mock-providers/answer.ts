/**
 * What the mock answers, whatever the wire format: a deterministic function of the request. Each
 * format's module reads its request into an {@link AnswerRequest} and renders the {@link Answer}.
 */
import { sampleJsonSchema } from './json-schema-sample.js';
import { countWords } from './tokens.js';

/** A function tool a request offers, in any format: its name and its parameters' JSON Schema. */
export interface MockTool {
  name: string;
  schema: unknown;
}

/** How a request lets the model use its tools, normalised across formats. */
export type MockToolChoice = 'auto' | 'none' | 'required' | { name: string };

/** The parts of a request the answer depends on. */
export interface AnswerRequest {
  /** Text of the last user message (tool results are not user text). */
  lastUserText: string;
  /** A JSON Schema the answer must satisfy (`{}` for plain JSON mode), when structured output is asked. */
  schema?: unknown;
  /** The tool to call, as chosen by {@link pickTool}. */
  tool?: MockTool;
  /** The `off_schema` fault: answer a structured-output request with plain text anyway. */
  offSchema?: boolean;
}

/** A text answer (also structured output: JSON as text), or one tool call. */
export type Answer =
  | { type: 'text'; text: string; outputTokens: number }
  | { type: 'tool'; name: string; input: unknown; arguments: string; outputTokens: number };

/** Prefix of every plain-text answer: `Echo: <last user message>`. */
export const ECHO_PREFIX = 'Echo: ';

/** The answer to a request: a tool call if a tool was picked, JSON if a schema was given, else an echo. */
export function planAnswer(request: AnswerRequest): Answer {
  if (request.tool) {
    const input = sampleJsonSchema(request.tool.schema ?? { type: 'object' });
    const args = JSON.stringify(input);
    return { type: 'tool', name: request.tool.name, input, arguments: args, outputTokens: tokensOf(args) };
  }
  const text =
    request.schema !== undefined && !request.offSchema
      ? JSON.stringify(sampleJsonSchema(request.schema))
      : `${ECHO_PREFIX}${request.lastUserText}`;
  return { type: 'text', text, outputTokens: tokensOf(text) };
}

/** Output tokens of an answer's text: its words, at least one (no real answer is free). */
function tokensOf(text: string): number {
  return Math.max(1, countWords(text));
}

/**
 * The tool a request makes the model call: the named one when forced, else the first tool, unless tools
 * are off or the conversation ends with a tool result (then the model answers in text, so an AI SDK
 * multi-step loop ends after one round trip).
 */
export function pickTool(
  tools: readonly MockTool[],
  choice: MockToolChoice,
  endsWithToolResult: boolean,
): MockTool | undefined {
  if (tools.length === 0 || choice === 'none') return undefined;
  if (typeof choice === 'object') return tools.find((tool) => tool.name === choice.name) ?? tools[0];
  if (endsWithToolResult && choice === 'auto') return undefined;
  return tools[0];
}
