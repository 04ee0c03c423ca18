import type { Finding } from './model.js';

/**
 * A fingerprint survives the finding moving to another line: it hashes the rule, the file and the
 * text that caused it (given by the domain as `anchor`), plus an occurrence index so two identical
 * findings in one file stay distinct. Only the hash is stored, never the anchor text.
 */
export function withFingerprints(findings: Finding[], anchorOf: (f: Finding) => string): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `${f.ruleId}\0${f.file}\0${anchorOf(f)}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    // node:crypto (and the streams it pulls in) is loaded on first use, not by every command that
    // bundles this module: a plain `authkit decode` never hashes.
    const fingerprint = process.getBuiltinModule('node:crypto').createHash('sha256').update(`${base}\0${n}`).digest('hex').slice(0, 32);
    return { ...f, fingerprint };
  });
}
