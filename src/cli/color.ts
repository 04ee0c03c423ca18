import type { Painter } from '../findings/model.js';

/** Colour is decided once: --color/--no-color, then NO_COLOR, then FORCE_COLOR, then the terminal. */
export function decideColor(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY;
}

// What chalk does at level 0: the text unchanged. Loading chalk builds its style tables (~1 ms
// of every start), so it is imported only when there is colour to paint.
const same = (s: string): string => `${s}`;
const PLAIN: Painter = { red: same, yellow: same, blue: same, green: same, gray: same, bold: same, underline: same, cyan: same, magenta: same };

// Always an explicit level: the bundles replace chalk's own colour detection (see
// scripts/bundle-options.mjs), so a chalk without one would never colour.
export async function makePainter(color: boolean): Promise<Painter> {
  if (!color) return PLAIN;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
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
