// The page runs the CLI's analysis, so for every token it must conclude what
// `authkit decode --json` concludes: same rule ids, severities and messages, in order.
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { CHROMIUM } from './browser.js';
import { openDecoderFile, paste } from './page.js';
import { NOW_ISO, keyPairs, parityTable } from './tokens.js';

const table = await parityTable(keyPairs());

describe.skipIf(!CHROMIUM)('parity with authkit decode --json', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    ({ browser, page } = await openDecoderFile());
  });
  afterAll(async () => browser?.close());

  const rows: string[] = [];
  afterAll(() => {
    // The table the issue's closing note asks for, printed for the report.
    console.log(`parity (page = CLI):\n${rows.join('\n')}`);
  });

  it.each(table)('%s', async (name, token) => {
    const cli = await runCli(['decode', '--json', '--now', NOW_ISO, token]);
    const report = JSON.parse(cli.stdout) as { findings: { ruleId: string; severity: string; message: string }[]; errors: { message: string }[] };
    const seen = await paste(page, token);
    const expected = report.findings.map(({ ruleId, severity, message }) => ({ ruleId, severity, message }));
    expect(seen.findings).toEqual(expected);
    for (const error of report.errors) expect(seen.errors).toContain(error.message.replace(/^\d+:\d+: /, ''));
    rows.push(`| ${name} | ${expected.map((f) => f.ruleId).join(', ') || '(none)'}${report.errors.length ? ` | error: ${report.errors[0]!.message.replace(/^\d+:\d+: /, '')}` : ''} |`);
  });
});
