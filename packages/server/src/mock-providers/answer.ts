/**
 * What the mock answers, whatever the wire format: a deterministic function of the request (see
 * README.md, "What the answer is"). Each format's module reads its request into an
 * {@link AnswerRequest} and renders the {@link Answer} in its own shape.
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

/** One tool result of the last turn: the id it answers (or the tool's name where there are no ids). */
export interface MockToolResult {
  id: string;
  text: string;
}

/** The parts of a request the answer depends on. */
export interface AnswerRequest {
  /** Text of the last user turn (tool results are not user text). */
  lastUserText: string;
  /** Media types of the images in the last user turn (`url` for one given by URL). */
  images?: readonly string[];
  /** The tool results the last turn carries, when it carries any. */
  toolResults?: readonly MockToolResult[];
  tools?: readonly MockTool[];
  /** Default `auto`. */
  toolChoice?: MockToolChoice;
  /** Whether several tools may be called at once. Default true. */
  parallelToolCalls?: boolean;
  /** A JSON Schema the answer must satisfy (`{}` for plain JSON mode), when structured output is asked. */
  schema?: unknown;
  /** The `off_schema` fault: answer a structured-output request with plain text anyway. */
  offSchema?: boolean;
  /** Reasoning the model does first: its text (where the format shows it) and tokens (default its words). */
  reasoning?: { text?: string; tokens?: number };
  /** The request's output limit in tokens, reasoning included. */
  maxOutputTokens?: number;
}

/** One tool call of an answer, with its arguments as an object and as the JSON text sent. */
export interface PlannedToolCall {
  name: string;
  input: unknown;
  arguments: string;
}

/** Why an answer ended: naturally, at the output limit, or to call tools. */
export type AnswerStop = 'stop' | 'length' | 'tool_calls';

/** An answer: text (JSON text for structured output) or tool calls, after optional reasoning. */
export interface Answer {
  /** `''` when the answer is only tool calls. */
  text: string;
  toolCalls: PlannedToolCall[];
  /** Reasoning text, when the request asked for reasoning the format shows. */
  reasoning: string | undefined;
  reasoningTokens: number;
  stop: AnswerStop;
  /** Every output token, reasoning included (what providers bill as output). */
  outputTokens: number;
}

/** Prefix of every plain-text answer: `Echo: <last user message>`. */
export const ECHO_PREFIX = 'Echo: ';

/** Prefix of the answer to a turn of tool results: `Tool results: <id>=<result>; ...`. */
export const TOOL_RESULTS_PREFIX = 'Tool results: ';

/** The word in the user's text that asks for one call per tool. */
const PARALLEL_WORD = /\bparallel\b/i;

/** Most tools called at once by a `parallel` request. */
export const MAX_PARALLEL_CALLS = 3;

/** The reasoning text of a request, for formats that show it: `Thinking about: <last user text>`. */
export function thoughtAbout(request: Pick<AnswerRequest, 'lastUserText' | 'toolResults'>): string {
  return request.toolResults?.length
    ? 'Thinking about the tool results'
    : `Thinking about: ${request.lastUserText}`.trimEnd();
}

/** The answer to a request (README.md, "What the answer is"). */
export function planAnswer(request: AnswerRequest): Answer {
  const reasoning = request.reasoning?.text;
  const limit = request.maxOutputTokens ?? Number.POSITIVE_INFINITY;
  const reasoningTokens = Math.min(
    limit,
    request.reasoning ? (request.reasoning.tokens ?? (reasoning ? countWords(reasoning) : 0)) : 0,
  );
  const tools = pickTools(request);
  if (tools.length > 0) {
    const toolCalls = tools.map((tool) => {
      const input = sampleJsonSchema(tool.schema ?? { type: 'object' });
      return { name: tool.name, input, arguments: JSON.stringify(input) };
    });
    const callTokens = toolCalls.reduce((sum, call) => sum + tokensOf(call.arguments), 0);
    return {
      text: '',
      toolCalls,
      reasoning,
      reasoningTokens,
      stop: 'tool_calls',
      outputTokens: reasoningTokens + callTokens,
    };
  }
  const full = textOf(request);
  const budget = limit - reasoningTokens;
  const cut = countWords(full) > budget;
  const text = cut ? firstWords(full, Math.max(0, budget)) : full;
  const textTokens = cut ? countWords(text) : tokensOf(text);
  return {
    text,
    toolCalls: [],
    reasoning,
    reasoningTokens,
    stop: cut ? 'length' : 'stop',
    outputTokens: reasoningTokens + textTokens,
  };
}

function textOf(request: AnswerRequest): string {
  if (request.toolResults?.length && !forcesCall(request.toolChoice)) {
    return (
      TOOL_RESULTS_PREFIX + request.toolResults.map((result) => `${result.id}=${result.text}`).join('; ')
    );
  }
  if (request.schema !== undefined && !request.offSchema)
    return JSON.stringify(sampleJsonSchema(request.schema));
  const images = request.images ?? [];
  const seen = images.length > 0 ? ` [Saw ${images.length} image(s) (${images.join(', ')})]` : '';
  return `${ECHO_PREFIX}${request.lastUserText}${seen}`;
}

function forcesCall(choice: MockToolChoice | undefined): boolean {
  return choice === 'required' || typeof choice === 'object';
}

/**
 * The tools the answer calls: none when tools are off or the last turn holds tool results (unless the
 * choice forces a call); the named one when forced; every tool (up to 3) when the user asks for
 * `parallel` calls and may have them; else the first.
 */
function pickTools(request: AnswerRequest): MockTool[] {
  const tools = request.tools ?? [];
  const choice = request.toolChoice ?? 'auto';
  if (tools.length === 0 || choice === 'none') return [];
  if (typeof choice === 'object') {
    const named = tools.find((tool) => tool.name === choice.name);
    return named ? [named] : [];
  }
  if (request.toolResults?.length && choice === 'auto') return [];
  const parallel = request.parallelToolCalls !== false && PARALLEL_WORD.test(request.lastUserText);
  return parallel ? tools.slice(0, MAX_PARALLEL_CALLS) : tools.slice(0, 1);
}

/** Output tokens of an answer's text: its words, at least one (no real answer is free). */
function tokensOf(text: string): number {
  return Math.max(1, countWords(text));
}

/** The first `count` words of `text`, with the spacing between them kept. */
function firstWords(text: string, count: number): string {
  if (count <= 0) return '';
  return (text.match(/\s*\S+/g) ?? []).slice(0, count).join('').trimStart();
}
