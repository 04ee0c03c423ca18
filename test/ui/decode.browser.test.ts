import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { CHROMIUM, launch } from './browser.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe.skipIf(!CHROMIUM)('the page written by --out, from disk', () => {
  let browser: Browser;
  let file: string;
  beforeAll(async () => {
    file = join(mkdtempSync(join(tmpdir(), 'authkit-ui-')), 'decoder.html');
    expect((await runCli(['ui', '--out', file])).code).toBe(0);
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('decodes a pasted Authorization line with the CLI findings', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready="true"]');
    const token = `${b64({ alg: 'none' })}.${b64({ sub: '42', admin: true })}.`;
    await page.type('#token', `Authorization: Bearer ${token}`);
    const payload = await page.$eval('#payload-json', (el) => el.textContent);
    expect(JSON.parse(payload ?? '')).toEqual({ sub: '42', admin: true });
    const rules = await page.$$eval('#findings [data-rule]', (els) => els.map((el) => (el as HTMLElement).dataset.rule));
    const cli = JSON.parse((await runCli(['decode', '--json', token])).stdout) as { findings: { ruleId: string }[] };
    expect(rules).toEqual(cli.findings.map((f) => f.ruleId));
    expect(rules).toContain('jwt/alg-none');
  });
});
