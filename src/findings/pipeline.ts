import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { toPosix } from '../files/paths.js';
import { InputFailure, readTextFile } from '../files/read.js';
import { type LoadedConfig, loadConfig } from '../config/load.js';
import type { CommandResult, Finding } from './model.js';

// The findings pipeline: every command's result passes through here after its domains have
// reported (severities, ignores, fingerprints, baseline, location root). `authkit decode` too,
// so only what a run needs is loaded: the ignore matcher when there are globs, hashing when
// fingerprints are wanted.


/**
 * Commands whose finding paths are not relative to the working directory (a staged scan reports
 * paths as git shows them, relative to the repository root) register their base here.
 */
const pathBases = new WeakMap<CommandResult, string>();

export function setPathBase(result: CommandResult, base: string): CommandResult {
  pathBases.set(result, base);
  return result;
}

function isRealFile(file: string): boolean {
  return file !== '-' && file !== '<arg>' && file !== '';
}

/** The repository root above `cwd` (where `.git` is), else cwd: fingerprints hash paths from there. */
export async function fingerprintRoot(cwd: string): Promise<string> {
  let dir = resolve(cwd);
  for (;;) {
    try {
      // Synchronous, as config/load.ts's isFile: node:fs/promises is loaded only when a file is read.
      statSync(join(dir, '.git'));
      return dir;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return resolve(cwd);
      dir = parent;
    }
  }
}

/** Inside git, the repository root; outside, the config file's folder, else cwd. */
async function locationRoot(cwd: string, config: LoadedConfig): Promise<string> {
  const root = await fingerprintRoot(cwd);
  if (root !== resolve(cwd)) return root;
  return config.path ? config.dir : root;
}

/** A matcher for the config's `ignore` globs (gitignore syntax, relative to the config's folder). */
export async function ignoreMatcher(config: LoadedConfig): Promise<((absolute: string) => boolean) | null> {
  if (config.ignore.length === 0) return null;
  const { default: ignore } = await import('ignore');
  const rules = ignore().add(config.ignore);
  return (absolute) => {
    const rel = toPosix(relative(config.dir, absolute));
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && rules.ignores(rel);
  };
}

/** Config severities: 'off' drops the rule's findings, anything else replaces the severity. */
export function applySeverityOverrides(result: CommandResult, config: LoadedConfig): CommandResult {
  const settings = config.rules;
  if (Object.keys(settings).length === 0) return result;
  const findings: Finding[] = [];
  for (const f of result.findings) {
    const setting = settings[f.ruleId];
    if (setting === 'off') continue;
    findings.push(setting ? { ...f, severity: setting } : f);
  }
  const rules = result.rules
    .filter((r) => settings[r.id] !== 'off')
    .map((r) => {
      const setting = settings[r.id];
      return setting && setting !== 'off' ? { ...r, severity: setting } : r;
    });
  return { ...result, findings, rules };
}

export interface FinalizeOptions {
  cwd: string;
  configPath?: string;
  /** `--baseline <file>`: report only findings whose fingerprint is not in it. */
  baselinePath?: string;
  /** Only machine formats show fingerprints; a baseline needs them too. Default true. */
  fingerprints?: boolean;
}

/**
 * The one post-processing step every command's result goes through before it is rendered:
 * config severities and `off`, config ignore globs, fingerprints, then `--baseline` filtering.
 * Pure apart from reading the config, the baseline and (for fingerprints) the reported files.
 */
export async function finalizeResult(result: CommandResult, options: FinalizeOptions): Promise<CommandResult> {
  const config = await loadConfig({ cwd: options.cwd, explicitPath: options.configPath });
  const base = pathBases.get(result) ?? options.cwd;
  let out = applySeverityOverrides(result, config);

  const ignored = await ignoreMatcher(config);
  if (ignored) out = { ...out, findings: out.findings.filter((f) => !isRealFile(f.file) || !ignored(resolve(base, f.file))) };

  const wantFingerprints = options.fingerprints !== false || options.baselinePath !== undefined;
  if (wantFingerprints && out.findings.some((f) => !f.fingerprint)) {
    const { fingerprintFindings } = await import('./baseline.js');
    const root = await locationRoot(options.cwd, config);
    const texts = new Map<string, string | undefined>();
    await Promise.all(
      [...new Set(out.findings.filter((f) => !f.fingerprint && isRealFile(f.file)).map((f) => f.file))].map(async (file) => {
        try {
          texts.set(file, await readTextFile(resolve(base, file), { display: file }));
        } catch {
          texts.set(file, undefined);
        }
      }),
    );
    out = {
      ...out,
      findings: fingerprintFindings(
        out.findings,
        (f) => (isRealFile(f.file) ? toPosix(relative(root, resolve(base, f.file))) : f.file),
        (f) => texts.get(f.file),
      ),
    };
  }

  const root = await locationRoot(options.cwd, config);
  out = { ...out, locations: { base, root } };

  if (options.baselinePath !== undefined) {
    const { filterByBaseline } = await import('./baseline.js');
    const known = await readBaseline(options.baselinePath, options.cwd);
    out = { ...out, findings: filterByBaseline(out.findings, known).kept };
  }
  return out;
}

export async function readBaseline(path: string, cwd: string): Promise<Set<string>> {
  const text = await readTextFile(resolve(cwd, path), { display: path });
  const { parseBaseline } = await import('./baseline.js');
  const parsed = parseBaseline(text);
  if ('problem' in parsed) throw new InputFailure(path, 'encoding', parsed.problem);
  return parsed.fingerprints;
}
