// Regenerates the rule tables in README.md from the rule registries (via the built CLI), between
// `<!-- rules:DOMAIN -->` and `<!-- /rules:DOMAIN -->` markers. `--check` exits 1 when stale.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = execFileSync(process.execPath, [`${root}bin/authkit.js`, 'rules', '--json'], { encoding: 'utf8' });
const rules = JSON.parse(out).rules;

export function table(domain) {
  const rows = rules
    .filter((r) => r.id.startsWith(`${domain}/`))
    .map((r) => `| \`${r.id}\` | ${r.severity} | ${r.description.replace(/\|/g, '\\|')} |`);
  return ['| rule | default | what it catches |', '| --- | --- | --- |', ...rows].join('\n');
}

const readmePath = `${root}README.md`;
const before = readFileSync(readmePath, 'utf8');
const after = before.replace(
  /(<!-- rules:([a-z]+) -->\n)[\s\S]*?(\n<!-- \/rules:\2 -->)/g,
  (_, open, domain, close) => `${open}${table(domain)}${close}`,
);
if (process.argv.includes('--check')) {
  if (after !== before) {
    console.error('README.md rule tables are stale: run `node scripts/readme-rules.mjs`');
    process.exit(1);
  }
} else if (after !== before) {
  writeFileSync(readmePath, after);
}
