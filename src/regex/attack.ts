// Attack inputs: the shapes the confirmation runner pumps, and their readable JavaScript form.

/** prefix₁ + pump₁ⁿ + prefix₂ + pump₂ⁿ + … + suffix */
export interface AttackShape {
  pumps: { prefix: string; pump: string }[];
  suffix: string;
  /** Where the shape came from, for the docs and debugging: 'recheck', 'variant', 'g-model'... */
  origin: string;
}

export function attackLength(shape: AttackShape, count: number): number {
  let length = shape.suffix.length;
  for (const { prefix, pump } of shape.pumps) length += prefix.length + pump.length * count;
  return length;
}

/** Largest pump count whose input stays within maxInput characters. */
export function maxCount(shape: AttackShape, maxInput: number): number {
  const fixed = attackLength(shape, 0);
  const perCount = attackLength(shape, 1) - fixed;
  if (perCount <= 0) return 0;
  return Math.max(0, Math.floor((maxInput - fixed) / perCount));
}

/** A JavaScript string literal for `text`, single-quoted, with control and non-ASCII escaped. */
export function jsString(text: string): string {
  let out = "'";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "'") out += "\\'";
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code > 0x7e && code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code > 0xffff) out += `\\u{${code.toString(16)}}`;
    else out += ch;
  }
  return `${out}'`;
}

/** "'a'.repeat(31) + '!'" for the shape pumped `count` times. */
export function readableAttack(shape: AttackShape, count: number): string {
  const parts: string[] = [];
  for (const { prefix, pump } of shape.pumps) {
    if (prefix) parts.push(jsString(prefix));
    parts.push(`${jsString(pump)}.repeat(${count})`);
  }
  if (shape.suffix) parts.push(jsString(shape.suffix));
  return parts.join(' + ');
}

/** The contract's single prefix/pump/suffix view: later pumps are folded into the suffix. */
export function flatAttack(shape: AttackShape, count: number): { readable: string; prefix: string; pump: string; suffix: string } {
  const [first, ...rest] = shape.pumps;
  let suffix = '';
  for (const { prefix, pump } of rest) suffix += prefix + pump.repeat(count);
  suffix += shape.suffix;
  return { readable: readableAttack(shape, count), prefix: first?.prefix ?? '', pump: first?.pump ?? '', suffix };
}

/**
 * Variations of a shape. Attack strings found by recheck do not always reproduce in V8 (irregexp
 * has quick checks and Boyer-Moore prefilters that a different final character can dodge), and a
 * regex iterated from every position needs a first character its anchored alternatives reject.
 */
export function shapeVariants(shape: AttackShape, leading: string[] = []): AttackShape[] {
  const out: AttackShape[] = [shape];
  const seen = new Set([key(shape)]);
  const add = (candidate: AttackShape) => {
    const k = key(candidate);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(candidate);
    }
  };
  for (const lead of leading) {
    const [first, ...rest] = shape.pumps;
    if (first) add({ ...shape, pumps: [{ prefix: lead + first.prefix, pump: first.pump }, ...rest], origin: `${shape.origin}+lead` });
  }
  for (const suffix of ['!', '\u0000', '\n', '_', 'a', '0']) {
    if (suffix !== shape.suffix) add({ ...shape, suffix, origin: `${shape.origin}+suffix` });
  }
  return out;
}

function key(shape: AttackShape): string {
  return JSON.stringify([shape.pumps, shape.suffix]);
}

/**
 * The shape with every run of one repeated character (in prefixes and suffix) stretched to
 * `length`: an attack found on a variant whose `{44,88}` became `{2,3}` needs 44 characters there
 * to match the original.
 */
export function padRuns(shape: AttackShape, length: number): AttackShape {
  const pad = (text: string) => text.replace(/(.)\1+/gsu, (run: string, ch: string) => (run.length < length ? ch.repeat(length) : run));
  return {
    pumps: shape.pumps.map(({ prefix, pump }) => ({ prefix: pad(prefix), pump })),
    suffix: pad(shape.suffix),
    origin: `${shape.origin}+padded`,
  };
}
