// One file on purpose (about 540 lines): the proof below is one argument whose two parts share the
// pattern walk and its character-set algebra; split, neither half could be checked on its own.
// A structural proof that a pattern searches any input in linear time, so that the common,
// harmless patterns never reach recheck (0.3 to 1 s each). It never runs or compiles a pattern.
//
// The proof has two parts; when either fails (or the pattern uses a feature it does not model:
// back-references, the v flag, modifiers, \p{...}, lookarounds with loops inside), the answer is
// `false` and the pattern goes through the full analysis.
//
// 1. One match attempt is linear. Every repetition is deterministic: at each point where a loop
//    (a quantifier that can repeat) chooses between another iteration and leaving, the next
//    input character decides, because the characters that can start an iteration and those that
//    can follow the loop are disjoint sets, and the loop body cannot match empty. Inside a loop,
//    alternatives and optional parts must be deterministic the same way. Outside loops,
//    alternations, `?` and small bounded repeats may overlap: they multiply the number of paths
//    by a constant (capped). Backtracking into a deterministic loop then fails on the first
//    character of every alternative path, so an attempt costs O(paths x length).
// 2. Attempts from successive start positions do not rescan the input (this is what makes
//    `\s+$` quadratic under a plain search). Either the alternative is anchored with `^` (no m
//    flag), or its first character is mandatory and comes from a set P that no loop can consume:
//    an attempt can then only read past as many P characters as the pattern has non-loop
//    atoms, so each input position is read by a bounded number of attempts. This also covers
//    `g` iteration and `split`, which start attempts at every position too.

type Range = [number, number];

/** A set of code points (code units without the u flag), as sorted disjoint inclusive ranges. */
class CharSet {
  constructor(readonly ranges: Range[]) {}

  static of(...ranges: Range[]): CharSet {
    return new CharSet(normalise(ranges));
  }

  static readonly empty = new CharSet([]);

  union(other: CharSet): CharSet {
    if (other.ranges.length === 0) return this;
    if (this.ranges.length === 0) return other;
    return new CharSet(normalise([...this.ranges, ...other.ranges]));
  }

  intersects(other: CharSet): boolean {
    let i = 0;
    let j = 0;
    while (i < this.ranges.length && j < other.ranges.length) {
      const [a0, a1] = this.ranges[i]!;
      const [b0, b1] = other.ranges[j]!;
      if (a1 < b0) i += 1;
      else if (b1 < a0) j += 1;
      else return true;
    }
    return false;
  }

  complement(max: number): CharSet {
    const out: Range[] = [];
    let next = 0;
    for (const [lo, hi] of this.ranges) {
      if (lo > next) out.push([next, lo - 1]);
      next = hi + 1;
    }
    if (next <= max) out.push([next, max]);
    return new CharSet(out);
  }
}

