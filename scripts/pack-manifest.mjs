// `npm pack` and `npm publish` run `prepack` before reading the files and `postpack` after: the
// packed package.json leaves out the scripts that exist for a checkout. `prepare` builds a git
// clone; in an installed package there is nothing to build, and npm then warns about an install
// script that does nothing (issue 24). Git installs build in the clone before they pack, so they
// keep working.
//   node scripts/pack-manifest.mjs strip     (prepack)
//   node scripts/pack-manifest.mjs restore   (postpack)
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = `${root}package.json`;
const saved = `${root}.package.json.prepack`;
const CHECKOUT_ONLY = ['prepare', 'prepack', 'postpack'];

// A pack that failed between the two steps left the original aside: put it back first.
if (existsSync(saved)) renameSync(saved, manifest);

if (process.argv[2] === 'strip') {
  const text = readFileSync(manifest, 'utf8');
  const pkg = JSON.parse(text);
  for (const name of CHECKOUT_ONLY) delete pkg.scripts?.[name];
  copyFileSync(manifest, saved);
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
} else if (process.argv[2] !== 'restore') {
  process.stderr.write('usage: node scripts/pack-manifest.mjs strip|restore\n');
  process.exit(2);
}
