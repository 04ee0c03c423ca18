// Degree of ambiguity of the search automaton, after Weideman, van der Merwe, Berglund and Watson
// (CIAA 2016): a backtracking matcher that fails explores every path, so its time on the worst
// input follows the number of paths.
// - EDA (exponential): a state with two distinct paths to itself on the same word. In the product
//   A x A that is a strongly connected component holding a diagonal pair (p,p) and an edge out of
//   it taken by two different transitions.
// - IDA (polynomial): states p != q in different components and a word that loops on p, leads
//   from p to q and loops on q; in A x A x A, a path from (p,p,q) to (p,q,q). A chain of k such
//   pairs makes a failing search take time n^(k+1). The search loop in front of the pattern is a
//   state like any other, so `\s*$` is the pair (search loop, \s*) and quadratic.
// A witness is only an attack with a suffix that makes every path fail: witness.ts finds one.
import type { CharSet } from 'refa';
import { type Automaton, stronglyConnected, type Transition } from './automaton.js';
import { Unsupported } from './nfa.js';

type Range = { start: number; end: number };

export interface Pump {
  /** Word that leads to the pumped part (from the end of the previous pump). */
  prefix: number[];
  pump: number[];
  /** For each character of the pump, every character that would do in its place. */
  choices: CharSet[];
}

export interface Witness {
  kind: 'exponential' | 'polynomial';
  /** Time exponent: n^degree for polynomial witnesses. */
  degree?: number;
  pumps: Pump[];
  hotspot: Range[];
}

/** IDA witnesses kept per pair of components, and the further (p, q) tried for them. */
const MAX_PAIR_WITNESSES = 3;
const MAX_EXTRA_PAIR_TRIES = 6;
/** Product nodes or steps explored before the pattern is handed to the fallback. */
const PRODUCT_BUDGET = 400_000;

export class AmbiguityAnalysis {
  private readonly componentOf: Int32Array;
  private readonly components: number[][];
  private steps = 0;

  private readonly pick: (chars: CharSet) => number;

  constructor(private readonly automaton: Automaton) {
    this.pick = characterPicker(automaton);
    const n = automaton.transitions.length;
    this.components = stronglyConnected(n, (s) => automaton.transitions[s]!.map((t) => t.to));
    this.componentOf = new Int32Array(n);
    this.components.forEach((members, c) => {
      for (const s of members) this.componentOf[s] = c;
    });
  }

  /** Components with a cycle: a loop of the pattern (or the search loop). */
  private loops(): number[] {
    const out: number[] = [];
    this.components.forEach((members, c) => {
      const [only] = members;
      if (members.length > 1 || this.automaton.transitions[only!]!.some((t) => t.to === only)) out.push(c);
    });
    return out;
  }

  /** States that a path can reach after going round a loop (the search loop included). */
  reachableFromLoops(): Set<number> {
    const { transitions } = this.automaton;
    const reached = new Set<number>();
    const queue = this.loops().flatMap((c) => this.components[c]!);
    for (const s of queue) reached.add(s);
    while (queue.length > 0) {
      for (const t of transitions[queue.pop()!]!) {
        if (!reached.has(t.to)) {
          reached.add(t.to);
          queue.push(t.to);
        }
      }
    }
    return reached;
  }

  private spend(amount = 1): void {
    this.steps += amount;
    if (this.steps > PRODUCT_BUDGET) throw new Unsupported(`the product automaton exceeds ${PRODUCT_BUDGET} steps`);
  }

  /** Every EDA witness found (one per component at most), worst first. */
  exponentialWitnesses(): Witness[] {
    const out: Witness[] = [];
    for (const c of this.loops()) {
      const found = this.exponentialIn(c);
      if (found) out.push(found);
    }
    return out;
  }

