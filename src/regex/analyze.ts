// The verdict for each unique (pattern, flags): safe-regex2 clears patterns with a bounded number
// of paths, the ambiguity analysis of the search automaton (decide.ts) decides nearly all the
// rest, recheck (fallback.ts) what that cannot model; measurement in worker threads confirms every
// attack. docs/regex-engine.md walks through the decision.
import { availableParallelism } from 'node:os';
import safeRegex from 'safe-regex2';
import type { EngineOptions, PatternJob, ResolvedOptions, Verdict } from './types.js';
import { hintFor } from './hint.js';
import { WorkerPool } from './pool.js';
import { attemptPathsBound, scanPattern } from './pattern.js';
import { packageVersion, recheckBackend, recheckInstalled, RECHECK_VERSION, startedBackend, stopRecheck } from './recheck.js';
import { analyzeInProcess } from './decide.js';
import { analyzeWithRecheck } from './fallback.js';

/**
 * Patterns whose attempts can take at most this many paths skip the analyser: at 50,000 start
 * positions that is a few million steps at worst, far below any sensible budget.
 */
const MAX_BOUNDED_PATHS = 64;

/** Bump when the decision logic changes: it is part of every verdict's cache key. */
export const ENGINE_VERSION = '9';

let versions: Record<string, string> | null = null;

/** What produced a verdict; a change in any of these invalidates cached verdicts. */
export function analyzerVersions(): Record<string, string> {
  versions ??= {
    engine: ENGINE_VERSION,
    recheck: packageVersion('recheck'),
    recheckBackend: recheckBackend(),
    'safe-regex2': packageVersion('safe-regex2'),
    refa: packageVersion('refa'),
    v8: process.versions.v8,
  };
  return { ...versions };
}

function resolveOptions(options: EngineOptions): ResolvedOptions {
  return {
    budgetMs: options.budgetMs > 0 ? options.budgetMs : 100,
    maxInput: options.maxInput > 0 ? options.maxInput : 50_000,
    analysisTimeoutMs: options.analysisTimeoutMs && options.analysisTimeoutMs > 0 ? options.analysisTimeoutMs : 10_000,
    concurrency: Math.max(1, options.concurrency ?? availableParallelism()),
  };
}

/**
 * Constructing a RegExp only parses it (irregexp compiles on first use), so checking it here, on
 * the main thread, is safe with any pattern; only runs need a worker.
 */
function compileError(pattern: string, flags: string): string | null {
  try {
    new RegExp(pattern, flags);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** safe-regex2's star-height verdict: false means nested quantifiers (or too many repeats). */
function safeStarHeight(pattern: string): boolean {
  try {
    return safeRegex(pattern);
  } catch {
    return false;
  }
}

async function analyzeOne(job: PatternJob, pool: WorkerPool, options: ResolvedOptions): Promise<Verdict> {
  const base: Pick<Verdict, 'pattern' | 'flags' | 'confirmed' | 'analyzerVersions' | 'fallback'> = { pattern: job.pattern, flags: job.flags, confirmed: false, analyzerVersions: analyzerVersions() };
  const invalid = compileError(job.pattern, job.flags);
  if (invalid) return { ...base, status: 'invalid', reason: invalid };
  const starHeightSafe = safeStarHeight(job.pattern);
  const structure = scanPattern(job.pattern, job.flags);
  // Star height 0 with few choice points: every attempt does a bounded amount of work (a pattern
  // without quantifiers reads at most its own length), so no input length makes it slow.
  if (starHeightSafe && attemptPathsBound(structure) <= MAX_BOUNDED_PATHS) {
    return { ...base, status: 'safe', complexity: { type: 'safe' }, checker: 'safe-regex2' };
  }
  // The ambiguity analysis of the search automaton decides nearly everything else in-process.
  const decided = await analyzeInProcess(job, pool, options, base);
  if (decided.verdict) return decided.verdict;
  base.fallback = decided.fallback;
  if (!recheckInstalled()) {
    return {
      ...base,
      status: 'incomplete',
      reason: `${decided.fallback}, so the pattern needs recheck, which is not installed (npm install --save-dev recheck@${RECHECK_VERSION})`,
      hint: hintFor(job.pattern, undefined, undefined, false),
    };
  }
  const verdict = await analyzeWithRecheck(job, pool, options, base, starHeightSafe, structure);
  verdict.analyzerVersions = { ...verdict.analyzerVersions, recheckBackend: startedBackend() };
  return verdict;
}

/**
 * Analyses and confirms every job; verdicts come back in job order. Patterns run only in worker
 * threads, each run under a hard limit; all workers and recheck's agent are stopped before the
 * promise settles.
 */
export async function analyzePatterns(
  jobs: PatternJob[],
  options: EngineOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<Verdict[]> {
  if (jobs.length === 0) return [];
  const resolved = resolveOptions(options);
  const pool = new WorkerPool(Math.min(resolved.concurrency, jobs.length));
  activePools.add(pool);
  const verdicts: Verdict[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  // One more lane than workers, so recheck's analysis of one pattern overlaps measurement of others.
  const lanes = Math.min(jobs.length, resolved.concurrency + 1);
  try {
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next < jobs.length) {
          const at = next++;
          const job = jobs[at]!;
          try {
            verdicts[at] = await analyzeOne(job, pool, resolved);
          } catch (error) {
            verdicts[at] = {
              pattern: job.pattern,
              flags: job.flags,
              status: 'incomplete',
              confirmed: false,
              reason: `internal error: ${(error as Error).message}`,
              analyzerVersions: analyzerVersions(),
            };
          }
          done += 1;
          onProgress?.(done, jobs.length);
        }
      }),
    );
  } finally {
    activePools.delete(pool);
    await pool.close();
    if (activePools.size === 0) await stopRecheck();
  }
  return verdicts;
}

const activePools = new Set<WorkerPool>();

/** For SIGINT handlers: stop every worker and recheck's agent now. */
export async function shutdownEngine(): Promise<void> {
  const pools = [...activePools];
  activePools.clear();
  await Promise.all(pools.map((pool) => pool.close()));
  await stopRecheck();
}
