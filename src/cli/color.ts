import { Chalk } from 'chalk';
import type { Painter } from '../findings/model.js';

/** Colour is decided once: --color/--no-color, then NO_COLOR, then FORCE_COLOR, then the terminal. */
export function decideColor(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY;
}

// Always an explicit level: the bundles replace chalk's own colour detection (see
// scripts/bundle-options.mjs), so a chalk without one would never colour.
export function makePainter(color: boolean): Painter {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  return {
    red: (s) => chalk.red(s),
    yellow: (s) => chalk.yellow(s),
    blue: (s) => chalk.blue(s),
    green: (s) => chalk.green(s),
    gray: (s) => chalk.gray(s),
    bold: (s) => chalk.bold(s),
    underline: (s) => chalk.underline(s),
    cyan: (s) => chalk.cyan(s),
    magenta: (s) => chalk.magenta(s),
  };
}
