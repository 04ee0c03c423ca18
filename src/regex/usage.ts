// How the scanned code runs a regex decides what confirmation must measure: one search, or a
// search restarted after every match (the g flag, split).
import type { PatternJob, RegexUsage } from './types.js';

const SINGLE_SEARCH: ReadonlySet<RegexUsage> = new Set(['test', 'search']);

/** Does the code run this regex from every position of the input (g iteration, or split)? */
export function iteratesEveryPosition(job: PatternJob): boolean {
  const usages = job.usages.length > 0 ? job.usages : (['unknown'] as RegexUsage[]);
  const global = job.flags.includes('g');
  return usages.some((u) => u === 'split' || u === 'replaceAll' || u === 'matchAll' || (global && !SINGLE_SEARCH.has(u)));
}

/**
 * One method per behaviour class the code uses, so confirmation covers single searches and
 * every-position iteration without repeating equivalent runs.
 */
export function confirmationMethods(job: PatternJob, everyPositionOnly: boolean): RegexUsage[] {
  const usages = job.usages.length > 0 ? [...new Set(job.usages)] : (['unknown'] as RegexUsage[]);
  const global = job.flags.includes('g');
  const classOf = (u: RegexUsage): string => {
    if (u === 'split') return 'split';
    if (u === 'replaceAll' || u === 'matchAll') return 'global';
    if (global && !SINGLE_SEARCH.has(u)) return 'global';
    return 'single';
  };
  const chosen = new Map<string, RegexUsage>();
  for (const usage of usages) {
    const cls = classOf(usage);
    if (everyPositionOnly && cls === 'single') continue;
    if (!chosen.has(cls)) chosen.set(cls, usage === 'unknown' ? (cls === 'global' ? 'replace' : 'exec') : usage);
  }
  return [...chosen.values()];
}
