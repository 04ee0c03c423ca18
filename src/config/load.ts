import { statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { InputFailure, readTextFile } from '../files/read.js';
import { jsonErrorLine } from '../findings/json-error.js';
import { type ConfigKnowledge, type ValidConfig, validateConfig } from './validate.js';

export const CONFIG_FILE_NAME = 'authkit.config.json';
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadedConfig extends ValidConfig {
  /** Absolute path of the file read; null when there is none (all defaults). */
  path: string | null;
  /** The folder ignore globs are relative to: the config's own, else the working directory. */
  dir: string;
}

/** A config that cannot be used: `authkit.config.json: rules["jwt/nope"]: unknown rule id`, exit 2. */
export class ConfigError extends InputFailure {
  /** Every problem of the file, one line each; `message` is the first. */
  readonly problems: string[];
  constructor(file: string, message: string | string[]) {
    const problems = Array.isArray(message) ? message : [message];
    super(file, 'io', problems[0] ?? 'invalid config');
    this.problems = problems;
  }
}

const EMPTY = (dir: string): LoadedConfig => ({ path: null, dir, rules: {}, ignore: [], options: {} });

/** As files/walk.ts shows paths; not imported from there, whose git and ignore imports cost start-up time. */
export function shownPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  const shown = rel === '' ? '.' : rel.startsWith('..') ? absolute : rel;
  return sep === '/' ? shown : shown.split(sep).join('/');
}

// Synchronous on purpose: node:fs/promises costs every start ~2 ms to load, and a few stat calls
// up the folder tree are microseconds.
async function isFile(path: string): Promise<boolean> {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The nearest authkit.config.json from `cwd` upward, or null. */
export async function findConfigFile(cwd: string): Promise<string | null> {
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (await isFile(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * What validation checks against (rule ids, each domain's options), from the registry: handed in by
 * the CLI, and asked for only when there is a file to check.
 */
export type KnowledgeSource = () => Promise<ConfigKnowledge>;

/** Reads and validates one config file; every problem is a ConfigError naming the file. */
export async function readConfigFile(path: string, cwd: string, knowledge: KnowledgeSource): Promise<LoadedConfig> {
  const display = shownPath(path, cwd);
  const text = await readTextFile(path, { display, maxBytes: MAX_CONFIG_BYTES });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(display, `invalid JSON ${jsonErrorLine(text, error)}`);
  }
  const checked = validateConfig(doc, await knowledge());
  if ('problem' in checked) {
    throw new ConfigError(
      display,
      checked.problems.map(({ path: at, message }) => (at ? `${at}: ${message}` : message)),
    );
  }
  return { ...checked.config, path, dir: dirname(path) };
}

const cache = new Map<string, Promise<LoadedConfig>>();

/**
 * The config for this run: `--config <path>` if given, else the nearest authkit.config.json
 * upward from cwd, else defaults. Read once per process and only when a command asks for it,
 * so commands that never need it (`--version`, `--help`) never touch the disk for it.
 */
export function loadConfig(options: { cwd: string; explicitPath?: string; knowledge: KnowledgeSource }): Promise<LoadedConfig> {
  const key = `${options.cwd}\0${options.explicitPath ?? ''}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = (async () => {
      if (options.explicitPath !== undefined) return readConfigFile(resolve(options.cwd, options.explicitPath), options.cwd, options.knowledge);
      const found = await findConfigFile(options.cwd);
      return found ? readConfigFile(found, options.cwd, options.knowledge) : EMPTY(options.cwd);
    })();
    cache.set(key, pending);
  }
  return pending;
}
