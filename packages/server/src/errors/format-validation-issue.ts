/** One validation failure as the error handler reports it under `details.issues`. */
export interface ValidationIssue {
  /** Where: `body.tasks.chat`, `querystring.task`; just `body` for the root. */
  path: string;
  message: string;
}

/** A zod issue as fastify-type-provider-zod hands it over (`params` holds the issue's other fields). */
export interface RawValidationIssue {
  instancePath: string;
  message?: string | undefined;
  keyword?: string | undefined;
  params?: Record<string, unknown> | undefined;
}

interface NestedIssue {
  path?: ReadonlyArray<PropertyKey>;
  message?: string;
  code?: string;
  errors?: unknown;
}

const GENERIC_PREFIX = /^Invalid input: /;

/** `a.b`, or the empty string at the root. */
function joinPath(segments: ReadonlyArray<PropertyKey>): string {
  return segments.map(String).filter(Boolean).join('.');
}

/**
 * A union that matched none of its alternatives says only "Invalid input"; this lists what each alternative
 * wanted instead, so `{ model_id: ... }` reads as "id missing, unrecognized key model_id, or provider and
 * model missing, ...".
 */
function describeUnion(branches: unknown): string | undefined {
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  const described = branches.map((branch) => {
    const issues = Array.isArray(branch) ? (branch as NestedIssue[]) : [];
    const parts = issues.map((issue) => {
      const nested = issue.code === 'invalid_union' ? describeUnion(issue.errors) : undefined;
      const message = (nested ?? issue.message ?? 'invalid').replace(GENERIC_PREFIX, '');
      const where = joinPath(issue.path ?? []);
      return where ? `${where}: ${message}` : message;
    });
    return `[${parts.join('; ')}]`;
  });
  return `matches none of the ${branches.length} accepted shapes: ${described.join(' or ')}`;
}

/** Turns one schema validation failure into a path the caller can find and a message that says what was wrong. */
export function formatValidationIssue(context: string, issue: RawValidationIssue): ValidationIssue {
  const where = joinPath(issue.instancePath.split('/'));
  const union = issue.keyword === 'invalid_union' ? describeUnion(issue.params?.errors) : undefined;
  return {
    path: where ? `${context}.${where}` : context,
    message: union ? `Invalid input: ${union}` : (issue.message ?? 'invalid'),
  };
}
