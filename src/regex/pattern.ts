// The structure of a JavaScript regex source, from regexpp's parse (the parser refa and ESLint
// use): the engine uses it to bound the paths of simple patterns, to derive variants for recheck
// (its automaton checker rejects lookarounds, back-references and large bounded repeats) and to
// model `g`-flag iteration. Derived sources carry an offset map back to the original, so hotspots
// still point at what the user wrote.
import { RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';

export interface GroupInfo {
  /** Offset of '(' */
  start: number;
  /** Offset just past ')' */
  end: number;
  kind: 'capture' | 'named' | 'noncapture' | 'lookahead' | 'lookbehind' | 'modifier';
  /** 1-based capture index for capture and named groups */
  index?: number;
  name?: string;
  /** Offset of the group body's first character */
  bodyStart: number;
  /** Number of alternatives directly inside the group (1 without `|`) */
  branches: number;
}

export interface BackrefInfo {
  start: number;
  end: number;
  /** Capture index or group name the reference points to */
  target: number | string;
}

export interface QuantifierInfo {
  /** Offset of the quantifier itself (`*`, `{`...), just past what it repeats */
  start: number;
  end: number;
  min: number;
  max: number; // Infinity when unbounded
  /** True for `{n,m}` forms, false for `*`, `+`, `?` */
  braced: boolean;
}

export interface PatternStructure {
  groups: GroupInfo[];
  backrefs: BackrefInfo[];
  quantifiers: QuantifierInfo[];
  /** [start, end) of each top-level alternative */
  alternatives: { start: number; end: number }[];
}

const parser = new RegExpParser({ ecmaVersion: 2025 });

/** Raised for a pattern nested deeper than the parser's recursion reaches. */
export class TooDeeplyNested extends Error {
  constructor() {
    super('the pattern nests too deeply to analyse');
  }
}

/** Throws a SyntaxError for a source that is not a valid pattern under these flags. */
export function scanPattern(source: string, flags = ''): PatternStructure {
  // V8 rejects what it cannot compile in linear time; regexpp, given a name declared twice in one
  // alternative under nested groups, backtracks exponentially (20 open groups: minutes). The
  // running engine is the authority on what compiles anyway.
  new RegExp(source, flags.replace(/[^uv]/g, ''));
  const unicodeSets = flags.includes('v');
  let pattern: ReturnType<typeof parser.parsePattern>;
  try {
    pattern = parser.parsePattern(source, 0, source.length, { unicode: flags.includes('u') && !unicodeSets, unicodeSets });
  } catch (error) {
    if (error instanceof RangeError) throw new TooDeeplyNested();
    throw error;
  }
  const groups: GroupInfo[] = [];
  const backrefs: BackrefInfo[] = [];
  const quantifiers: QuantifierInfo[] = [];
  let captures = 0;
  visitRegExpAST(pattern, {
    onCapturingGroupEnter(node) {
      captures += 1;
      groups.push({
        start: node.start,
        end: node.end,
        kind: node.name === null ? 'capture' : 'named',
        index: captures,
        ...(node.name === null ? {} : { name: node.name }),
        bodyStart: node.alternatives[0]!.start,
        branches: node.alternatives.length,
      });
    },
    onGroupEnter(node) {
      groups.push({ start: node.start, end: node.end, kind: node.modifiers ? 'modifier' : 'noncapture', bodyStart: node.alternatives[0]!.start, branches: node.alternatives.length });
    },
    onAssertionEnter(node) {
      if (node.kind !== 'lookahead' && node.kind !== 'lookbehind') return;
      groups.push({ start: node.start, end: node.end, kind: node.kind, bodyStart: node.alternatives[0]!.start, branches: node.alternatives.length });
    },
    onBackreferenceEnter(node) {
      backrefs.push({ start: node.start, end: node.end, target: node.ref });
    },
    onQuantifierEnter(node) {
      const at = node.element.end;
      quantifiers.push({ start: at, end: node.end, min: node.min, max: node.max, braced: source[at] === '{' });
    },
  });
  quantifiers.sort((a, b) => a.start - b.start);
  return { groups, backrefs, quantifiers, alternatives: pattern.alternatives.map(({ start, end }) => ({ start, end })) };
}

/**
 * An upper bound on the number of ways one match attempt can go, or Infinity when a repetition is
 * unbounded or a back-reference is present. Every choice point multiplies it: a quantifier
 * `{m,n}` offers n - m + 1 counts (each repetition at most once more), an alternation its
 * branches. A small bound means each attempt does a constant amount of work whatever the input,
 * so searching an input of length L costs O(L): no ReDoS, without running an analyser.
 */
export function attemptPathsBound(structure: PatternStructure): number {
  if (structure.backrefs.length > 0) return Infinity;
  if (structure.quantifiers.some((q) => q.max === Infinity)) return Infinity;
  const { groups, quantifiers } = structure;
  // Innermost group whose body contains the offset, or null at top level.
  const parentOf = (at: number): GroupInfo | null => {
    let best: GroupInfo | null = null;
    for (const g of groups) if (g.start < at && at < g.end - 1 && (!best || g.start > best.start)) best = g;
    return best;
  };
  const onGroup = new Map<GroupInfo, QuantifierInfo>();
  for (const q of quantifiers) {
    const g = groups.find((candidate) => candidate.end === q.start);
    if (g) onGroup.set(g, q);
  }
  const cap = (x: number) => (x > Number.MAX_SAFE_INTEGER ? Infinity : x);
  const inner = (owner: GroupInfo | null): number => {
    let bound = owner ? owner.branches : structure.alternatives.length;
    for (const q of quantifiers) {
      if ([...onGroup.values()].includes(q) || parentOf(q.start) !== owner) continue;
      bound = cap(bound * (q.max + 1));
    }
    for (const child of groups) {
      if (parentOf(child.start) !== owner) continue;
      const q = onGroup.get(child);
      const body = inner(child);
      // A repeated group chooses its path afresh on every repetition.
      bound = cap(bound * (q ? cap(body ** q.max * (q.max + 1)) : body));
    }
    return bound;
  };
  return inner(null);
}

/** A derived source and, for each of its characters, the offset it came from in the original. */
export interface Derived {
  source: string;
  map: number[];
}

class Builder {
  source = '';
  map: number[] = [];
  copy(original: string, start: number, end: number): void {
    for (let k = start; k < end; k += 1) {
      this.source += original[k]!;
      this.map.push(k);
    }
  }
  insert(text: string, at: number): void {
    for (const ch of text) {
      this.source += ch;
      this.map.push(at);
    }
  }
  done(): Derived {
    return { source: this.source, map: this.map };
  }
}

/**
 * The pattern as the automaton checker can take it: lookarounds dropped, back-references replaced
 * by a copy of the group they refer to, bounded repeats above `limit` shrunk. This over-approximates
 * the ambiguity structure the fuzzer could not analyse; measurement settles what it claims.
 * Returns null when nothing needed changing.
 */
export function automatonVariant(
  original: string,
  flags: string,
  limit = 10,
): (Derived & { approximations: VariantApproximation[]; reducedMinimums: number[] }) | null {
  const structure = scanPattern(original, flags);
  const edits: { start: number; end: number; replacement: string | null }[] = [];
  for (const group of structure.groups) {
    if (group.kind === 'lookahead' || group.kind === 'lookbehind') {
      edits.push({ start: group.start, end: group.end, replacement: '' });
    }
  }
  for (const ref of structure.backrefs) {
    const target = structure.groups.find((g) =>
      typeof ref.target === 'number' ? g.index === ref.target : g.name === ref.target,
    );
    if (!target || target.end > ref.start) {
      // A reference to a group that has not closed yet matches the empty string.
      edits.push({ start: ref.start, end: ref.end, replacement: '' });
    } else {
      const body = original.slice(target.bodyStart, target.end - 1);
      // Nested capture groups in the copy would shift later indices; make them non-capturing.
      const flattened = body.replace(/\((?!\?)/g, '(?:').replace(/\(\?<([A-Za-z_$][\w$]*)>/g, '(?:');
      edits.push({ start: ref.start, end: ref.end, replacement: `(?:${stripBackrefs(flattened)})` });
    }
  }
  // Large bounds make the automaton huge (recheck times out on ssri's {44,88}); ambiguity comes
  // from the structure, not the count, so small bounds keep it. The minimums dropped here are
  // returned: attack strings found on the variant are padded back to them before measurement.
  const reducedMinimums: number[] = [];
  for (const q of structure.quantifiers) {
    if (!q.braced) continue;
    if (q.max <= limit) continue;
    const lazy = original[q.end - 1] === '?' ? '?' : '';
    const min = Math.min(q.min, 2);
    if (q.max === Infinity && q.min <= limit) continue;
    edits.push({ start: q.start, end: q.end, replacement: `${q.max === Infinity ? `{${min},}` : `{${min},3}`}${lazy}` });
    if (q.min > min) reducedMinimums.push(q.min);
  }
  if (edits.length === 0) return null;
  const approximations: VariantApproximation[] = [];
  if (structure.groups.some((g) => g.kind === 'lookahead' || g.kind === 'lookbehind')) approximations.push('lookaround');
  if (structure.backrefs.length > 0) approximations.push('backreference');
  if (structure.quantifiers.some((q) => q.braced && q.max > limit)) approximations.push('bounded-repeat');
  return { ...applyEdits(original, edits), approximations, reducedMinimums: [...new Set(reducedMinimums)] };
}

export type VariantApproximation = 'lookaround' | 'backreference' | 'bounded-repeat';

function stripBackrefs(body: string): string {
  return body.replace(/\\[1-9]\d*|\\k<[^>\\]*>/g, '');
}

function applyEdits(original: string, edits: { start: number; end: number; replacement: string | null }[]): Derived {
  // Outer edits (a lookaround containing a back-reference) win over inner ones.
  edits.sort((a, b) => a.start - b.start || b.end - a.end);
  const builder = new Builder();
  let at = 0;
  for (const edit of edits) {
    if (edit.start < at) continue;
    builder.copy(original, at, edit.start);
    if (edit.replacement) builder.insert(edit.replacement, edit.start);
    at = edit.end;
  }
  builder.copy(original, at, original.length);
  return builder.done();
}

/**
 * For a regex iterated from every position (`g` with replace/match/matchAll/split): the part that
 * runs at positions after the first. Top-level alternatives starting with `^` can only match at the
 * start (or after a line break, which an attack need not contain), yet they make the single-search
 * analysis see an early match and call the pattern linear. Null when no such alternative exists.
 */
export function unanchoredAlternatives(original: string, flags: string): Derived | null {
  const { alternatives } = scanPattern(original, flags);
  if (alternatives.length < 2) return null;
  const kept = alternatives.filter((alt) => !original.slice(alt.start, alt.end).startsWith('^'));
  if (kept.length === alternatives.length || kept.length === 0) return null;
  const builder = new Builder();
  kept.forEach((alt, n) => {
    if (n > 0) builder.insert('|', alt.start);
    builder.copy(original, alt.start, alt.end);
  });
  return builder.done();
}

/** Maps [start, end) ranges of a derived source back to the original, merging adjacent ones. */
export function mapRanges(derived: Derived, ranges: { start: number; end: number }[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const range of ranges) {
    const from = derived.map[range.start];
    const to = derived.map[Math.max(range.start, range.end - 1)];
    if (from === undefined || to === undefined) continue;
    out.push({ start: Math.min(from, to), end: Math.max(from, to) + 1 });
  }
  out.sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}
