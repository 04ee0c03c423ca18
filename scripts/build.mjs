// Bundles the CLI with esbuild. Each subcommand stays a separate chunk (dynamic import), so
// `authkit decode` never loads the JS parser or recheck. Packages that locate native binaries or
// data files relative to themselves at run time stay external.
//
// The hot commands (decode, cron-lint) also get a bundle each, one file with no chunks: every ES
// module Node loads costs a resolution, a read and a compile, and decode through the split build
// loaded ~34 of them. bin/authkit.js picks that file when the command is one of them.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOT_COMMANDS, HOT_SPLITS, NODE_BUNDLE } from './bundle-options.mjs';
import { buildPage } from './build-page.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// Build beside dist/ and swap it in, so a CLI started meanwhile never sees a half-written dist/.
const staging = `${root}/dist.${process.pid}`;
rmSync(staging, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  // Worker entry points run in their own threads and must be files of their own.
  entryPoints: ['src/cli/main.ts', 'src/regex/worker.ts', 'src/js/parse-host.ts', 'src/js/parse-child.ts'].filter((entry) => existsSync(`${root}/${entry}`)),
  outdir: staging,
  // Two entry points in different folders would land in dist/cli/ and dist/regex/; bin/authkit.js
  // and the worker pool expect dist/main.js and dist/worker.js.
  entryNames: '[name]',
  ...NODE_BUNDLE,
  splitting: true,
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
});

// Self-contained on purpose: a module shared with the split build would be a second copy, and an
// error class from one copy fails `instanceof` in the other. Each file holds its command's path
// only; lazy imports inside it are inlined but run only when reached.
// HOT_SPLITS: inside the hot bundles, a dynamic import of a split module loads its own file.
const splitOff = {
  name: 'authkit-hot-splits',
  setup(build) {
    // A domain descriptor's scanner (src/<domain>/domain.ts) loads that domain's checks for
    // `authkit scan`, which no hot command runs; inlined, the regex engine and the session audit
    // made decode's bundle 1.9 MB instead of 0.25 MB, and V8 pre-parses all of it at each start.
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' && /[\\/]src[\\/][a-z]+[\\/]domain\.ts$/.test(args.importer) ? { path: args.path, namespace: 'authkit-not-in-hot-bundle' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'authkit-not-in-hot-bundle' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`authkit: ${args.path} is not part of this command's bundle`)});`,
      loader: 'js',
    }));
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      // A package by its name, a module of ours by its source path.
      const target = args.path.startsWith('.') ? relative(root, resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'))) : args.path;
      const split = HOT_SPLITS.find((entry) => entry.in === target);
      return split ? { path: `./${split.out}.cjs`, external: true } : undefined;
    });
  },
};
await build({
  absWorkingDir: root,
  entryPoints: [...HOT_COMMANDS.map((name) => ({ in: `src/cli/entries/${name}.ts`, out: name })), ...HOT_SPLITS],
  outdir: staging,
  ...NODE_BUNDLE,
  plugins: [...NODE_BUNDLE.plugins, splitOff],
  splitting: false,
  // CommonJS, loaded by require from a CommonJS bin/authkit.js: Node 20 then never sets up its ES
  // module loader for a hot command (~5 ms of its start: asynchronous resolution, reads through
  // node:fs/promises). import.meta.url, which src/ uses to find dist/ files, becomes the file's URL,
  // built when first read: the first URL of a process costs ~1 ms, and most runs never ask.
  format: 'cjs',
  // A split-off file (HOT_SPLITS) is reached by require inside a promise, not import(): a bundle
  // compiled from V8's code cache (bin/code-cache.js) has no dynamic import callback, and require
  // also spares Node 20 its ES module loader on those paths.
  supported: { 'dynamic-import': false },
  outExtension: { '.js': '.cjs' },
  banner: { js: "const __authkit_import_meta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" },
  define: { 'import.meta': '__authkit_import_meta' },
  // Node 20 has no compile cache: every start parses the whole bundle, and whitespace is a third of
  // it (decode: 371 -> 242 KB, ~1.5 ms less compile). Names stay, so stack traces still read;
  // the linked source map maps them back.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
});

// Third-party data is never committed: the team keeps it in ../shared/data, and the build ships
// it (with its licence) inside dist/. A clone without it still builds; the known-secret check then
// says it is unavailable.
const shared = `${root}/../shared/data`;
const DATA_FILES = ['jwt-secrets.list', 'jwt-secrets.LICENSE'];
if (DATA_FILES.every((name) => existsSync(`${shared}/${name}`))) {
  mkdirSync(`${staging}/data`, { recursive: true });
  for (const name of DATA_FILES) cpSync(`${shared}/${name}`, `${staging}/data/${name}`);
} else {
  process.stderr.write(`authkit build: ${shared}/jwt-secrets.list not found; the known-secret check will be unavailable\n`);
}

// The `authkit ui` page: one HTML file, dist/ui/decoder.html, carrying the same list.
await buildPage(root, staging, shared);

rmSync(`${root}/dist`, { recursive: true, force: true });
renameSync(staging, `${root}/dist`);
