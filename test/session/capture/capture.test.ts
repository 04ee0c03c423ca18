import { describe, expect, it } from 'vitest';
import { auditCapture, isCaptureFile } from '../../../src/session/capture/index.js';
import { parseJson, runCli } from '../../helpers/cli.js';
import { makeToken, NOW_S } from '../../jwt/helpers.js';

const now = new Date(NOW_S * 1000);
const rules = (text: string, file = 'capture.txt') => auditCapture(file, text, { now }).findings.map((f) => `${f.line} ${f.ruleId}`);

describe('capture formats', () => {
  it('recognises HAR, curl -i (HTTP/1.1 and HTTP/2) and curl -v, and nothing else', () => {
    expect(isCaptureFile('a.har', '{}')).toBe(true);
    expect(isCaptureFile('dump', '{"log":{"entries":[]}}')).toBe(true);
    expect(isCaptureFile('a.txt', 'HTTP/2 200\ncontent-type: text/plain\n')).toBe(true);
    expect(isCaptureFile('a.txt', '* Trying 127.0.0.1\n> GET / HTTP/1.1\n')).toBe(true);
    expect(isCaptureFile('notes.txt', 'HTTP is a protocol\n')).toBe(false);
  });

  it('curl -i: skips 100 Continue and judges the final response of each block; CRLF lines', () => {
    const text = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nSet-Cookie: sid=abc; Path=/; HttpOnly; Secure\r\n\r\nok\r\n';
    expect(rules(text).sort()).toEqual(['3 session/token-response-cacheable', '4 session/cookie-samesite-missing']);
  });

  it('HTTP/2 lower-case names and curl -v prefixes point at the header column', () => {
    const text = '> GET /me HTTP/2\n> host: a.example\n>\n< HTTP/2 200\n< set-cookie: session=1; path=/\n<\n';
    const found = auditCapture('v.txt', text, { now }).findings.filter((f) => f.ruleId === 'session/cookie-httponly-missing');
    expect(found.map((f) => [f.line, f.column, f.data?.header])).toEqual([[5, 3, 'set-cookie']]);
  });

  it('a cookie being deleted, and a cookie that is not about auth, are not findings', () => {
    expect(rules('HTTP/1.1 200 OK\nSet-Cookie: sid=; Max-Age=0\nSet-Cookie: theme=dark\nCache-Control: no-store\n\n')).toEqual([]);
  });

  it('broken HAR JSON is one input error naming the problem, on one line', () => {
    const { findings, errors } = auditCapture('bad.har', '{"log": {"entries": [\n  {"request": }\n]}}', { now });
    expect(findings).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/^not valid HAR JSON \(/);
    expect(errors[0]!.message).not.toContain('\n');
  });
});

describe('capture rules', () => {
  it('a refresh exchange answered without a new refresh token, with the same one, or replayed', () => {
    const exchange = (token: string, answer: string) => `> POST /oauth/token HTTP/1.1\n> Host: id.example\n>\ngrant_type=refresh_token&refresh_token=${token}\n< HTTP/1.1 200 OK\n< Cache-Control: no-store\n<\n${answer}\n`;
    expect(rules(exchange('r1', '{"access_token":"a","token_type":"Bearer"}'))).toEqual(['1 session/refresh-token-not-rotated']);
    expect(rules(exchange('r1', '{"access_token":"a","token_type":"Bearer","refresh_token":"r1"}'))).toEqual(['1 session/refresh-token-not-rotated']);
    expect(rules(exchange('r1', '{"access_token":"a","token_type":"Bearer","refresh_token":"r2"}'))).toEqual([]);
    const replay = exchange('r1', '{"access_token":"a","token_type":"Bearer","refresh_token":"r2"}') + exchange('r1', '{"access_token":"b","token_type":"Bearer","refresh_token":"r3"}');
    const [finding] = auditCapture('r.txt', replay, { now }).findings;
    expect(finding).toMatchObject({ ruleId: 'session/refresh-token-not-rotated', line: 9, data: { entry: 1, replayOf: 0 } });
  });

  it('JWTs in a capture run through the jwt rules at their place, and are never printed', async () => {
    const token = makeToken({ alg: 'HS256', typ: 'JWT' }, { sub: 'x', iat: NOW_S - 60, exp: NOW_S - 30 }, 'secret');
    const text = `> GET /api HTTP/1.1\n> Host: a.example\n> Authorization: Bearer ${token}\n>\n< HTTP/1.1 204 No Content\n<\n`;
    const r = await runCli(['session-audit', '-', '--json'], { input: text });
    const report = parseJson(r);
    expect(report.findings.map((f: { ruleId: string; line: number }) => `${f.line} ${f.ruleId}`)).toEqual(expect.arrayContaining(['3 jwt/weak-secret', '3 jwt/expired']));
    expect(r.stdout).not.toContain(token.split('.')[2]);
    expect(r.stdout).not.toContain(token);
    expect(r.code).toBe(1);
  });

  it('a sanitized HAR gets one note, never a clean bill', async () => {
    const har = JSON.stringify({ log: { creator: { name: 'WebInspector' }, entries: [{ request: { method: 'GET', url: 'https://a.example/', headers: [{ name: 'cookie', value: '' }] }, response: { status: 200, headers: [] } }] } });
    const r = await runCli(['session-audit', '-', '--stdin-filename', 'export.har', '--json'], { input: har });
    expect(parseJson(r).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['session/capture-sanitized']);
    expect(r.code).toBe(0);
    const strict = await runCli(['session-audit', '-', '--stdin-filename', 'export.har', '--fail-on', 'info'], { input: har });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('cannot be assessed');
  });
});
