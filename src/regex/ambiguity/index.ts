// The in-process ReDoS decision: build the search automaton (nfa.ts, automaton.ts), look for
// exponential then polynomial ambiguity (ambiguity.ts), and turn the worst witness into an attack
// with a failing suffix (witness.ts). docs/regex-engine.md explains it in the paper's terms.
import type { AttackShape } from '../attack.js';
import { AmbiguityAnalysis, type Witness } from './ambiguity.js';
import { foldAutomaton } from './automaton.js';
import { type Approximation, buildNfa, lookaroundHasLoop, Unsupported } from './nfa.js';
import { failingSuffix } from './witness.js';

export type AmbiguityVerdict =
  | { status: 'unsupported'; reason: string }
  | { status: 'linear'; approximations: Approximation[] }
  | {
      status: 'exponential' | 'polynomial';
      /** Time exponent of a polynomial attack: 2 is quadratic. */
      degree?: number;
      shape: AttackShape;
      /** Other witnesses' attacks, worth measuring when `failing` is false. */
      alternatives: AttackShape[];
      hotspot: { start: number; end: number }[];
      approximations: Approximation[];
      reducedMinimums: number[];
      /**
       * True when the suffix makes every path fail on the automaton. False when no such suffix
       * was found: some path matches, but the paths tried before it (lazy quantifiers, an early
       * alternative) can still be many, so the attack is only a candidate for measurement.
       */
      failing: boolean;
    };

/** Witnesses measured when none has a failing suffix: the first, and up to three more. */
const MAX_CANDIDATE_SHAPES = 4;

export interface AmbiguityOptions {
  /** Model the search from every start position (false for sticky regexes). */
  search: boolean;
}

export function analyzeAmbiguity(pattern: string, flags: string, options: AmbiguityOptions): AmbiguityVerdict {
  try {
    const nfa = buildNfa(pattern, flags);
    const approximations = [...nfa.approximations];
    if (nfa.approximations.has('lookaround') && lookaroundHasLoop(pattern, flags)) {
      // Each evaluation of such a lookaround backtracks on its own, which the automaton of the
      // enclosing pattern (where the lookaround always holds) cannot see.
      return { status: 'unsupported', reason: 'a lookaround contains a repetition' };
    }
    const automaton = foldAutomaton(nfa, options.search);
    const analysis = new AmbiguityAnalysis(automaton);
    const witnesses: Witness[] = [...analysis.exponentialWitnesses(), ...analysis.polynomialWitnesses()];
    if (witnesses.length === 0) return { status: 'linear', approximations };
    const text = (codes: number[]) => String.fromCodePoint(...codes);
    const shapeOf = (witness: Witness, suffix: number[] | null): AttackShape => ({
      pumps: witness.pumps.map(({ prefix, pump }) => ({ prefix: text(prefix), pump: text(pump) })),
      suffix: suffix ? text(suffix) : '!',
      origin: 'ambiguity',
    });
    const verdict = (witness: Witness, suffix: number[] | null, alternatives: Witness[] = []) => ({
      status: witness.kind,
      ...(witness.degree ? { degree: witness.degree } : {}),
      shape: shapeOf(witness, suffix),
      alternatives: alternatives.map((w) => shapeOf(w, null)),
      hotspot: witness.hotspot,
      approximations,
      reducedMinimums: nfa.reducedMinimums,
      failing: suffix !== null,
    });
    for (const witness of witnesses) {
      const suffix = failingSuffix(automaton, witness.pumps);
      if (suffix) return verdict(witness, suffix);
    }
    return verdict(witnesses[0]!, null, witnesses.slice(1, MAX_CANDIDATE_SHAPES));
  } catch (error) {
    if (error instanceof Unsupported) return { status: 'unsupported', reason: error.message };
    throw error;
  }
}
