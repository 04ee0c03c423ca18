// The system's Chromium (Debian's chromium or chromium-headless-shell) driven by puppeteer-core;
// nothing is downloaded. Without one, the browser tests skip with a message, unless the run
// demands them (npm run test:browser, CI) through AUTHKIT_REQUIRE_BROWSER.
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';

const CANDIDATES = [
  process.env.AUTHKIT_CHROMIUM,
  '/usr/bin/chromium',
  '/usr/bin/chromium-headless-shell',
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].filter((p): p is string => Boolean(p));

export const CHROMIUM = CANDIDATES.find((p) => existsSync(p));

if (!CHROMIUM) {
  if (process.env.AUTHKIT_REQUIRE_BROWSER) throw new Error(`no Chromium found (tried ${CANDIDATES.join(', ')}): apt-get install chromium`);
  console.warn('authkit: browser tests SKIPPED: no Chromium installed (apt-get install chromium, then npm run test:browser)');
}

export function launch(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Root in a container has no user namespace for the sandbox; the pages are our own.
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--no-default-browser-check', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--metrics-recording-only'],
  });
}
