import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

// A preload arms the fault when the CLI first writes to stdout, so it lands while the real CLI is
// running (its handlers installed), outside runAction.
const preload = (fault: string) => [
  '--import',
  `data:text/javascript,${encodeURIComponent(`const write = process.stdout.write.bind(process.stdout); let armed = false; process.stdout.write = (...a) => { if (!armed) { armed = true; setImmediate(() => { ${fault} }); } return write(...a); };`)}`,
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
