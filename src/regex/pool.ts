// A pool of worker threads that run patterns from scanned code. A task that overruns its hard
// limit gets its worker terminated (V8 interrupts irregexp backtracking on terminate) and a fresh
// worker takes its place on the next task.
import { Worker } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { locateBuiltFile } from '../files/built.js';
import type { RunRequest, RunResponse } from './worker.js';

type Pending = {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
  started: number;
};

interface Slot {
  worker: Worker;
  /** The thread has booted and loaded its code. */
  ready: boolean;
  busy: boolean;
  /** OS thread id, to read the thread's CPU time when it has to be killed. */
  tid: number | null;
  /** The thread's CPU time (ns) when the current run was dispatched. */
  cpuAtDispatch: number | null;
  pending?: { id: number; entry: Pending };
}

/** The bundled worker; AUTHKIT_REGEX_WORKER points elsewhere (the engine tests' own bundle). */
export function resolveWorkerFile(): string {
  return process.env.AUTHKIT_REGEX_WORKER || locateBuiltFile('worker.js', import.meta.url);
}

export type RunResult = RunResponse & { killed: boolean };

/** CPU time (ns) of a thread of this process, read from Linux's schedstat; null elsewhere. */
function threadCpuNs(tid: number | null): number | null {
  if (tid === null) return null;
  try {
    return Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
}

const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 96 };

const live = new Set<Worker>();

/** Worker threads alive right now, across every pool (for tests and shutdown checks). */
export function liveWorkerCount(): number {
  return live.size;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: { request: RunRequest; hardLimitMs: number; minCpuMs?: number; stopAtMinCpu?: boolean; entry: Pending }[] = [];
  private nextId = 1;
  private closed = false;
  private readonly file: string;
  /** Killed workers still shutting down: close() waits for them too. */
  private readonly retiring = new Set<Promise<void>>();

  constructor(private readonly size: number) {
    this.file = resolveWorkerFile();
  }

  /**
   * Resolves with the measured time, or with killed=true and the elapsed time at the kill. With
   * `minCpuMs`, a thread that reaches the wall-clock limit before using that much CPU (other
   * processes took the cores) gets more time, up to ten times the limit, instead of being killed.
   */
  run(request: Omit<RunRequest, 'id'>, hardLimitMs: number, minCpuMs?: number, stopAtMinCpu = false): Promise<RunResult> {
    return this.submit({ ...request, id: 0 }, hardLimitMs, minCpuMs, stopAtMinCpu) as Promise<RunResult>;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const item of this.queue.splice(0)) item.entry.reject(new Error('worker pool closed'));
    await Promise.all(
      this.slots.splice(0).map(async (slot) => {
        if (slot.pending) {
          clearTimeout(slot.pending.entry.timer);
          slot.pending.entry.reject(new Error('worker pool closed'));
        }
        await this.retire(slot.worker);
      }),
    );
    await Promise.all([...this.retiring]);
  }

  private submit(request: RunRequest, hardLimitMs: number, minCpuMs?: number, stopAtMinCpu = false): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('worker pool closed'));
    return new Promise((resolve, reject) => {
      request.id = this.nextId++;
      this.queue.push({ request, hardLimitMs, minCpuMs, stopAtMinCpu, entry: { resolve, reject, started: 0 } });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.ready && !s.busy);
      if (!slot) {
        if (this.slots.length < this.size) this.spawn();
        return;
      }
      const { request, hardLimitMs, minCpuMs, stopAtMinCpu, entry } = this.queue.shift()!;
      slot.busy = true;
      slot.pending = { id: request.id, entry };
      entry.started = performance.now();
      slot.cpuAtDispatch = threadCpuNs(slot.tid);
      // With `stopAtMinCpu`, the run is stopped as soon as its thread has used `minCpuMs` of
      // CPU: the verdict ("at least the budget") is known, and the rest up to the hard limit
      // would be spent for nothing. A thread short of `minCpuMs` at the hard limit was starved
      // by other processes and gets more time, up to ten times the limit.
      const poll = minCpuMs === undefined ? hardLimitMs : Math.max(10, minCpuMs / 10);
      const expire = () => {
        const cpuMs = this.cpuSinceDispatch(slot);
        const elapsed = performance.now() - entry.started;
        if (stopAtMinCpu && minCpuMs !== undefined && cpuMs !== undefined && cpuMs >= minCpuMs) return this.kill(slot, elapsed);
        const starved = minCpuMs !== undefined && cpuMs !== undefined && cpuMs < minCpuMs;
        if (elapsed < hardLimitMs || (starved && elapsed < hardLimitMs * 10)) {
          entry.timer = setTimeout(expire, poll);
          return;
        }
        this.kill(slot, hardLimitMs);
      };
      entry.timer = setTimeout(expire, stopAtMinCpu && minCpuMs !== undefined ? Math.min(hardLimitMs, minCpuMs) : hardLimitMs);
      slot.worker.postMessage(request);
    }
  }

  private spawn(): Slot {
    // Attack inputs are at most maxInput characters: a small heap keeps each thread's footprint
    // down (the whole process tree stays under 200 MB with a worker per core).
    const worker = new Worker(this.file, { resourceLimits: WORKER_LIMITS });
    live.add(worker);
    const slot: Slot = { worker, ready: false, busy: false, tid: null, cpuAtDispatch: null };
    worker.on('message', (message: { id: number; ready?: boolean; tid?: number | null }) => {
      if (message.ready) {
        slot.ready = true;
        slot.tid = message.tid ?? null;
        this.pump();
        return;
      }
      const pending = slot.pending;
      if (!pending || pending.id !== message.id) return;
      clearTimeout(pending.entry.timer);
      slot.pending = undefined;
      slot.busy = false;
      pending.entry.resolve({ ...message, killed: false });
      this.pump();
    });
    const fail = (error: Error) => {
      const pending = slot.pending;
      slot.pending = undefined;
      this.drop(slot);
      if (pending) {
        clearTimeout(pending.entry.timer);
        pending.entry.reject(error);
      }
      this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      live.delete(worker);
      if (slot.pending) fail(new Error(`regex worker exited with code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }

  private cpuSinceDispatch(slot: Slot): number | undefined {
    const cpuNow = threadCpuNs(slot.tid);
    return cpuNow !== null && slot.cpuAtDispatch !== null ? (cpuNow - slot.cpuAtDispatch) / 1e6 : undefined;
  }

  private kill(slot: Slot, hardLimitMs: number): void {
    const cpuMs = this.cpuSinceDispatch(slot);
    const pending = slot.pending;
    slot.pending = undefined;
    this.drop(slot);
    const retired = this.retire(slot.worker).finally(() => this.retiring.delete(retired));
    this.retiring.add(retired);
    if (pending) {
      const elapsed = Math.max(hardLimitMs, performance.now() - pending.entry.started);
      pending.entry.resolve({ id: pending.id, ms: elapsed, ...(cpuMs !== undefined ? { cpuMs } : {}), inputLength: -1, killed: true });
    }
    this.pump();
  }

  private drop(slot: Slot): void {
    const at = this.slots.indexOf(slot);
    if (at !== -1) this.slots.splice(at, 1);
  }

  private async retire(worker: Worker): Promise<void> {
    worker.removeAllListeners('message');
    try {
      await worker.terminate();
    } finally {
      live.delete(worker);
    }
  }
}
