// Driving the decoder page the way a person does: a fixed clock and zone, paste, read back.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { launch } from './browser.js';
import { NOW_ISO } from './tokens.js';

/**
 * The page reads the time through Date; this fixes it before any page script runs (CDP's
 * script-on-new-document is outside the page's CSP, as devtools are).
 */
export async function openPage(browser: Browser, url: string, options: { zone?: string; width?: number; scheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const page = await browser.newPage();
  await page.emulateTimezone(options.zone ?? 'Europe/Berlin');
  await page.setViewport({ width: options.width ?? 1280, height: 900 });
  if (options.scheme) await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: options.scheme }]);
  await page.evaluateOnNewDocument((iso: string) => {
    const fixed = Date.parse(iso);
    const RealDate = Date;
    class FixedDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(fixed);
        else super(...(args as [number]));
      }
      static override now() {
        return fixed;
      }
    }
    (globalThis as { Date: DateConstructor }).Date = FixedDate as DateConstructor;
  }, NOW_ISO);
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

export interface PageReading {
  findings: { ruleId: string; severity: string; message: string }[];
  errors: string;
}

/** Replaces the field's text (as a paste does) and reads what the page concluded. */
export async function paste(page: Page, text: string): Promise<PageReading> {
  await page.$eval(
    '#token',
    (el, value) => {
      const field = el as HTMLTextAreaElement;
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    },
    text,
  );
  // The input event draws everything but the known-secret search, which follows after the first
  // paint; the reading is of the page's final conclusion.
  await page.waitForSelector('body[data-analysis="complete"]');
  return page.evaluate(() => ({
    findings: [...document.querySelectorAll<HTMLElement>('#findings [data-rule]')].map((li) => ({
      ruleId: li.dataset.rule!,
      severity: li.querySelector('.severity')!.textContent!,
      message: li.querySelector('.message')!.textContent!,
    })),
    errors: document.getElementById('errors')!.textContent!,
  }));
}

/** The page `authkit ui --out` writes, opened from disk in a fresh browser (page errors logged). */
export async function openDecoderFile(): Promise<{ browser: Browser; page: Page }> {
  const file = join(mkdtempSync(join(tmpdir(), 'authkit-ui-')), 'decoder.html');
  expect((await runCli(['ui', '--out', file])).code).toBe(0);
  const browser = await launch();
  const page = await openPage(browser, pathToFileURL(file).href);
  page.on('pageerror', (error) => console.error('page error:', error));
  return { browser, page };
}
