import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { jsonPath, parseDurationSeconds, validateConfig } from '../../src/config/validate.js';
import { ROOT } from '../helpers/cli.js';
import { DOMAINS } from '../../src/rules/index.js';

const schema = JSON.parse(readFileSync(`${ROOT}schema/authkit.config.schema.json`, 'utf8'));
const ajv = new (Ajv as unknown as typeof Ajv.default)({ allErrors: true, strict: false });
const schemaAccepts = ajv.compile(schema);
// The real domains' options; a few rule ids.
const known = { ruleIds: new Set(['jwt/alg-none', 'regex/redos-exponential', 'cron/missing-path', 'meta/unused-suppression']), domains: DOMAINS };

function problemOf(doc: unknown): string | undefined {
  const r = validateConfig(doc, known);
  return 'problem' in r ? `${r.problem.path}: ${r.problem.message}` : undefined;
}

describe('config validation', () => {
  it('looks for did-you-mean hints only for the problems a user is shown (40,000 unknown ids took 7 s)', () => {
    let lookups = 0;
    const counted = new (class extends Set<string> {
      override [Symbol.iterator]() {
        lookups++;
        return super[Symbol.iterator]();
      }
    })(known.ruleIds);
    const rules = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`jwt/alg-non${i}`, 'off']));
    const r = validateConfig({ rules }, { ...known, ruleIds: counted });
    expect('problems' in r && r.problems).toHaveLength(40_000);
    expect(lookups).toBeLessThanOrEqual(20);
    expect('problem' in r && r.problem.message).toContain('did you mean "jwt/alg-none"');
  });

  it('a rule id far longer than any rule gets no hint, and a bare rule name still does', () => {
    expect(problemOf({ rules: { [`jwt/${'a'.repeat(200_000)}`]: 'off' } })).toBe(`rules["jwt/${'a'.repeat(200_000)}"]: unknown rule id (see \`authkit rules\`)`);
    expect(problemOf({ rules: { 'alg-none': 'off' } })).toContain('did you mean "jwt/alg-none"');
  });

  it('takes only a section\'s own options: names of Object.prototype are unknown options (found by npm run fuzz)', () => {
    expect(problemOf({ jwt: { toString: true } })).toBe('jwt.toString: unknown option (known: maxLifetime, secretsList)');
    expect(problemOf({ cron: { constructor: 'x' } })).toContain('cron.constructor: unknown option');
    expect(problemOf({ toString: {} })).toContain('toString: unknown key');
  });

  it('accepts a complete config and normalises durations', () => {
    const r = validateConfig(
      {
        $schema: './node_modules/authkit/schema/authkit.config.schema.json',
        rules: { 'jwt/alg-none': 'off', 'regex/redos-exponential': 'warning' },
        ignore: ['test/fixtures/', '*.min.js'],
        jwt: { maxLifetime: '24h' },
        regex: { maxInput: 20000, budgetMs: 50 },
        cron: { target: 'rhel' },
        session: { accessTokenMaxLifetime: '10m', refreshTokenMaxLifetime: 1209600 },
      },
      known,
    );
    expect(r).toEqual({
      config: {
        rules: { 'jwt/alg-none': 'off', 'regex/redos-exponential': 'warning' },
        ignore: ['test/fixtures/', '*.min.js'],
        options: {
          jwt: { maxLifetime: 86400 },
          regex: { maxInput: 20000, budgetMs: 50 },
          cron: { target: 'rhel' },
          session: { accessTokenMaxLifetime: 600, refreshTokenMaxLifetime: 1209600 },
        },
      },
    });
  });

  it.each([
    [{ rules: { 'jwt/nope': 'off' } }, 'rules["jwt/nope"]: unknown rule id (see `authkit rules`)'],
    [{ rules: { 'jwt/alg-none': 'fatal' } }, 'rules["jwt/alg-none"]: expected one of "off", "info", "warning", "error" (or "warn", 0, 1, 2), found string "fatal"'],
    [{ rules: [] }, 'rules: expected an object of rule ids, found an array'],
    [{ ignore: ['ok', 3] }, 'ignore[1]: expected a non-empty glob string, found number 3'],
    [{ ignore: 'dist' }, 'ignore: expected an array of glob strings, found string "dist"'],
    [{ jwt: { maxLifetime: '1y' } }, 'jwt.maxLifetime: expected seconds (a positive integer) or a duration such as "24h" or "30d", found string "1y"'],
    [{ jwt: { maxAge: 5 } }, 'jwt.maxAge: unknown option (known: maxLifetime, secretsList)'],
    [{ regex: { maxInput: 0 } }, 'regex.maxInput: expected an integer from 1 to 10000000 (characters), found number 0'],
    [{ regex: { budgetMs: 1.5 } }, 'regex.budgetMs: expected an integer from 1 to 60000 (milliseconds), found number 1.5'],
    [{ regex: { 'max-input': 5 } }, 'regex["max-input"]: unknown option (did you mean "maxInput"?) (known: maxInput, budgetMs)'],
    [{ cron: { target: 'vixie' } }, 'cron.target: expected one of "debian", "rhel", "busybox", "any", found string "vixie"'],
    [{ cron: null }, 'cron: expected an object, found null'],
    [{ rulez: {} }, 'rulez: unknown key (did you mean "rules"?) (known: $schema, rules, ignore, jwt, regex, cron, session)'],
    [{ $schema: 1 }, '$schema: expected a string, found number 1'],
    [[], ': expected an object, found an array'],
  ])('rejects %j with the exact path', (doc, message) => {
    expect(problemOf(doc)).toBe(message);
  });

  it('agrees with the shipped JSON Schema on every case the schema can decide', () => {
    const cases: unknown[] = [
      {},
      { $schema: 'x' },
      { rules: { 'jwt/alg-none': 'error', 'meta/unused-suppression': 'off' } },
      { rules: { 'jwt/alg-none': 'fatal' } },
      { rules: { 'jwt/alg-none': 2 } },
      { ignore: [] },
      { ignore: ['a', ''] },
      { ignore: ['  '] },
      { jwt: { maxLifetime: 3600 } },
      { jwt: { maxLifetime: '15m' } },
      { jwt: { maxLifetime: 0 } },
      { jwt: { maxLifetime: '0h' } },
      { jwt: { maxLifetime: 1.5 } },
      { jwt: { other: 1 } },
      { regex: { maxInput: 10_000_000, budgetMs: 60_000 } },
      { regex: { maxInput: 10_000_001 } },
      { regex: { budgetMs: 60_001 } },
      { regex: { budgetMs: '100' } },
      { cron: { target: 'any' } },
      { cron: { target: 'vixie' } },
      { cron: { target: '' } },
      { session: { accessTokenMaxLifetime: '15m', refreshTokenMaxLifetime: 2592000 } },
      { session: { accessTokenMaxLifetime: '0m' } },
      { session: { refreshTokenMaxLifetime: 'long' } },
      { session: { other: 1 } },
      { extra: true },
      [],
      'text',
    ];
    for (const doc of cases) {
      expect({ doc, valid: problemOf(doc) === undefined }).toEqual({ doc, valid: schemaAccepts(doc) });
    }
  });

  it('the shipped schema is the one the registry generates (scripts/config-schema.mjs)', () => {
    execFileSync(process.execPath, [`${ROOT}scripts/config-schema.mjs`, '--check'], { encoding: 'utf8' });
    expect(schema.properties.cron.properties.target.enum).toEqual(['debian', 'rhel', 'busybox', 'any']);
  });

  it('every registered rule id is valid under the schema pattern', async () => {
    const { RULES: ALL_RULES } = await import('../../src/rules/index.js');
    const pattern = new RegExp(schema.properties.rules.propertyNames.pattern);
    for (const rule of ALL_RULES) expect(rule.id).toMatch(pattern);
  });

  it('formats JSON paths and durations', () => {
    expect(jsonPath('', 'rules')).toBe('rules');
    expect(jsonPath('rules', 'jwt/alg-none')).toBe('rules["jwt/alg-none"]');
    expect(jsonPath('ignore', 2)).toBe('ignore[2]');
    expect(parseDurationSeconds('2w')).toBe(1_209_600);
    expect(parseDurationSeconds('90s')).toBe(90);
    expect(parseDurationSeconds(-5)).toBeUndefined();
  });
});

