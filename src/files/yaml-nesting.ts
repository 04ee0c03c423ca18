// Checked before the yaml package sees untrusted text, by every reader of YAML (patterns in data
// files, cron schedules in workflows and CronJob manifests). The package composes collections by
// recursion and in super-linear time: 100,000 nested `{a: ` take 12 s, and a few thousand more
// overflow the stack. It catches the overflow, but what needs stack at that depth may not: on
// Node 20 a regex compiled there aborts the process ("RegExpCompiler Allocation failed"), as three
// files of `a: "x"a: "x"...` (24 KB each) did to scan. Block mappings nest as deep as flow ones, by
// indentation or by `a: b: c:` on one line. Real documents nest a few levels.
export const MAX_YAML_NESTING = 500;

/**
 * Flow brackets, plus on each line its indentation and its block indicators (`- `, `? `, `: `).
 * Quotes are not skipped and the `: ` of flow mappings count too (a bracket in a string would
 * otherwise hide what follows): over-counting only refuses odd files, such as a one-line mapping
 * of 500 members.
 */
export function yamlNesting(text: string): number {
  let depth = 0;
  let max = 0;
  let block = 0;
  let indenting = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      block = 0;
      indenting = true;
      continue;
    }
    if (c === 32 && indenting) block++;
    else {
      indenting = false;
      if (c === 91 || c === 123) depth++;
      else if ((c === 93 || c === 125) && depth > 0) depth--;
      else if (c === 45 || c === 63 || c === 58) {
        const next = text.charCodeAt(i + 1);
        if (next === 32 || next === 9 || next === 10 || next === 13 || Number.isNaN(next)) block++;
      }
    }
    if (depth + block > max) max = depth + block;
  }
  return max;
}
