import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJson, runCli } from '../helpers/cli.js';

// Each command reads its domain's options from authkit.config.json when no flag overrides them.
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'authkit-config-cmd-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function withConfig(config: object): string {
  const folder = mkdtempSync(join(dir, 'c-'));
  writeFileSync(join(folder, 'authkit.config.json'), JSON.stringify(config));
  return folder;
}

describe('per-domain config options reach the commands', () => {
  it('regex-audit takes regex.maxInput from the config unless --max-input is given', async () => {
    const cwd = withConfig({ regex: { maxInput: 10 } });
    const capped = parseJson(await runCli(['regex-audit', '--pattern', '^(\\w+\\s?)*$', '--json', '--no-cache'], { cwd }));
    expect(capped.findings[0]).toMatchObject({ ruleId: 'regex/redos-exponential', severity: 'warning', data: { confirmed: false } });
    expect(capped.findings[0].data.inputLength).toBeLessThanOrEqual(10);
    const flag = parseJson(await runCli(['regex-audit', '--pattern', '^(\\w+\\s?)*$', '--json', '--no-cache', '--max-input', '50000'], { cwd }));
    expect(flag.findings[0]).toMatchObject({ severity: 'error', data: { confirmed: true } });
  });

  it('decode takes jwt.maxLifetime from the config unless --max-lifetime is given', async () => {
    const header = Buffer.from('{"alg":"RS256"}').toString('base64url');
    const payload = Buffer.from(JSON.stringify({ iat: 1_700_000_000, exp: 1_700_000_000 + 3600 })).toString('base64url');
    const token = `${header}.${payload}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`;
    const now = ['--now', '1700000100'];
    const relaxed = parseJson(await runCli(['decode', token, ...now, '--json'], { cwd: withConfig({ jwt: { maxLifetime: '2h' } }) }));
    expect(relaxed.findings.map((f: any) => f.ruleId)).not.toContain('jwt/lifetime-too-long');
    const strict = parseJson(await runCli(['decode', token, ...now, '--json'], { cwd: withConfig({ jwt: { maxLifetime: '30m' } }) }));
    expect(strict.findings.map((f: any) => f.ruleId)).toContain('jwt/lifetime-too-long');
  });

  it('cron-lint takes cron.target from the config unless --target is given', async () => {
    const cwd = withConfig({ cron: { target: 'busybox' } });
    writeFileSync(join(cwd, 'crontab'), '0 1 * * * /usr/bin/date +%F\n');
    // BusyBox crond passes % to the shell; the other crons turn it into a newline.
    const busybox = parseJson(await runCli(['cron-lint', 'crontab', '--json'], { cwd }));
    expect(busybox.findings.map((f: any) => f.ruleId)).not.toContain('cron/unescaped-percent');
    const debian = parseJson(await runCli(['cron-lint', 'crontab', '--json', '--target', 'debian'], { cwd }));
    expect(debian.findings.map((f: any) => f.ruleId)).toContain('cron/unescaped-percent');
  });
});
