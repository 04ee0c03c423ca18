// Fix advice for a vulnerable pattern, from the part that backtracks.
import type { Complexity } from './types.js';

export function hintFor(pattern: string, complexity: Complexity | undefined, hotspot: { start: number; end: number }[] | undefined, everyPosition: boolean): string {
  const parts = (hotspot ?? []).map(({ start, end }) => `\`${pattern.slice(start, end)}\``);
  const named = parts.length > 0 ? parts.slice(0, 3).join(' and ') : 'the quantified parts';
  if (everyPosition && /\\s[*+]\$|\\s[*+]\)?\$/.test(pattern)) {
    return 'Use String.prototype.trim() (or trimStart/trimEnd) instead of a regex: every attempt from a position inside a run of spaces rescans the rest of the run';
  }
  if (everyPosition) {
    return `Under the g flag (or split) an attempt starts at every position and ${named} rescans to the end each time: match the anchored cases with separate regexes or require a character the repetition cannot skip`;
  }
  if (complexity?.type === 'exponential') {
    return `${named} can split the same text in many ways inside an outer repetition: make the repeated parts match disjoint text (e.g. \`(?:\\w+\\s)*\\w+\` instead of \`(\\w+\\s?)*\`) or drop the nested quantifier`;
  }
  if (complexity?.type === 'polynomial') {
    return `${named} can match the same characters, so a failing input is rescanned from each split point: make adjacent repetitions mutually exclusive (e.g. \`[^-]+-\` instead of \`.+-\`), anchor the pattern, or cap the input length before matching`;
  }
  return 'Simplify the pattern so the analysis can finish, or cap the input length before matching';
}
