// Regenerates the generated parts of README.md: the rule tables from the rule registries (via the
// built CLI), between `<!-- rules:DOMAIN -->` and `<!-- /rules:DOMAIN -->`, and the latest
// benchmark figures from bench/RESULTS.md between `<!-- bench -->` and `<!-- /bench -->`.
// `--check` exits 1 when the README is stale.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = execFileSync(process.execPath, [`${root}bin/authkit.js`, 'rules', '--json'], { encoding: 'utf8' });
const { rules, domains } = JSON.parse(out);

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
// Every registered domain has its table: a new domain gets a section after the last table (move it
// where it reads best; the markers keep it generated), and --check fails until it has one.
const missing = domains.filter((d) => !before.includes(`<!-- rules:${d.name} -->`));
if (missing.length > 0 && process.argv.includes('--check')) {
  console.error(`README.md has no rule table for ${missing.map((d) => d.name).join(', ')}: run \`node scripts/readme-rules.mjs\` to add one`);
  process.exit(1);
}
const lastTable = [...before.matchAll(/<!-- \/rules:[a-z]+ -->\n/g)].at(-1);
const at = lastTable ? lastTable.index + lastTable[0].length : before.length;
const added = missing.map((d) => `\n### ${d.name}\n\n${d.description}.\n\n<!-- rules:${d.name} -->\n<!-- /rules:${d.name} -->\n`).join('');
let after = (before.slice(0, at) + added + before.slice(at)).replace(
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
