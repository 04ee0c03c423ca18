// The fallback for what the in-process analysis cannot settle (a lookbehind that repeats, automata
// over the size cap, an attack on a widened automaton that does not reproduce): recheck's
// automaton and fuzz checkers propose, measurement in the worker pool confirms. Only reached when
// recheck, an optional peer dependency, is installed.
import type { Diagnostics } from 'recheck';
import { type AttackShape, flatAttack, padRuns, shapeVariants } from './attack.js';
import { confirmAttack, type ConfirmResult } from './confirm.js';
import { hintFor } from './hint.js';
import { automatonVariant, mapRanges, type scanPattern, unanchoredAlternatives } from './pattern.js';
import type { WorkerPool } from './pool.js';
import { type Analysis, recheckFlags, runRecheck } from './recheck.js';
import type { Complexity, PatternJob, ResolvedOptions, Verdict } from './types.js';
import { confirmationMethods, iteratesEveryPosition } from './usage.js';

function shapeFrom(diagnostics: Diagnostics, origin: string): AttackShape | null {
  if (diagnostics.status !== 'vulnerable') return null;
  const { pumps, suffix } = diagnostics.attack;
  if (pumps.length === 0) return null;
  return { pumps: pumps.map(({ prefix, pump }) => ({ prefix, pump })), suffix, origin };
}

function complexityOf(diagnostics: Diagnostics): Complexity | undefined {
  if (diagnostics.status === 'safe') return { type: 'safe' };
  if (diagnostics.status !== 'vulnerable') return undefined;
  return diagnostics.complexity.type === 'exponential'
    ? { type: 'exponential' }
    : { type: 'polynomial', degree: diagnostics.complexity.degree };
}

function describeUnknown(diagnostics: Diagnostics, timeoutMs: number): string {
  if (diagnostics.status !== 'unknown') return '';
  const error = diagnostics.error;
  switch (error.kind) {
    case 'timeout':
      return `the analysis did not finish within ${timeoutMs} ms`;
    case 'cancel':
      return 'the analysis was cancelled';
    default:
      return `the analyser reported ${error.kind}: ${error.message.split('\n')[0]}`;
  }
}

function hotspotOf(analysis: Analysis): { start: number; end: number }[] | undefined {
  if (analysis.diagnostics.status !== 'vulnerable') return undefined;
  // recheck marks the parts that take most of the backtracking as 'heat'; the rest only join in.
  const heat = analysis.diagnostics.hotspot.filter((h) => h.temperature === 'heat');
  const ranges = (heat.length > 0 ? heat : analysis.diagnostics.hotspot).map(({ start, end }) => ({ start, end }));
  if (ranges.length === 0) return undefined;
  return analysis.derived ? mapRanges(analysis.derived, ranges) : ranges;
}

/** No lookaround contains a repetition: each evaluation reads a bounded number of characters. */
function lookaroundsAreLoopFree(structure: ReturnType<typeof scanPattern>): boolean {
  const lookarounds = structure.groups.filter((g) => g.kind === 'lookahead' || g.kind === 'lookbehind');
  return lookarounds.every((g) => !structure.quantifiers.some((q) => q.start > g.start && q.start < g.end && q.max > 16));
}