function normalise(ranges: Range[]): Range[] {
  const sorted = ranges.filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

const DIGIT: Range[] = [[0x30, 0x39]];
const WORD: Range[] = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
const SPACE: Range[] = [
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a],
  [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
];
const LINE_TERMINATORS: Range[] = [[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]];

type Node =
  | { t: 'set'; set: CharSet }
  | { t: 'assert'; kind: string }
  | { t: 'group'; alts: Node[][] }
  | { t: 'look'; alts: Node[][] }
  | { t: 'quant'; node: Node; min: number; max: number };

class Unsupported extends Error {}

class Parser {
  private i = 0;
  private readonly max: number;

  constructor(
    private readonly src: string,
    private readonly unicode: boolean,
    private ignoreCase: boolean,
    private readonly dotAll: boolean,
  ) {
    this.max = unicode ? 0x10ffff : 0xffff;
  }

  parse(): Node[][] {
    const alts = this.alternatives();
    if (this.i < this.src.length) throw new Unsupported('unbalanced');
    return alts;
  }

  private alternatives(): Node[][] {
    const alts: Node[][] = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i += 1;
      alts.push(this.sequence());
    }
    return alts;
  }

  private sequence(): Node[] {
    const seq: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      seq.push(this.quantified(atom));
    }
    return seq;
  }

  private quantified(atom: Node): Node {
    const ch = this.src[this.i];
    let min: number;
    let max: number;
    if (ch === '*') [min, max] = [0, Infinity];
    else if (ch === '+') [min, max] = [1, Infinity];
    else if (ch === '?') [min, max] = [0, 1];
    else if (ch === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) {
        if (this.unicode) throw new Unsupported('bad brace');
        return atom; // Annex B: a literal '{', already consumed as an atom by the caller's next turn
      }
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return atom;
    this.i += 1;
    if (this.src[this.i] === '?') this.i += 1; // lazy: same paths, explored in another order
    if (atom.t === 'assert' || atom.t === 'look') throw new Unsupported('quantified assertion');
    return { t: 'quant', node: atom, min, max };
  }

  private atom(): Node {
    const ch = this.src[this.i]!;
    if (ch === '^' || ch === '$') {
      this.i += 1;
      return { t: 'assert', kind: ch };
    }
    if (ch === '.') {
      this.i += 1;
      return { t: 'set', set: this.dotAll ? CharSet.of([0, this.max]) : new CharSet(LINE_TERMINATORS).complement(this.max) };
    }
    if (ch === '(') {
      this.i += 1;
      let look = false;
      if (this.src[this.i] === '?') {
        const next = this.src[this.i + 1];
        const after = this.src[this.i + 2];
        if (next === ':') this.i += 2;
        else if (next === '=' || next === '!') {
          this.i += 2;
          look = true;
        } else if (next === '<' && (after === '=' || after === '!')) {
          this.i += 3;
          look = true;
        }
        else if (next === '<' && this.src[this.i + 2] !== '=' && this.src[this.i + 2] !== '!') {
          const close = this.src.indexOf('>', this.i);
          if (close === -1) throw new Unsupported('group name');
          this.i = close + 1;
        } else throw new Unsupported('lookaround or modifier');
      }
      const alts = this.alternatives();
      if (this.src[this.i] !== ')') throw new Unsupported('unclosed group');
      this.i += 1;
      return look ? { t: 'look', alts } : { t: 'group', alts };
    }
    if (ch === '[') return { t: 'set', set: this.charClass() };
    if (ch === '\\') {
      const next = this.src[this.i + 1];
      if (next === 'b' || next === 'B') {
        this.i += 2;
        return { t: 'assert', kind: `\\${next}` };
      }
      return { t: 'set', set: this.escape(false) };
    }
    if (ch === '*' || ch === '+' || ch === '?' || ch === ')') throw new Unsupported('stray quantifier');
    if (ch === '{' && /^\{\d+(?:,\d*)?\}/.test(this.src.slice(this.i))) throw new Unsupported('stray quantifier');
    return { t: 'set', set: this.caseClosed(CharSet.of([this.codePoint(), this.lastCodePoint])) };
  }

  private lastCodePoint = 0;

  /** Reads one literal character (a code point with u, a code unit without). */
  private codePoint(): number {
    const cp = this.unicode ? this.src.codePointAt(this.i)! : this.src.charCodeAt(this.i);
    this.i += cp > 0xffff ? 2 : 1;
    this.lastCodePoint = cp;
    return cp;
  }

  /** Case-insensitive matching: an over-approximation that stays sound for disjointness tests. */
  private caseClosed(set: CharSet): CharSet {
    if (!this.ignoreCase) return set;
    const extra: Range[] = [];
    for (const [lo, hi] of set.ranges) {
      const a = Math.max(lo, 0x41);
      const b = Math.min(hi, 0x5a);
      if (a <= b) extra.push([a + 32, b + 32]);
      const c = Math.max(lo, 0x61);
      const d = Math.min(hi, 0x7a);
      if (c <= d) extra.push([c - 32, d - 32]);
    }
    const letters = new CharSet(normalise([...set.ranges, ...extra]));
    // Case folding maps some non-ASCII characters to ASCII letters and back (K, long s...).
    const touchesLetters = letters.intersects(CharSet.of([0x41, 0x5a], [0x61, 0x7a])) || letters.intersects(CharSet.of([0x80, this.max]));
    return touchesLetters ? letters.union(CharSet.of([0x80, this.max])) : letters;
  }

  private escape(inClass: boolean): CharSet {
    const next = this.src[this.i + 1];
    if (next === undefined) throw new Unsupported('trailing backslash');
    this.i += 2;
    const wide = (ranges: Range[], negated: boolean): CharSet => {
      const set = new CharSet(ranges);
      if (!negated) return this.caseClosed(set);
      const complement = set.complement(this.max);
      return this.ignoreCase ? complement.union(CharSet.of([0x41, 0x5a], [0x61, 0x7a], [0x80, this.max])) : complement;
    };
    switch (next) {
      case 'd': return wide(DIGIT, false);
      case 'D': return wide(DIGIT, true);
      case 'w': return wide(WORD, false);
      case 'W': return wide(WORD, true);
      case 's': return wide(SPACE, false);
      case 'S': return wide(SPACE, true);
      case 'n': return this.single(0x0a);
      case 'r': return this.single(0x0d);
      case 't': return this.single(0x09);
      case 'v': return this.single(0x0b);
      case 'f': return this.single(0x0c);
      case 'b':
        if (inClass) return this.single(0x08);
        throw new Unsupported('assertion');
      case '0':
        if (/\d/.test(this.src[this.i] ?? '')) throw new Unsupported('octal');
        return this.single(0);
      case 'x': {
        const hex = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.i));
        if (!hex) throw new Unsupported('bad \\x');
        this.i += 2;
        return this.single(parseInt(hex[0], 16));
      }
      case 'u': {
        const braced = /^\{([0-9a-fA-F]+)\}/.exec(this.src.slice(this.i));
        if (braced && this.unicode) {
          this.i += braced[0].length;
          return this.single(parseInt(braced[1]!, 16));
        }
        const hex = /^[0-9a-fA-F]{4}/.exec(this.src.slice(this.i));
        if (!hex) throw new Unsupported('bad \\u');
        this.i += 4;
        // A surrogate pair written as two escapes is one character with u; keep it simple.
        if (this.unicode && /^[dD][89abAB]/.test(hex[0])) throw new Unsupported('escaped surrogate');
        return this.single(parseInt(hex[0], 16));
      }
      case 'c': {
        const letter = this.src[this.i];
        if (!letter || !/[A-Za-z]/.test(letter)) throw new Unsupported('bad \\c');
        this.i += 1;
        return this.single(letter.charCodeAt(0) % 32);
      }
      default:
        // Back-references, \k, \p and \P, and Annex B oddities are left to the full analysis.
        if (/[1-9kpP]/.test(next)) throw new Unsupported(`\\${next}`);
        if (/[A-Za-z]/.test(next)) throw new Unsupported('identity escape of a letter');
        this.i -= 1;
        return this.single(this.codePoint());
    }
  }

  private single(cp: number): CharSet {
    this.lastCodePoint = cp;
    return this.caseClosed(CharSet.of([cp, cp]));
  }

  private charClass(): CharSet {
    this.i += 1;
    let negated = false;
    if (this.src[this.i] === '^') {
      negated = true;
      this.i += 1;
    }
    let raw = CharSet.empty;
    while (this.i < this.src.length && this.src[this.i] !== ']') {
      if (this.src[this.i] === '[') throw new Unsupported('nested class');
      const start = this.classAtom();
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        if (start === null) throw new Unsupported('class escape in a range');
        this.i += 1;
        const end = this.classAtom();
        if (end === null || end < start) throw new Unsupported('bad range');
        raw = raw.union(CharSet.of([start, end]));
      } else if (start !== null) {
        raw = raw.union(CharSet.of([start, start]));
      } else {
        raw = raw.union(this.pendingClassEscape!);
      }
    }
    if (this.src[this.i] !== ']') throw new Unsupported('unclosed class');
    this.i += 1;
    if (negated) {
      // Characters outside the class; with i this is a superset of what really matches.
      const complement = raw.complement(this.max);
      return this.ignoreCase ? complement.union(CharSet.of([0x41, 0x5a], [0x61, 0x7a], [0x80, this.max])) : complement;
    }
    return this.caseClosed(raw);
  }

  private pendingClassEscape: CharSet | null = null;

  /** A single character (its code point), or null for a class escape such as \d (kept pending). */
  private classAtom(): number | null {
    if (this.src[this.i] !== '\\') return this.codePoint();
    const next = this.src[this.i + 1];
    if (next && 'dDwWsS'.includes(next)) {
      const saved = this.ignoreCase;
      // Collected raw; the class applies case closure (or complement) as a whole.
      this.ignoreCase = false;
      try {
        this.pendingClassEscape = this.escape(true);
      } finally {
        this.ignoreCase = saved;
      }
      if (saved && /[DWS]/.test(next)) {
        // Negated escapes under i: widen to stay a superset.
        this.pendingClassEscape = this.pendingClassEscape.union(CharSet.of([0x41, 0x5a], [0x61, 0x7a], [0x80, this.max]));
      }
      return null;
    }
    const saved = this.ignoreCase;
    this.ignoreCase = false;
    try {
      this.escape(true);
    } finally {
      this.ignoreCase = saved;
    }
    return this.lastCodePoint;
  }
}

