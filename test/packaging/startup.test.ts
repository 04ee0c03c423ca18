import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

// Issue 19: the hot commands start like a native tool. Each ES module file costs a resolution, a
// read and a compile, and decode once loaded ~34 chunks; each built-in pulled in at import time
// costs its own compile. Times are left to `npm run bench`: counts are what a test can hold.
// bin/authkit.js and bin/code-cache.js, which compiles the command's one bundle (scripts/build.mjs,
// HOT_COMMANDS) from V8's code cache.
const MAX_FILES_HOT = 2;
// Built-ins that only rarely used paths need (folder walks, HMAC secrets, fingerprints, commander's
// executable subcommands); net is left out, as a piped stdout loads it.
const COLD_BUILTINS = ['child_process', 'dgram', 'crypto'];

const work = mkdtempSync(join(tmpdir(), 'authkit-startup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function loaded(args: string[], of: 'files' | 'builtins'): Promise<string[]> {
  const log = join(work, `${of}-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const r = await runCli(args, {
    nodeArgs: ['--import', join(ROOT, 'test/helpers/module-log.mjs')],
    env: { AUTHKIT_MODULE_LOG: log, AUTHKIT_MODULE_LOG_OF: of },
    cwd: work,
  });
  expect(r.code, r.stderr).toBe(0);
  // A file can be listed twice: by the loader hooks and from the CommonJS cache at exit.
  const lines = readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith(of === 'files' ? 'file ' : 'builtin '))
    .map((line) => line.slice(line.indexOf(' ') + 1));
  return [...new Set(lines)];
}

describe('start-up of the hot commands', async () => {
  const signed = await runCli(['sign', '--key', join(ROOT, 'test/jwt/fixtures/keys/rsa-private.pem'), '--claim', 'sub=startup', '--exp', '10m']);
  const rsaToken = signed.stdout.trim();
  const crontab = join(work, 'crontab');
  writeFileSync(crontab, 'SHELL=/bin/sh\nPATH=/usr/local/bin:/usr/bin:/bin\n*/15 * * * * root /usr/local/bin/rotate-keys --quiet\n');

  it(`decode <RS256 token> loads at most ${MAX_FILES_HOT} module files and none of ${COLD_BUILTINS.join(', ')}`, async () => {
    expect(signed.code, signed.stderr).toBe(0);
    const files = await loaded(['decode', rsaToken], 'files');
    expect(files.length, files.join('\n')).toBeLessThanOrEqual(MAX_FILES_HOT);
    const builtins = await loaded(['decode', rsaToken], 'builtins');
    expect(builtins.filter((id) => COLD_BUILTINS.includes(id))).toEqual([]);
  });

  it(`cron-lint <small file> loads at most ${MAX_FILES_HOT} module files and no child_process`, async () => {
    const files = await loaded(['cron-lint', '--system', crontab], 'files');
    expect(files.length, files.join('\n')).toBeLessThanOrEqual(MAX_FILES_HOT);
    expect(await loaded(['cron-lint', '--system', crontab], 'builtins')).not.toContain('child_process');
  });

  it('each hot bundle holds its command\'s path only: no domain scanner, no parser, no regex engine', () => {
    // V8 pre-parses every byte of a bundle at each start: the descriptors' scanners once pulled
    // the regex engine and the session audit into decode's bundle (0.25 -> 1.9 MB, +5 ms of CPU).
    for (const name of ['decode', 'cron-lint']) {
      const bundle = readFileSync(join(ROOT, `dist/${name}.cjs`), 'utf8');
      expect(bundle.length, name).toBeLessThan(400_000);
      expect(bundle).not.toMatch(/RegexCollector\s*=\s*class/);
    }
    // The same words do find the regex engine where it lives: the check above can fail.
    const chunks = readdirSync(join(ROOT, 'dist/chunks')).filter((f) => f.endsWith('.js'));
    expect(chunks.some((f) => /RegexCollector\s*=\s*class/.test(readFileSync(join(ROOT, 'dist/chunks', f), 'utf8')))).toBe(true);
  });

  it('--version loads bin/authkit.js alone', async () => {
    expect(await loaded(['--version'], 'files')).toEqual([expect.stringMatching(/\/bin\/authkit\.js$/)]);
  });
});
