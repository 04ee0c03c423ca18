/** Edit distance (insertions, deletions, substitutions), for did-you-mean hints. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The closest candidate when it is close enough to be a typo (or a suffix match), else undefined. */
export function closest(word: string, candidateList: Iterable<string>): string | undefined {
  const candidates = [...candidateList];
  const limit = Math.max(2, Math.floor(word.length / 4));
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: a candidate that far off can be no
    // hint, and skipping it keeps a 1 MB "rule id" from costing a 1 MB x 40 table per rule.
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // A bare rule name without its domain ("alg-none") is a clear intent too.
  const suffixMatch = candidates.find((c) => c.endsWith(`/${word}`));
  if (suffixMatch) return suffixMatch;
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

/** ` (did you mean "x"?)` or ''. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const hint = closest(word, candidates);
  return hint ? ` (did you mean "${hint}"?)` : '';
}
