// Regenerates the generated parts of README.md: the rule tables from the rule registries (via the
// built CLI), between `<!-- rules:DOMAIN -->` and `<!-- /rules:DOMAIN -->`, and the latest
// benchmark figures from bench/RESULTS.md between `<!-- bench -->` and `<!-- /bench -->`.
// `--check` exits 1 when the README is stale.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = execFileSync(process.execPath, [`${root}bin/authkit.js`, 'rules', '--json'], { encoding: 'utf8' });
const rules = JSON.parse(out).rules;

export function table(domain) {
  const rows = rules
    .filter((r) => r.domain === domain)
    .map((r) => `| \`${r.id}\` | ${r.severity} | ${r.description.replace(/\|/g, '\\|')} |`);
  return ['| rule | default | what it catches |', '| --- | --- | --- |', ...rows].join('\n');
}

// `--readme <file>` checks another copy (the test of this script's own checks).
const readmeAt = process.argv.indexOf('--readme');
const readmePath = readmeAt === -1 ? `${root}README.md` : process.argv[readmeAt + 1];
const before = readFileSync(readmePath, 'utf8');
// Every registered domain has its table: a new domain whose marker nobody wrote fails the check.
const missing = [...new Set(rules.map((r) => r.domain))].filter((domain) => !before.includes(`<!-- rules:${domain} -->`));
if (missing.length > 0) {
  console.error(`README.md has no rule table for ${missing.join(', ')}: add <!-- rules:DOMAIN --><!-- /rules:DOMAIN --> markers where it belongs`);
  process.exit(1);
}
let after = before.replace(
  /(<!-- rules:([a-z]+) -->\n)[\s\S]*?(<!-- \/rules:\2 -->)/g,
  (_, open, domain, close) => `${open}${table(domain)}\n${close}`,
);
const resultsPath = `${root}bench/RESULTS.md`;
if (existsSync(resultsPath)) {
  // The results file's own headings sit one level below the README section that quotes them.
  const results = readFileSync(resultsPath, 'utf8').replace(/^# .*\n+/, '').replace(/^## /gm, '#### ').trim();
  after = after.replace(/(<!-- bench -->\n)[\s\S]*?(<!-- \/bench -->)/, (_, open, close) => `${open}${results}\n${close}`);
}
if (process.argv.includes('--check')) {
  if (after !== before) {
    console.error('README.md rule tables are stale: run `node scripts/readme-rules.mjs`');
    process.exit(1);
  }
} else if (after !== before) {
  writeFileSync(readmePath, after);
}
