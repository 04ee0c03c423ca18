// The known-secret search costs the page ~0.4 s (HS256) to ~1 s (HS384/512) of main thread. The
// token must be drawn in the input event itself, the search must follow after that frame, and a
// newer token must win over a search still pending for an older one. Order and content are
// asserted, never milliseconds.
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { CHROMIUM } from './browser.js';
import { openDecoderFile, paste } from './page.js';
import { HMAC_ALGS, NOW_ISO, hmac } from './tokens.js';

const NOW = Date.parse(NOW_ISO) / 1000;
const payload = { sub: 'user-42', aud: 'api', iat: NOW - 60, exp: NOW + 600 };
const WEAK = 'your-256-bit-secret';
const STRONG = 'c3f1e0b7a9d84e2f6b5a7c9d1e3f5a7b9c1d3e5f7a9b1c3d';

/** What the page showed at one moment: the search state, the finding ids, the payload's sub. */
interface Snapshot {
  at: 'input' | 'mutation' | 'frame';
  status: string;
  statusText: string;
  analysis: string;
  rules: string[];
  sub: string | null;
}

async function cliRules(token: string): Promise<string[]> {
  const report = JSON.parse((await runCli(['decode', '--json', '--now', NOW_ISO, token])).stdout) as { findings: { ruleId: string }[] };
  return report.findings.map((f) => f.ruleId);
}

/**
 * Sets the field to each text in turn, all in one task, as a fast paste-and-replace would, and
 * records what the page showed: right after the last input event (same task), at the next
 * animation frame (what is painted first), and at every later change of the findings or status.
 */
async function pasteAndRecord(page: Page, texts: string[]): Promise<Snapshot> {
  return page.evaluate((values: string[]) => {
    const read = (at: Snapshot['at']): Snapshot => {
      const status = document.getElementById('secret-status')!;
      let sub: string | null = null;
      try {
        sub = (JSON.parse(document.getElementById('payload-json')!.textContent ?? '') as { sub?: string }).sub ?? null;
      } catch {}
      return {
        at,
        status: status.dataset.state ?? '',
        statusText: status.textContent ?? '',
        analysis: document.body.dataset.analysis ?? '',
        rules: [...document.querySelectorAll<HTMLElement>('#findings [data-rule]')].map((li) => li.dataset.rule!),
        sub,
      };
    };
    const log: Snapshot[] = [];
    (globalThis as { searchLog?: Snapshot[] }).searchLog = log;
    const field = document.getElementById('token') as HTMLTextAreaElement;
    for (const value of values) {
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }
    // Registered after the page's own frame callback, so it sees the frame the page paints first.
    requestAnimationFrame(() => log.push(read('frame')));
    new MutationObserver(() => log.push(read('mutation'))).observe(document.getElementById('panel-findings')!, { subtree: true, childList: true, characterData: true, attributes: true });
    return read('input');
  }, texts);
}

async function recorded(page: Page): Promise<Snapshot[]> {
  await page.waitForSelector('body[data-analysis="complete"]');
  return page.evaluate(() => (globalThis as { searchLog?: Snapshot[] }).searchLog ?? []);
}

