import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { serveUi } from './serve.js';

describe('authkit ui --out', () => {
  it('writes one self-contained page whose policy allows no connection and only its own script', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'authkit-ui-')), 'decoder.html');
    const result = await runCli(['ui', '--out', out]);
    expect(result.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    // No worker-src: the policy admits no worker (the known-secret search runs on the page's thread).
    expect(csp).not.toContain('worker-src');
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    // No external resource at all: every src/href is inline data.
    expect(html).not.toMatch(/\s(src|href)="(?!data:)/);
    expect(html).toMatch(/<textarea id="token"[^>]*spellcheck="false"[^>]*autocomplete="off"/);
  });
});

describe('authkit ui (served)', () => {
  it('serves the page on 127.0.0.1 under a random path with the security headers, refuses other hosts and paths, stops on SIGINT', async () => {
    const served = await serveUi();
    try {
      const url = new URL(served.url);
      expect(url.hostname).toBe('127.0.0.1');
      expect(url.pathname).toMatch(/^\/[A-Za-z0-9_-]{24}\/$/);
      const page = await get(served.url);
      expect(page.status).toBe(200);
      const csp = page.headers['content-security-policy'] as string;
      for (const part of ["default-src 'none'", "connect-src 'none'", "form-action 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(part);
      expect(csp).toMatch(/script-src 'sha256-/);
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.body).toContain('<textarea id="token"');
      // DNS rebinding: the right socket, a hostile name in Host.
      expect((await get(served.url, { host: `attacker.example:${url.port}` })).status).toBe(421);
      expect((await get(served.url, { host: `localhost:${url.port}` })).status).toBe(421);
      expect((await get(`http://127.0.0.1:${url.port}/`)).status).toBe(404);
      expect((await get(`${served.url}x`)).status).toBe(404);
    } finally {
      const stopped = await served.stop();
      expect(stopped.code).toBe(0);
      expect(stopped.stdout).toContain('stopped');
    }
    await expect(get(served.url)).rejects.toThrow(/ECONNREFUSED/);
  });
});

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('authkit decode --open', () => {
  it('serves the page and opens it with the token in the fragment only: never printed, never sent to the server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authkit-open-'));
    // A stand-in for the desktop's opener: records the URL it was handed, renamed into place so
    // that the test never reads the file between its creation and the write (seen under load).
    const opened = join(dir, 'opened.txt');
    writeFileSync(join(dir, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}.part' && mv '${opened}.part' '${opened}'\n`, { mode: 0o755 });
    const token = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"42"}').toString('base64url')}.c2lnbmF0dXJl`;
    const child = spawn(process.execPath, [BIN, 'decode', '--open', token], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    const closed = new Promise<number | null>((done) => child.on('close', done));
    try {
      for (let i = 0; i < 200 && !existsSync(opened); i++) await new Promise((r) => setTimeout(r, 25));
      const url = new URL(readFileSync(opened, 'utf8'));
      expect(url.hostname).toBe('127.0.0.1');
      expect(decodeURIComponent(url.hash.slice(1))).toBe(token);
      const page = await get(`${url.origin}${url.pathname}`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('<textarea id="token"');
      expect(page.body).not.toContain(token);
      expect(stdout).toContain(`${url.origin}${url.pathname}`);
      expect(stdout).not.toContain(token.split('.')[1]!);
    } finally {
      child.kill('SIGINT');
    }
    expect(await closed).toBe(0);
  });

  it('takes one token', async () => {
    const r = await runCli(['decode', '--open', 'a.b.c', 'd.e.f']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('authkit: --open takes one token (or text holding one)\n');
  });
});
