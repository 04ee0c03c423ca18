import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeToken } from '../../jwt/helpers.js';
import { expectNoStackTrace, run, scratchDir } from '../../reliability/support.js';
import { anyText, corpusFiles, fuzzParameters, hostile } from '../support.js';

// Through the built binary: whatever arrives on stdin, every command answers with a report or
// one-line errors, an exit status in {0, 1, 2}, and never a stack trace.

const TOKEN = makeToken({ alg: 'HS256', typ: 'JWT' }, { sub: '1', exp: 1767225600 }, 'cli-fuzz-secret');
const SEEDS = [
  `Authorization: Bearer ${TOKEN}\n`,
  ...corpusFiles('test/cron/corpus/rules').map((f) => f.text).slice(0, 8),
  'export const re = /^(a+)+$/;\nre.test(s);\n',
  '{"pattern":"(x+x+)+y"}',
];
const bytes = fc.oneof(
  { weight: 3, arbitrary: hostile(SEEDS, 2000).map((t) => Buffer.from(t)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4000 }).map((a) => Buffer.from(a)) },
  { weight: 1, arbitrary: anyText(2000).map((t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)])) },
);
const COMMANDS: string[][] = [
  ['decode', '-', '--weak-secret-limit', '1'],
  ['cron-lint', '-'],
  ['scan', '-'],
  ['verify', '-', '--secret-env', 'S'],
];
const FORMATS = ['stylish', 'json', 'sarif', 'github'];

export function defineCliFuzz(numRuns: number, timeoutMs: number): void {
  const cache = scratchDir('cli-fuzz-cache');
  afterAll(() => rmSync(cache, { recursive: true, force: true }));
  describe(`the built CLI on random stdin (${numRuns} cases, ${COMMANDS.length} commands each)`, () => {
    it('exit status in {0, 1, 2}, stderr lines all `authkit: ...`, never a stack trace', async () => {
      await fc.assert(
        fc.asyncProperty(bytes, fc.constantFrom(...FORMATS), async (input, format) => {
          const results = await Promise.all(COMMANDS.map((args) => run([...args, '--format', format], { input, env: { S: 'cli-fuzz-secret', AUTHKIT_CACHE_DIR: cache } })));
          results.forEach((r) => {
            expectNoStackTrace(r);
            for (const line of r.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^authkit: /);
            if (format !== 'stylish' && format !== 'github') expect(() => JSON.parse(r.stdout)).not.toThrow();
          });
        }),
        fuzzParameters(numRuns),
      );
    }, timeoutMs);
  });
}
