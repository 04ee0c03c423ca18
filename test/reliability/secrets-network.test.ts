import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { makeToken } from '../jwt/helpers.js';
import { NO_NETWORK, expectNoStackTrace, run, scratchDir } from './support.js';

// Issue 7, "Secrets and network": every command runs under a preload that makes any socket, DNS
// lookup or HTTP request throw (test/helpers/no-network.cjs); only `verify --jwks-url` may try.
// Then every output, every file authkit wrote and its cache are searched for the fixture secrets.

const SECRET = 'reliability-fixture-secret-7f3a9c1e5b2d4f6a8c0e';
const KEYS = join(ROOT, 'test/jwt/fixtures/keys');
const PRIVATE_KEYS = ['rsa-private.pem', 'ec-private.pem', 'ed25519-private.pem'].map((f) => readFileSync(join(KEYS, f), 'utf8'));
const HS_TOKEN = makeToken({ alg: 'HS256', typ: 'JWT' }, { sub: 'alice', iat: 1767225000, exp: 1767225600 }, SECRET);
const LEAKED_TOKEN = makeToken({ alg: 'HS256' }, { sub: 'leaked', iat: 1767225000 }, SECRET);
const FORMATS = ['stylish', 'json', 'sarif', 'github'];

let repo: string;
let cache: string;
let rsToken: string;
const outputs: { what: string; text: string }[] = [];

const signatureOf = (token: string) => token.slice(token.lastIndexOf('.') + 1);

/** What must never show up: signatures, the HMAC secret, and every line of key material. */
function needles(): { what: string; needle: string }[] {
  const list = [
    { what: 'HS256 fixture signature', needle: signatureOf(HS_TOKEN) },
    { what: 'leaked token signature', needle: signatureOf(LEAKED_TOKEN) },
    { what: 'RS256 fixture signature', needle: signatureOf(rsToken) },
    { what: 'HMAC secret', needle: SECRET },
    { what: 'HMAC secret (base64url)', needle: Buffer.from(SECRET).toString('base64url') },
  ];
  for (const pem of PRIVATE_KEYS) {
    for (const line of pem.split('\n').filter((l) => l.length >= 40 && !l.startsWith('-----'))) list.push({ what: 'private key material', needle: line });
  }
  return list;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (entry === '.git') {
      out.push(...filesUnder(join(path, 'hooks')).filter((p) => !p.endsWith('.sample')));
      continue;
    }
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

const offline = (args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) =>
  run(args, { cwd: repo, nodeArgs: ['--require', NO_NETWORK], env: { AUTHKIT_CACHE_DIR: cache, ...options.env }, input: options.input });

beforeAll(async () => {
  repo = scratchDir('secrets');
  cache = join(repo, '..', `${repo.split('/').pop()}-cache`);
  spawnSync('git', ['init', '-q', repo]);
  mkdirSync(join(repo, 'src'));
  writeFileSync(join(repo, 'src/login.js'), `export const EMAIL = /^([a-zA-Z0-9]+\\.?)+@example\\.com$/;\nEMAIL.test(input);\n`);
  writeFileSync(join(repo, 'src/config.js'), `export const token = '${LEAKED_TOKEN}';\n`);
  writeFileSync(join(repo, 'backup.crontab'), '0 3 * * * tar czf /backup/$(date +%F).tgz /srv\n');
  writeFileSync(join(repo, 'secret.txt'), `${SECRET}\n`);
  copyFileSync(join(KEYS, 'rsa-private.pem'), join(repo, 'private.pem'));
  copyFileSync(join(KEYS, 'rsa-public.pem'), join(repo, 'public.pem'));
  const signed = await runCli(['sign', '--key', join(KEYS, 'rsa-private.pem'), '--claim', 'sub=bob', '--now', '2026-01-01T00:00:00Z', '--exp', '10m']);
  rsToken = signed.stdout.trim();
  expect(rsToken.split('.')).toHaveLength(3);
});

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

describe('the no-network preload', () => {
  it('blocks fetch, net.connect, http.get and dns.lookup to 127.0.0.1 in a tiny script', () => {
    const script = `
      const tries = [
        () => fetch('http://127.0.0.1:9/'),
        () => require('node:net').connect(9, '127.0.0.1'),
        () => require('node:http').get('http://127.0.0.1:9/'),
        () => require('node:dns').lookup('localhost', () => {}),
        () => new (require('node:net').Socket)().connect(9, '127.0.0.1'),
      ];
      let blocked = 0;
      for (const t of tries) { try { t(); } catch (e) { if (/network access blocked/.test(e.message)) blocked++; } }
      console.log(blocked);`;
    const r = spawnSync(process.execPath, ['--require', NO_NETWORK, '-e', script], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('5');
    expect(r.stderr.match(/NETWORK-BLOCKED/g)).toHaveLength(5);
    // Without the preload the same script is not blocked: the test can fail.
    const open = spawnSync(process.execPath, ['-e', script.replace("() => require('node:dns').lookup('localhost', () => {}),", '')], { encoding: 'utf8', timeout: 20_000 });
    expect(open.stdout.trim()).toBe('0');
  });
});

describe('every command under the preload', () => {
  it('decode, verify, sign, regex-audit, cron-lint, scan, baseline, hook install and rules open no socket', async () => {
    const secretEnv = { env: { JWT_SECRET: SECRET } };
    const runs: [string, () => Promise<Awaited<ReturnType<typeof run>>>][] = [];
    for (const format of FORMATS) {
      runs.push([`decode ${format}`, () => offline(['decode', HS_TOKEN, LEAKED_TOKEN, '--format', format, '--now', '2025-12-31T23:55:00Z'])]);
      // Each format is its own reporter; one command per domain is enough to feed each of them.
      if (format !== 'json' && format !== 'stylish') continue;
      runs.push([`decode stdin ${format}`, () => offline(['decode', '-', '--format', format], { input: `Authorization: Bearer ${rsToken}\n` })]);
      runs.push([`verify secret-file ${format}`, () => offline(['verify', HS_TOKEN, '--secret-file', 'secret.txt', '--format', format, '--now', '2025-12-31T23:55:00Z'])]);
      runs.push([`verify key ${format}`, () => offline(['verify', rsToken, '--key', 'public.pem', '--format', format, '--now', '2026-01-01T00:05:00Z'])]);
      runs.push([`regex-audit ${format}`, () => offline(['regex-audit', 'src', '--format', format])]);
      runs.push([`cron-lint ${format}`, () => offline(['cron-lint', 'backup.crontab', '--format', format])]);
    }
    runs.push(['verify secret-env', () => offline(['verify', HS_TOKEN, '--secret-env', 'JWT_SECRET', '--json'], secretEnv)]);
    runs.push(['sign secret', () => offline(['sign', '--secret-file', 'secret.txt', '--claim', 'sub=carol'])]);
    runs.push(['sign key', () => offline(['sign', '--key', 'private.pem', '--claim', 'sub=dave', '--json'])]);
    runs.push(['rules', () => offline(['rules'])]);
    runs.push(['rules json', () => offline(['rules', '--json'])]);
    // Four at a time: thirty cold starts at once only thrash a 2-core machine.
    const results: Awaited<ReturnType<typeof run>>[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < runs.length) {
          const i = next++;
          results[i] = await runs[i]![1]();
        }
      }),
    );
    // Sequential: these write into the repository.
    const writers: [string, Awaited<ReturnType<typeof run>>][] = [];
    for (const format of FORMATS) writers.push([`scan ${format}`, await offline(['scan', '.', '--format', format])]);
    writers.push(['baseline', await offline(['baseline', '.'])]);
    writers.push(['cron-lint --fix', await offline(['cron-lint', 'backup.crontab', '--fix'])]);
    writers.push(['hook install', await offline(['hook', 'install'])]);

    const all: [string, Awaited<ReturnType<typeof run>>][] = [...runs.map(([name], i): [string, Awaited<ReturnType<typeof run>>] => [name, results[i]!]), ...writers];
    for (const [name, r] of all) {
      expect(r.stderr, `${name} tried the network`).not.toContain('NETWORK-BLOCKED');
      expectNoStackTrace(r);
      if (!name.startsWith('sign')) outputs.push({ what: `${name} stdout`, text: r.stdout });
      outputs.push({ what: `${name} stderr`, text: r.stderr });
    }
    // Non-vacuous: the commands did their work.
    const byName = new Map(all);
    expect(byName.get('verify secret-file json')!.code).toBe(0);
    expect(byName.get('verify key json')!.code).toBe(0);
    expect(byName.get('regex-audit json')!.stdout).toContain('regex/redos');
    expect(byName.get('scan json')!.stdout).toContain('jwt/token-in-source');
    expect(byName.get('hook install')!.code).toBe(0);
    // sign's token is its output; the secret and the key must still not be in it.
    for (const name of ['sign secret', 'sign key']) outputs.push({ what: `${name} stdout (token excluded)`, text: byName.get(name)!.stdout.replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '<token>') });
  }, 300_000);

  it('verify --jwks-url is the one command that reaches for the network, and the block turns into one clean line', async () => {
    const r = await offline(['verify', HS_TOKEN, '--jwks-url', 'http://127.0.0.1:9/.well-known/jwks.json']);
    expect(r.stderr).toContain('NETWORK-BLOCKED');
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l && !l.startsWith('NETWORK-BLOCKED'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^authkit: /);
    expectNoStackTrace(r);
  });
});

