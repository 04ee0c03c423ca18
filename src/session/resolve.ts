// Where an import points on disk, for the few things session-audit follows one module deep:
// relative paths, tsconfig/jsconfig `paths` and `baseUrl` (through `extends`), and the `@/` and `~/` aliases that
// Vue CLI, Vite and Nuxt templates map to `src/` without saying so in a tsconfig. Packages are
// never read: what a dependency does is its own business, and node_modules is not the app.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, parse as parsePath, resolve } from 'node:path';
import { blankJsonComments } from '../files/jsonc.js';

const EXTENSIONS = ['', '.ts', '.js', '.mjs', '.cjs', '.tsx', '.jsx', '.mts', '.cts', '.json'];

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The file a path without extension names: `x.ts`, `x.js`..., or `x/index.*`. */
function fileAt(base: string): string | undefined {
  // `import './auth.js'` in TypeScript names auth.ts.
  const stem = base.replace(/\.[cm]?js$/, '');
  for (const candidate of [...EXTENSIONS.map((ext) => stem + ext), ...EXTENSIONS.slice(1).map((ext) => join(stem, `index${ext}`)), base]) {
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

const nearestCache = new Map<string, string | null>();

/** The nearest ancestor folder of `from` (a file) holding `name`, within 12 levels. */
function nearest(from: string, name: string): string | undefined {
  const start = dirname(from);
  const key = `${start}\0${name}`;
  const cached = nearestCache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  let found: string | null = null;
  let dir = start;
  const root = parsePath(dir).root;
  for (let i = 0; i < 12; i++) {
    if (isFile(join(dir, name))) {
      found = dir;
      break;
    }
    if (dir === root) break;
    dir = dirname(dir);
  }
  if (nearestCache.size > 5000) nearestCache.clear();
  nearestCache.set(key, found);
  return found ?? undefined;
}

/** The folder of the nearest package.json: the app a file belongs to. */
export function packageRoot(file: string): string | undefined {
  return nearest(file, 'package.json');
}

const dependencyCache = new Map<string, ReadonlySet<string>>();
const MAX_MANIFEST_BYTES = 256 * 1024;

/**
 * Whether the nearest package.json declares `name` (dependencies of any kind). A route fragment
 * that calls `jwt.verify` on a `jwt` it never requires gets it from somewhere; the manifest says
 * which library that is.
 */
export function declaresDependency(file: string | undefined, name: string): boolean {
  const dir = file ? packageRoot(file) : undefined;
  if (!dir) return false;
  let names = dependencyCache.get(dir);
  if (!names) {
    const found = new Set<string>();
    try {
      const path = join(dir, 'package.json');
      if (statSync(path).size <= MAX_MANIFEST_BYTES) {
        const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
        for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
          const list = manifest[field];
          if (list && typeof list === 'object') for (const key of Object.keys(list)) found.add(key);
        }
      }
    } catch {
      // a manifest that does not parse declares nothing
    }
    if (dependencyCache.size > 500) dependencyCache.clear();
    dependencyCache.set(dir, (names = found));
  }
  return names.has(name);
}

interface PathsConfig {
  base: string;
  paths: [string, string[]][];
  baseUrl: boolean;
}

const configCache = new Map<string, PathsConfig | null>();

interface Options {
  /** Absolute; relative `baseUrl` is taken from the config that says it. */
  baseUrl?: string;
  paths?: [string, string[]][];
  /** Where `paths` without a baseUrl are relative to: the config that declares them. */
  pathsDir?: string;
}

const MAX_EXTENDS = 4;

/**
 * compilerOptions of a tsconfig and the configs it `extends` (a relative path or a list of them;
 * a package such as @tsconfig/node18 is not read, like any package). The extending config wins, key
 * by key, as TypeScript does. A monorepo app's tsconfig usually only extends the root's, where the
 * `paths` are.
 */
function optionsOf(path: string, depth: number): Options {
  const json = JSON.parse(blankJsonComments(readFileSync(path, 'utf8'))) as { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown } };
  const dir = dirname(path);
  let options: Options = {};
  const parents = Array.isArray(json.extends) ? json.extends : [json.extends];
  for (const parent of parents) {
    if (typeof parent !== 'string' || !parent.startsWith('.') || depth >= MAX_EXTENDS) continue;
    const target = resolve(dir, parent);
    const file = isFile(target) ? target : isFile(`${target}.json`) ? `${target}.json` : undefined;
    if (!file) continue;
    try {
      options = { ...options, ...optionsOf(file, depth + 1) };
    } catch {
      // a parent that does not parse adds nothing
    }
  }
  const own = json.compilerOptions ?? {};
  if (typeof own.baseUrl === 'string') options.baseUrl = resolve(dir, own.baseUrl);
  if (own.paths && typeof own.paths === 'object') {
    options.paths = Object.entries(own.paths as Record<string, unknown>).filter((entry): entry is [string, string[]] => Array.isArray(entry[1]));
    options.pathsDir = dir;
  }
  return options;
}

