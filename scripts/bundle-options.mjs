// The esbuild settings every bundle of authkit's TypeScript shares: the CLI build, the regex
// corpus script and the engine tests, so that what the tests run is built like what ships.
// Start-up cost that third-party packages pay at import time for features authkit never uses.
// Built-ins that are costly to load (node:fs/promises compiles ~20 internal modules, readline and
// streams among them: ~2 ms) and that modules on the hot paths import for calls those paths rarely
// make. Each is imported for its functions only (no classes, no default import).
const LAZY_BUILTINS = ['node:fs/promises'];

const startupShims = {
  name: 'authkit-startup-shims',
  setup(build) {
    // commander requires child_process (and with it net, dgram and streams) for executable
    // subcommands; authkit has none, so the module loads only if something ever touches it.
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'authkit-lazy-builtin' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'authkit-lazy-builtin' }, (args) => ({
      contents: `let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= process.getBuiltinModule('node:${args.path}'))[key] });`,
      loader: 'js',
    }));
    // An ES import of a built-in builds a module facade (every export read and copied) and is
    // hoisted to the top of the bundle, so decode paid for fs/promises, url and the rest even on
    // paths that never use them: ~3 ms of its start. process.getBuiltinModule gives the same
    // objects; each name is read only where the bundle uses it (unused ones are tree-shaken).
    build.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'import-statement' ? { path: args.path, namespace: 'authkit-builtin' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'authkit-builtin' }, async (args) => {
      const module = await import(args.path);
      const names = Object.keys(module).filter((name) => name !== 'default');
      if (LAZY_BUILTINS.includes(args.path)) {
        // Forwarders: the built-in loads at the first call, not when the importing module starts.
        const exports = names.map((name) =>
          typeof module[name] === 'function'
            ? `export function ${name}(...args) { return builtin().${name}(...args); }`
            : `export const ${name} = /* @__PURE__ */ (() => builtin().${name})();`,
        );
        return {
          contents: [`let loaded;`, `const builtin = () => (loaded ??= process.getBuiltinModule(${JSON.stringify(args.path)}));`, ...exports].join('\n'),
          loader: 'js',
        };
      }
      const exports = names.map((name) => `export const ${name} = /* @__PURE__ */ (() => builtin.${name})();`);
      return {
        contents: [`const builtin = process.getBuiltinModule(${JSON.stringify(args.path)});`, 'export default builtin;', ...exports].join('\n'),
        loader: 'js',
      };
    });
    // chalk detects colour support at import (supports-color: tty, os and an ESM import of
    // node:process, whose facade creates process.stdin). authkit never uses the detected level:
    // src/cli/color.ts always passes chalk its own.
    build.onResolve({ filter: /^#supports-color$/ }, (args) =>
      /[\\/]node_modules[\\/]chalk[\\/]/.test(args.importer) ? { path: 'supports-color', namespace: 'authkit-no-color-detection' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'authkit-no-color-detection' }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
      loader: 'js',
    }));
  },
};

export const NODE_BUNDLE = {
  plugins: [startupShims],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Packages that locate native binaries or files relative to themselves at run time.
  external: ['recheck', 'recheck-*', 'oxc-parser', '@oxc-parser/*', 'esbuild', 'mvdan-sh'],
  // Bundled CommonJS dependencies call require(); give the ESM bundle a real one.
  banner: { js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);" },
  logLevel: 'warning',
};

// Commands with a bundle of their own (dist/<name>.js, from src/cli/entries/<name>.ts); bin/authkit.js
// keeps the same list, as it must decide before loading anything.
export const HOT_COMMANDS = ['decode', 'cron-lint'];

// Rarely taken paths of the hot commands, split off as a file of their own (dist/<out>.js): a hot
// bundle inlines its lazy imports, and V8 still reads and pre-parses the code of every one at each
// start. cron-lint on a YAML file needs the YAML parser, 258 KB of the 660 KB bundle; a crontab
// never does. The split file is self-contained like the hot bundles, so modules both use are two
// copies: what crosses between them is plain data (findings), never a class. \`ignore\` (30 KB)
// serves only a config's ignore globs in decode (cron-lint also walks folders with it, statically).
export const HOT_SPLITS = [
  { in: 'src/cron/yaml-lint.ts', out: 'cron-lint-yaml' },
  { in: 'ignore', out: 'ignore' },
];

// The `authkit ui` page: src/jwt's analysis for the browser. The few Node APIs src/jwt touches
// map to small shims in src/ui/page/shims/ (the known-secrets list is read from the page itself),
// so the page runs the CLI's code rather than a second implementation of it.
export const PAGE_BUNDLE = {
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  alias: {
    'node:fs': './src/ui/page/shims/fs.ts',
    'node:path': './src/ui/page/shims/path.ts',
    'node:url': './src/ui/page/shims/url.ts',
  },
  inject: ['./src/ui/page/shims/buffer.ts', './src/ui/page/shims/process.ts'],
  define: { 'import.meta.url': '"about:page"' },
  logLevel: 'warning',
};
