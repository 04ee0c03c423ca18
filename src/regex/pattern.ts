// A small structural scanner for JavaScript regex sources. It never runs or compiles a pattern:
// the engine uses it to derive variants for the analyser (recheck's automaton checker rejects
// lookarounds, back-references and large bounded repeats) and to model `g`-flag iteration.
// Derived sources carry an offset map back to the original, so hotspots still point at what the
// user wrote.

export interface GroupInfo {
  /** Offset of '(' */
  start: number;
  /** Offset just past ')' (pattern length when unterminated) */
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

const BRACED_QUANTIFIER = /\{(\d+)(?:(,)(\d*))?\}/y;

export function scanPattern(source: string, unicode = false): PatternStructure {
  const groups: GroupInfo[] = [];
  const backrefs: BackrefInfo[] = [];
  const quantifiers: QuantifierInfo[] = [];
  const alternatives: { start: number; end: number }[] = [];
  const open: GroupInfo[] = [];
  let captureCount = 0;
  let altStart = 0;
  let i = 0;
  // Whether the previous token can carry a quantifier; in Annex B mode a '{' that is not a
  // well-formed quantifier is a literal, which this mirrors.
  let atomBefore = false;

  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next)) {
        let j = i + 1;
        while (j < source.length && /\d/.test(source[j]!)) j += 1;
        backrefs.push({ start: i, end: j, target: Number(source.slice(i + 1, j)) });
        i = j;
      } else if (next === 'k' && source[i + 2] === '<') {
        const close = source.indexOf('>', i + 3);
        const end = close === -1 ? source.length : close + 1;
        backrefs.push({ start: i, end, target: source.slice(i + 3, end - 1) });
        i = end;
      } else if (next === 'u' && source[i + 2] === '{' && unicode) {
        const close = source.indexOf('}', i + 3);
        i = close === -1 ? source.length : close + 1;
      } else if ((next === 'p' || next === 'P') && source[i + 2] === '{' && unicode) {
        const close = source.indexOf('}', i + 3);
        i = close === -1 ? source.length : close + 1;
      } else {
        i += 2;
      }
      atomBefore = true;
      continue;
    }
    if (ch === '[') {
      i = skipClass(source, i);
      atomBefore = true;
      continue;
    }
    if (ch === '(') {
      let kind: GroupInfo['kind'] = 'capture';
      let bodyStart = i + 1;
      let name: string | undefined;
      if (source[i + 1] === '?') {
        const a = source[i + 2];
        const b = source[i + 3];
        if (a === ':') { kind = 'noncapture'; bodyStart = i + 3; }
        else if (a === '=' || a === '!') { kind = 'lookahead'; bodyStart = i + 3; }
        else if (a === '<' && (b === '=' || b === '!')) { kind = 'lookbehind'; bodyStart = i + 4; }
        else if (a === '<') {
          const close = source.indexOf('>', i + 3);
          kind = 'named';
          name = source.slice(i + 3, close === -1 ? source.length : close);
          bodyStart = close === -1 ? source.length : close + 1;
        } else {
          // (?i:...) style modifiers
          const colon = source.indexOf(':', i + 2);
          kind = 'modifier';
          bodyStart = colon === -1 ? i + 2 : colon + 1;
        }
      }
      const group: GroupInfo = { start: i, end: source.length, kind, bodyStart, branches: 1 };
      if (kind === 'capture' || kind === 'named') {
        captureCount += 1;
        group.index = captureCount;
        if (name !== undefined) group.name = name;
      }
      groups.push(group);
      open.push(group);
      i = bodyStart;
      atomBefore = false;
      continue;
    }
    if (ch === ')') {
      const group = open.pop();
      if (group) group.end = i + 1;
      i += 1;
      atomBefore = true;
      continue;
    }
    if (ch === '|' && open.length > 0) {
      open[open.length - 1]!.branches += 1;
      i += 1;
      atomBefore = false;
      continue;
    }
    if (ch === '|' && open.length === 0) {
      alternatives.push({ start: altStart, end: i });
      altStart = i + 1;
      i += 1;
      atomBefore = false;
      continue;
    }
    if ((ch === '*' || ch === '+' || ch === '?') && atomBefore) {
      let end = i + 1;
      if (source[end] === '?') end += 1; // lazy
      const min = ch === '+' ? 1 : 0;
      const max = ch === '?' ? 1 : Infinity;
      quantifiers.push({ start: i, end, min, max, braced: false });
      i = end;
      atomBefore = false;
      continue;
    }
    if (ch === '{' && atomBefore) {
      BRACED_QUANTIFIER.lastIndex = i;
      const m = BRACED_QUANTIFIER.exec(source);
      if (m) {
        let end = i + m[0].length;
        if (source[end] === '?') end += 1;
        const min = Number(m[1]);
        const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        quantifiers.push({ start: i, end, min, max, braced: true });
        i = end;
        atomBefore = false;
        continue;
      }
    }
    i += 1;
    atomBefore = ch !== '^' && ch !== '$' && ch !== '|';
  }
  alternatives.push({ start: altStart, end: source.length });
  return { groups, backrefs, quantifiers, alternatives };
}

function skipClass(source: string, at: number): number {
  let i = at + 1;
  if (source[i] === '^') i += 1;
  // A ']' right after '[' or '[^' is a literal only outside unicode mode; V8 treats `[]` as
  // an empty class, so the first ']' always closes.
  let depth = 1;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\\') { i += 2; continue; }
    // The v flag allows nested classes; counting brackets is harmless without it because an
    // unescaped '[' inside a class is rare and a literal there.
    if (ch === ']') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
    i += 1;
  }
  return source.length;
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
  unicode: boolean,
  limit = 10,
): (Derived & { approximations: VariantApproximation[]; reducedMinimums: number[] }) | null {
  const structure = scanPattern(original, unicode);
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
export function unanchoredAlternatives(original: string, unicode: boolean): Derived | null {
  const { alternatives } = scanPattern(original, unicode);
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
