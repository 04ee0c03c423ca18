// The in-process ReDoS decision: build the search automaton (nfa.ts, automaton.ts), look for
// exponential then polynomial ambiguity (ambiguity.ts), and turn the worst witness into an attack
// with a failing suffix (witness.ts). docs/regex-engine.md explains it in the paper's terms.
import type { AttackShape } from '../attack.js';
import { AmbiguityAnalysis, pumpVariants, type Witness } from './ambiguity.js';
import { type Automaton, foldAutomaton } from './automaton.js';
import { type Approximation, buildFrom, buildNfa, type EpsilonNfa, Unsupported } from './nfa.js';
import { acceptingSuffix, failingSuffix, resetWitnessBudget } from './witness.js';

/** One attack the analysis proposes, with the growth its witness proves. */
export interface Claim {
  status: 'exponential' | 'polynomial';
  /** Time exponent of a polynomial attack: 2 is quadratic. */
  degree?: number;
  shape: AttackShape;
  hotspot: { start: number; end: number }[];
}

export type AmbiguityVerdict =
  | { status: 'unsupported'; reason: string }
  | { status: 'linear'; approximations: Approximation[] }
  | {
      status: 'exponential' | 'polynomial';
      /** Time exponent of a polynomial attack: 2 is quadratic. */
      degree?: number;
      shape: AttackShape;
      /** Other witnesses' attacks, worth measuring when `failing` is false. */
      alternatives: Claim[];
      hotspot: { start: number; end: number }[];
      approximations: Approximation[];
      reducedMinimums: number[];
      /** The claim is only what a lookaround's body costs, not ambiguity of the pattern's paths. */
      lookaroundCost: boolean;
      /**
       * True when the suffix makes every path fail on the automaton. False when no such suffix
       * was found: some path matches, but the paths tried before it (lazy quantifiers, an early
       * alternative) can still be many, so the attack is only a candidate for measurement.
       */
      failing: boolean;
    };

/** Witnesses measured when none has a failing suffix: the first, and up to three more. */
const MAX_CANDIDATE_SHAPES = 4;
const MAX_WITNESSES = 4;

export interface AmbiguityOptions {
  /** Model the search from every start position (false for sticky regexes). */
  search: boolean;
}

export function analyzeAmbiguity(pattern: string, flags: string, options: AmbiguityOptions): AmbiguityVerdict {
  return analyze(() => buildNfa(pattern, flags), options)!;
}

/**
 * What `g` iteration and split run at positions after the first: the pattern without its
 * `^`-anchored top-level alternatives. Null when it has none to drop.
 */
export function analyzeLaterAttempts(pattern: string, flags: string, options: AmbiguityOptions): AmbiguityVerdict | null {
  return analyze(() => buildNfa(pattern, flags, true), options);
}

function analyze(build: () => EpsilonNfa | null, options: AmbiguityOptions): AmbiguityVerdict | null {
  try {
    resetWitnessBudget();
    const nfa = build();
    if (!nfa) return null;
    const approximations = [...nfa.approximations];
    const automaton = foldAutomaton(nfa, options.search, new Set(nfa.lookarounds.map((l) => l.entry)));
    const analysis = new AmbiguityAnalysis(automaton);
    const lookaroundCosts = costlyLookarounds(nfa, automaton, analysis, []);
    const witnesses: Witness[] = [...analysis.exponentialWitnesses(), ...analysis.polynomialWitnesses()];
    const common = { approximations, reducedMinimums: nfa.reducedMinimums };
    // The first few witnesses, each with its pumps re-chosen (beyond that the search costs more
    // than measuring a speculative attack); one failing attack per witness. The first is the
    // claim, the others are measured too: on a widened automaton the first can be one that the
    // real pattern's lookbehind rules out.
    const failing: Claim[] = [];
    for (const witness of witnesses.slice(0, MAX_WITNESSES)) {
      for (const candidate of [witness, ...repumped(witness, automaton)]) {
        const suffix = failingSuffix(automaton, candidate.pumps);
        if (!suffix) continue;
        failing.push(claim(candidate, shapeOf(candidate, suffix)));
        break;
      }
    }
    const [strongest, ...otherFailing] = failing;
    if (strongest) {
      const alternatives = [...otherFailing, ...lookaroundCosts.map((c) => claim(c.witness, c.shape))];
      return { ...common, ...strongest, failing: true, lookaroundCost: false, alternatives };
    }
    const [first, ...others] = [...witnesses.map((w) => ({ witness: w, shape: shapeOf(w, null) })), ...lookaroundCosts];
    if (!first) return { status: 'linear', approximations };
    return {
      ...common,
      ...claim(first.witness, first.shape),
      failing: false,
      lookaroundCost: witnesses.length === 0,
      alternatives: others.slice(0, MAX_CANDIDATE_SHAPES - 1).map((c) => claim(c.witness, c.shape)),
    };
  } catch (error) {
    if (error instanceof Unsupported) return { status: 'unsupported', reason: error.message };
    throw error;
  }
}

