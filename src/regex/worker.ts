// Runs in a worker thread: the only place where patterns from scanned code are compiled and run.
// The main thread enforces the hard time limit by terminating this thread, which interrupts
// irregexp even in the middle of backtracking.
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import type { RegexUsage } from './types.js';

export interface RunRequest {
  id: number;
  pattern: string;
  flags: string;
  method: RegexUsage;
  prefix: string;
  pumps: { prefix: string; pump: string }[];
  count: number;
  suffix: string;
}

export interface RunResponse {
  id: number;
  /** Wall time of the call. */
  ms: number;
  /** CPU time of this thread during the call, where the OS tells (Linux). */
  cpuMs?: number;
  inputLength: number;
  error?: string;
}


const compiled = new Map<string, RegExp>();

function compile(pattern: string, flags: string): RegExp {
  const key = `${flags}/${pattern}`;
  let re = compiled.get(key);
  if (!re) {
    re = new RegExp(pattern, flags);
    if (compiled.size > 256) compiled.clear();
    compiled.set(key, re);
  }
  re.lastIndex = 0;
  return re;
}

export function buildInput(request: Pick<RunRequest, 'pumps' | 'count' | 'suffix'>): string {
  let input = '';
  for (const { prefix, pump } of request.pumps) input += prefix + pump.repeat(request.count);
  return input + request.suffix;
}

/** Calls the pattern the way the scanned code does, consuming every result the way callers do. */
export function runWith(re: RegExp, method: RegexUsage, input: string): void {
  switch (method) {
    case 'test':
      re.test(input);
      return;
    case 'search':
      input.search(re);
      return;
    case 'match':
      input.match(re);
      return;
    case 'matchAll': {
      const global = re.flags.includes('g') ? re : new RegExp(re.source, `${re.flags}g`);
      for (const _ of input.matchAll(global)) void _;
      return;
    }
    case 'replace':
      input.replace(re, '');
      return;
    case 'replaceAll': {
      const global = re.flags.includes('g') ? re : new RegExp(re.source, `${re.flags}g`);
      input.replaceAll(global, '');
      return;
    }
    case 'split':
      input.split(re);
      return;
    default:
      // exec, or a use the code does not show.
      if (re.global || re.sticky) {
        // The usual `while ((m = re.exec(s)))` loop, with the empty-match advance callers write.
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(input)) !== null) {
          if (m[0] === '') re.lastIndex += 1;
          if (!re.global) break;
        }
      } else {
        re.exec(input);
      }
  }
}

function handle(request: RunRequest): RunResponse {
  const input = buildInput(request);
  let re: RegExp;
  try {
    re = compile(request.pattern, request.flags);
  } catch (error) {
    return { id: request.id, ms: 0, inputLength: input.length, error: (error as Error).message };
  }
  const cpuStart = threadCpuNs();
  const started = performance.now();
  let error: string | undefined;
  try {
    runWith(re, request.method, input);
  } catch (thrown) {
    error = (thrown as Error).message;
  }
  const ms = performance.now() - started;
  const cpuEnd = threadCpuNs();
  const cpuMs = cpuStart !== null && cpuEnd !== null ? (cpuEnd - cpuStart) / 1e6 : undefined;
  return { id: request.id, ms, ...(cpuMs !== undefined ? { cpuMs } : {}), inputLength: input.length, ...(error ? { error } : {}) };
}

/**
 * On-CPU time of this thread in nanoseconds (Linux schedstat), or null elsewhere. Matching time
 * measured this way does not grow when other processes compete for the cores.
 */
function threadCpuNs(): number | null {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
}

function threadId(): number | null {
  try {
    return Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
}

parentPort?.on('message', (request: RunRequest) => {
  parentPort!.postMessage(handle(request));
});
// The pool starts a run's clock only once the thread has booted, so start-up never counts as
// matching time.
parentPort?.postMessage({ ready: true, tid: threadId() });