/** compilerOptions.baseUrl and paths of the nearest tsconfig.json or jsconfig.json, `extends` followed. */
function pathsConfig(file: string): PathsConfig | undefined {
  const dir = nearest(file, 'tsconfig.json') ?? nearest(file, 'jsconfig.json');
  if (!dir) return undefined;
  if (configCache.has(dir)) return configCache.get(dir) ?? undefined;
  let config: PathsConfig | null = null;
  try {
    const path = isFile(join(dir, 'tsconfig.json')) ? join(dir, 'tsconfig.json') : join(dir, 'jsconfig.json');
    const options = optionsOf(path, 0);
    config = { base: options.baseUrl ?? options.pathsDir ?? dir, paths: options.paths ?? [], baseUrl: options.baseUrl !== undefined };
  } catch {
    // a tsconfig that does not parse (or uses syntax JSON cannot hold) maps nothing
  }
  if (configCache.size > 500) configCache.clear();
  configCache.set(dir, config);
  return config ?? undefined;
}

function viaPaths(config: PathsConfig, source: string): string | undefined {
  for (const [pattern, targets] of config.paths) {
    const star = pattern.indexOf('*');
    let rest: string | undefined;
    if (star < 0) rest = pattern === source ? '' : undefined;
    else if (source.startsWith(pattern.slice(0, star)) && source.endsWith(pattern.slice(star + 1)) && source.length >= pattern.length - 1) rest = source.slice(star, source.length - (pattern.length - star - 1));
    if (rest === undefined) continue;
    for (const target of targets) {
      const found = fileAt(resolve(config.base, target.replace('*', rest)));
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The file `source` imports from `from`, or undefined for packages and anything not on disk.
 * Order: relative paths; tsconfig/jsconfig `paths`; `baseUrl` (`import x from 'src/auth/guard'`
 * in a NestJS app); then `@/x` and `~/x` under the app's `src/` (or its root), the default of the
 * Vue and Nuxt templates, and a bare `src/...` under the app root. `appRoot` stands in for the
 * app's folder when no package.json says where it is (the folder the user named).
 */
export function resolveModule(from: string, source: string, appRoot?: string): string | undefined {
  if (source.startsWith('.')) return fileAt(join(dirname(from), source));
  if (source.startsWith('/') || source.startsWith('node:')) return undefined;
  const config = pathsConfig(from);
  if (config) {
    const mapped = viaPaths(config, source);
    if (mapped) return mapped;
    if (config.baseUrl && !source.startsWith('@/') && !source.startsWith('~')) {
      const found = fileAt(resolve(config.base, source));
      if (found) return found;
    }
  }
  const root = packageRoot(from) ?? config?.base ?? appRoot;
  if (!root) return undefined;
  const alias = /^(?:@|~~?|@@)\/(.+)$/.exec(source);
  if (alias) return fileAt(join(root, 'src', alias[1]!)) ?? fileAt(join(root, alias[1]!));
  if (source.startsWith('src/')) return fileAt(join(root, source));
  return undefined;
}
