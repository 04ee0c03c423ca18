import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBaseline } from '../../src/findings/baseline.js';
import { validateConfig } from '../../src/config/validate.js';
import { ROOT } from '../helpers/cli.js';
import { DOMAINS } from '../../src/rules/index.js';

const schema = JSON.parse(readFileSync(`${ROOT}schema/authkit.config.schema.json`, 'utf8'));
const schemaAccepts = new (Ajv as unknown as typeof Ajv.default)({ strict: false }).compile(schema);
const RULES = ['jwt/alg-none', 'regex/redos-exponential', 'cron/missing-path', 'meta/unused-suppression'];
const known = { ruleIds: new Set(RULES), domains: DOMAINS };

// Near-valid configs (JSON can hold no NaN or Infinity, so neither is generated): each member is usually right and now and then wrong in one of the ways users get it wrong.
const value = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -5, max: 70_000 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constant([]));
const mostly = <T,>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: value, weight: 1 });
const config = fc.record(
  {
    $schema: mostly(fc.string()),
    rules: mostly(fc.dictionary(fc.constantFrom(...RULES), mostly(fc.constantFrom('off', 'info', 'warning', 'error', 'warn', 0, 1, 2)))),
    ignore: mostly(fc.array(mostly(fc.constantFrom('dist/', '*.min.js', 'test/fixtures/**', '', ' ')), { maxLength: 3 })),
    jwt: mostly(fc.record({ maxLifetime: mostly(fc.oneof(fc.integer({ min: -2, max: 100_000 }), fc.constantFrom('24h', '0h', '15m', '1y', '30d', '', '1.5h'))) }, { requiredKeys: [] })),
    regex: mostly(
      fc.record({ maxInput: mostly(fc.integer({ min: -1, max: 10_000_002 })), budgetMs: mostly(fc.oneof(fc.integer({ min: -1, max: 60_002 }), fc.double({ min: 0, max: 10, noNaN: true }))) }, { requiredKeys: [] }),
    ),
    cron: mostly(
      fc.record(
        { target: mostly(fc.constantFrom('debian', 'rhel', 'busybox', 'any', 'vixie')), trustedCommands: mostly(fc.array(mostly(fc.constantFrom('php', 'wp', 'my-tool', '/usr/bin/php', 'a b', '')), { maxLength: 3 })) },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
).chain((doc) => fc.oneof({ arbitrary: fc.constant(doc), weight: 12 }, { arbitrary: value.map((extra) => ({ ...doc, extra })), weight: 1 }));

describe('config validation, property-based', () => {
  it('the generator makes both valid and invalid configs', () => {
    const verdicts = fc.sample(config, { numRuns: 2000, seed: 42 }).map((doc) => schemaAccepts(doc));
    expect(verdicts.filter(Boolean).length).toBeGreaterThan(100);
    expect(verdicts.filter((v) => !v).length).toBeGreaterThan(100);
  });

  it('agrees with the JSON Schema on near-valid configs, and never throws', () => {
    fc.assert(
      fc.property(config, (doc) => {
        const ok = !('problem' in validateConfig(doc, known));
        expect(ok).toBe(schemaAccepts(doc));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on any JSON value, and names a path for every problem below the root', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (doc) => {
        const r = validateConfig(doc, known);
        if ('problem' in r && doc !== null && typeof doc === 'object' && !Array.isArray(doc)) expect(r.problem.path.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('baseline parsing never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const r = parseBaseline(text);
        expect('problem' in r || r.fingerprints instanceof Set).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
