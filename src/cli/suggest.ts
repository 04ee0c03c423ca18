/** Edit distance, for did-you-mean hints on names the user typed (rule ids, config keys). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The closest known names to what was typed, close enough to be a typo; nearest first. */
export function closestNames(typed: string, known: Iterable<string>, max = 3): string[] {
  const limit = Math.max(2, Math.floor(typed.length / 3));
  return [...known]
    .map((name) => ({ name, d: distance(typed.toLowerCase(), name.toLowerCase()) }))
    .filter((c) => c.d <= limit)
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((c) => c.name);
}

/** " (did you mean 'x' or 'y'?)" or ''. */
export function didYouMean(typed: string, known: Iterable<string>): string {
  const names = closestNames(typed, known);
  if (names.length === 0) return '';
  return ` (did you mean ${names.map((n) => `'${n}'`).join(' or ')}?)`;
}
