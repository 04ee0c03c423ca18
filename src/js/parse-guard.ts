// oxc's native parser runs in a child process with a CPU-time and a memory limit (one hostile
// TypeScript shape costs it quadratic time and memory, and a native call cannot be interrupted in
// this process or a worker thread). parseSource stays synchronous: the main thread hands the file
// to a host worker thread (src/js/parse-host.ts), which drives the child and watches it, and
// waits on a shared flag until the answer is on its port.
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { locateBuiltFile } from '../files/built.js';
import type { sourceTypeOf } from './files.js';

export interface ParseRequest {
  id: number;
  file: string;
  text: string;
  lang: 'js' | 'jsx' | 'ts' | 'tsx';
  sourceType: ReturnType<typeof sourceTypeOf>;
}

export interface ParseReply {
  id: number;
  program: string;
  comments: { type: 'Line' | 'Block'; value: string; start: number; end: number }[];
  errors: { message: string; labels: { start: number; end: number }[] }[];
}

export type ParseResponse = ParseReply | { id: number; refused: string };

/**
 * oxc parses some 10 MB/s; a limit a hundred times what a file should take, and never below one
 * second, refuses only pathological input.
 */
function cpuLimitMs(text: string): number {
  return Math.max(1_000, text.length / 100);
}
/** The parser process's memory: a 1 MB file needs about 60 MB; the hostile shape 600 MB for 52 KB. */
const MEMORY_LIMIT_MB = 200;

let host: { worker: Worker; port: MessagePort; signal: Int32Array } | null = null;
let nextId = 1;

function startHost(): NonNullable<typeof host> {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(locateBuiltFile('parse-host.js', import.meta.url), {
    workerData: { port: port2, signal, childFile: locateBuiltFile('parse-child.js', import.meta.url) },
    transferList: [port2],
    // It only relays strings to and from the child: a small young generation is plenty.
    resourceLimits: { maxYoungGenerationSizeMb: 4 },
  });
  // The host must not keep the process alive once the work is done.
  worker.unref();
  port1.unref();
  return { worker, port: port1, signal };
}

/**
 * Starts the parser process ahead of its first file: its boot (some 80 ms) then overlaps the
 * reading and parsing of the files before it.
 */
export function warmParser(): void {
  if (host) return;
  host = startHost();
  host.port.postMessage({ warm: true });
}

/** Parses in the child process; `refused` says why a file was not parsed. */
export function parseGuarded(file: string, text: string, lang: ParseRequest['lang'], sourceType: ParseRequest['sourceType']): ParseResponse {
  host ??= startHost();
  const { port, signal } = host;
  const id = nextId++;
  const limit = cpuLimitMs(text);
  Atomics.store(signal, 0, 0);
  port.postMessage({ id, file, text, lang, sourceType, cpuLimitMs: limit, memoryLimitMb: MEMORY_LIMIT_MB });
  // The host answers within the limit (it kills the child past it); waiting longer covers a child
  // that is slow to start on a loaded machine.
  for (;;) {
    const woke = Atomics.wait(signal, 0, 0, limit * 20 + 10_000);
    const message = receiveMessageOnPort(port)?.message as ParseResponse | undefined;
    if (message?.id === id) return message;
    if (woke === 'timed-out') {
      void host.worker.terminate();
      host = null;
      return { id, refused: 'the parser did not answer' };
    }
    Atomics.store(signal, 0, 0);
  }
}

/**
 * Stops the parser process and its host once every file is read, so that their memory is not
 * held through the analysis that follows; a later parse starts them again.
 */
export async function stopParser(): Promise<void> {
  const current = host;
  host = null;
  // The child exits when its IPC channel closes with the host thread.
  if (current) await current.worker.terminate();
}