  private exponentialIn(component: number): Witness | null {
    const { transitions } = this.automaton;
    const size = transitions.length;
    const inside = (s: number) => this.componentOf[s] === component;
    const ids = new Map<number, number>();
    const pairs: [number, number][] = [];
    const edges: { to: number; t1: Transition; t2: Transition; divergent: boolean }[][] = [];
    const idOf = (p: number, q: number): number => {
      const key = p * size + q;
      let id = ids.get(key);
      if (id === undefined) {
        this.spend();
        id = pairs.length;
        ids.set(key, id);
        pairs.push([p, q]);
        edges.push([]);
      }
      return id;
    };
    for (const s of this.components[component]!) idOf(s, s);
    for (let id = 0; id < pairs.length; id++) {
      const [p, q] = pairs[id]!;
      for (const t1 of transitions[p]!) {
        if (!inside(t1.to)) continue;
        for (const t2 of transitions[q]!) {
          if (!inside(t2.to)) continue;
          this.spend();
          if (t1.chars.isDisjointWith(t2.chars)) continue;
          edges[id]!.push({ to: idOf(t1.to, t2.to), t1, t2, divergent: p === q && t1 !== t2 });
        }
      }
    }
    const productComponents = stronglyConnected(pairs.length, (id) => edges[id]!.map((e) => e.to));
    const productComponentOf = new Int32Array(pairs.length);
    productComponents.forEach((members, c) => {
      for (const id of members) productComponentOf[id] = c;
    });
    for (let id = 0; id < pairs.length; id++) {
      const [p, q] = pairs[id]!;
      if (p !== q) continue;
      const divergent = edges[id]!.find((e) => e.divergent && productComponentOf[e.to] === productComponentOf[id]);
      if (!divergent) continue;
      // The pump: the divergent step, then back to (p,p) inside the product component.
      const back = bfs(this.pick, divergent.to, id, (node) => edges[node]!.map((e) => ({ to: e.to, chars: e.t1.chars.intersect(e.t2.chars), sources: [e.t1.source, e.t2.source] })));
      if (!back) continue;
      const first = divergent.t1.chars.intersect(divergent.t2.chars);
      const pump = [this.pick(first), ...back.word];
      const hotspot = mergeRanges([divergent.t1.source, divergent.t2.source, ...back.sources]);
      return { kind: 'exponential', pumps: [{ prefix: this.wordTo(p), pump, choices: [first, ...back.sets] }], hotspot };
    }
    return null;
  }

  /**
   * Polynomial witnesses, highest degree first: for each component the longest chain of IDA pairs
   * ending there (degree: chain length + 1), then every single pair. A long chain can need a pump
   * that reaches a match (`\s*\n\s*` pumped with newlines), where a shorter one does not.
   */
  polynomialWitnesses(): Witness[] {
    type Chain = { p: number; q: number; word: number[]; sets: CharSet[]; sources: Range[] }[];
    const loops = this.loops();
    // Tarjan lists components sinks first: walk them sources first so chains extend forwards.
    const order = [...loops].sort((a, b) => b - a);
    const best = new Map<number, Chain>();
    const singles: Chain[] = [];
    for (const c2 of order) {
      let chosen: Chain = [];
      for (const c1 of order) {
        if (c1 <= c2) continue;
        const pairs = this.polynomialPairs(c1, c2);
        const [pair] = pairs;
        if (!pair) continue;
        singles.push(...pairs.map((each) => [each]));
        const before = best.get(c1) ?? [];
        if (before.length + 1 > chosen.length) chosen = [...before, pair];
      }
      best.set(c2, chosen);
    }
    const chains = [...best.values()].filter((chain) => chain.length > 1).sort((a, b) => b.length - a.length);
    return [...chains, ...singles].map((chain) => {
      const pumps: Pump[] = [];
      let from: number | null = null;
      for (const { p, q, word, sets } of chain) {
        pumps.push({ prefix: from === null ? this.wordTo(p) : (this.wordBetween(from, p) ?? []), pump: word, choices: sets });
        from = q;
      }
      return { kind: 'polynomial' as const, degree: chain.length + 1, pumps, hotspot: mergeRanges(chain.flatMap((pair) => pair.sources)) };
    });
  }

