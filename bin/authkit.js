#!/usr/bin/env node
// A bare `--version` is answered before the CLI bundle loads: parsing the bundle would cost more
// than the answer, and version checks run in hooks and CI scripts all day.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  await import('../dist/main.js');
}
