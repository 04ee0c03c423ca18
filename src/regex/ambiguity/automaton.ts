// The epsilon-NFA folded into an automaton of character transitions, as a backtracking search
// walks it: each (epsilon-path, character edge) pair is its own transition, so two ways of reaching
// the same character edge stay two paths (`(a|a)`, `(?:a?)?`). Epsilon cycles are not followed:
// V8 ends a loop iteration that matched empty, so they add no paths.
//
// The search itself is modelled, not assumed: `exec`/`test`/`match` try every start position in
// turn, which is a lazy loop on any character in front of the pattern. State 0 is that loop at
// position 0 (where `^` holds), states 1.. the same loop at later positions, one per class of
// the character before (see previousCharacterClasses). A sticky regex has state 0 only.
import { CharSet } from 'refa';
import { type EpsilonNfa, Unsupported } from './nfa.js';

export interface Transition {
  to: number;
  chars: CharSet;
  /** Pattern offsets of the character this transition reads (none for the search loop). */
  source?: { start: number; end: number };
}

export interface Automaton {
  transitions: Transition[][];
  /** Per state: the next characters with which a path from it reaches the end of the pattern. */
  acceptNext: CharSet[];
  /** Per state: whether a path from it reaches the end of the pattern at the end of the input. */
  acceptEnd: boolean[];
  /** States that stand for the search loop (start positions), not for the pattern. */
  searchStates: Set<number>;
  all: CharSet;
  /** For each watched NFA state: the states whose epsilon-closure passes through it. */
  visits: Map<number, number[]>;
}

/** Epsilon-paths explored per state before the pattern is handed to the fallback. */
const CLOSURE_BUDGET = 20_000;
/** Copies of one transition beyond two add nothing: two already make a state ambiguous. */
const MAX_PARALLEL = 2;

/** Previous-character classes beyond this make lookbehinds widened instead (never seen in practice). */
const MAX_CLASSES = 8;
/** The "class" of the position before the first character. */
const START = -1;