describe('config errors a user fixes in one go', () => {
  it('reports every problem through the CLI, with did-you-mean for rule ids and keys, exit 2', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { runCli } = await import('../helpers/cli.js');
    const dir = await mkdtemp(`${tmpdir()}/authkit-config-`);
    await writeFile(`${dir}/authkit.config.json`, JSON.stringify({ rules: { 'jwt/alg-nnoe': 'error', 'cron/missing-path': 'loud' }, ignor: [], jwt: { maxLifetme: '1h' } }));
    const r = await runCli(['scan', '.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'authkit: authkit.config.json: rules["jwt/alg-nnoe"]: unknown rule id (did you mean "jwt/alg-none"?) (see `authkit rules`)',
      'authkit: authkit.config.json: rules["cron/missing-path"]: expected one of "off", "info", "warning", "error" (or "warn", 0, 1, 2), found string "loud"',
      'authkit: authkit.config.json: ignor: unknown key (did you mean "ignore"?) (known: $schema, rules, ignore, jwt, regex, cron, session)',
      'authkit: authkit.config.json: jwt.maxLifetme: unknown option (did you mean "maxLifetime"?) (known: maxLifetime, secretsList)',
    ]);
    const json = await runCli(['scan', '.', '--json'], { cwd: dir });
    expect(JSON.parse(json.stdout).errors).toHaveLength(4);
  });

  it('accepts ESLint\'s "warn" and 0/1/2', async () => {
    const known = { ruleIds: new Set(['jwt/alg-none', 'jwt/missing-exp', 'jwt/expired', 'cron/missing-path']), domains: [] };
    const r = validateConfig({ rules: { 'jwt/alg-none': 'warn', 'jwt/missing-exp': 0, 'jwt/expired': 1, 'cron/missing-path': 2 } }, known);
    expect(r).toEqual({ config: expect.objectContaining({ rules: { 'jwt/alg-none': 'warning', 'jwt/missing-exp': 'off', 'jwt/expired': 'warning', 'cron/missing-path': 'error' } }) });
    expect('problem' in validateConfig({ rules: { 'jwt/alg-none': 3 } }, known)).toBe(true);
  });
});
