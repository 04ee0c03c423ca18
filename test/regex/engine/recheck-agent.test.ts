// recheck's agent can die mid-call (stopped for memory, recycled, crashed). Its pending promises
// then never settle, so an analysis waiting on one must still end, with an answer that says so.
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { runRecheck, stopRecheck } from '../../../src/regex/recheck.js';

const recheck = createRequire(import.meta.url)('recheck/lib/main.js') as { __mock__: { agent?: { child?: { pid?: number; kill(signal: string): void } } } };

afterAll(() => stopRecheck());

async function agentPid(): Promise<number> {
  for (let i = 0; i < 200; i += 1) {
    const pid = recheck.__mock__.agent?.child?.pid;
    if (pid) return pid;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('recheck started no agent');
}

describe('runRecheck when the agent dies', () => {
  it('settles within its deadline with an unknown verdict, and the next call starts a new agent', { timeout: 60_000 }, async () => {
    // The fuzzer on a pattern it cannot decide quickly keeps the agent busy for the whole timeout.
    const pending = runRecheck('^(?=(a+)+b)(a|b|ab)*\\1c$', '', { checker: 'fuzz' }, 4_000);
    const pid = await agentPid();
    process.kill(pid, 'SIGKILL');
    const started = performance.now();
    const result = await pending;
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.status).toBe('unknown');

    const next = await runRecheck('^a+$', '', { checker: 'automaton' }, 4_000);
    expect(next.status).toBe('safe');
    expect(await agentPid()).not.toBe(pid);
  });
});