  /**
   * IDA witnesses between two components: the first pair (p, q) found, and a few more with other
   * words (one loop of a component can be pumped without completing another, which matters when
   * completing it reaches a match).
   */
  private polynomialPairs(c1: number, c2: number): { p: number; q: number; word: number[]; sets: CharSet[]; sources: Range[] }[] {
    const { transitions } = this.automaton;
    const between = this.between(c1, c2);
    const found: { p: number; q: number; word: number[]; sets: CharSet[]; sources: Range[] }[] = [];
    if (!between) return found;
    const size = transitions.length;
    let triesAfterFirst = 0;
    for (const p of this.components[c1]!) {
      for (const q of this.components[c2]!) {
        if (found.length >= MAX_PAIR_WITNESSES || (found.length > 0 && ++triesAfterFirst > MAX_EXTRA_PAIR_TRIES)) return found;
        const start = (p * size + p) * size + q;
        const goal = (p * size + q) * size + q;
        const path = bfs(this.pick, start, goal, (node) => {
          const c = node % size;
          const b = Math.floor(node / size) % size;
          const a = Math.floor(node / (size * size));
          const out: { to: number; chars: CharSet; sources: (Range | undefined)[] }[] = [];
          for (const t1 of transitions[a]!) {
            if (this.componentOf[t1.to] !== c1) continue;
            for (const t3 of transitions[c]!) {
              if (this.componentOf[t3.to] !== c2) continue;
              this.spend();
              if (t1.chars.isDisjointWith(t3.chars)) continue;
              const shared = t1.chars.intersect(t3.chars);
              for (const t2 of transitions[b]!) {
                if (!between.has(t2.to)) continue;
                this.spend();
                if (shared.isDisjointWith(t2.chars)) continue;
                out.push({ to: (t1.to * size + t2.to) * size + t3.to, chars: shared.intersect(t2.chars), sources: [t1.source, t3.source] });
              }
            }
          }
          return out;
        });
        if (path && path.word.length > 0 && !found.some((w) => w.word.join() === path.word.join())) {
          found.push({ p, q, word: path.word, sets: path.sets, sources: path.sources });
        }
      }
    }
    return found;
  }

  /** States on some path from component c1 to component c2 (both included), or null if none. */
  private between(c1: number, c2: number): Set<number> | null {
    const { transitions } = this.automaton;
    const forward = new Set<number>(this.components[c1]);
    const queue = [...forward];
    while (queue.length > 0) {
      for (const t of transitions[queue.pop()!]!) {
        if (!forward.has(t.to)) {
          forward.add(t.to);
          queue.push(t.to);
        }
      }
    }
    if (!this.components[c2]!.some((s) => forward.has(s))) return null;
    const backward = new Set<number>(this.components[c2]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const s of forward) {
        if (backward.has(s)) continue;
        if (transitions[s]!.some((t) => backward.has(t.to))) {
          backward.add(s);
          grew = true;
        }
      }
    }
    return new Set([...forward].filter((s) => backward.has(s)));
  }

  /** A shortest word from the initial state to `state`. */
  wordTo(state: number): number[] {
    if (this.automaton.searchStates.has(state)) return [];
    return this.wordBetween(0, state) ?? [];
  }

  private wordBetween(from: number, to: number): number[] | null {
    if (from === to) return [];
    const found = bfs(this.pick, from, to, (s) => this.automaton.transitions[s]!.map((t) => ({ to: t.to, chars: t.chars, sources: [] })));
    return found?.word ?? null;
  }
}

