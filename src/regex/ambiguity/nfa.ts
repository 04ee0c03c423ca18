// The automaton a backtracking matcher walks, built from refa's RE AST so that it keeps every path
// the matcher can take: ambiguity lives in the paths, not in the language, so nothing here is
// determinized, minimized or merged. refa does the parsing (every flag, case folding, classes and
// set operations); the construction is Thompson's, with two things a textbook NFA lacks:
// - bounded repeats are nested (`a{0,3}` is `(a(a(a)?)?)?`), so each count is one path, as it is
//   for the matcher; past a size cap they become loops, which only adds paths (sound for "safe");
// - assertions stay position conditions: `^` (without m) holds at position 0 only, a one-character
//   lookahead (`$`, `(?!\w)`, `\b`'s right half) constrains the next character or the end. Other
//   lookarounds are widened to "always holds", which again only adds paths, and are recorded.
import { type CharSet, JS } from 'refa';

type Ast = ReturnType<JS.Parser['parse']>['expression'];
type Concatenation = Ast['alternatives'][number];
type Element = Concatenation['elements'][number];
type SourceRange = { start: number; end: number };

/** A condition on an epsilon edge: start of input, or what the next character may be. */
/**
 * A condition on an epsilon edge: start of input, or what comes next: a character of `chars` or,
 * with `end`, the end of the input (negated: neither).
 */
export type Condition =
  | { kind: 'start' }
  | { kind: 'ahead'; chars: CharSet; end: boolean; negate: boolean }
  /** What the previous character was (none at the start of the input). */
  | { kind: 'behind'; chars: CharSet; negate: boolean };

export interface EpsilonEdge {
  to: number;
  condition?: Condition;
  /**
   * Edges of an unbounded loop's state: `back` ends an iteration (from the body's end to the loop
   * state), `exit` leaves the loop; the loop state's other epsilon edges start an iteration.
   */
  loop?: 'back' | 'exit';
}

export interface CharEdge {
  to: number;
  chars: CharSet;
  source?: SourceRange;
}

export interface EpsilonNfa {
  /** Per state: its epsilon edges and its character edges. */
  epsilon: EpsilonEdge[][];
  /** The states of unbounded loops (where an iteration starts and ends). */
  loops: ReadonlySet<number>;
  chars: CharEdge[][];
  initial: number;
  final: number;
  maxCharacter: number;
  /** Features modelled by a wider automaton than the pattern: paths it adds may not exist. */
  approximations: Set<Approximation>;
  /** Minimums of bounded repeats that were lowered to keep the automaton small. */
  reducedMinimums: number[];
  /** Lookarounds widened to "always holds" whose body repeats: their own cost is checked apart. */
  lookarounds: WidenedLookaround[];
  /** Back-reference targets, for building a lookaround's body with the same references. */
  groups: ReadonlyMap<number, Concatenation[] | null>;
}

export interface WidenedLookaround {
  /** The state where the matcher evaluates the lookaround. */
  entry: number;
  kind: 'ahead' | 'behind';
  negate: boolean;
  alternatives: readonly Concatenation[];
}

export type Approximation = 'lookaround' | 'bounded-repeat' | 'backreference';

/** Why the automaton could not be built; the pattern goes to the fallback analyser. */
export class Unsupported extends Error {}

/** States beyond this (keyword lists of thousands of words) go to the fallback. */
const MAX_STATES = 30_000;
/** Bounded repeats whose unrolled copies would exceed this many states become loops. */
const UNROLL_STATE_BUDGET = 2_000;
/** Minimums kept when a bounded repeat becomes a loop: ambiguity comes from the structure. */
const KEPT_MINIMUM = 2;

/**
 * `laterAttempts`: the automaton of what runs at positions after the first under `g` iteration
 * or split, without the top-level alternatives anchored with `^` (no `m`), which only match at
 * the start yet make a single search look linear by matching there at once (`^\s*|\s*$`).
 * Null when the pattern has no such alternative (or nothing else).
 */
export function buildNfa(pattern: string, flags: string, laterAttempts: true): EpsilonNfa | null;
export function buildNfa(pattern: string, flags: string, laterAttempts?: false): EpsilonNfa;
export function buildNfa(pattern: string, flags: string, laterAttempts = false): EpsilonNfa | null {
  let parser: JS.Parser;
  let parsed: ReturnType<JS.Parser['parse']>;
  try {
    parser = JS.Parser.fromLiteral({ source: pattern, flags: flags.replace(/[gdy]/g, '') });
    parsed = parser.parse({ assertions: 'parse', backreferences: 'unknown', maxBackreferenceWords: 0, simplify: false, maxNodes: 20_000 });
  } catch (error) {
    throw new Unsupported(`refa cannot parse it: ${(error as Error).message}`);
  }
  // refa 0.12 reports 0xFFFF for the v flag while its character sets reach 0x10FFFF.
  const maxCharacter = /[uv]/.test(flags) ? 0x10ffff : parsed.maxCharacter;
  let alternatives = parsed.expression.alternatives;
  if (laterAttempts) {
    alternatives = alternatives.filter((alternative) => !startsAtInputStart(alternative));
    if (alternatives.length === parsed.expression.alternatives.length || alternatives.length === 0) return null;
  }
  return buildFrom(alternatives, maxCharacter, backreferenceTargets(parser, parsed.expression));
}

