import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

// A preload arms the fault when the CLI first writes to stdout (fd 1, with fs.writeSync: see
// src/cli/output.ts), so it lands while the real CLI is running (its handlers installed), outside
// runAction.
const preload = (fault: string) => [
  '--import',
  `data:text/javascript,${encodeURIComponent(
    `import fs from 'node:fs'; import { syncBuiltinESMExports } from 'node:module'; const write = fs.writeSync; let armed = false; fs.writeSync = (...a) => { if (!armed && a[0] === 1) { armed = true; setImmediate(() => { ${fault} }); } return write(...a); }; syncBuiltinESMExports();`,
  )}`,
];

describe('a crash outside a command', () => {
  it('an uncaught exception is one line and exit 2, not exit 1', async () => {
    const r = await runCli(['cron-lint', '-'], { input: 'SHELL=/bin/sh\nPATH=/usr/bin:/bin\n* * * * * /bin/true\n', nodeArgs: preload("throw new Error('stray timer');") });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('authkit: internal error: stray timer\n');
  });

  it('an unhandled rejection is one line and exit 2', async () => {
    const r = await runCli(['rules'], { nodeArgs: preload("Promise.reject(new Error('stray promise'));") });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('authkit: internal error: stray promise\n');
  });
});
