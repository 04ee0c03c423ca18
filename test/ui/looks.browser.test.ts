// What a person sees: screenshots at a fixed clock and zone, light and dark, desktop and phone,
// read back as pixels and checked; and an axe-core pass with no serious violation.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { CHROMIUM, launch } from './browser.js';
import { openPage, paste } from './page.js';
import { type Image, luminance, readPng } from './png.js';
import { hmac } from './tokens.js';

// Set AUTHKIT_SCREENSHOTS=docs/ui to refresh the images the docs show.
const shots = process.env.AUTHKIT_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'authkit-ui-shots-'));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const NOW = Date.parse('2026-01-01T00:00:00Z') / 1000;
// Expires in four minutes at the fixed clock, and signed with a publicly known secret.
const TOKEN = hmac('HS256', 'your-256-bit-secret', { sub: 'user-42', name: 'Ada Lovelace', iss: 'https://login.example.com', aud: 'api', iat: NOW - 60, exp: NOW + 240 }, { kid: 'key-2026' });

const segmentColours = (image: Image) => {
  const seen = new Set<string>();
  for (let y = 0; y < Math.min(image.height, 500); y += 2)
    for (let x = 0; x < image.width; x += 2) {
      const [r, g, b] = image.pixel(x, y);
      // Strongly saturated pixels: the coloured segments and panel borders.
      if (Math.max(r, g, b) - Math.min(r, g, b) > 90) seen.add(r > g && r > b ? 'red' : b > g ? 'purple-or-blue' : 'cyan-or-green');
    }
  return seen;
};

describe.skipIf(!CHROMIUM)('looks and accessibility', () => {
  let browser: Browser;
  let url: string;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    const file = join(mkdtempSync(join(tmpdir(), 'authkit-ui-')), 'decoder.html');
    expect((await runCli(['ui', '--out', file])).code).toBe(0);
    url = pathToFileURL(file).href;
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  async function shot(scheme: 'light' | 'dark', width: number): Promise<{ page: Page; image: Image }> {
    const page = await openPage(browser, url, { scheme, width, zone: 'Europe/Berlin' });
    await paste(page, `Authorization: Bearer ${TOKEN}`);
    const png = await page.screenshot({ fullPage: true, type: 'png' });
    writeFileSync(join(shots, `decoder-${scheme}-${width}.png`), png);
    return { page, image: readPng(png) };
  }

  it.each([
    ['light', 1280],
    ['dark', 1280],
    ['light', 390],
    ['dark', 390],
  ] as const)('%s at %ipx: readable theme, coloured segments, nothing wider than the screen', async (scheme, width) => {
    const { page, image } = await shot(scheme, width);
    // No sideways scrolling at phone width: the page is exactly as wide as the viewport.
    expect(image.width).toBe(width);
    const background = luminance(image.pixel(2, image.height - 2));
    if (scheme === 'light') expect(background).toBeGreaterThan(200);
    else expect(background).toBeLessThan(40);
    expect(segmentColours(image).size).toBeGreaterThanOrEqual(2);
    // At the fixed clock (in Berlin) the token expires in 4 minutes: shown as such, in local time.
    expect(await page.$eval('#validity', (el) => [(el as HTMLElement).dataset.state, el.textContent])).toEqual(['expiring', 'Expiring soon']);
    expect(await page.$eval('#countdown', (el) => el.textContent)).toBe('expires in 00:04:00');
    expect(await page.$eval('#times tbody', (el) => el.textContent)).toContain('2026-01-01 01:04:00 GMT+1 (UTC+01:00)');
    expect(await page.$$eval('#findings [data-rule]', (els) => els.map((e) => (e as HTMLElement).dataset.rule))).toEqual(['jwt/weak-secret']);
    await page.close();
  });

  it('has no serious or critical axe-core violation, light and dark, with a token and empty', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openPage(browser, url, { scheme });
      for (const text of ['', TOKEN]) {
        await paste(page, text);
        // Injected through devtools (outside the page's CSP), as an extension would be.
        await page.evaluate(axeSource);
        const violations = await page.evaluate(async () => {
          const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
          return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
        });
        expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), `${scheme}, ${text ? 'token' : 'empty'}`).toEqual([]);
      }
      await page.close();
    }
  });

  it('is usable with the keyboard alone: tab to the field, a segment moves focus to its panel, tab to verify', async () => {
    const page = await openPage(browser, url);
    await paste(page, TOKEN);
    const order: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.className || ''));
    }
    expect(order).toContain('token');
    expect(order).toContain('clear');
    await page.focus('#segments .seg-payload');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('panel-payload');
    await page.close();
  });
});
