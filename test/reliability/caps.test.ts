import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { b64 } from '../jwt/helpers.js';
import { expectNoStackTrace, run, scratchFolder } from './support.js';

// Issue 25: where a cap stops the work (known-secret searches, token candidates), the output says
// what was left unexamined, in every format, instead of passing it over in silence.

const HANG = { timeoutMs: 120_000 };

const { dir, f } = scratchFolder('caps');

/** Distinct HS256 tokens (the cap is the same for every HMAC alg), each signed with its own strong secret. */
function hmacTokens(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const input = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64(JSON.stringify({ sub: `user-${i}`, exp: 1 }))}`;
    return `${input}.${createHmac('sha256', `a-strong-secret-nobody-published-${i}-0123456789`).update(input).digest('base64url')}`;
  });
}

describe('known-secret searches are capped per run, and the rest is counted', () => {
  const tokens = hmacTokens(25);
  const NOTE = /^5 HMAC tokens were not checked against the known secrets: a run searches at most 20 distinct tokens/;

  it('scan of a text file of tokens', async () => {
    writeFileSync(f('tokens.txt'), `${tokens.join('\n')}\n`);
    const result = await run(['scan', 'tokens.txt', '--json'], { cwd: dir, ...HANG });
    expectNoStackTrace(result);
    const report = parseJson(result);
    expect(report.findings).toHaveLength(25);
    const checked = report.findings.map((x: { data: { weakSecretChecked: boolean } }) => x.data.weakSecretChecked);
    expect(checked.filter(Boolean)).toHaveLength(20);
    expect(report.notes).toEqual([{ message: expect.stringMatching(NOTE) }]);
    expect(result.stderr).toMatch(/^authkit: note: 5 HMAC tokens were not checked/m);
  });

  it('session-audit of a HAR carrying them, in SARIF too', async () => {
    const entries = tokens.map((t) => ({ request: { method: 'GET', url: 'https://a.example/', headers: [{ name: 'Authorization', value: `Bearer ${t}` }] }, response: { status: 200, headers: [] } }));
    writeFileSync(f('tokens.har'), JSON.stringify({ log: { entries } }));
    const json = await run(['session-audit', 'tokens.har', '--json'], { cwd: dir, ...HANG });
    expectNoStackTrace(json);
    expect(parseJson(json).notes).toEqual([{ message: expect.stringMatching(NOTE) }]);
    const sarif = await run(['session-audit', 'tokens.har', '--format', 'sarif'], { cwd: dir, ...HANG });
    const notifications = parseJson(sarif).runs[0].invocations[0].toolExecutionNotifications;
    expect(notifications).toContainEqual({ level: 'warning', message: { text: expect.stringMatching(NOTE) } });
  });
});

it('decode says how many HMAC tokens went unsearched, since a token past the 10,000 shown has no status line to say it', async () => {
  const tokens = hmacTokens(4);
  const result = await run(['decode', '-', '--json', '--weak-secret-limit', '1'], { cwd: dir, input: `${tokens.join('\n')}\n`, ...HANG });
  expectNoStackTrace(result);
  const report = parseJson(result);
  expect(report.tokens.map((t: { signature: { weakSecret: { checked: boolean } } }) => t.signature.weakSecret.checked)).toEqual([true, false, false, false]);
  expect(report.notes).toEqual([{ message: '3 HMAC tokens were not checked against the known secrets: this run searched 1 (raise --weak-secret-limit)' }]);
  expect(result.stderr).toMatch(/^authkit: note: 3 HMAC tokens were not checked/m);
});