function startsAtInputStart(alternative: Concatenation): boolean {
  const [first] = alternative.elements;
  if (first?.type !== 'Assertion' || first.kind !== 'behind' || !first.negate) return false;
  return singleCharacter(first.alternatives)?.isAll === true;
}

/** The automaton of a list of alternatives: a whole pattern, or a lookaround's body. */
export function buildFrom(alternatives: readonly Concatenation[], maxCharacter: number, groups: ReadonlyMap<number, Concatenation[] | null> = new Map()): EpsilonNfa {
  const builder = new Builder(groups);
  const initial = builder.state();
  const final = builder.alternatives(alternatives, initial);
  return {
    epsilon: builder.epsilon,
    loops: builder.loops,
    chars: builder.chars,
    initial,
    final,
    maxCharacter,
    approximations: builder.approximations,
    reducedMinimums: [...new Set(builder.reducedMinimums)],
    lookarounds: builder.lookarounds,
    groups,
  };
}

/**
 * For each back-reference (by its offset in the pattern): the alternatives of the group it names,
 * or null when the group has not closed where the reference stands (it then matches empty).
 */
function backreferenceTargets(parser: JS.Parser, expression: Ast): Map<number, Concatenation[] | null> {
  const groups = new Map<string, Concatenation[]>();
  const index = (alternatives: readonly Concatenation[]): void => {
    for (const concatenation of alternatives) {
      for (const element of concatenation.elements) {
        if (element.type === 'Alternation' && element.source) groups.set(`${element.source.start}:${element.source.end}`, element.alternatives);
        if ('alternatives' in element) index(element.alternatives);
      }
    }
  };
  index(expression.alternatives);
  const targets = new Map<number, Concatenation[] | null>();
  const visit = (node: { type: string; start: number; end: number; resolved?: unknown; alternatives?: unknown[]; elements?: unknown[]; element?: unknown }): void => {
    if (node.type === 'Backreference') {
      const resolved = node.resolved as { start: number; end: number } | { start: number; end: number }[];
      const group = Array.isArray(resolved) ? resolved.find((g) => g.end <= node.start) : resolved;
      targets.set(node.start, group && group.end <= node.start ? (groups.get(`${group.start}:${group.end}`) ?? null) : null);
    }
    for (const child of [...(node.alternatives ?? []), ...(node.elements ?? []), ...(node.element ? [node.element] : [])]) visit(child as typeof node);
  };
  visit(parser.ast.pattern as unknown as Parameters<typeof visit>[0]);
  return targets;
}

class Builder {
  readonly epsilon: EpsilonEdge[][] = [];
  readonly chars: CharEdge[][] = [];
  readonly approximations = new Set<Approximation>();
  readonly reducedMinimums: number[] = [];
  readonly lookarounds: WidenedLookaround[] = [];
  readonly loops = new Set<number>();

  constructor(private readonly groups: ReadonlyMap<number, Concatenation[] | null>) {}

  state(): number {
    if (this.epsilon.length >= MAX_STATES) throw new Unsupported(`the automaton exceeds ${MAX_STATES} states`);
    this.epsilon.push([]);
    this.chars.push([]);
    return this.epsilon.length - 1;
  }

  private link(from: number, to: number, condition?: Condition, loop?: EpsilonEdge['loop']): void {
    this.epsilon[from]!.push({ to, ...(condition ? { condition } : {}), ...(loop ? { loop } : {}) });
  }

  /** Each alternative is its own path from `from` to the returned state. */
  alternatives(alternatives: readonly Concatenation[], from: number): number {
    if (alternatives.length === 1) return this.concatenation(alternatives[0]!, from);
    const join = this.state();
    for (const alternative of alternatives) {
      const start = this.state();
      this.link(from, start);
      this.link(this.concatenation(alternative, start), join);
    }
    return join;
  }

  private concatenation(concatenation: Concatenation, from: number): number {
    let at = from;
    for (const element of concatenation.elements) at = this.element(element, at);
    return at;
  }

  private element(element: Element, from: number): number {
    switch (element.type) {
      case 'CharacterClass': {
        const to = this.state();
        if (!element.characters.isEmpty) this.chars[from]!.push({ to, chars: element.characters, ...(element.source ? { source: element.source } : {}) });
        return to;
      }
      case 'Alternation':
        return this.alternatives(element.alternatives, from);
      case 'Quantifier':
        return this.quantifier(element, from);
      case 'Assertion':
        return this.assertion(element, from);
      case 'Unknown': {
        // refa leaves back-references as Unknown nodes. A copy of the group matches the captured
        // text in at least one way (and other text too): never fewer paths than the reference.
        const group = element.source ? this.groups.get(element.source.start) : undefined;
        if (group === undefined) throw new Unsupported(`refa left ${element.id} unresolved`);
        if (group === null) return from;
        this.approximations.add('backreference');
        return this.alternatives(group, from);
      }
    }
  }

