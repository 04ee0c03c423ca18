/**
 * The session-audit command: reads JS/TS sources, committed config JSON and HTTP captures (files,
 * directories, standard input), audits each and hands back one CommandResult. The I/O edge of the
 * domain: no console, no process.exit.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UsageError } from '../findings/errors.js';
import { type CommandResult, type FileDirectives, type Finding, type InputError, appendAll } from '../findings/model.js';
import { suppressionsIn } from '../findings/directives.js';
import { isSourceFile } from '../js/files.js';
import { parseSource } from '../js/parse.js';
import { readInputs } from '../files/inputs.js';
import { bulkSearchNote, missingListNote } from '../jwt/weak-secret.js';
import { SESSION_RULES } from './all-rules.js';
import { type FileAudit, auditSessionSource, isSessionSourceFile } from './audit.js';
import { auditCaptureFile, isCaptureCandidate, looksLikeCapture } from './captures.js';
import { DEFAULT_LIMITS, type SessionLimits } from './context.js';
import type { SessionConfig } from './domain.js';

export interface SessionAuditOptions {
  cwd: string;
  /** The name standard input is read as (language and display), e.g. `src/app.ts` or `login.har`. */
  stdinFilename?: string;
  /** Read vendored and minified files found in folders too (--include-vendored). */
  includeVendored?: boolean;
  limits?: Partial<SessionLimits>;
  now: Date;
}

export class SessionUsageError extends UsageError {}

/** The lifetimes the code checks hold tokens to: the config's, else the defaults. */
export function limitsOf(config: SessionConfig): SessionLimits {
  return {
    accessTokenMaxLifetimeSeconds: config.accessTokenMaxLifetime ?? DEFAULT_LIMITS.accessTokenMaxLifetimeSeconds,
    refreshTokenMaxLifetimeSeconds: config.refreshTokenMaxLifetime ?? DEFAULT_LIMITS.refreshTokenMaxLifetimeSeconds,
  };
}

/** Flags plus config -> the domain's options, as every domain's command.ts does it. */
export function resolveOptions(config: SessionConfig, flags: { stdinFilename?: string }, cwd: string): SessionAuditOptions {
  return { cwd, ...(flags.stdinFilename === undefined ? {} : { stdinFilename: flags.stdinFilename }), limits: limitsOf(config), now: new Date() };
}

const NOT_AUDITABLE = 'is not a JS/TS source, config JSON or HTTP capture (.har, curl -i/-v output)';

/** Reads one input as what it is: a capture, config JSON or a JS/TS source. Null when it is none of these. */
function auditText(display: string, text: string, kindName: string, options: SessionAuditOptions, limits: SessionLimits, walked = '', location?: string): FileAudit | null {
  if (looksLikeCapture(kindName, text)) return auditCaptureFile(display, text, options.now);
  if (isSessionSourceFile(kindName)) return auditSessionSource(display, text, limits, kindName, walked, location);
  return null;
}

/** Standard input without --stdin-filename: a capture, a JSON config, else JavaScript or TypeScript. */
function sniffStdin(text: string, display: string, options: SessionAuditOptions, limits: SessionLimits): FileAudit {
  if (looksLikeCapture('-', text)) return auditCaptureFile(display, text, options.now);
  if (/^\s*\{/.test(text)) {
    try {
      JSON.parse(text);
      return auditSessionSource(display, text, limits, 'config.json');
    } catch {
      // an object literal opening a script, not JSON
    }
  }
  const asJs = auditSessionSource(display, text, limits, 'stdin.jsx');
  if (asJs.errors.length === 0) return asJs;
  const asTs = auditSessionSource(display, text, limits, 'stdin.ts');
  return asTs.errors.length === 0 ? asTs : asJs;
}

/** The path below the named directory that holds the file (the longest one, when several do). */
function walkedPart(location: string, roots: string[]): string {
  let best: string | undefined;
  for (const root of roots) {
    const rel = relative(root, location);
    if (!rel.startsWith('..') && !isAbsolute(rel) && (best === undefined || rel.length < best.length)) best = rel;
  }
  return (best ?? location).split(sep).join('/');
}

export async function runSessionAudit(paths: string[], options: SessionAuditOptions): Promise<CommandResult> {
  const limits: SessionLimits = { ...DEFAULT_LIMITS, ...options.limits };
  if (options.stdinFilename !== undefined && !paths.includes('-')) throw new SessionUsageError('--stdin-filename only applies to - (standard input)');
  const findings: Finding[] = [];
  const errors: InputError[] = [];
  const directives: FileDirectives[] = [];
  let inputs = 0;

  const record = (display: string, text: string, audit: FileAudit) => {
    inputs++;
    appendAll(errors, audit.errors);
    appendAll(findings, audit.findings);
    // Directives only inside real comments (for JS/TS, the parser's: free, the parse is memoised).
    const comments = text.includes('authkit-ignore') && isSourceFile(display) ? parseSource(display, text).comments : undefined;
    const suppressions = suppressionsIn(display, text, comments);
    if (suppressions.length > 0) directives.push({ file: display, suppressions, domains: ['session'] });
  };

  let vendored = 0;
  const onVendored = options.includeVendored ? undefined : () => vendored++;
  const roots = (paths.length ? paths : ['.']).filter((p) => p !== '-').map((p) => resolve(options.cwd, p));
  for await (const input of readInputs(paths.length ? paths : ['.'], { cwd: options.cwd, accept: (display) => isSessionSourceFile(display) || isCaptureCandidate(display), ...(onVendored ? { onVendored } : {}) })) {
    if (input.kind === 'error') {
      errors.push(input.error);
      continue;
    }
    const { text } = input;
    if (input.location === undefined) {
      const display = options.stdinFilename ?? '-';
      const audit = options.stdinFilename ? auditText(display, text, options.stdinFilename, options, limits) : sniffStdin(text, display, options, limits);
      if (audit) record(display, text, audit);
      else errors.push({ file: display, message: NOT_AUDITABLE });
      continue;
    }
    const audit = auditText(input.display, text, input.display, options, limits, input.explicit ? '' : walkedPart(input.location, roots), input.location);
    if (audit) record(input.display, text, audit);
    else if (input.explicit) errors.push({ file: input.display, message: NOT_AUDITABLE });
  }
  const notes = [missingListNote(), bulkSearchNote()].filter((n) => n !== null);
  return { command: 'session-audit', findings, errors, rules: SESSION_RULES, inputs, ...(directives.length ? { directives } : {}), ...(vendored ? { vendored } : {}), ...(notes.length ? { notes } : {}) };
}
