// Preloaded with --import by test/packaging/startup.test.ts; writes what the CLI loads to
// $AUTHKIT_MODULE_LOG, one line each. A count of files is stable where a time is not.
//   AUTHKIT_MODULE_LOG_OF=files     every file of JavaScript the ES module loader loads ("file <url>"),
//                                   and every CommonJS file required (listed at exit)
//   AUTHKIT_MODULE_LOG_OF=builtins  every built-in module initialised ("builtin <id>"), at exit
// Two runs, because registering loader hooks starts a thread that itself loads built-ins.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const out = process.env.AUTHKIT_MODULE_LOG;
if (out && process.env.AUTHKIT_MODULE_LOG_OF === 'files') {
  register('./module-log-hooks.mjs', import.meta.url, { data: { out } });
  // bin/authkit.js and the hot bundles are CommonJS, which the hooks above do not see on Node 20.
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => {
    const files = Object.keys(cache).filter((file) => file.endsWith('.js') || file.endsWith('.cjs'));
    appendFileSync(out, files.map((file) => `file ${pathToFileURL(file).href}\n`).join(''));
  });
} else if (out) {
  const before = new Set(process.moduleLoadList);
  process.on('exit', () => {
    const builtins = process.moduleLoadList.filter((entry) => !before.has(entry) && entry.startsWith('NativeModule '));
    appendFileSync(out, builtins.map((entry) => `builtin ${entry.slice('NativeModule '.length)}\n`).join(''));
  });
}
