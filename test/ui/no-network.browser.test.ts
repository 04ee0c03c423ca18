// The page's promise: no request leaves it. Tokens point jku, x5u and iss at a loopback server
// this test runs; every feature is used; neither that server nor the browser's own network log
// (request events and CDP Network) may see anything but the page itself.
import { mkdtempSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { CHROMIUM, launch } from './browser.js';
import { openPage, paste } from './page.js';
import { type Served, serveUi } from './serve.js';
import { keyPairs, parityTable, signWith } from './tokens.js';

const keys = keyPairs();

/** Every request the page makes, as the browser reports it twice over. */
async function recordRequests(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on('request', (request) => seen.push(`event ${request.url()}`));
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (event) => seen.push(`cdp ${event.request.url}`));
  return seen;
}

async function historyUrls(page: Page): Promise<string[]> {
  const cdp = await page.createCDPSession();
  const { entries } = await cdp.send('Page.getNavigationHistory');
  await cdp.detach();
  return entries.map((e) => e.url);
}

describe.skipIf(!CHROMIUM)('no network', () => {
  let browser: Browser;
  let trap: Server;
  let trapUrl: string;
  const trapped: string[] = [];
  let served: Served;

  beforeAll(async () => {
    trap = createServer((req, res) => {
      trapped.push(`${req.method} ${req.url}`);
      res.end('{"keys":[]}');
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    trapUrl = `http://127.0.0.1:${(trap.address() as { port: number }).port}`;
    served = await serveUi();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    trap?.close();
  });

  it('uses every feature on tokens whose jku, x5u and iss point at a live server, and nothing is requested', async () => {
    const page = await openPage(browser, served.url, {});
    const requests = await recordRequests(page);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    const rsa = keys.get('RS256')!;
    const table = await parityTable(keys, trapUrl);
    for (const [, token] of table) await paste(page, `Authorization: Bearer ${token}`);
    const injected = await signWith(rsa, { iss: trapUrl, sub: 'x', exp: 4102444800 }, { kid: 'k1', jku: `${trapUrl}/jwks.json`, x5u: `${trapUrl}/x.pem` });
    const seen = await paste(page, injected);
    expect(seen.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['jwt/jku-header', 'jwt/x5u-header']));
    // Every button and control a person could use.
    for (const segment of await page.$$('#segments .segment')) await segment.click();
    for (const copy of await page.$$('button[data-copy]')) await copy.click();
    for (const details of await page.$$('#findings details summary')) await details.click();
    await page.select('#theme', 'dark');
    await page.select('#theme', 'light');
    await page.select('#alg', 'RS256');
    await page.$eval('#key', (el, value) => {
      (el as HTMLTextAreaElement).value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, JSON.stringify({ keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'k1' }] }));
    await page.click('#verify button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('verify-result')!.dataset.ok === 'true');
    await page.click('#clear');
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(trapped).toEqual([]);
    const outside = requests.filter((r) => !r.endsWith(` ${served.url}`) && !/ data:/.test(r));
    expect(outside).toEqual([]);
    expect(requests.filter((r) => r.startsWith('cdp '))).toEqual([`cdp ${served.url}`]);
    // Nothing persisted; the only history entries are the blank tab and the page.
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([0, 0, '']);
    expect(await historyUrls(page)).toEqual(['about:blank', served.url]);
    await page.close();
  });

  it('a fetch and an image injected into the page are blocked by its policy and reach nobody', async () => {
    const page = await openPage(browser, served.url, {});
    await page.evaluate(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { violations: string[] }).violations.push(e.violatedDirective));
    });
    const fetched = await page.evaluate(async (url) => fetch(`${url}/fetch`).then(() => 'fetched', (e: Error) => `refused: ${e.message}`), trapUrl);
    expect(fetched).toMatch(/^refused/);
    await page.evaluate((url) => {
      const img = document.createElement('img');
      img.src = `${url}/img.png`;
      document.body.append(img);
    }, trapUrl);
    await page.waitForFunction(() => (window as unknown as { violations: string[] }).violations.length >= 2);
    expect(new Set(await page.evaluate(() => (window as unknown as { violations: string[] }).violations))).toEqual(new Set(['connect-src', 'img-src']));
    expect(trapped).toEqual([]);
    await page.close();
  });

  it('a worker injected into the page is refused by its policy, so no code runs outside the hashed script', async () => {
    // The known-secret search runs on the main thread (after the first render) because the policy
    // allows no worker: worker-src falls back to script-src, which admits the page's one hash.
    const page = await openPage(browser, served.url, {});
    const outcome = await page.evaluate(
      (url) =>
        new Promise<{ created: string; violations: string[] }>((resolve) => {
          const violations: string[] = [];
          let created = 'created';
          // Done once the worker has both been refused and reported; a worker that loads never
          // settles this, and the fallback below then reports it as created.
          const settle = () => created !== 'created' && violations.length > 0 && resolve({ created, violations });
          document.addEventListener('securitypolicyviolation', (e) => {
            violations.push(e.violatedDirective);
            settle();
          });
          const source = URL.createObjectURL(new Blob([`fetch(${JSON.stringify(`${url}/worker`)})`], { type: 'text/javascript' }));
          try {
            const worker = new Worker(source);
            worker.onerror = () => {
              created = 'failed to load';
              settle();
            };
          } catch (error) {
            created = `threw ${(error as Error).name}`;
          }
          setTimeout(() => resolve({ created, violations }), 5000);
        }),
      trapUrl,
    );
    expect(outcome.created).not.toBe('created');
    expect(outcome.violations).toContain('worker-src');
    expect(trapped).toEqual([]);
    await page.close();
  });

  it('reads a token from the fragment and removes it from the address bar and history at once', async () => {
    const token = await signWith(keys.get('ES256')!, { sub: 'from-fragment', exp: 4102444800 });
    const page = await openPage(browser, `${served.url}#${token}`);
    expect(await page.evaluate(() => location.href)).toBe(served.url);
    expect(await historyUrls(page)).toEqual(['about:blank', served.url]);
    expect(await page.$eval('#payload-json', (el) => el.textContent)).toContain('from-fragment');
    await page.close();
  });

  it('the file written by --out decodes with the browser offline', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'authkit-ui-')), 'decoder.html');
    expect((await runCli(['ui', '--out', file])).code).toBe(0);
    const page = await browser.newPage();
    await page.setOfflineMode(true);
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready="true"]');
    const seen = await paste(page, (await parityTable(keys, trapUrl)).find(([name]) => name === 'HS256 weak secret')![1]);
    expect(seen.findings.map((f) => f.ruleId)).toContain('jwt/weak-secret');
    expect(trapped).toEqual([]);
    await page.close();
  });
});