  private quantifier(q: Extract<Element, { type: 'Quantifier' }>, from: number): number {
    const bodySize = countStates(q.alternatives);
    let { min, max } = q;
    if (min * bodySize > UNROLL_STATE_BUDGET || (max !== Infinity && max * bodySize > UNROLL_STATE_BUDGET)) {
      // A loop accepts every count the bounded repeat accepts, by one path each.
      this.approximations.add('bounded-repeat');
      if (min > KEPT_MINIMUM) this.reducedMinimums.push(min);
      min = Math.min(min, KEPT_MINIMUM);
      max = Infinity;
    }
    let at = from;
    for (let i = 0; i < min; i++) at = this.alternatives(q.alternatives, at);
    if (max === Infinity) {
      const loop = this.state();
      const out = this.state();
      this.loops.add(loop);
      this.link(at, loop);
      this.link(this.alternatives(q.alternatives, loop), loop, undefined, 'back');
      this.link(loop, out, undefined, 'exit');
      return out;
    }
    // Nested optional copies: skipping is possible only where the previous copy ended, so every
    // count has exactly one path (a flat a?a?a? would give "aa" three).
    const out = this.state();
    for (let i = min; i < max; i++) {
      this.link(at, out);
      at = this.alternatives(q.alternatives, at);
    }
    this.link(at, out);
    return out;
  }

  private assertion(a: Extract<Element, { type: 'Assertion' }>, from: number): number {
    const to = this.state();
    const single = singleCharacter(a.alternatives);
    const next = a.kind === 'ahead' ? nextCharacter(a.alternatives) : null;
    if (single && a.kind === 'behind' && a.negate && single.isAll) {
      this.link(from, to, { kind: 'start' });
    } else if (single && a.kind === 'behind') {
      this.link(from, to, { kind: 'behind', chars: single, negate: a.negate });
    } else if (next) {
      this.link(from, to, { kind: 'ahead', ...next, negate: a.negate });
    } else {
      // Assumed to hold everywhere: only adds paths. A lookaround that repeats has a backtracking
      // cost of its own that this automaton does not see; the caller checks its body apart.
      this.approximations.add('lookaround');
      if (repeats(a.alternatives)) this.lookarounds.push({ entry: from, kind: a.kind, negate: a.negate, alternatives: a.alternatives });
      this.link(from, to);
    }
    return to;
  }
}

/**
 * What a lookahead asks of the next position when each alternative is one character class or the
 * end of the input (`$` without m, as in `(?=$|\s)`), else null.
 */
function nextCharacter(alternatives: readonly Concatenation[]): { chars: CharSet; end: boolean } | null {
  let chars: CharSet | null = null;
  let end = false;
  for (const alternative of alternatives) {
    const [only, ...rest] = alternative.elements;
    if (!only || rest.length > 0) return null;
    if (only.type === 'CharacterClass') {
      chars = chars ? chars.union(only.characters) : only.characters;
    } else if (only.type === 'Assertion' && only.kind === 'ahead' && only.negate && singleCharacter(only.alternatives)?.isAll) {
      end = true;
      // An empty set of the right maximum, for a lookahead that is only `$`.
      chars ??= singleCharacter(only.alternatives)!.without(singleCharacter(only.alternatives)!);
    } else {
      return null;
    }
  }
  return chars ? { chars, end } : null;
}

/** The character set of a lookaround that reads exactly one character, else null. */
function singleCharacter(alternatives: readonly Concatenation[]): CharSet | null {
  let union: CharSet | null = null;
  for (const alternative of alternatives) {
    const [only, ...rest] = alternative.elements;
    if (!only || rest.length > 0 || only.type !== 'CharacterClass') return null;
    union = union ? union.union(only.characters) : only.characters;
  }
  return union;
}

function countStates(alternatives: readonly Concatenation[]): number {
  let n = 1;
  const visit = (element: Element): void => {
    n += 1;
    if (element.type === 'Alternation' || element.type === 'Assertion') {
      for (const c of element.alternatives) for (const e of c.elements) visit(e);
    }
    if (element.type === 'Quantifier') {
      const inner = countStates(element.alternatives);
      n += inner * (element.max === Infinity ? Math.max(1, element.min) + 1 : element.max);
    }
  };
  for (const c of alternatives) for (const e of c.elements) visit(e);
  return n;
}

/** A repetition whose count is not a small constant (the body's cost can grow with the input). */
function repeats(alternatives: readonly Concatenation[]): boolean {
  const visit = (element: Element): boolean => {
    if (element.type === 'Quantifier' && element.max > 10) return true;
    return 'alternatives' in element && element.alternatives.some((c) => c.elements.some(visit));
  };
  return alternatives.some((c) => c.elements.some(visit));
}
