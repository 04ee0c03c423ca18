// The progress line of long commands (scan, regex-audit), on stderr only. At a terminal it is
// redrawn in place at most every 100 ms. Elsewhere (a CI log) a plain line is printed at most
// every 10 s, so a long run is visibly alive; never under PRE_COMMIT, whose output the user sees
// only when a hook fails.
import type { GlobalOptions } from './run.js';
import { isTerminal, writeErr } from './output.js';

export interface ProgressLine {
  update(text: string): void;
  done(): void;
}

const QUIET: ProgressLine = { update: () => {}, done: () => {} };

/** `AUTHKIT_PROGRESS_INTERVAL_MS` shortens the 10 s interval, for tests of long runs. */
function logInterval(env: NodeJS.ProcessEnv): number {
  const n = Number(env.AUTHKIT_PROGRESS_INTERVAL_MS);
  return Number.isInteger(n) && n > 0 ? n : 10_000;
}

export function progressLine(globals: GlobalOptions, env: NodeJS.ProcessEnv = process.env, interactive = isTerminal(2)): ProgressLine {
  if (env.PRE_COMMIT) return QUIET;
  if (interactive && !globals.machine) {
    let last = 0;
    let shown = false;
    return {
      update(text) {
        const now = Date.now();
        if (now - last < 100) return;
        last = now;
        shown = true;
        writeErr(`\r\x1b[Kauthkit: ${text}`);
      },
      done() {
        if (shown) writeErr('\r\x1b[K');
      },
    };
  }
  if (interactive) return QUIET;
  const interval = logInterval(env);
  const started = Date.now();
  let last = started;
  return {
    update(text) {
      const now = Date.now();
      if (now - last < interval) return;
      last = now;
      writeErr(`authkit: ${text} (${Math.round((now - started) / 1000)} s)\n`);
    },
    done() {},
  };
}
