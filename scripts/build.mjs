// Bundles the CLI with esbuild. Each subcommand stays a separate chunk (dynamic import), so
// `authkit decode` never loads the JS parser or recheck. Packages that locate native binaries or
// data files relative to themselves at run time stay external.
import { build } from 'esbuild';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NODE_BUNDLE } from './bundle-options.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// Build beside dist/ and swap it in, so a CLI started meanwhile never sees a half-written dist/.
const staging = `${root}/dist.${process.pid}`;
rmSync(staging, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  // Worker entry points run in their own threads and must be files of their own.
  entryPoints: ['src/cli/main.ts', 'src/regex/worker.ts'].filter((entry) => existsSync(`${root}/${entry}`)),
  outdir: staging,
  // Two entry points in different folders would land in dist/cli/ and dist/regex/; bin/authkit.js
  // and the worker pool expect dist/main.js and dist/worker.js.
  entryNames: '[name]',
  ...NODE_BUNDLE,
  splitting: true,
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
});

rmSync(`${root}/dist`, { recursive: true, force: true });
renameSync(staging, `${root}/dist`);
