// Shared measurement helpers for the benchmark scripts: wall time and peak RSS of child
// processes, medians over counted runs after warm-up.
import { spawn, spawnSync } from 'node:child_process';

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const hasGnuTime = spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0;

/** Runs a command once; returns wall ms and peak RSS in MB (GNU time when present). */
export function timeOnce(cmd, args, { cwd, env, input } = {}) {
  return new Promise((resolve, reject) => {
    const argv = hasGnuTime ? ['-f', '__PEAK_RSS_KB=%M', cmd, ...args] : args;
    const bin = hasGnuTime ? '/usr/bin/time' : cmd;
    const start = process.hrtime.bigint();
    const child = spawn(bin, argv, { cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const m = /__PEAK_RSS_KB=(\d+)/.exec(stderr);
      resolve({ ms, rssMb: m ? Number(m[1]) / 1024 : undefined, code, stderr: stderr.replace(/__PEAK_RSS_KB=\d+\n?/, '') });
    });
    child.stdin.end(input ?? '');
  });
}

/** Warm-up runs, then `runs` counted runs; returns median/min/max ms and max peak RSS. */
export async function measure(cmd, args, { warmup = 2, runs = 10, before, ...opts } = {}) {
  for (let i = 0; i < warmup; i++) {
    await before?.();
    await timeOnce(cmd, args, opts);
  }
  const times = [];
  let rss = 0;
  let code;
  for (let i = 0; i < runs; i++) {
    await before?.();
    const r = await timeOnce(cmd, args, opts);
    times.push(r.ms);
    rss = Math.max(rss, r.rssMb ?? 0);
    code = r.code;
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), rssMb: rss || undefined, code, runs };
}

export function fmtMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}
