import type { Finding } from './model.js';

/**
 * A fingerprint survives the finding moving to another line: it hashes the rule, the file and the
 * text that caused it (given by the domain as `anchor`), plus an occurrence index so two identical
 * findings in one file stay distinct. Only the hash is stored, never the anchor text.
 */
export function withFingerprints(findings: Finding[], anchorOf: (f: Finding) => string): Finding[] {
  const prints = fingerprintsOf(findings, (f) => f.file, anchorOf);
  return findings.map((f, i) => ({ ...f, fingerprint: prints[i]! }));
}

/** The fingerprint of each finding, in order, hashing `fileOf(f)` as its path. */
export function fingerprintsOf(findings: readonly Finding[], fileOf: (f: Finding) => string, anchorOf: (f: Finding) => string): string[] {
  const { createHash } = process.getBuiltinModule('node:crypto');
  // Many findings can share one long anchor (20,000 on a 1 MB minified line): the anchor is hashed
  // once per rule and file, and each finding only adds its occurrence index to a copy of that state.
  // Keys hold a small id for the anchor, not the anchor itself, so no long string is rebuilt per
  // finding. The digests are the same as hashing `${base}\0${n}` whole.
  const anchorIds = new Map<string, number>();
  const states = new Map<string, { hash: ReturnType<typeof createHash>; next: number }>();
  return findings.map((f) => {
    const anchor = anchorOf(f);
    const file = fileOf(f);
    let id = anchorIds.get(anchor);
    if (id === undefined) anchorIds.set(anchor, (id = anchorIds.size));
    const key = `${f.ruleId}\0${file}\0${id}`;
    let state = states.get(key);
    if (!state) states.set(key, (state = { hash: createHash('sha256').update(`${f.ruleId}\0${file}\0${anchor}\0`), next: 0 }));
    return state.hash.copy().update(String(state.next++)).digest('hex').slice(0, 32);
  });
}
