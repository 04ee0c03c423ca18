// recheck (the automaton and fuzz checkers authkit asks for attack strings): loading it, which
// backend it runs on, and its agent process, which keeps what it allocates and is recycled past a
// size limit. The verdict logic that uses it lives in analyze.ts.
import { processRssMb } from '../files/proc.js';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import type { Diagnostics, Parameters } from 'recheck';
import type { Derived } from './pattern.js';

const requireCjs = createRequire(import.meta.url);

/** The recheck release the fallback is written and tested against (an optional peer dependency). */
export const RECHECK_VERSION = '4.5.0';

interface RecheckModule {
  check(source: string, flags: string, params?: Parameters & { signal?: AbortSignal }): Promise<Diagnostics>;
  /** recheck's own backend state: the native agent process and its worker pool. */
  __mock__?: {
    agent?: { kill(): void; child?: { pid?: number; exitCode: number | null; signalCode: string | null; once(event: 'exit', listener: () => void): void } } | null;
    pool?: { kill(): void } | null;
  };
}

let recheckReady: Promise<unknown> | null = null;

/**
 * recheck starts its agent process lazily on the first check and keeps it in a module variable;
 * concurrent first checks would each start one and leak all but the last. One warm-up check
 * first, and everything else waits for it.
 */
function warmRecheck(): Promise<unknown> {
  const ready = (recheckReady ??= recheck()
    .check('a', '', { timeout: 10_000 })
    .catch(() => undefined));
  // A start-up check that hangs (its agent died) must not hold every later analysis: the next
  // one starts afresh.
  void deadline(ready, AGENT_START_MS, '').catch(() => {
    if (recheckReady === ready) recheckReady = null;
  });
  return ready;
}

let recheckModule: RecheckModule | null = null;

function recheck(): RecheckModule {
  if (!recheckModule) {
    // lib/main.js exposes the backend handles that index.js hides; they let us stop the agent.
    try {
      recheckModule = requireCjs('recheck/lib/main.js') as RecheckModule;
    } catch {
      recheckModule = requireCjs('recheck') as RecheckModule;
    }
  }
  return recheckModule;
}

export function packageVersion(name: string): string {
  try {
    return (requireCjs(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'missing';
  }
}

/**
 * Which recheck implementation `check` will use here: the native binary from the platform package
 * (recheck-linux-x64 and friends), a JVM with recheck-jar, or the Scala.js build in a worker.
 */
export function recheckBackend(): 'native' | 'java' | 'js' {
  const forced = process.env.RECHECK_BACKEND;
  if (forced === 'worker' || forced === 'pure') return 'js';
  if (forced === 'java') return 'java';
  if (process.env.RECHECK_BIN) return 'native';
  const os = ({ darwin: 'macos', linux: 'linux', win32: 'windows' } as Record<string, string>)[process.platform];
  if (os) {
    try {
      requireCjs.resolve(`recheck-${os}-${process.arch}/package.json`);
      return 'native';
    } catch {
      // no binary for this platform
    }
  }
  try {
    requireCjs.resolve('recheck-jar/package.json');
    return 'java';
  } catch {
    return 'js';
  }
}


/** Stops recheck's agent process and worker, and waits for the agent to exit. */
export async function stopRecheck(): Promise<void> {
  recheckReady = null;
  const state = recheckModule?.__mock__;
  if (!state) return;
  const child = state.agent?.child;
  const exited =
    child && child.exitCode === null && child.signalCode === null
      ? new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 2000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        })
      : Promise.resolve();
  try {
    state.agent?.kill();
  } catch {
    // already gone
  }
  try {
    state.pool?.kill();
  } catch {
    // already gone
  }
  state.agent = undefined;
  state.pool = null;
  await exited;
}

export interface Analysis {
  diagnostics: Diagnostics;
  /** How a variant departs from the pattern (lookarounds dropped...); empty for exact analyses. */
  approximations?: string[];
  /** Minimum repeat counts the variant lowered; its attacks are padded back to them. */
  reducedMinimums?: number[];
  /** The source analysed, when it is derived from the pattern (offset map back to it). */
  derived?: Derived;
  role: 'original' | 'variant' | 'g-model';
}

/**
 * recheck's native agent keeps what it allocated for every pattern (575 MB after the 189 patterns
 * of the benchmark). It starts in about 50 ms, so it is replaced once it passes this size: the
 * queue drains, the agent is stopped, and the next analysis starts a fresh one.
 */
