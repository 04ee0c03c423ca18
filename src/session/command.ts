/**
 * The session-audit command: reads JS/TS sources, committed config JSON and HTTP captures (files,
 * directories, standard input), audits each and hands back one CommandResult. The I/O edge of the
 * domain: no console, no process.exit.
 */
import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { CommandResult, Finding, InputError } from '../findings/model.js';
import { applySuppressions, parseSuppressions } from '../findings/suppress.js';
import { InputFailure, readStdinText, readTextFile } from '../files/read.js';
import type { WalkEntry } from '../files/walk.js';
import { SESSION_RULES } from './all-rules.js';
import { type FileAudit, auditSessionSource, isSessionSourceFile } from './audit.js';
import { auditCaptureFile, isCaptureCandidate, looksLikeCapture } from './captures.js';
import { DEFAULT_LIMITS, type SessionLimits } from './context.js';

export interface SessionAuditOptions {
  cwd: string;
  /** The name standard input is read as (language and display), e.g. `src/app.ts` or `login.har`. */
  stdinFilename?: string;
  limits?: Partial<SessionLimits>;
  now: Date;
}

export class SessionUsageError extends Error {}

/** Reads one input as what it is: a capture, config JSON or a JS/TS source. Null when it is none of these. */
function auditText(display: string, text: string, kindName: string, options: SessionAuditOptions, limits: SessionLimits): FileAudit | null {
  if (looksLikeCapture(kindName, text)) return auditCaptureFile(display, text, options.now);
  if (isSessionSourceFile(kindName)) return auditSessionSource(display, text, limits, kindName);
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

export async function runSessionAudit(paths: string[], options: SessionAuditOptions): Promise<CommandResult> {
  const limits: SessionLimits = { ...DEFAULT_LIMITS, ...options.limits };
  if (options.stdinFilename !== undefined && !paths.includes('-')) throw new SessionUsageError('--stdin-filename only applies to - (standard input)');
  const findings: Finding[] = [];
  const errors: InputError[] = [];
  let inputs = 0;

  const record = (display: string, text: string, audit: FileAudit) => {
    inputs++;
    errors.push(...audit.errors);
    // Suppressions naming only other domains' rules are theirs to judge, not stale here.
    const ours = parseSuppressions(text).filter((s) => s.rules === null || s.rules.some((rule) => rule.startsWith('session/')));
    const { kept, unused } = applySuppressions(display, audit.findings, ours);
    findings.push(...kept, ...unused);
  };

  const seen = new Set<string>();
  for (const path of paths.length ? paths : ['.']) {
    if (path === '-') {
      try {
        const text = await readStdinText();
        const display = options.stdinFilename ?? '-';
        const audit = options.stdinFilename ? auditText(display, text, options.stdinFilename, options, limits) : sniffStdin(text, display, options, limits);
        if (audit) record(display, text, audit);
        else errors.push({ file: display, message: 'is not a JS/TS source, config JSON or HTTP capture (.har, curl -i/-v output)' });
      } catch (error) {
        if (error instanceof InputFailure) errors.push({ file: error.file, message: error.message });
        else throw error;
      }
      continue;
    }
    for await (const entry of inputEntries(path, options.cwd)) {
      if (entry.kind === 'error') {
        errors.push({ file: entry.failure.file, message: entry.failure.message });
        continue;
      }
      if (entry.kind === 'skipped' || seen.has(resolve(entry.path))) continue;
      seen.add(resolve(entry.path));
      let text: string;
      try {
        text = await readTextFile(entry.path, { display: entry.display });
      } catch (error) {
        if (error instanceof InputFailure) {
          errors.push({ file: error.file, message: error.message });
          continue;
        }
        throw error;
      }
      const audit = auditText(entry.display, text, entry.display, options, limits);
      if (audit) record(entry.display, text, audit);
      else if (entry.explicit) errors.push({ file: entry.display, message: 'is not a JS/TS source, config JSON or HTTP capture (.har, curl -i/-v output)' });
    }
  }
  return { command: 'session-audit', findings, errors, rules: SESSION_RULES, inputs };
}

/** A file argument is read directly; directories go through the gitignore-aware walker. */
async function* inputEntries(path: string, cwd: string): AsyncGenerator<WalkEntry> {
  const absolute = resolve(cwd, path);
  const info = await stat(absolute).catch(() => null);
  if (info?.isFile()) {
    const rel = relative(cwd, absolute);
    const display = (rel === '' || rel.startsWith('..') ? absolute : rel).split(sep).join('/');
    yield { kind: 'file', path: absolute, display, size: info.size, explicit: true };
    return;
  }
  const { walkFiles } = await import('../files/walk.js');
  yield* walkFiles([path], { cwd, accept: (display) => isSessionSourceFile(display) || isCaptureCandidate(display) });
}