/**
 * The witness with other characters in its pumps: the readable choice can start another
 * alternative that matches (`(&` where `((` keeps every path failing).
 */
function repumped(witness: Witness, automaton: Automaton): Witness[] {
  const out: Witness[] = [];
  witness.pumps.forEach((pump, i) => {
    for (const word of pumpVariants(pump, automaton, 9)) {
      out.push({ ...witness, pumps: witness.pumps.map((p, j) => (j === i ? { ...p, pump: word } : p)) });
    }
  });
  return out;
}

function claim(witness: Witness, shape: AttackShape): Claim {
  return { status: witness.kind, ...(witness.degree ? { degree: witness.degree } : {}), shape, hotspot: witness.hotspot };
}

const text = (codes: number[]) => String.fromCodePoint(...codes);

function shapeOf(witness: Witness, suffix: number[] | null, lead: number[] = []): AttackShape {
  return {
    pumps: witness.pumps.map(({ prefix, pump }, i) => ({ prefix: text(i === 0 ? [...lead, ...prefix] : prefix), pump: text(pump) })),
    suffix: suffix ? text(suffix) : '!',
    origin: 'ambiguity',
  };
}

/**
 * The automaton above assumes every lookaround holds; what evaluating one costs is looked at here,
 * on the lookaround's own body. Where a path can reach the lookaround after a loop (the search
 * loop too), it is evaluated at up to every position, so its body is analysed as a search from
 * every position; where it cannot, it is evaluated a constant number of times, and its body is
 * analysed as one anchored attempt. A linear body keeps the whole linear. An ambiguous one is an
 * attack candidate (the way to the lookaround, then the body's pumps): whether the enclosing
 * pattern lets that cost happen (it may match first) is left to measurement.
 */
function costlyLookarounds(nfa: EpsilonNfa, automaton: Automaton, analysis: AmbiguityAnalysis, lead: number[]): { witness: Witness; shape: AttackShape }[] {
  if (nfa.lookarounds.length === 0) return [];
  const afterLoops = analysis.reachableFromLoops();
  const out: { witness: Witness; shape: AttackShape }[] = [];
  for (const lookaround of nfa.lookarounds) {
    // V8 matches a lookbehind's body backwards; that direction is not modelled.
    if (lookaround.kind === 'behind') throw new Unsupported('a lookbehind contains a repetition');
    const visitors = automaton.visits.get(lookaround.entry) ?? [];
    const everywhere = visitors.some((s) => afterLoops.has(s));
    const way = [...lead, ...(visitors.length > 0 ? analysis.wordTo(visitors[0]!) : [])];
    const body = buildFrom(lookaround.alternatives, nfa.maxCharacter, nfa.groups);
    const bodyAutomaton = foldAutomaton(body, everywhere, new Set(body.lookarounds.map((l) => l.entry)));
    const bodyAnalysis = new AmbiguityAnalysis(bodyAutomaton);
    // The enclosing pattern fails where a negative lookahead's body matches (after its long scan)
    // and where a positive one's fails.
    for (const witness of [...bodyAnalysis.exponentialWitnesses(), ...bodyAnalysis.polynomialWitnesses()].slice(0, 2)) {
      const suffix = lookaround.negate ? acceptingSuffix(bodyAutomaton, witness.pumps) : failingSuffix(bodyAutomaton, witness.pumps);
      out.push({ witness, shape: shapeOf(witness, suffix, way) });
    }
    out.push(...costlyLookarounds(body, bodyAutomaton, bodyAnalysis, way));
  }
  return out;
}
