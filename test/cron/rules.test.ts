import { describe, expect, it } from 'vitest';
import type { RuleExample } from '../../src/findings/model.js';
import { lintCrontab } from '../../src/cron/lint.js';
import { CRON_RULES } from '../../src/cron/rules.js';
import { analyzeYamlSchedules } from '../../src/cron/yaml-lint.js';

const SYSTEM_RULES = new Set(['cron/missing-home', 'cron/missing-user-field', 'cron/unknown-user-not-checked']);

// The rules of schedules in workflows and CronJobs; their examples are YAML, their sources GitHub's and Kubernetes' docs.
const YAML_RULES = new Set(['cron/actions-too-frequent', 'cron/actions-top-of-hour', 'cron/actions-utc', 'cron/k8s-time-zone', 'cron/k8s-missed-schedules']);

function lintExample(ruleId: string, code: string, note?: string) {
  if (YAML_RULES.has(ruleId)) return analyzeYamlSchedules(note!, code).findings;
  if (ruleId === 'cron/cron-d-filename') return lintCrontab(code, '0 1 * * * root /usr/bin/true\n');
  return lintCrontab('crontab', code, { kind: SYSTEM_RULES.has(ruleId) ? 'system' : 'user' });
}

describe('cron rule registry', () => {
  it('has every rule id the issue names, once, with a one-line description and grounded help', () => {
    const ids = CRON_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(
      [
        'cron/missing-shell', 'cron/missing-path', 'cron/missing-home', 'cron/relative-binary', 'cron/bashism-under-sh',
        'cron/unescaped-percent', 'cron/invalid-schedule', 'cron/missing-user-field', 'cron/unknown-user-not-checked',
        'cron/no-trailing-newline', 'cron/crlf-line-endings', 'cron/cron-d-filename', 'cron/dom-dow-or',
        'cron/output-not-redirected', 'cron/dom-dow-star-step', 'cron/every-minute-in-hour', 'cron/impossible-date',
        'cron/nonportable-schedule', 'cron/env-var-expansion', 'cron/env-empty-value', 'cron/env-inline-comment',
        'cron/invalid-line', 'cron/user-field-in-user-crontab', 'cron/cron-tz-nonportable',
        ...YAML_RULES,
      ].sort(),
    );
    for (const rule of CRON_RULES) {
      expect(rule.description, rule.id).not.toMatch(/\n|\.$/);
      expect(rule.description.length, rule.id).toBeLessThan(110);
      expect(rule.help, rule.id).toMatch(YAML_RULES.has(rule.id) ? /^(GitHub's "Events that trigger workflows"|Kubernetes' CronJob concept page)/ : /crontab\(5\)|cron\(8\)|cronie|Debian/);
      expect(rule.examples?.valid.length, rule.id).toBeGreaterThan(0);
      expect(rule.examples?.invalid.length, rule.id).toBeGreaterThan(0);
    }
  });

  for (const rule of CRON_RULES) {
    describe(rule.id, () => {
      for (const example of rule.examples!.invalid) {
        it(`reports ${JSON.stringify(example.code)}`, () => {
          expect(lintExample(rule.id, example.code, (example as RuleExample).note).map((f) => f.ruleId)).toContain(rule.id);
        });
      }
      for (const example of rule.examples!.valid) {
        it(`accepts ${JSON.stringify(example.code)}`, () => {
          expect(lintExample(rule.id, example.code, (example as RuleExample).note).map((f) => f.ruleId)).not.toContain(rule.id);
        });
      }
    });
  }
});
