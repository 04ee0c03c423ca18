// The esbuild settings every bundle of authkit's TypeScript shares: the CLI build, the regex
// corpus script and the engine tests, so that what the tests run is built like what ships.
export const NODE_BUNDLE = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Packages that locate native binaries or files relative to themselves at run time.
  external: ['recheck', 'recheck-*', 'oxc-parser', '@oxc-parser/*', 'esbuild', 'mvdan-sh'],
  // Bundled CommonJS dependencies call require(); give the ESM bundle a real one.
  banner: { js: "import { createRequire as __authkitCreateRequire } from 'node:module'; const require = __authkitCreateRequire(import.meta.url);" },
  logLevel: 'warning',
};

// Commands with a bundle of their own (dist/<name>.js, from src/cli/entries/<name>.ts); bin/authkit.js
// keeps the same list, as it must decide before loading anything.
export const HOT_COMMANDS = ['decode', 'cron-lint'];
