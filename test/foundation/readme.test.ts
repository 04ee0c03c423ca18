import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

describe('README', () => {
  it('has rule tables and benchmark figures generated from the current registries and results', () => {
    // Throws (exit 1) when the generated parts are stale.
    expect(() => execFileSync(process.execPath, [`${ROOT}scripts/readme-rules.mjs`, '--check'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });

  it('has a rule table for every registered domain: a domain without its markers fails the check', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const copy = `${mkdtempSync(`${tmpdir()}/authkit-readme-`)}/README.md`;
    writeFileSync(copy, readFileSync(`${ROOT}README.md`, 'utf8').replace(/<!-- rules:cron -->\n[\s\S]*?<!-- \/rules:cron -->\n/, ''));
    const run = () => execFileSync(process.execPath, [`${ROOT}scripts/readme-rules.mjs`, '--check', '--readme', copy], { cwd: ROOT, stdio: 'pipe' });
    expect(run).toThrow(/no rule table for cron/);
    // Written without --check, the script adds the domain's section with its generated table.
    execFileSync(process.execPath, [`${ROOT}scripts/readme-rules.mjs`, '--readme', copy], { cwd: ROOT, stdio: 'pipe' });
    expect(readFileSync(copy, 'utf8')).toMatch(/### cron\n\nCrontabs: [^\n]+\.\n\n<!-- rules:cron -->\n\| rule \| default[\s\S]*`cron\/missing-shell`[\s\S]*<!-- \/rules:cron -->/);
    expect(run).not.toThrow();
  });

  it('Performance: each table holds its own rows (the known-secret table once carried six rows of the Targets table)', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const bench = readme.slice(readme.indexOf('<!-- bench -->'), readme.indexOf('<!-- /bench -->'));
    const sections = bench.split(/^#### /m).slice(1);
    expect(sections.map((s) => s.split('\n')[0])).toEqual(expect.arrayContaining([expect.stringMatching(/^Targets/), expect.stringMatching(/^Known-secret search/)]));
    const owner = new Map<string, string>();
    const repeated: string[] = [];
    for (const section of sections) {
      const title = section.split('\n')[0]!;
      const rows = section.split('\n').filter((l) => l.startsWith('|') && !/^\|[-| ]+\|$/.test(l)).map((l) => l.split('|')[1]!.trim());
      for (const row of rows) {
        if (owner.has(row) && owner.get(row) !== title) repeated.push(`${row} (in ${owner.get(row)} and ${title})`);
        owner.set(row, title);
      }
    }
    expect(repeated).toEqual([]);
    const secrets = sections.find((s) => s.startsWith('Known-secret search'))!;
    expect(secrets).not.toMatch(/adds <= 15 ms|cold start|regex-audit/);
  });

  it('shows the two set-up commands', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    expect(readme).toContain('npm ci && npx authkit scan examples/scan-demo');
    expect(readme).toMatch(/^npm test\b/m);
  });
});