describe('no secret anywhere authkit writes', () => {
  it('outputs in every format, the baseline, the hook, the --fix output and the cache hold no signature, secret or key', () => {
    expect(outputs.length).toBeGreaterThan(40);
    const written = filesUnder(repo).filter((p) => !/secret\.txt$|private\.pem$|public\.pem$|config\.js$/.test(p));
    expect(written.map((p) => p.slice(repo.length + 1))).toEqual(expect.arrayContaining(['authkit-baseline.json', 'backup.crontab', '.git/hooks/pre-commit']));
    const cacheFiles = filesUnder(cache);
    expect(cacheFiles.length).toBeGreaterThan(0);
    const haystacks = [...outputs, ...[...written, ...cacheFiles].map((p) => ({ what: p, text: readFileSync(p).toString('latin1') }))];
    const leaks: string[] = [];
    for (const { what, needle } of needles()) {
      for (const h of haystacks) if (h.text.includes(needle)) leaks.push(`${what} in ${h.what}`);
    }
    expect(leaks).toEqual([]);
    // The --fix really rewrote the crontab (escaped %), so the file search above covered its output.
    expect(readFileSync(join(repo, 'backup.crontab'), 'utf8')).toContain('\\%F');
  });

  it('verify --help and sign --help warn that --secret shows in ps and point to --secret-file and --secret-env', async () => {
    for (const command of ['verify', 'sign']) {
      const r = await runCli([command, '--help']);
      const help = r.stdout.replace(/\s+/g, ' ');
      expect(help).toMatch(/--secret puts the secret on the command line, where other users can read it with ps/);
      expect(help).toContain('prefer --secret-file <path> or --secret-env <VAR>');
    }
  });
});
