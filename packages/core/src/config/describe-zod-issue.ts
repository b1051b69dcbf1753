import type { z } from 'zod';
import type { ConfigIssue } from '../errors/config-error.js';
import { formatConfigPath } from './format-config-path.js';
import { knownConfigKeys } from './known-config-keys.js';
import { suggestName } from './suggest-name.js';

type Path = Array<string | number>;

/** A config issue with the key it suggests instead, when it is an unknown key close to a known one. */
export interface DescribedIssue extends ConfigIssue {
  segments: Path;
  suggestion?: string;
}

/** One unknown key, with "did you mean" when a key of that mapping is one typo away. */
export function describeUnknownKey(
  parent: Path,
  key: string,
  candidates?: readonly string[],
): DescribedIssue {
  const at = [...parent, key];
  const known = candidates ?? knownConfigKeys(parent);
  const suggestion = suggestName(key, known);
  const expected = known.length
    ? `expected one of ${known.join(', ')}`
    : 'expected only the keys this section defines ("switchboard config schema" prints them)';
  return {
    path: formatConfigPath(at),
    segments: at,
    message: `unknown key "${key}": ${suggestion ? `did you mean "${suggestion}"? ` : ''}${expected}`,
    ...(suggestion ? { suggestion } : {}),
  };
}

/** Turns one zod issue into what a person needs: the path, what was wrong, what was expected. */
export function describeZodIssue(issue: z.core.$ZodIssue): DescribedIssue[] {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => describeUnknownKey(path, key));
  }
  if (issue.code === 'invalid_key') {
    // zod's own message is "Invalid key in record"; the key's schema holds the one that says what a key is.
    const reason = issue.issues.map((inner) => inner.message).join('; ');
    return [
      {
        path: formatConfigPath(path),
        segments: path,
        message: `invalid name "${String(path.at(-1))}": ${reason}`,
      },
    ];
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return [
      { path: formatConfigPath(path), segments: path, message: `required: expected ${issue.expected}` },
    ];
  }
  const message = issue.message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '');
  return [{ path: formatConfigPath(path), segments: path, message }];
}
