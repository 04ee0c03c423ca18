// Bundles the CLI with esbuild. Each subcommand stays a separate chunk (dynamic import), so
// `authkit decode` never loads the JS parser or recheck. Packages that locate native binaries or
// data files relative to themselves at run time stay external.
import { build } from 'esbuild';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  external: ['recheck', 'recheck-*', 'oxc-parser', '@oxc-parser/*', 'esbuild', 'mvdan-sh'],
  // Bundled CommonJS dependencies call require(); give the ESM bundle a real one.
  banner: { js: "import { createRequire as __authkitCreateRequire } from 'node:module'; const require = __authkitCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

rmSync(`${root}/dist`, { recursive: true, force: true });
renameSync(staging, `${root}/dist`);
