// A worker thread between the main thread and the parser process (src/js/parse-child.ts). The
// main thread waits for each parse synchronously (Atomics.wait); this thread keeps running, so it
// can watch the child's CPU time and memory and kill it past the limits.
import { type ChildProcess, fork } from 'node:child_process';
import { type MessagePort, workerData } from 'node:worker_threads';
import { processCpuMs, processRssMb } from '../files/proc.js';
import type { ParseReply, ParseRequest, ParseResponse } from './parse-guard.js';

const { port, signal, childFile } = workerData as { port: MessagePort; signal: Int32Array; childFile: string };

/**
 * A child that has grown is replaced before the next parse (V8 keeps what a big parse allocated;
 * a fresh child costs ~80 ms). It boots at about 50 MB and grows some 5 MB per 50 KB file parsed:
 * replaced past 96 MB, or past 64 MB when authkit's process and the child together pass 190 MB,
 * which keeps the whole tree under 200 MB without a restart every few files.
 */
const RECYCLE_MB = 96;
const RECYCLE_TIGHT_MB = 64;
const TREE_MB = 190;

function shouldRecycle(childMb: number): boolean {
  return childMb > RECYCLE_MB || (childMb > RECYCLE_TIGHT_MB && childMb + process.memoryUsage.rss() / 2 ** 20 > TREE_MB);
}

let child: ChildProcess | null = null;

function spawnChild(): ChildProcess {
  // A small young generation: the child holds one file's tree as a string at a time.
  const started = fork(childFile, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'], execArgv: ['--max-semi-space-size=2'] });
  started.on('exit', () => {
    if (child === started) child = null;
  });
  return started;
}

port.on('message', (request: (ParseRequest & { cpuLimitMs: number; memoryLimitMb: number }) | { warm: true }) => {
  child ??= spawnChild();
  if ('warm' in request) return;
  const current = child;
  const pid = current.pid ?? 0;
  const cpuAtStart = processCpuMs(pid);
  const wallStart = performance.now();
  let settled = false;
  const settle = (response: ParseResponse): void => {
    if (settled) return;
    settled = true;
    clearInterval(watch);
    current.off('message', onReply);
    current.off('exit', onExit);
    port.postMessage(response);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  const stop = (reason: string): void => {
    current.kill('SIGKILL');
    if (child === current) child = null;
    settle({ id: request.id, refused: reason });
  };
  const onReply = (reply: ParseReply) => {
    if (reply.id !== request.id) return;
    settle(reply);
    // V8 keeps what a big parse allocated; a fresh child is cheaper than carrying it.
    if (shouldRecycle(processRssMb(pid))) {
      current.kill();
      if (child === current) child = null;
    }
  };
  const onExit = () => settle({ id: request.id, refused: 'the parser process stopped unexpectedly' });
  current.on('message', onReply);
  current.once('exit', onExit);
  // CPU time, not wall time, so that a busy machine does not turn a normal file into a refused
  // one; wall time ten times over is the backstop where /proc is not there.
  const watch = setInterval(() => {
    const cpu = processCpuMs(pid);
    const used = cpu !== null && cpuAtStart !== null ? cpu - cpuAtStart : null;
    if ((used ?? 0) > request.cpuLimitMs || performance.now() - wallStart > request.cpuLimitMs * 10) {
      stop(`the parser used more than ${(request.cpuLimitMs / 1000).toFixed(1)} s on it`);
    } else if (processRssMb(pid) > request.memoryLimitMb) {
      stop(`the parser used more than ${request.memoryLimitMb} MB on it`);
    }
  }, 20);
  current.send({ id: request.id, file: request.file, text: request.text, lang: request.lang, sourceType: request.sourceType });
});