/** Paths through the non-loop choice points of one attempt beyond this are not "a constant". */
const MAX_PATHS = 4096;
/** Bounded repeats up to this count outside loops are unrolled choices; larger ones are loops. */
const MAX_UNROLLED = 16;

interface Info {
  first: CharSet;
  nullable: boolean;
}

function infoOf(node: Node): Info {
  switch (node.t) {
    case 'set':
      return { first: node.set, nullable: false };
    case 'assert':
    case 'look':
      return { first: CharSet.empty, nullable: true };
    case 'group': {
      let first = CharSet.empty;
      let nullable = false;
      for (const alt of node.alts) {
        const info = seqInfo(alt, 0);
        first = first.union(info.first);
        nullable ||= info.nullable;
      }
      return { first, nullable };
    }
    case 'quant': {
      const info = infoOf(node.node);
      return { first: info.first, nullable: node.min === 0 || info.nullable };
    }
  }
}

function seqInfo(seq: Node[], from: number): Info {
  let first = CharSet.empty;
  for (let k = from; k < seq.length; k += 1) {
    const info = infoOf(seq[k]!);
    first = first.union(info.first);
    if (!info.nullable) return { first, nullable: false };
  }
  return { first, nullable: true };
}

/** Every character any atom inside the node can consume. */
function charsOf(node: Node): CharSet {
  switch (node.t) {
    case 'set':
      return node.set;
    case 'assert':
    case 'look':
      return CharSet.empty;
    case 'group':
      return node.alts.flat().reduce((acc, n) => acc.union(charsOf(n)), CharSet.empty);
    case 'quant':
      return charsOf(node.node);
  }
}

