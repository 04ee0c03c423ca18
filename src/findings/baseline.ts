import { fingerprintsOf } from './fingerprint.js';
import { type Finding, compareFindings } from './model.js';

export const BASELINE_VERSION = 1;

/** What the anchor of a finding is made of: the text of its line, whitespace-normalised. */
export function lineAnchor(lines: readonly string[] | undefined, finding: Finding): string {
  const line = lines?.[finding.line - 1];
  return line === undefined ? finding.message : line.trim().replace(/\s+/g, ' ');
}

/**
 * Gives every finding that lacks one a fingerprint. `keyPath` is the path hashed in (relative to
 * the repository root, so a baseline written from a subfolder still matches); the anchor is the
 * finding's source line, so moving code up or down keeps the fingerprint while editing the line
 * itself makes it new. Findings are ordered first so that the occurrence index is stable.
 */
export function fingerprintFindings(
  findings: Finding[],
  keyPath: (f: Finding) => string,
  textOf: (f: Finding) => string | undefined,
): Finding[] {
  // Indices, not copies: three copies of each finding made 750,000 findings cost 1 GB.
  const missing: number[] = [];
  for (let i = 0; i < findings.length; i++) if (!findings[i]!.fingerprint) missing.push(i);
  if (missing.length === 0) return findings;
  missing.sort((a, b) => compareFindings(findings[a]!, findings[b]!));
  const linesOf = new Map<string, { lines: string[]; anchors: Map<number, string> }>();
  const prints = fingerprintsOf(
    missing.map((i) => findings[i]!),
    keyPath,
    (original) => {
      const text = textOf(original);
      if (text === undefined) return lineAnchor(undefined, original);
      let file = linesOf.get(text);
      if (!file) linesOf.set(text, (file = { lines: text.split('\n'), anchors: new Map() }));
      // Normalised once per line: a long line with thousands of findings is not re-trimmed for each.
      if (file.lines[original.line - 1] === undefined) return lineAnchor(undefined, original);
      let anchor = file.anchors.get(original.line);
      if (anchor === undefined) file.anchors.set(original.line, (anchor = lineAnchor(file.lines, original)));
      return anchor;
    },
  );
  const out = findings.slice();
  for (let j = 0; j < missing.length; j++) out[missing[j]!] = { ...findings[missing[j]!]!, fingerprint: prints[j]! };
  return out;
}

/** The file `authkit baseline` writes: hashes only, sorted, so it diffs cleanly in review. */
export function serializeBaseline(findings: Finding[], toolVersion: string): string {
  const fingerprints = [...new Set(findings.map((f) => f.fingerprint).filter((x): x is string => Boolean(x)))].sort();
  const doc = {
    $comment: 'authkit baseline: findings accepted as known. Only hashes are stored; regenerate with `authkit baseline`.',
    version: BASELINE_VERSION,
    tool: { name: 'authkit', version: toolVersion },
    fingerprints,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The fingerprints in a baseline file; a problem is returned as one line for an InputFailure. */
export function parseBaseline(text: string): { fingerprints: Set<string> } | { problem: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { problem: 'not a baseline file (invalid JSON); regenerate it with `authkit baseline`' };
  }
  const d = doc as { version?: unknown; fingerprints?: unknown };
  if (typeof doc !== 'object' || doc === null || d.version !== BASELINE_VERSION) {
    return { problem: `not an authkit baseline (expected "version": ${BASELINE_VERSION}); regenerate it with \`authkit baseline\`` };
  }
  if (!Array.isArray(d.fingerprints) || !d.fingerprints.every((f) => typeof f === 'string' && /^[0-9a-f]{16,64}$/.test(f))) {
    return { problem: 'fingerprints: expected an array of hex strings' };
  }
  return { fingerprints: new Set(d.fingerprints as string[]) };
}

export function filterByBaseline(findings: Finding[], known: Set<string>): { kept: Finding[]; baselined: number } {
  const kept = findings.filter((f) => !f.fingerprint || !known.has(f.fingerprint));
  return { kept, baselined: findings.length - kept.length };
}
