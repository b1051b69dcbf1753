/**
 * The candidate a mistyped name most likely meant, for "did you mean" hints: the closest one by optimal string
 * alignment distance (Levenshtein plus swapped neighbours, so `hots` is one edit from `host` and `defualt`
 * one from `default`), if it is close enough to be a typo rather than another word (`maxEdits`, default 2;
 * model names take 1, since `gpt-4.1` is two edits from `gpt-4o` and another model). Case is ignored.
 */
export function suggestName(input: string, candidates: Iterable<string>, maxEdits = 2): string | undefined {
  const wanted = input.toLowerCase();
  // One edit per three characters, at least one: `hots` gets one, `defualt` (for `defaults`) two.
  const budget = Math.min(maxEdits, Math.max(1, Math.floor(wanted.length / 3)));
  let best: string | undefined;
  let bestDistance = budget + 1;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const distance = editDistance(wanted, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal string alignment distance, giving up (returning `limit`) once it cannot stay under it. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, beforePrevious[j - 2]! + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= limit) return limit;
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(previous[b.length]!, limit);
}
