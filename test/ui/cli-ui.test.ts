import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('authkit ui --out', () => {
  it('writes one self-contained page whose policy allows no connection and only its own script', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'authkit-ui-')), 'decoder.html');
    const result = await runCli(['ui', '--out', out]);
    expect(result.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    // No external resource at all: every src/href is inline data.
    expect(html).not.toMatch(/\s(src|href)="(?!data:)/);
    expect(html).toMatch(/<textarea id="token"[^>]*spellcheck="false"[^>]*autocomplete="off"/);
  });
});