const AGENT_RSS_LIMIT_MB = 120;

let inflight = 0;
let recycle: { done: Promise<void>; resolve: () => void; started: boolean } | null = null;

function agentRssMb(): number {
  const pid = recheckModule?.__mock__?.agent?.child?.pid;
  return pid ? processRssMb(pid) : 0;
}

function maybeRecycleAgent(): void {
  if (!recycle && agentRssMb() > AGENT_RSS_LIMIT_MB) {
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    recycle = { done, resolve, started: false };
  }
  if (recycle && !recycle.started && inflight === 0) {
    const current = recycle;
    current.started = true;
    void stopRecheck().finally(() => {
      recycle = null;
      current.resolve();
    });
  }
}

/** Analyses sent to recheck at once: its agent serves about one per core, the rest would queue
 * inside it with their time limit already running. */
const MAX_IN_FLIGHT = Math.max(1, availableParallelism());
/** The agent is killed when it grows past this during a call (a pattern that blows up its memory). */
const AGENT_MEMORY_CAP_MB = 400;

const waiting: (() => void)[] = [];
let memoryWatch: NodeJS.Timeout | null = null;
let killedForMemory = false;

async function acquire(): Promise<void> {
  while (recycle) await recycle.done;
  if (inflight < MAX_IN_FLIGHT) {
    inflight += 1;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
  // The slot was handed over by release(): inflight already counts it.
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else inflight -= 1;
}

function watchMemory(): void {
  memoryWatch ??= setInterval(() => {
    if (inflight === 0) {
      clearInterval(memoryWatch!);
      memoryWatch = null;
      return;
    }
    if (agentRssMb() > AGENT_MEMORY_CAP_MB) {
      killedForMemory = true;
      void stopRecheck();
    }
  }, 100);
  memoryWatch.unref();
}

/** Whether recheck can be loaded here: it is an optional part of the install. */
export function recheckInstalled(): boolean {
  try {
    requireCjs.resolve('recheck');
    return true;
  } catch {
    return false;
  }
}

/** The backend recheck's last analyses ran on: its agent's program, or the in-thread build. */
export function startedBackend(): 'native' | 'java' | 'js' | 'none' {
  const state = recheckModule?.__mock__;
  const program = (state?.agent?.child as { spawnfile?: string } | undefined)?.spawnfile;
  if (program) return /java/.test(program) ? 'java' : 'native';
  return state?.pool ? 'js' : recheckModule ? recheckBackend() : 'none';
}

/** Its Java build starts a JVM: seconds on a loaded machine. */
const AGENT_START_MS = 20_000;

class MissedDeadline extends Error {}

function deadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new MissedDeadline(message)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

export async function runRecheck(source: string, flags: string, params: Parameters, timeoutMs: number): Promise<Diagnostics> {
  await acquire();
  watchMemory();
  // recheck enforces `timeout` itself, from when its agent takes the request (no queue ahead of
  // it: see acquire). An agent that dies (stopped for memory, recycled, crashed) leaves recheck's
  // promises pending for ever, the start-up check's too, and the abort signal does not settle
  // them: deadlines of our own do.
  const controller = new AbortController();
  try {
    await deadline(warmRecheck(), AGENT_START_MS, 'recheck\'s agent did not start');
    return await deadline(recheck().check(source, flags, { ...params, timeout: timeoutMs, signal: controller.signal }), timeoutMs + 2000, 'recheck did not answer');
  } catch (error) {
    controller.abort();
    // recheck would send the next analysis to the same dead or stuck agent: replace it.
    if (error instanceof MissedDeadline) await stopRecheck();
    const message = killedForMemory ? `recheck's agent passed ${AGENT_MEMORY_CAP_MB} MB and was stopped` : (error as Error).message;
    return { source, flags, status: 'unknown', error: { kind: 'unexpected', message } };
  } finally {
    release();
    if (inflight === 0) killedForMemory = false;
    maybeRecycleAgent();
  }
}

/** recheck knows the flags that change matching; `g`, `d` and `y` only change iteration. */
export function recheckFlags(flags: string): string {
  return [...new Set(flags.replace('v', 'u'))].filter((f) => 'imsu'.includes(f)).join('');
}