describe.skipIf(!CHROMIUM)('the known-secret search does not hold up the first render', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    ({ browser, page } = await openDecoderFile());
  });
  afterAll(async () => browser?.close());

  it.each(HMAC_ALGS)('%s with a known secret: payload and "checking" in the input event, the match after the first frame', async (alg) => {
    const token = hmac(alg, WEAK, payload);
    const expected = await cliRules(token);
    expect(expected).toContain('jwt/weak-secret');
    const first = await pasteAndRecord(page, [token]);
    // Everything but the search is there as the input event returns.
    expect(first).toMatchObject({ status: 'checking', statusText: 'Checking 103,979 publicly known secrets…', analysis: 'partial', sub: 'user-42' });
    expect(first.rules).toEqual(expected.filter((id) => id !== 'jwt/weak-secret'));
    expect(await page.$eval('#header-json', (el) => JSON.parse(el.textContent ?? ''))).toEqual({ alg, typ: 'JWT' });
    expect(await page.$eval('#signature-status', (el) => el.textContent)).toContain('checking the publicly known secrets');
    const log = await recorded(page);
    const frame = log.findIndex((s) => s.at === 'frame');
    const done = log.findIndex((s) => s.status === 'match');
    // The first frame after the input shows the token and the pending check; the result comes later.
    expect(frame).toBeGreaterThanOrEqual(0);
    expect(log[frame]).toMatchObject({ status: 'checking', sub: 'user-42' });
    expect(done).toBeGreaterThan(frame);
    expect(log.at(-1)).toMatchObject({ status: 'match', analysis: 'complete', rules: expected, sub: 'user-42' });
    expect(log.at(-1)!.statusText).toBe('Known-secret check done: match found, the token can be forged.');
    expect(await page.$eval('#signature-status', (el) => el.textContent)).toContain('FORGEABLE');
  });

  it.each(HMAC_ALGS)('%s with a strong secret: the check ends with no match and the CLI findings', async (alg) => {
    const token = hmac(alg, STRONG, payload);
    const first = await pasteAndRecord(page, [token]);
    expect(first).toMatchObject({ status: 'checking', sub: 'user-42' });
    const log = await recorded(page);
    expect(log.at(-1)).toMatchObject({ status: 'clean', rules: await cliRules(token) });
    expect(log.at(-1)!.statusText).toBe('Known-secret check done: none of the 103,979 publicly known secrets matches.');
  });

  it('announces the check politely (role=status) and says nothing for a token with no HMAC', async () => {
    expect(await page.$eval('#secret-status', (el) => el.getAttribute('role'))).toBe('status');
    const rs = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.AAAA`;
    expect(await pasteAndRecord(page, [rs])).toMatchObject({ status: 'none', statusText: '', analysis: 'complete' });
  });

  it('a second token pasted in the same task wins; the first one is never searched nor shown', async () => {
    const older = hmac('HS512', WEAK, { ...payload, sub: 'older' });
    const newer = hmac('HS256', STRONG, { ...payload, sub: 'newer' });
    const first = await pasteAndRecord(page, [older, newer]);
    expect(first).toMatchObject({ status: 'checking', sub: 'newer' });
    const log = await recorded(page);
    expect(log.every((s) => s.sub === 'newer' && !s.rules.includes('jwt/weak-secret') && s.status !== 'match')).toBe(true);
    expect(log.at(-1)).toMatchObject({ status: 'clean', rules: await cliRules(newer) });
  });

  it('a second token pasted after the first was drawn, while its search is pending, wins', async () => {
    const older = hmac('HS384', WEAK, { ...payload, sub: 'older' });
    const newer = hmac('HS512', STRONG, { ...payload, sub: 'newer' });
    expect(await pasteAndRecord(page, [older])).toMatchObject({ status: 'checking', sub: 'older' });
    // The older token has been painted with its search scheduled, not yet run.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await page.$eval('body', (el) => el.dataset.analysis)).toBe('partial');
    const second = await pasteAndRecord(page, [newer]);
    expect(second).toMatchObject({ status: 'checking', sub: 'newer' });
    const log = await recorded(page);
    expect(log.every((s) => s.sub === 'newer' && s.status !== 'match')).toBe(true);
    expect(log.at(-1)).toMatchObject({ status: 'clean', rules: await cliRules(newer) });
  });

  it('the result leaves the drawn token alone: a segment focused before it keeps the focus', async () => {
    const token = hmac('HS256', WEAK, payload);
    await pasteAndRecord(page, [token]);
    await page.$eval('#segments .seg-payload', (el) => (el as HTMLElement).focus());
    const log = await recorded(page);
    expect(log.at(-1)).toMatchObject({ status: 'match', rules: await cliRules(token) });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('seg-payload') && document.getElementById('segments')!.contains(document.activeElement))).toBe(true);
  });

  it('typing a token key by key ends with the CLI findings for the whole token', async () => {
    const token = hmac('HS256', WEAK, payload);
    await paste(page, '');
    await page.focus('#token');
    // Each prefix with two dots is itself a token (its signature cut short): each keystroke
    // supersedes the search the previous one scheduled, and the last one is searched.
    await page.keyboard.type(token);
    await page.waitForSelector('body[data-analysis="complete"]');
    expect(await page.$$eval('#findings [data-rule]', (els) => els.map((el) => (el as HTMLElement).dataset.rule))).toEqual(await cliRules(token));
    expect(await page.$eval('#secret-status', (el) => (el as HTMLElement).dataset.state)).toBe('match');
  });
});