export function foldAutomaton(nfa: EpsilonNfa, search: boolean, watch: ReadonlySet<number> = new Set()): Automaton {
  const visits = new Map<number, number[]>();
  const all = CharSet.all(nfa.maxCharacter);
  const empty = CharSet.empty(nfa.maxCharacter);
  // One-character lookbehinds (\b's left half, ^ under m) read the character before: a state is
  // split by the class of the character that led into it, so they are exact conditions too.
  const classes = previousCharacterClasses(nfa, all);
  const transitions: Transition[][] = [];
  const acceptNext: CharSet[] = [];
  const acceptEnd: boolean[] = [];
  const index = new Map<number, number>();
  const pending: [number, number][] = [];
  const stateFor = (nfaState: number, previous: number): number => {
    const key = nfaState * (classes.length + 1) + previous + 1;
    let at = index.get(key);
    if (at === undefined) {
      at = transitions.length;
      index.set(key, at);
      transitions.push([]);
      acceptNext.push(empty);
      acceptEnd.push(false);
      pending.push([nfaState, previous]);
    }
    return at;
  };

  // Fills the transitions and acceptance of `state` from the closure of `nfaState`. The rule that
  // keeps paths finite is V8's: a loop iteration that matched nothing ends the loop. An iteration
  // that started before the character just read is not empty, so its loop may go round again (and
  // `(a*)*` gets its second path through a new outer iteration); one started within this closure
  // is, so its back edge is closed.
  const close = (state: number, nfaState: number, previous: number): void => {
    const atStart = previous === START;
    const counts = new Map<string, number>();
    let steps = 0;
    const started = new Set<number>();
    const visit = (at: number, allowed: CharSet, endAllowed: boolean): void => {
      if (++steps > CLOSURE_BUDGET) throw new Unsupported('too many epsilon-paths');
      if (at === nfa.final) {
        acceptNext[state] = acceptNext[state]!.union(allowed);
        if (endAllowed) acceptEnd[state] = true;
      }
      for (const [n, edge] of nfa.chars[at]!.entries()) {
        const chars = edge.chars.intersect(allowed);
        if (chars.isEmpty) continue;
        const key = `${at}:${n}:${allowed === all ? '*' : allowed.toString()}`;
        const seen = counts.get(key) ?? 0;
        if (seen >= MAX_PARALLEL) continue;
        counts.set(key, seen + 1);
        classes.forEach((cls, next) => {
          const read = chars.intersect(cls);
          if (!read.isEmpty) transitions[state]!.push({ to: stateFor(edge.to, next), chars: read, ...(edge.source ? { source: edge.source } : {}) });
        });
      }
      if (watch.has(at)) {
        const list = visits.get(at) ?? [];
        if (!list.includes(state)) list.push(state);
        visits.set(at, list);
      }
      for (const { to, condition, loop } of nfa.epsilon[at]!) {
        if (loop === 'back' && started.has(to)) continue;
        let nextAllowed = allowed;
        let nextEnd = endAllowed;
        if (condition?.kind === 'start') {
          if (!atStart) continue;
        } else if (condition?.kind === 'behind') {
          // Classes are atoms of the lookbehinds' sets: inside one entirely, or outside.
          const before = !atStart && !classes[previous]!.isDisjointWith(condition.chars);
          if (before === condition.negate) continue;
        } else if (condition?.kind === 'ahead') {
          nextAllowed = condition.negate ? allowed.without(condition.chars) : allowed.intersect(condition.chars);
          nextEnd = endAllowed && condition.end !== condition.negate;
          if (nextAllowed.isEmpty && !nextEnd) continue;
        }
        const starting = nfa.loops.has(at) && loop !== 'exit' && !started.has(at);
        if (starting) started.add(at);
        visit(to, nextAllowed, nextEnd);
        if (starting) started.delete(at);
      }
    };
    visit(nfaState, all, true);
  };

  // State 0 is the search at position 0; states 1.. the search loop after a character of each
  // class (none for a sticky regex). The pattern's states follow.
  const searchStates = new Set<number>([0]);
  transitions.push([]);
  acceptNext.push(empty);
  acceptEnd.push(false);
  const loopState = (previous: number): number => 1 + previous;
  if (search) {
    for (let c = 0; c < classes.length; c++) {
      transitions.push([]);
      acceptNext.push(empty);
      acceptEnd.push(false);
      searchStates.add(loopState(c));
    }
  }
  close(0, nfa.initial, START);
  if (search) {
    for (let c = 0; c < classes.length; c++) close(loopState(c), nfa.initial, c);
    for (const from of [0, ...classes.map((_, c) => loopState(c))]) {
      for (const [c, cls] of classes.entries()) transitions[from]!.push({ to: loopState(c), chars: cls });
    }
  }
  while (pending.length > 0) {
    const [nfaState, previous] = pending.shift()!;
    close(index.get(nfaState * (classes.length + 1) + previous + 1)!, nfaState, previous);
  }
  return { transitions, acceptNext, acceptEnd, searchStates, all, visits };
}

/** The coarsest partition of the alphabet that every one-character lookbehind's set respects. */
function previousCharacterClasses(nfa: EpsilonNfa, all: CharSet): CharSet[] {
  let classes = [all];
  for (const edges of nfa.epsilon) {
    for (const { condition } of edges) {
      if (condition?.kind !== 'behind') continue;
      classes = classes.flatMap((cls) => [cls.intersect(condition.chars), cls.without(condition.chars)]).filter((cls) => !cls.isEmpty);
    }
  }
  if (classes.length > MAX_CLASSES) throw new Unsupported(`lookbehinds split the characters into more than ${MAX_CLASSES} classes`);
  return classes;
}

/** Strongly connected components (Tarjan, iterative), in reverse topological order. */
export function stronglyConnected(count: number, successors: (node: number) => readonly number[]): number[][] {
  const indexOf = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const components: number[][] = [];
  let next = 0;
  for (let root = 0; root < count; root++) {
    if (indexOf[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    indexOf[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [node, i] = frame;
      const out = successors(node);
      if (i < out.length) {
        frame[1] = i + 1;
        const to = out[i]!;
        if (indexOf[to] === -1) {
          indexOf[to] = low[to] = next++;
          stack.push(to);
          onStack[to] = 1;
          work.push([to, 0]);
        } else if (onStack[to]) {
          low[node] = Math.min(low[node]!, indexOf[to]!);
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[node]!);
      if (low[node] === indexOf[node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = 0;
          component.push(member);
        } while (member !== node);
        components.push(component);
      }
    }
  }
  return components;
}
