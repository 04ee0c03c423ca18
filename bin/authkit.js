#!/usr/bin/env node
// CommonJS (bin/package.json): the hot commands then start without Node's ES module loader, whose
// set-up, asynchronous resolution and reads cost Node 20 several milliseconds per start (issue 19).

// Anything thrown outside a command's own error handling (a timer, a stream, a stray promise) is a
// crash: one line and exit 2, never Node's default exit 1, which CI would read as "findings".
function crash(error) {
  process.stderr.write(`authkit: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.env.AUTHKIT_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(2);
}
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

// A bare `--version` is answered before the CLI bundle loads: parsing the bundle would cost more
// than the answer, and version checks run in hooks and CI scripts all day.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const { readFileSync } = require('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(require('node:path').join(__dirname, '..', 'package.json'), 'utf8')).version}\n`);
} else {
  // Node 22.1+ keeps compiled bytecode of the modules the other commands load between runs. The
  // hot bundles load from a code cache of their own (bin/code-cache.js), on every Node: it holds
  // what a whole run compiled, where Node's holds only what compiling the file did (6 ms less).
  require('node:module').enableCompileCache?.();
  const load = (bundle) => require('./code-cache.js')(require.resolve(bundle));
  // The hot commands have a one-file CommonJS bundle each (scripts/build.mjs, HOT_COMMANDS); the
  // name is found as src/cli/program.ts finds it, skipping global options and their values.
  let name;
  for (let i = 0; i < args.length; i++) {
    if (['-f', '--format', '--fail-on', '-c', '--config'].includes(args[i])) i++;
    else if (!args[i].startsWith('-')) {
      name = args[i];
      break;
    }
  }
  if (name === 'decode') load('../dist/decode.cjs');
  else if (name === 'cron-lint') load('../dist/cron-lint.cjs');
  else import('../dist/main.js');
}