function containsLoop(node: Node): boolean {
  switch (node.t) {
    case 'set':
    case 'assert':
      return false;
    case 'group':
    case 'look':
      return node.alts.some((alt) => alt.some(containsLoop));
    case 'quant':
      return node.max > MAX_UNROLLED || containsLoop(node.node);
  }
}

class Checker {
  /** Characters that loops can consume (for the start-position argument). */
  loopChars = CharSet.empty;

  /**
   * Checks a sequence given what can follow it; returns the number of paths its non-loop choice
   * points allow (Infinity when a loop is ambiguous).
   */
  sequence(seq: Node[], follow: CharSet, inLoop: boolean): number {
    let paths = 1;
    for (let k = 0; k < seq.length; k += 1) {
      const rest = seqInfo(seq, k + 1);
      const after = rest.nullable ? rest.first.union(follow) : rest.first;
      paths *= this.node(seq[k]!, after, inLoop);
      if (!(paths <= MAX_PATHS)) return Infinity;
    }
    return paths;
  }

  node(node: Node, follow: CharSet, inLoop: boolean): number {
    switch (node.t) {
      case 'set':
      case 'assert':
        return 1;
      case 'look': {
        // A lookaround is atomic and zero-width. Without loops in it, each evaluation reads a
        // bounded number of characters, so it is a constant-cost assertion wherever it sits (a
        // loop in it could rescan the rest of the input at every position it is reached).
        const body = new Checker();
        let paths = 0;
        for (const alt of node.alts) paths += body.sequence(alt, CharSet.empty, false);
        if (body.loopChars.ranges.length > 0 || paths === Infinity || containsLoop(node)) return Infinity;
        return 1;
      }
      case 'group': {
        if (inLoop) {
          // Inside a loop every choice must be decided by the next character.
          const infos = node.alts.map((alt) => seqInfo(alt, 0));
          if (infos.length > 1) {
            if (infos.some((info) => info.nullable)) return Infinity;
            for (let a = 0; a < infos.length; a += 1) {
              for (let b = a + 1; b < infos.length; b += 1) if (infos[a]!.first.intersects(infos[b]!.first)) return Infinity;
            }
          }
          for (const alt of node.alts) if (this.sequence(alt, follow, true) === Infinity) return Infinity;
          return 1;
        }
        let paths = 0;
        for (const alt of node.alts) paths += this.sequence(alt, follow, false);
        return paths;
      }
      case 'quant': {
        const body = infoOf(node.node);
        const repeats = node.max > 1;
        const loop = inLoop ? node.min !== node.max : repeats && node.min !== node.max && node.max > MAX_UNROLLED;
        if (!loop) {
          // Fixed counts and small bounded repeats outside loops: constant choice points.
          const inner = this.node(node.node, repeats ? follow.union(body.first) : follow, inLoop);
          if (inner === Infinity) return Infinity;
          if (inLoop) return 1;
          const count = Math.min(node.max, MAX_UNROLLED);
          const paths = inner ** count * (count - node.min + 1);
          return paths <= MAX_PATHS ? paths : Infinity;
        }
        // A loop: continuing and leaving must start with different characters, and an
        // iteration must consume something.
        if (body.nullable) return Infinity;
        if (body.first.intersects(follow)) return Infinity;
        this.loopChars = this.loopChars.union(charsOf(node.node));
        const inner = this.node(node.node, repeats ? follow.union(body.first) : follow, true);
        return inner === Infinity ? Infinity : 1;
      }
    }
  }
}

/**
 * True when every search of the pattern (a single search, `g` iteration or `split`) runs in time
 * linear in the input length, by the structural argument above. False means "not proven".
 */
export function provablyLinear(pattern: string, flags: string): boolean {
  if (flags.includes('v')) return false;
  let alternatives: Node[][];
  try {
    alternatives = new Parser(pattern, flags.includes('u'), flags.includes('i'), flags.includes('s')).parse();
  } catch (error) {
    if (error instanceof Unsupported) return false;
    throw error;
  }
  const multiline = flags.includes('m');
  for (const alt of alternatives) {
    const checker = new Checker();
    if (checker.sequence(alt, CharSet.empty, false) === Infinity) return false;
    const anchored = !multiline && alt[0]?.t === 'assert' && alt[0].kind === '^';
    if (anchored) continue;
    // Skip leading zero-width assertions: an attempt still has to consume its first character.
    let k = 0;
    while (k < alt.length && alt[k]!.t === 'assert') k += 1;
    const start = seqInfo(alt, k);
    if (start.nullable && checker.loopChars.ranges.length > 0) return false;
    if (start.first.intersects(checker.loopChars)) return false;
  }
  return true;
}
