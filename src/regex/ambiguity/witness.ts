// From an ambiguity witness to an attack: a pumped input only costs the matcher every path when
// the search fails, so the pumped part must not reach a match and a suffix must make every path
// die. Both are checked on the automaton by simulating the set of live states (the matcher's
// paths, merged): a set that holds an accepting state at any point means some start position
// matches and the search stops early. Start positions after the pumps no longer matter (the work
// is done by then), so the search loop is dropped before the suffix.
import type { Automaton } from './automaton.js';
import { candidateChars, type Pump } from './ambiguity.js';
import { Unsupported } from './nfa.js';

/** Pump counts the suffix must work for: the period of the live-state sets is usually 1 or 2. */
const COUNTS = [3, 4, 9, 10];
const MAX_SUFFIX = 3;
const SEARCH_LIMIT = 4_000;
/**
 * Live-state steps one pattern's attack searches may take (the automaton is the pattern's, which
 * can be hostile): past it the pattern goes to the fallback rather than hold up the run.
 */
const STEP_BUDGET = 3_000_000;
let steps = 0;

/** Starts the step budget of a new pattern. */
export function resetWitnessBudget(): void {
  steps = 0;
}

type Live = number[];

/** A suffix that makes every path fail after the pumps, or null when none is found. */
export function failingSuffix(automaton: Automaton, pumps: Pump[]): number[] | null {
  const starts: Live[] = [];
  for (const count of COUNTS) {
    const live = afterPumps(automaton, pumps, count);
    if (!live) return null;
    starts.push(live.filter((s) => !automaton.searchStates.has(s)));
  }
  const candidates = candidateChars(automaton);
  type Node = { live: Live[]; word: number[] };
  const queue: Node[] = [{ live: starts, word: [] }];
  const seen = new Set<string>([keyOf(starts)]);
  for (let at = 0; at < queue.length && at < SEARCH_LIMIT; at++) {
    const node = queue[at]!;
    if (node.live.every((live) => !live.some((s) => automaton.acceptEnd[s]))) return node.word;
    if (node.word.length >= MAX_SUFFIX) continue;
    for (const c of candidates) {
      const next: Live[] = [];
      let matched = false;
      for (const live of node.live) {
        const stepped = step(automaton, live, c);
        if (!stepped) {
          matched = true;
          break;
        }
        next.push(stepped);
      }
      if (matched) continue;
      const key = keyOf(next);
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push({ live: next, word: [...node.word, c] });
    }
  }
  return null;
}

/**
 * A suffix after which some path matches, while none matched during the pumps: for a negative
 * lookahead, the body matching at the end of a long scan is what makes the enclosing pattern fail
 * at every position. Null when none is found.
 */
export function acceptingSuffix(automaton: Automaton, pumps: Pump[]): number[] | null {
  const start = afterPumps(automaton, pumps, COUNTS[2]!);
  if (!start) return null;
  const candidates = candidateChars(automaton);
  const queue: { live: Live; word: number[] }[] = [{ live: start, word: [] }];
  const seen = new Set([start.join(',')]);
  for (let at = 0; at < queue.length && at < SEARCH_LIMIT; at++) {
    const { live, word } = queue[at]!;
    if (live.some((s) => automaton.acceptEnd[s])) return word;
    for (const c of candidates) {
      if (live.some((s) => automaton.acceptNext[s]!.has(c))) return [...word, c];
    }
    if (word.length >= MAX_SUFFIX) continue;
    for (const c of candidates) {
      const next = step(automaton, live, c);
      if (!next || seen.has(next.join(','))) continue;
      seen.add(next.join(','));
      queue.push({ live: next, word: [...word, c] });
    }
  }
  return null;
}

/** Live states after prefix + pump^count for every pump, or null if a match is reached. */
function afterPumps(automaton: Automaton, pumps: Pump[], count: number): Live | null {
  let live: Live | null = [0];
  for (const { prefix, pump } of pumps) {
    for (const c of prefix) {
      live = step(automaton, live, c);
      if (!live) return null;
    }
    for (let i = 0; i < count; i++) {
      for (const c of pump) {
        live = step(automaton, live, c);
        if (!live) return null;
      }
    }
  }
  return live;
}

/** The live states after reading `c`, or null when some live path matches before it. */
function step(automaton: Automaton, live: Live, c: number): Live | null {
  steps += live.length;
  if (steps > STEP_BUDGET) throw new Unsupported('the search for an attack string exceeds its budget');
  const next = new Set<number>();
  for (const s of live) {
    if (automaton.acceptNext[s]!.has(c)) return null;
    for (const t of automaton.transitions[s]!) if (t.chars.has(c)) next.add(t.to);
  }
  return [...next].sort((a, b) => a - b);
}

function keyOf(live: Live[]): string {
  return live.map((l) => l.join(',')).join('|');
}