/** The fallback: recheck's automaton and fuzz checkers propose, measurement confirms. */
export async function analyzeWithRecheck(
  job: PatternJob,
  pool: WorkerPool,
  options: ResolvedOptions,
  base: Pick<Verdict, 'pattern' | 'flags' | 'confirmed' | 'analyzerVersions' | 'fallback'>,
  starHeightSafe: boolean,
  structure: ReturnType<typeof scanPattern>,
): Promise<Verdict> {

  const flags = recheckFlags(job.flags);
  const timeout = options.analysisTimeoutMs;
  const analyses: Analysis[] = [];
  // Measurement: every analysis that proposes an attack gets a chance to confirm it for real.
  const confirmations: { analysis: Analysis; result: ConfirmResult }[] = [];
  const confirmOne = async (analysis: Analysis): Promise<void> => {
    const shape = shapeFrom(analysis.diagnostics, analysis.role);
    if (!shape) return;
    const isGModel = analysis.role === 'g-model';
    const methods = confirmationMethods(job, isGModel);
    if (methods.length === 0) return;
    const growth = analysis.diagnostics.status === 'vulnerable' && analysis.diagnostics.complexity.type === 'exponential' ? 'exponential' : 'polynomial';
    const result = await confirmAttack(pool, {
      pattern: job.pattern,
      flags: job.flags,
      methods,
      shapes: [
        ...(analysis.reducedMinimums ?? []).map((length) => padRuns(shape, length)),
        ...shapeVariants(shape, isGModel ? ['!', 'a', '0', '\u0000'] : []),
      ],
      growth,
      ...(analysis.diagnostics.status === 'vulnerable' && analysis.diagnostics.complexity.type === 'polynomial' ? { degree: analysis.diagnostics.complexity.degree } : {}),
      budgetMs: options.budgetMs,
      maxInput: options.maxInput,
      totalLimitMs: Math.max(4_000, options.budgetMs * 40),
    });
    confirmations.push({ analysis, result });
  };
  const anyConfirmed = () => confirmations.some((c) => c.result.confirmed);

  // recheck's auto mode fuzzes lookarounds and back-references: seconds of CPU and a fresh
  // hundred megabytes in its agent per pattern. The automaton on the variant without them comes
  // first; when it proves the widened pattern linear and no lookaround hides a loop of its own
  // (the variant does not see the lookarounds' own backtracking), the fuzzer cannot add anything
  // but noise, and it is skipped.
  const derived = automatonVariant(job.pattern, job.flags);
  const variantFirst = derived !== null && !derived.approximations.includes('bounded-repeat');
  let variant: Analysis | undefined;
  const analyseVariant = async (d: NonNullable<typeof derived>): Promise<Analysis> => ({
    diagnostics: await runRecheck(d.source, flags, { checker: 'automaton' }, timeout),
    derived: d,
    role: 'variant',
    approximations: d.approximations,
    reducedMinimums: d.reducedMinimums,
  });
  if (variantFirst) {
    variant = await analyseVariant(derived);
    const needsGModel = iteratesEveryPosition(job) && unanchoredAlternatives(job.pattern, job.flags) !== null;
    if (variant.diagnostics.status === 'safe' && !needsGModel && lookaroundsAreLoopFree(structure)) {
      return { ...base, status: 'safe', complexity: { type: 'safe' }, checker: 'automaton' };
    }
    // An attack on the variant that reproduces on the real pattern in V8 settles the verdict
    // (any confirmed run is a finding), and the fuzzer is not needed at all.
    if (variant.diagnostics.status === 'vulnerable') await confirmOne(variant);
  }
  let original: Analysis | undefined;
  let gModel: Analysis | undefined;
  if (!anyConfirmed()) {
    original = { diagnostics: await runRecheck(job.pattern, flags, {}, timeout), role: 'original' };
    analyses.push(original);

    const fuzzed = original.diagnostics.checker === 'fuzz';
    const unknown = original.diagnostics.status === 'unknown';
    if ((fuzzed || unknown) && derived) {
      variant ??= await analyseVariant(derived);
      analyses.push(variant);
    } else {
      // The automaton ran on the pattern itself: a variant has nothing to add to the decision.
      variant = undefined;
    }

    if (iteratesEveryPosition(job)) {
      const modelled = unanchoredAlternatives(job.pattern, job.flags);
      if (modelled) {
        gModel = { diagnostics: await runRecheck(modelled.source, flags, {}, timeout), derived: modelled, role: 'g-model' };
        analyses.push(gModel);
      }
    }

    for (const analysis of analyses) {
      if (anyConfirmed()) break;
      if (confirmations.some((c) => c.analysis === analysis)) continue;
      await confirmOne(analysis);
    }
  }

  const confirmed = confirmations.find((c) => c.result.confirmed);
  if (confirmed) {
    const { analysis, result } = confirmed;
    const m = result.measurement!;
    const complexity = complexityOf(analysis.diagnostics);
    const hotspot = hotspotOf(analysis);
    const gCase = analysis.role === 'g-model';
    return {
      ...base,
      status: 'vulnerable',
      complexity,
      attack: flatAttack(m.shape, m.count),
      hotspot,
      confirmed: true,
      measuredMs: m.ms,
      inputLength: m.inputLength,
      method: m.method,
      checker: analysis.diagnostics.checker ?? 'measurement',
      hint: hintFor(job.pattern, complexity, hotspot, gCase),
    };
  }

  const slowestFor = (analysis: Analysis) => confirmations.find((c) => c.analysis === analysis)?.result.measurement;
  const unconfirmed = (analysis: Analysis, checker: Verdict['checker']): Verdict => {
    const complexity = complexityOf(analysis.diagnostics);
    const hotspot = hotspotOf(analysis);
    const slowest = slowestFor(analysis);
    const shape = shapeFrom(analysis.diagnostics, analysis.role)!;
    const count = slowest?.count ?? 31;
    return {
      ...base,
      status: 'vulnerable',
      complexity,
      attack: flatAttack(slowest?.shape ?? shape, count),
      hotspot,
      confirmed: false,
      ...(slowest ? { measuredMs: slowest.ms, inputLength: slowest.inputLength, method: slowest.method } : {}),
      checker,
      hint: hintFor(job.pattern, complexity, hotspot, analysis.role === 'g-model'),
    };
  };

  // Nothing confirmed, so the pattern itself was analysed above.
  if (!original) throw new Error('the pattern was not analysed');
  const d = original.diagnostics;
  const variantSaysSafe = variant?.diagnostics.status === 'safe';
  const variantSaysVulnerable = variant?.diagnostics.status === 'vulnerable';

  // The automaton checker is exact on what it supports: trust it when it ran on the pattern itself.
  if (d.status === 'vulnerable' && d.checker === 'automaton') return unconfirmed(original, 'automaton');
  if (gModel?.diagnostics.status === 'vulnerable' && gModel.diagnostics.checker === 'automaton') return unconfirmed(gModel, 'automaton');

  const widened = variant?.approximations?.some((a) => a === 'lookaround' || a === 'backreference') ?? false;
  if (d.status === 'vulnerable') {
    // The fuzzer's attack did not reproduce in V8 within the input limit. The automaton on the
    // simplified pattern breaks the tie; a variant that had to drop lookarounds or
    // back-references proves nothing either way, so V8's measurement has the last word.
    if (variantSaysSafe || widened) return { ...base, status: 'safe', complexity: { type: 'safe' }, checker: 'measurement' };
    return unconfirmed(original, 'fuzz');
  }
  if (variantSaysVulnerable) {
    // Dropping a lookaround or a back-reference widens the language, so the variant can be
    // ambiguous where the pattern is not. The fuzzer found nothing on the real pattern and the
    // variant's attack did not reproduce in V8 at the size limit: measurement sides with the fuzzer.
    if (widened && d.status === 'safe') return { ...base, status: 'safe', complexity: { type: 'safe' }, checker: 'measurement' };
    return unconfirmed(variant!, 'automaton');
  }
  if (gModel?.diagnostics.status === 'vulnerable') return unconfirmed(gModel, 'fuzz');

  if (d.status === 'safe') {
    if (d.checker === 'automaton') return { ...base, status: 'safe', complexity: { type: 'safe' }, checker: 'automaton' };
    // Fuzzing found nothing; that is evidence, not proof.
    if (variantSaysSafe) return { ...base, status: 'safe', complexity: { type: 'safe' }, checker: 'automaton' };
    if (starHeightSafe) return { ...base, status: 'safe', complexity: { type: 'safe' }, checker: 'fuzz' };
    return {
      ...base,
      status: 'incomplete',
      checker: 'fuzz',
      reason: 'fuzzing found no attack but the pattern nests quantifiers, which the automaton checker could not analyse',
      hint: hintFor(job.pattern, undefined, undefined, false),
    };
  }

  // The analyser could not finish on the pattern itself.
  if (variantSaysSafe && d.status === 'unknown' && d.error.kind === 'unsupported') {
    return { ...base, status: 'safe', complexity: { type: 'safe' }, checker: 'automaton' };
  }
  return {
    ...base,
    status: 'incomplete',
    reason: describeUnknown(d, timeout) || 'the analysis did not finish',
    hint: hintFor(job.pattern, undefined, undefined, false),
  };
}
