import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { toPosix } from '../files/paths.js';
import { InputFailure, readTextFile } from '../files/read.js';
import type { CommandResult, Finding, SeverityOrOff, SuppressedFinding } from './model.js';
import { resolveDirectives } from './suppress.js';

// The findings pipeline: every command's result passes through here after its domains have
// reported (inline suppressions, severities, ignores, fingerprints, baseline, location root).
// `authkit decode` too, so only what a run needs is loaded: the ignore matcher when there are
// globs, hashing when fingerprints are wanted. What it needs from above (the config, which domain
// owns a rule) is handed in by the CLI: nothing here imports a layer above findings.

/** The part of the loaded config the pipeline applies (src/config/load.ts's LoadedConfig has it). */
export interface PipelineConfig {
  rules: Readonly<Record<string, SeverityOrOff>>;
  ignore: readonly string[];
  /** The folder ignore globs are relative to. */
  dir: string;
  /** The config file read, or null. */
  path: string | null;
}

/** Which domain owns a rule id (the registry's answer), or undefined for an id nobody declared. */
export type RuleOwner = (ruleId: string) => string | undefined;


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
async function locationRoot(cwd: string, config: PipelineConfig): Promise<string> {
  const root = await fingerprintRoot(cwd);
  if (root !== resolve(cwd)) return root;
  return config.path ? config.dir : root;
}

/** A matcher for the config's `ignore` globs (gitignore syntax, relative to the config's folder). */
export async function ignoreMatcher(config: PipelineConfig): Promise<((absolute: string) => boolean) | null> {
  if (config.ignore.length === 0) return null;
  const { default: ignore } = await import('ignore');
  const rules = ignore().add([...config.ignore]);
  return (absolute) => {
    const rel = toPosix(relative(config.dir, absolute));
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && rules.ignores(rel);
  };
}

/** Config severities: 'off' drops the rule's findings, anything else replaces the severity. */
function withSeverities<F extends Finding>(findings: readonly F[], settings: PipelineConfig['rules']): F[] {
  const out: F[] = [];
  for (const f of findings) {
    const setting = settings[f.ruleId];
    if (setting === 'off') continue;
    out.push(setting ? { ...f, severity: setting } : f);
  }
  return out;
}

/**
 * What every finding goes through before anything counts it: inline directives (suppressed findings
 * kept aside, stale directives reported), then config severities and `off`, then config ignore
 * globs; suppressed findings get the same severities and ignores, so an `off` rule is not listed
 * as suppressed either.
 */
async function settleFindings(result: CommandResult, config: PipelineConfig, ownerOf: RuleOwner | undefined, cwd: string): Promise<CommandResult> {
  const { directives, suppressed: earlier, ...rest } = result;
  let findings = result.findings;
  let suppressed: SuppressedFinding[] = earlier ?? [];
  if (directives && directives.length > 0) {
    if (!ownerOf) throw new Error('inline directives need the rule registry (ownerOf)');
    const resolved = resolveDirectives(findings, directives, ownerOf);
    findings = resolved.unused.length > 0 ? [...resolved.kept, ...resolved.unused] : resolved.kept;
    suppressed = resolved.suppressed;
  }
  const settings = config.rules;
  if (Object.keys(settings).length > 0) {
    findings = withSeverities(findings, settings);
    suppressed = withSeverities(suppressed, settings);
  }
  const rules = Object.keys(settings).length === 0 ? result.rules : result.rules.filter((r) => settings[r.id] !== 'off').map((r) => {
    const setting = settings[r.id];
    return setting && setting !== 'off' ? { ...r, severity: setting } : r;
  });
  const base = pathBases.get(result);
  const ignored = await ignoreMatcher(config);
  if (ignored) {
    const kept = (f: Finding) => !isRealFile(f.file) || !ignored(resolve(base ?? cwd, f.file));
    findings = findings.filter(kept);
    suppressed = suppressed.filter(kept);
  }
  const out: CommandResult = { ...rest, findings, rules, ...(suppressed.length > 0 ? { suppressed } : {}) };
  return base === undefined ? out : setPathBase(out, base);
}

export interface FinalizeOptions {
  cwd: string;
  config: PipelineConfig;
  /** Needed when the result carries inline directives. */
  ownerOf?: RuleOwner;
  /** `--baseline <file>`: report only findings whose fingerprint is not in it. */
  baselinePath?: string;
  /** Only machine formats show fingerprints; a baseline needs them too. Default true. */
  fingerprints?: boolean;
}

/**
 * The one post-processing step every command's result goes through before it is rendered:
 * settleFindings (directives, severities, ignores), fingerprints, then `--baseline` filtering.
 * Pure apart from reading the baseline and (for fingerprints) the reported files.
 */
export async function finalizeResult(result: CommandResult, options: FinalizeOptions): Promise<CommandResult> {
  const { config } = options;
  const base = pathBases.get(result) ?? options.cwd;
  let out = await settleFindings(result, config, options.ownerOf, options.cwd);

  const wantFingerprints = options.fingerprints !== false || options.baselinePath !== undefined;
  const suppressed = out.suppressed ?? [];
  if (wantFingerprints && (out.findings.some((f) => !f.fingerprint) || suppressed.some((f) => !f.fingerprint))) {
    const { fingerprintFindings } = await import('./baseline.js');
    const root = await locationRoot(options.cwd, config);
    // Suppressed findings are numbered with the rest, so that adding a directive for one of two
    // identical findings leaves the other's fingerprint as it was.
    const all: Finding[] = suppressed.length > 0 ? [...out.findings, ...suppressed] : out.findings;
    const texts = new Map<string, string | undefined>();
    await Promise.all(
      [...new Set(all.filter((f) => !f.fingerprint && isRealFile(f.file)).map((f) => f.file))].map(async (file) => {
        try {
          texts.set(file, await readTextFile(resolve(base, file), { display: file }));
        } catch {
          texts.set(file, undefined);
        }
      }),
    );
    const printed = fingerprintFindings(
      all,
      (f) => (isRealFile(f.file) ? toPosix(relative(root, resolve(base, f.file))) : f.file),
      (f) => texts.get(f.file),
    );
    out = { ...out, findings: printed.slice(0, out.findings.length) };
    if (suppressed.length > 0) out.suppressed = printed.slice(out.findings.length) as SuppressedFinding[];
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