function bfs(
  pick: (chars: CharSet) => number,
  start: number,
  goal: number,
  successors: (node: number) => { to: number; chars: CharSet; sources: (Range | undefined)[] }[],
): { word: number[]; sets: CharSet[]; sources: Range[] } | null {
  const parent = new Map<number, { from: number; char: number; chars: CharSet; sources: (Range | undefined)[] }>();
  const queue = [start];
  const seen = new Set([start]);
  for (let at = 0; at < queue.length; at++) {
    const node = queue[at]!;
    for (const edge of successors(node)) {
      if (seen.has(edge.to)) continue;
      seen.add(edge.to);
      parent.set(edge.to, { from: node, char: pick(edge.chars), chars: edge.chars, sources: edge.sources });
      if (edge.to === goal) {
        const word: number[] = [];
        const sets: CharSet[] = [];
        const sources: Range[] = [];
        for (let n = goal; n !== start; ) {
          const step = parent.get(n)!;
          word.push(step.char);
          sets.push(step.chars);
          for (const s of step.sources) if (s) sources.push(s);
          n = step.from;
        }
        return { word: word.reverse(), sets: sets.reverse(), sources };
      }
      queue.push(edge.to);
    }
  }
  return start === goal ? { word: [], sets: [], sources: [] } : null;
}

const PREFERRED = [...'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c) => c.codePointAt(0)!);

const EXTRA_CANDIDATES = [...'!\n\u0000 _.-0a'].map((c) => c.codePointAt(0)!);

/** Characters worth trying in attacks: one of every set the automaton reads, and of its complement. */
export function candidateChars(automaton: Automaton): number[] {
  const out = new Set<number>(EXTRA_CANDIDATES);
  for (const list of automaton.transitions) {
    for (const t of list) {
      out.add(representative(t.chars));
      const rest = t.chars.negate();
      if (!rest.isEmpty) out.add(representative(rest));
    }
    if (out.size > 64) break;
  }
  return [...out];
}

/**
 * Candidate characters, those that the fewest transitions read first: a pump made of such
 * characters is the least likely to start another alternative, and so a match, on the way.
 */
function rankedChars(automaton: Automaton): number[] {
  const weight = new Map<number, number>();
  for (const c of candidateChars(automaton)) {
    let n = 0;
    for (const list of automaton.transitions) for (const t of list) if (t.chars.has(c)) n++;
    weight.set(c, n);
  }
  const readable = (c: number) => (PREFERRED.includes(c) ? PREFERRED.indexOf(c) : c >= 0x20 && c < 0x7f ? 100 + c : 1000);
  return [...weight.keys()].sort((a, b) => weight.get(a)! - weight.get(b)! || readable(a) - readable(b));
}

function characterPicker(automaton: Automaton): (chars: CharSet) => number {
  const ranked = rankedChars(automaton);
  return (chars) => ranked.find((c) => chars.has(c)) ?? representative(chars);
}

/** Other pumps for the same witness: each character replaced by the next-best choices. */
export function pumpVariants(pump: Pump, automaton: Automaton, limit: number): number[][] {
  const ranked = rankedChars(automaton);
  const options = pump.choices.map((set, i) => {
    const picks = ranked.filter((c) => set.has(c) && c !== pump.pump[i]);
    return [pump.pump[i]!, ...picks.slice(0, 2)];
  });
  const out: number[][] = [];
  const walk = (i: number, word: number[]): void => {
    if (out.length >= limit) return;
    if (i === options.length) {
      out.push(word);
      return;
    }
    for (const c of options[i]!) walk(i + 1, [...word, c]);
  };
  walk(0, []);
  return out.slice(1);
}

/** A readable character of the set: a letter or digit where it has one, else printable ASCII. */
export function representative(chars: CharSet): number {
  for (const c of PREFERRED) if (chars.has(c)) return c;
  for (let c = 0x20; c < 0x7f; c++) if (chars.has(c)) return c;
  return chars.ranges[0]!.min;
}

function mergeRanges(ranges: (Range | undefined)[]): Range[] {
  const sorted = ranges.filter((r): r is Range => r !== undefined).sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}
