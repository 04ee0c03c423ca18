import type { Finding, RuleMeta } from './model.js';

/**
 * Inline suppressions, in any comment syntax (`//`, `#`, `/*`, `<!--`):
 *   authkit-ignore-next-line rule/a, rule/b -- reason
 *   some code, then a comment on the same line: authkit-ignore rule/a -- reason
 * No rule ids means every rule. Parsed by hand: this runs on untrusted files.
 */
export interface Suppression {
  line: number;
  column: number;
  /** The line whose findings it silences. */
  targetLine: number;
  /** null: every rule. */
  rules: string[] | null;
  reason?: string;
}

const NEXT_LINE = 'authkit-ignore-next-line';
const SAME_LINE = 'authkit-ignore';
const COMMENT_OPENERS = ['//', '#', '/*', '<!--', ';', '--'];

export function parseSuppressions(text: string): Suppression[] {
  if (!text.includes(SAME_LINE)) return [];
  const out: Suppression[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const at = line.indexOf(SAME_LINE);
    if (at < 0) continue;
    const before = line.slice(0, at);
    if (!COMMENT_OPENERS.some((opener) => before.includes(opener))) continue;
    const nextLine = line.startsWith(NEXT_LINE, at);
    let rest = line.slice(at + (nextLine ? NEXT_LINE.length : SAME_LINE.length));
    // `authkit-ignored` or `authkit-ignore-foo` is not a directive.
    if (rest.length > 0 && !/^[\s,]/.test(rest)) continue;
    rest = rest.replace(/\r$/, '');
    for (const closer of ['*/', '-->']) {
      const end = rest.lastIndexOf(closer);
      if (end >= 0) rest = rest.slice(0, end);
    }
    let reason: string | undefined;
    const dashes = rest.indexOf(' --');
    if (dashes >= 0) {
      reason = rest.slice(dashes + 3).trim() || undefined;
      rest = rest.slice(0, dashes);
    }
    const rules = rest.split(/[\s,]+/).filter((r) => r.length > 0);
    out.push({
      line: i + 1,
      column: at + 1,
      targetLine: nextLine ? i + 2 : i + 1,
      rules: rules.length > 0 ? rules : null,
      reason,
    });
  }
  return out;
}

export const UNUSED_SUPPRESSION_RULE = 'meta/unused-suppression';

/** Rules about authkit's own directives rather than about any domain. */
export const META_RULES = [
  {
    id: UNUSED_SUPPRESSION_RULE,
    severity: 'warning',
    description: 'An authkit-ignore comment that suppressed nothing',
    help: 'A suppression comment that matches no finding hides nothing today and may hide a real problem tomorrow. Remove it, or fix its rule id.',
    examples: {
      valid: [{ code: 'an ignore-next-line comment naming regex/redos-polynomial above /\\s*$/, which that rule reports' }],
      invalid: [{ code: 'the same comment above /^[a-z]+$/, which no rule reports' }],
    },
  },
] as const satisfies readonly RuleMeta[];

/**
 * Drops the findings a suppression covers. Suppressions that silenced nothing come back as
 * `meta/unused-suppression` findings, so that stale comments do not rot in place.
 */
export function applySuppressions(
  file: string,
  findings: Finding[],
  suppressions: Suppression[],
): { kept: Finding[]; suppressed: Finding[]; unused: Finding[] } {
  if (suppressions.length === 0) return { kept: findings, suppressed: [], unused: [] };
  const used = new Set<Suppression>();
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    const match = suppressions.find(
      (s) => s.targetLine === finding.line && (s.rules === null || s.rules.includes(finding.ruleId)),
    );
    if (match) {
      used.add(match);
      suppressed.push(finding);
    } else {
      kept.push(finding);
    }
  }
  const unused: Finding[] = suppressions
    .filter((s) => !used.has(s))
    .map((s) => ({
      ruleId: UNUSED_SUPPRESSION_RULE,
      severity: 'warning' as const,
      message: `Suppression of ${s.rules ? s.rules.join(', ') : 'every rule'} matched no finding; remove it`,
      file,
      line: s.line,
      column: s.column,
      data: { rules: s.rules },
    }));
  return { kept, suppressed, unused };
}
