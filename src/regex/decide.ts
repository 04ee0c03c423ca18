// The in-process decision for one pattern: the ambiguity analysis of the search automaton
// (src/regex/ambiguity/) proposes, measurement in a worker confirms. recheck is consulted only for
// what this cannot settle (a lookbehind that repeats, automata over the cap, an attack on an
// automaton with a back-reference copied that does not reproduce); the reason is returned as
// `fallback`.
import { type AmbiguityVerdict, analyzeAmbiguity, analyzeLaterAttempts } from './ambiguity/index.js';
import { type AttackShape, flatAttack, padRuns, shapeVariants } from './attack.js';
import { type Measurement, confirmAttack } from './confirm.js';
import { hintFor } from './hint.js';
import type { WorkerPool } from './pool.js';
import type { Complexity, PatternJob, Verdict } from './types.js';
import { confirmationMethods, iteratesEveryPosition } from './usage.js';

type Base = Pick<Verdict, 'pattern' | 'flags' | 'confirmed' | 'analyzerVersions'>;
type Vulnerable = Extract<AmbiguityVerdict, { status: 'exponential' | 'polynomial' }>;

interface Candidate {
  result: Vulnerable;
  /** The every-position model: the pattern without its ^-anchored alternatives, under g or split. */
  everyPosition: boolean;
}

export async function analyzeInProcess(
  job: PatternJob,
  pool: WorkerPool,
  options: { budgetMs: number; maxInput: number },
  base: Base,
): Promise<{ verdict: Verdict; fallback?: undefined } | { verdict?: undefined; fallback: string }> {
  const search = !job.flags.includes('y');
  const single = analyzeAmbiguity(job.pattern, job.flags, { search });
  const every = iteratesEveryPosition(job) ? analyzeLaterAttempts(job.pattern, job.flags, { search }) : null;

  for (const result of [single, every]) {
    if (result?.status === 'unsupported') return { fallback: result.reason };
  }
  const candidates: Candidate[] = [];
  if (single.status === 'exponential' || single.status === 'polynomial') candidates.push({ result: single, everyPosition: false });
  if (every && (every.status === 'exponential' || every.status === 'polynomial')) candidates.push({ result: every, everyPosition: true });
  if (candidates.length === 0) return { verdict: { ...base, status: 'safe', complexity: { type: 'safe' }, checker: 'ambiguity' } };

  let slowest: { candidate: Candidate; measurement: Measurement } | undefined;
  for (const candidate of candidates) {
    const methods = confirmationMethods(job, candidate.everyPosition);
    if (methods.length === 0) continue;
    const { result } = candidate;
    // A speculative attack (no failing suffix known) gets its candidates as they are; a real one
    // also other final and leading characters, which irregexp's quick checks can make matter.
    const shapes: AttackShape[] = [
      ...result.reducedMinimums.map((length) => padRuns(result.shape, length)),
      ...(result.failing ? shapeVariants(result.shape, candidate.everyPosition ? ['!', 'a', '0', '\u0000'] : []) : [result.shape]),
      ...result.alternatives.map((a) => a.shape),
    ];
    const outcome = await confirmAttack(pool, {
      pattern: job.pattern,
      flags: job.flags,
      methods,
      shapes,
      growth: result.status,
      ...(result.degree ? { degree: result.degree } : {}),
      budgetMs: options.budgetMs,
      maxInput: options.maxInput,
      totalLimitMs: result.failing ? Math.max(4_000, options.budgetMs * 40) : Math.max(1_000, options.budgetMs * 10),
      atLimitOnly: !result.failing,
      byGrowth: !result.approximations.includes('bounded-repeat'),
    });
    const m = outcome.measurement;
    if (outcome.confirmed && m) return { verdict: vulnerable(base, job, candidate, m, true) };
    if (m && (!slowest || m.ms > slowest.measurement.ms)) slowest = { candidate, measurement: m };
  }
  // Not reproduced in V8 within the input limit. A back-reference copied as its group can match
  // text the reference would not, so the copy's attack may miss one that works on the reference:
  // recheck's fuzzer looks for it. A lookaround assumed to hold only adds paths: whether the
  // attack's paths survive the real lookaround is exactly what the run tests, so measurement has
  // the last word, as it has on a lookaround's own cost that the enclosing pattern never lets
  // happen (it matches first).
  const widened = (c: Candidate) => c.result.failing && !c.result.lookaroundCost && c.result.approximations.includes('backreference');
  if (candidates.some(widened)) return { fallback: 'the attack on the automaton with a back-reference copied did not reproduce' };
  const lookaroundWidened = (c: Candidate) => c.result.approximations.includes('lookaround');
  // On the exact automaton, an attack on which every path fails is real ambiguity: it stays a
  // finding, unconfirmed. Where some path always matches, or a large bounded repeat was taken for
  // a loop (its real bound caps the work), measurement has the last word.
  const exact = candidates.find((c) => c.result.failing && !c.result.approximations.includes('bounded-repeat') && !lookaroundWidened(c));
  if (!exact) return { verdict: { ...base, status: 'safe', complexity: { type: 'safe' }, checker: 'measurement' } };
  const chosen = slowest?.candidate === exact ? slowest : { candidate: exact, measurement: undefined };
  return { verdict: vulnerable(base, job, chosen.candidate, chosen.measurement, false) };
}

function vulnerable(
  base: Base,
  job: PatternJob,
  candidate: Candidate,
  measurement: Measurement | undefined,
  confirmed: boolean,
): Verdict {
  const { result, everyPosition } = candidate;
  // The claim whose attack confirmed: the main witness, or one of the others measured with it.
  const claim = result.alternatives.find((a) => a.shape === measurement?.shape) ?? result;
  const { hotspot } = claim;
  const complexity: Complexity = claim.status === 'exponential' ? { type: 'exponential' } : { type: 'polynomial', degree: claim.degree ?? 2 };
  return {
    ...base,
    status: 'vulnerable',
    complexity,
    attack: flatAttack(measurement?.shape ?? claim.shape, measurement?.count ?? 31),
    ...(hotspot.length > 0 ? { hotspot } : {}),
    confirmed,
    ...(measurement ? { measuredMs: measurement.ms, inputLength: measurement.inputLength, method: measurement.method } : {}),
    ...(measurement?.projected ? { projected: measurement.projected } : {}),
    checker: 'ambiguity',
    hint: hintFor(job.pattern, complexity, hotspot.length > 0 ? hotspot : undefined, everyPosition),
  };
}
