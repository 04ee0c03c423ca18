import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CronRuleData } from '../../src/cron/rules.js';
import type { Report } from '../../src/cron/shell-rules.js';
import { dataOf } from '../../src/findings/model.js';
import { parseSource } from '../../src/js/parse.js';
import { RULES, DOMAINS, type RuleId, UnregisteredRuleError, assertRegistered, domainOf, finding, isRuleId } from '../../src/rules/index.js';
import { ROOT } from '../helpers/cli.js';

const RULE_ID_SHAPE = /^([a-z]+)\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DOMAIN_NAMES = new Set<string>(DOMAINS.map((d) => d.name));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []));
}

/** Every string in the code (comments excluded) that has the shape of a rule id of a known domain. */
function ruleIdLiterals(file: string): string[] {
  const parsed = parseSource(file, readFileSync(file, 'utf8'));
  expect(parsed.parseError, file).toBeUndefined();
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const node = value as Record<string, unknown>;
    const text = node.type === 'Literal' ? node.value : node.type === 'TemplateElement' ? (node.value as { cooked?: string }).cooked : undefined;
    if (typeof text === 'string') {
      const m = RULE_ID_SHAPE.exec(text);
      if (m && DOMAIN_NAMES.has(m[1]!)) found.push(text);
    }
    for (const child of Object.values(node)) visit(child);
  };
  visit(parsed.program());
  return found;
}

describe('the rule registry', () => {
  it('registers every rule id written anywhere in src/ (string literals, comments excluded)', () => {
    const files = sourceFiles(join(ROOT, 'src'));
    const literals = new Map<string, string>();
    for (const file of files) for (const id of ruleIdLiterals(file)) literals.set(id, relative(ROOT, file));
    // The scan must have seen the rules of every domain, or it proves nothing.
    expect([...literals.keys()]).toEqual(expect.arrayContaining(['jwt/alg-none', 'regex/invalid-pattern', 'cron/missing-path', 'meta/unused-suppression']));
    const unregistered = [...literals].filter(([id]) => !isRuleId(id)).map(([id, file]) => `${id} (${file})`);
    expect(unregistered).toEqual([]);
  });

  it('registers the cron rules that lint.ts builds from a short name (`report(\'missing-path\', ...)`)', () => {
    const names = new Set<string>();
    for (const file of sourceFiles(join(ROOT, 'src/cron'))) for (const m of readFileSync(file, 'utf8').matchAll(/\breport\(\s*'([a-z0-9-]+)'/g)) names.add(`cron/${m[1]}`);
    expect(names.size).toBeGreaterThan(10);
    expect([...names].filter((id) => !isRuleId(id))).toEqual([]);
  });

  it('holds each id once, kebab-case under its domain, and knows the owner from the registry', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(RULE_ID_SHAPE);
      expect(domainOf(rule.id)).toBe(rule.domain);
      expect(rule.description.endsWith('.')).toBe(false);
      expect(rule.help.length).toBeGreaterThan(40);
    }
    expect(domainOf('regex/invalid-pattern')).toBe('regex');
    expect(domainOf('session/not-yet-a-rule')).toBeUndefined();
  });

  it('refuses a finding with an unregistered id at run time', () => {
    const ok = finding('jwt/alg-none', 'Unsecured', { file: 'a.txt', line: 1, column: 1 });
    expect(ok.severity).toBe('error');
    expect(() => assertRegistered([ok])).not.toThrow();
    expect(() => assertRegistered([{ ruleId: 'jwt/made-up' }])).toThrow(UnregisteredRuleError);
  });

  it('makes an undeclared rule id a type error: RuleId is the union of every domain\'s ids', () => {
    // tsc (npm test runs it first) fails if this line stops being an error, i.e. if a domain's
    // rules widen RuleId to string again (session's once did, typed as RuleMeta[]).
    // @ts-expect-error 'session/no-such-rule' is not a registered rule id
    expect(() => finding('session/no-such-rule', 'x', { file: 'a.js', line: 1, column: 1 })).toThrow();
    const id: RuleId = 'session/logout-not-revoked';
    expect(isRuleId(id)).toBe(true);
  });

  it('types the data of rules whose findings code reads back: reporting and reading agree on one shape', () => {
    const reported: unknown[] = [];
    const report: Report = (...args) => reported.push(args);
    report('relative-binary', 1, 1, 'm', { command: 'node', versionManaged: true });
    // @ts-expect-error cron/relative-binary's data names the command (CronRuleData)
    report('relative-binary', 1, 1, 'm', { path: '/bin' });
    report('missing-path', 1, 1, 'm', { anything: 1 });
    expect(reported).toHaveLength(3);
    const binary = { ruleId: 'cron/relative-binary', data: { command: 'node' } };
    expect(dataOf<CronRuleData, 'cron/relative-binary'>(binary, 'cron/relative-binary')?.command).toBe('node');
    expect(dataOf<CronRuleData, 'cron/relative-binary'>({ ...binary, ruleId: 'cron/missing-path' }, 'cron/relative-binary')).toBeUndefined();
  });
});
