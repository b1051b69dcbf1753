import { PROVIDER_KIND_NAMES } from '../provider-kinds.js';
import { configSchema, MODELS_RESERVED_KEYS, type SwitchboardConfig } from './config-schema.js';
import { type DescribedIssue, describeUnknownKey, describeZodIssue } from './describe-zod-issue.js';
import { suggestName } from './suggest-name.js';

type Path = Array<string | number>;

/** Enough rounds for any real file; each round removes at least one bad node, so this only bounds a bug. */
const MAX_ROUNDS = 50;

export interface ShapeValidation {
  issues: DescribedIssue[];
  /** The file minus every part that failed, parsed; `undefined` when nothing usable is left to check further. */
  config: SwitchboardConfig | undefined;
}

function isPlain(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function removeIn(root: unknown, path: Path): void {
  let current = root;
  for (const key of path.slice(0, -1)) {
    if (typeof current !== 'object' || current === null) return;
    current = (current as Record<string | number, unknown>)[key];
  }
  if (typeof current !== 'object' || current === null) return;
  const last = path.at(-1)!;
  delete (current as Record<string | number, unknown>)[last];
}

function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((key, index) => path[index] === key);
}

/**
 * Checks the file against the schema and reports every problem in one pass. zod stops looking below a node
 * that failed, and a file that fails the schema cannot have its references checked, so a user would fix
 * problems in rounds; instead each bad node is removed and the rest parsed again, until what is left passes.
 * Problems under a node already reported are consequences of it and are not repeated. `preReported` are
 * problems the caller found first (v1 keys in a v2 file); their nodes are removed the same way.
 */
export function validateConfigShape(
  raw: Record<string, unknown>,
  preReported: DescribedIssue[] = [],
): ShapeValidation {
  const current = structuredClone(raw);
  const issues: DescribedIssue[] = [...preReported];
  const removed: Path[] = [];
  const remove = (path: Path) => {
    removeIn(current, path);
    removed.push(path);
  };
  for (const issue of preReported) remove(issue.segments);

  // A section under `models:` that is not a provider but a typo of `defaults` (say `defualt`) would otherwise
  // be read as a provider named "defualt" and blamed for its contents.
  const models = current.models;
  if (isPlain(models)) {
    for (const [name, section] of Object.entries(models)) {
      if ((MODELS_RESERVED_KEYS as readonly string[]).includes(name)) continue;
      if ((PROVIDER_KIND_NAMES as readonly string[]).includes(name)) continue;
      if (isPlain(section) && 'kind' in section) continue;
      if (!suggestName(name, MODELS_RESERVED_KEYS)) continue;
      const described = describeUnknownKey(['models'], name, [...MODELS_RESERVED_KEYS, '<provider name>']);
      issues.push(described);
      remove(described.segments);
    }
  }

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = configSchema.safeParse(current);
    if (result.success) return { issues: dropAnsweredRequirements(issues), config: result.data };
    for (const zodIssue of result.error.issues) {
      for (const described of describeZodIssue(zodIssue)) {
        if (!removed.some((prefix) => startsWith(described.segments, prefix))) issues.push(described);
      }
      const path = zodIssue.path.filter((key): key is string | number => typeof key !== 'symbol');
      const missing = zodIssue.code === 'invalid_type' && zodIssue.input === undefined;
      const targets: Path[] =
        zodIssue.code === 'unrecognized_keys'
          ? zodIssue.keys.map((key) => [...path, key])
          : // A missing key cannot be removed: remove the mapping that lacks it.
            [missing ? path.slice(0, -1) : path];
      for (let target of targets) {
        // An array with a bad element goes whole: removing one element would shift the paths of the rest.
        const firstIndex = target.findIndex((key) => typeof key === 'number');
        if (firstIndex >= 0) target = target.slice(0, firstIndex);
        // Removed before and still failing: the problem is the mapping around it.
        while (
          target.length &&
          removed.some((done) => done.length === target.length && startsWith(target, done))
        ) {
          target = target.slice(0, -1);
        }
        if (target.length === 0) return { issues: dropAnsweredRequirements(issues), config: undefined };
        remove(target);
      }
    }
  }
  return { issues: dropAnsweredRequirements(issues), config: undefined };
}

/** `modles:` is reported as "did you mean models"; saying "models: required" as well would only repeat it. */
function dropAnsweredRequirements(issues: DescribedIssue[]): DescribedIssue[] {
  return issues.filter((issue) => {
    if (!issue.message.startsWith('required:')) return true;
    const parent = issue.segments.slice(0, -1);
    const key = issue.segments.at(-1);
    return !issues.some(
      (other) =>
        other.suggestion === key &&
        other.segments.length === issue.segments.length &&
        startsWith(other.segments, parent),
    );
  });
}
