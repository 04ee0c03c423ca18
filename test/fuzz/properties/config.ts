import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfigFile } from '../../../src/config/load.js';
import { InputFailure } from '../../../src/files/read.js';
import { configKnowledge } from '../../../src/rules/index.js';
import { parseSuppressions, resolveDirectives } from '../../../src/findings/suppress.js';
import type { Finding } from '../../../src/findings/model.js';
import { anyText, expectCleanError, fuzzParameters, hostile, withinBudget, withinBudgetAsync } from '../support.js';

const CONFIG_SEEDS = [
  '{"$schema":"./schema/authkit.config.schema.json","rules":{"jwt/alg-none":"off","regex/redos-polynomial":"warning"},"ignore":["dist/**"],"jwt":{"maxLifetime":"24h"},"regex":{"budgetMs":200,"maxInput":1000},"cron":{"target":"debian"}}',
  '{"rules":{"nope/x":"error"}}',
  '{"jwt":{"maxLifetime":0}}',
  '{\n  "ignore": ["a", "", 3],\n}\n',
  '[]',
];
const configValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.record({ rules: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 })), ignore: fc.jsonValue({ maxDepth: 2 }), jwt: fc.jsonValue({ maxDepth: 2 }), regex: fc.jsonValue({ maxDepth: 2 }), cron: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.integer({ min: 100, max: 20_000 }).map((n) => `{"rules":${'['.repeat(n)}${']'.repeat(n)}}`),
  fc.integer({ min: 100, max: 20_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
);

const SUPPRESSION_SEEDS = [
  '// authkit-ignore-next-line regex/redos-polynomial -- capped input\nconst re = /(a+)+$/;\n',
  'x = 1 # authkit-ignore cron/every-minute, cron/missing-path -- reason\n',
  '/* authkit-ignore-next-line */\n<!-- authkit-ignore jwt/alg-none -->\r\n; authkit-ignore\n-- authkit-ignore-next-line a,b,,c --\n',
  'authkit-ignored // authkit-ignore-foo\n',
];

export function defineConfigFuzz(numRuns: number, timeoutMs: number): void {
  const params = fuzzParameters(numRuns);
  const dir = mkdtempSync(join(tmpdir(), 'authkit-fuzz-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe(`config and suppression parsing under hostile input (${numRuns} cases each)`, () => {
    it('a config file loads or fails with a one-line ConfigError naming the file', async () => {
      const path = join(dir, 'authkit.config.json');
      await fc.assert(
        fc.asyncProperty(fc.oneof({ weight: 3, arbitrary: hostile(CONFIG_SEEDS) }, { weight: 3, arbitrary: configValue }), async (text) => {
          writeFileSync(path, text);
          try {
            await withinBudgetAsync('readConfigFile', () => readConfigFile(path, dir, async () => configKnowledge()));
          } catch (error) {
            expectCleanError(error, ConfigError, InputFailure);
            expect((error as InputFailure).file).toBe('authkit.config.json');
          }
        }),
        params,
      );
    }, timeoutMs);

    it('suppressions parse from any text and apply to any findings', () => {
      const finding = (line: number, ruleId: string): Finding => ({ ruleId, severity: 'error', message: 'm', file: 'f', line, column: 1 });
      fc.assert(
        fc.property(
          fc.oneof(hostile(SUPPRESSION_SEEDS), anyText(300)),
          fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.constantFrom('regex/redos-polynomial', 'cron/every-minute', 'jwt/alg-none', 'a')), { maxLength: 6 }),
          (text, raw) => {
            const suppressions = withinBudget('parseSuppressions', () => parseSuppressions(text));
            for (const s of suppressions) expect(s.targetLine).toBeGreaterThanOrEqual(s.line);
            const findings = raw.map(([line, rule]) => finding(line, rule));
            const owners: Record<string, string> = { 'regex/redos-polynomial': 'regex', 'cron/every-minute': 'cron', 'jwt/alg-none': 'jwt' };
            const { kept, suppressed, unused } = resolveDirectives(findings, [{ file: 'f', suppressions, domains: ['regex', 'jwt'] }], (id) => owners[id]);
            expect(kept.length + suppressed.length).toBe(findings.length);
            expect(unused.length).toBeLessThanOrEqual(suppressions.length);
          },
        ),
        params,
      );
    }, timeoutMs);
  });
}
