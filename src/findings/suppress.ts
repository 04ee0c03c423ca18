import type { FileDirectives, Finding, SuppressedFinding, Suppression } from './model.js';
import type { MetaRuleId } from './rules.js';

export type { Suppression };

const NEXT_LINE = 'authkit-ignore-next-line';
const SAME_LINE = 'authkit-ignore';
const COMMENT_OPENERS = ['//', '#', '/*', '<!--', ';', '--'];

/**
 * Inline suppressions, in any comment syntax (`//`, `#`, `/*`, `<!--`):
 *   authkit-ignore-next-line rule/a, rule/b -- reason
 *   some code, then a comment on the same line: authkit-ignore rule/a -- reason
 * No rule ids means every rule. Parsed by hand: this runs on untrusted files.
 */
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

export const UNUSED_SUPPRESSION_RULE: MetaRuleId = 'meta/unused-suppression';

export interface ResolvedDirectives {
  kept: Finding[];
  suppressed: SuppressedFinding[];
  /** Stale directives, as `meta/unused-suppression` findings. */
  unused: Finding[];
}

/**
 * Applies every file's directives to the findings of one run, once, for every command (as ESLint
 * applies its disable comments in one place). A directive silences the findings on its target line
 * whose rule it names (any, when it names none). One that silenced nothing is stale when a domain
 * that read the file could have reported what it names: a comment naming only `cron/...` rules in a
 * file that only regex-audit read is not regex-audit's to judge, while a rule id nobody owns (a typo)
 * is stale everywhere. `ownerOf` comes from the rule registry, given by the caller above.
 */
export function resolveDirectives(findings: readonly Finding[], directives: readonly FileDirectives[], ownerOf: (ruleId: string) => string | undefined): ResolvedDirectives {
  const byFile = new Map<string, FileDirectives[]>();
  for (const d of directives) if (d.suppressions.length > 0) (byFile.get(d.file) ?? byFile.set(d.file, []).get(d.file)!).push(d);
  if (byFile.size === 0) return { kept: [...findings], suppressed: [], unused: [] };

  // Per file, the directives by the line they silence: a file with 100,000 findings is one lookup each.
  const targets = new Map<string, Map<number, Suppression[]>>();
  for (const [file, list] of byFile) {
    const lines = new Map<number, Suppression[]>();
    for (const d of list) for (const s of d.suppressions) (lines.get(s.targetLine) ?? lines.set(s.targetLine, []).get(s.targetLine)!).push(s);
    targets.set(file, lines);
  }
  const used = new Set<Suppression>();
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const match = targets.get(finding.file)?.get(finding.line)?.find((s) => s.rules === null || s.rules.includes(finding.ruleId));
    if (!match) {
      kept.push(finding);
      continue;
    }
    used.add(match);
    suppressed.push({ ...finding, suppression: { line: match.line, column: match.column, ...(match.reason ? { reason: match.reason } : {}) } });
  }

  const unused: Finding[] = [];
  for (const [file, list] of byFile) {
    const domains = new Set(list.filter((d) => d.reportUnused !== false).flatMap((d) => d.domains));
    if (domains.size === 0) continue;
    const seen = new Set<Suppression>();
    for (const d of list) {
      for (const s of d.suppressions) {
        // Scan reads each file's directives once for all its domains; a command may list them again.
        if (used.has(s) || seen.has(s)) continue;
        seen.add(s);
        const concerned = s.rules === null || s.rules.some((rule) => {
          const owner = ownerOf(rule);
          return owner === undefined || domains.has(owner);
        });
        if (!concerned) continue;
        const unknown = s.rules?.filter((rule) => ownerOf(rule) === undefined) ?? [];
        unused.push({
          ruleId: UNUSED_SUPPRESSION_RULE,
          severity: 'warning',
          message: `Suppression of ${s.rules ? s.rules.join(', ') : 'every rule'} matched no finding; ${unknown.length > 0 ? `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a rule id' : 'are not rule ids'} (\`authkit rules\` lists them)` : 'remove it'}`,
          file,
          line: s.line,
          column: s.column,
          data: { rules: s.rules },
        });
      }
    }
  }
  return { kept, suppressed, unused };
}
