import { describe, expect, it } from 'vitest';
import { parseJson, runCli } from '../helpers/cli.js';

describe('CLI foundation', () => {
  it('prints its version and exits 0', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('turns usage errors into exit 2 with a one-line message', async () => {
    const r = await runCli(['no-such-command']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'no-such-command'");
    const bare = await runCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: authkit');
    expect((await runCli(['--help'])).code).toBe(0);
    const bad = await runCli(['rules', '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format');
  });

  it('lists rules as JSON', async () => {
    const r = await runCli(['rules', '--json']);
    expect(r.code).toBe(0);
    const out = parseJson(r);
    expect(out.command).toBe('rules');
    expect(out.rules.map((x: any) => x.id)).toContain('meta/unused-suppression');
  });
});

describe('CLI output plumbing', () => {
  it('ends quietly when the reader closes the pipe early (| head)', async () => {
    const { spawnSync } = await import('node:child_process');
    const { BIN } = await import('../helpers/cli.js');
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" rules --format sarif | head -c 1 >/dev/null; echo "status=\${PIPESTATUS[0]}"`], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stdout.trim()).toBe('status=0');
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  });
});
