import { relative, resolve } from 'node:path';
import { DEFAULT_MAX_FILE_BYTES, InputFailure, decodeText, failureFromError, readBoundedBytes, readStdinInput } from '../files/read.js';
import { toPosix, walkFiles } from '../files/walk.js';
import { fingerprintFindings } from '../findings/baseline.js';
import { formatBytes } from '../files/read.js';
import { type FileDirectives, type Finding, type InputError, type InputNote, type SkippedInput, type Suppression, appendAll } from '../findings/model.js';
import { suppressionsIn } from '../findings/directives.js';
import { isMinifiedText, isVendoredPath } from '../files/vendored.js';
import type { DomainScanner } from '../findings/domain.js';
import { isSourceFile } from '../js/files.js';
import { parseSource } from '../js/parse.js';
import { changedFiles, gitTopLevel, readBlobs, stagedFiles } from './git.js';

/** A domain's scanner (src/findings/domain.ts) with the domain's name. */
export interface NamedScanner extends DomainScanner {
  /** The domain's name in the registry: inline directives naming its rules are its to judge. */
  domain: string;
}

export type ScanMode = { kind: 'walk' } | { kind: 'staged' } | { kind: 'changed'; rev: string };

export interface ScanProgress {
  files: number;
}

export interface ScanOptions {
  cwd: string;
  paths: string[];
  mode: ScanMode;
  scanners: NamedScanner[];
  /** Absolute path => true when the config's ignore globs exclude it. */
  ignored?: (absolute: string) => boolean;
  /** The folder fingerprint paths are relative to (the repository root). */
  fingerprintRoot: string;
  maxBytes?: number;
  onProgress?: (progress: ScanProgress) => void;
  /** The name standard input is read as (ESLint's --stdin-filename): it picks the domains. */
  stdinFilename?: string;
  /** Read vendored and minified files found in folders too (--include-vendored). */
  includeVendored?: boolean;
}

export interface ScanOutcome {
  /** Every finding, fingerprinted; inline directives are the findings pipeline's to apply. */
  findings: Finding[];
  /** Each file's inline directives and the domains that read it. */
  directives: FileDirectives[];
  errors: InputError[];
  /** What the domains read but left unexamined. */
  notes: InputNote[];
  /** Text files read. */
  inputs: number;
  /** Files passed over: binary, not UTF-8, over the size limit. */
  skipped: number;
  /** The files passed over for their size, with the reason, for stderr and the summary. */
  skippedFiles: SkippedInput[];
  /** What finding paths are relative to: cwd for a walk, the repository root for git modes. */
  pathBase: string;
  /** The domains that read standard input, when it was read. */
  stdinDomains?: string[];
  /** Vendored and minified files passed over (src/files/vendored.ts). */
  vendored: number;
}

interface PendingFile {
  /** Absolute path, for fingerprints and ignore globs. */
  absolute: string;
  text: string;
  domains: Set<string>;
  suppressions: Suppression[];
  findings: Finding[];
}

/** Directives from the file's real comments; a JS/TS file is parsed once, shared with the regex domain. */
function directivesOf(file: string, text: string): Suppression[] {
  if (!text.includes('authkit-ignore')) return [];
  return suppressionsIn(file, text, isSourceFile(file) ? parseSource(file, text).comments : undefined);
}

/** Runs every domain over one set of files (a walk, the git index, or what changed since a rev). */
export async function scanFiles(options: ScanOptions): Promise<ScanOutcome> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const errors: InputError[] = [];
  const notes: InputNote[] = [];
  const findings: Finding[] = [];
  const deferred = new Map<string, PendingFile>();
  const batchDomains = new Set(options.scanners.filter((s) => s.finish).map((s) => s.domain));
  let inputs = 0;
  let skipped = 0;
  const skippedFiles: SkippedInput[] = [];
  const tooLarge = (file: string, size: number) => {
    skipped++;
    skippedFiles.push({ file, reason: `file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit` });
  };

  const directives: FileDirectives[] = [];
  const complete = (file: string, pending: PendingFile) => {
    if (pending.suppressions.length > 0) directives.push({ file, suppressions: pending.suppressions, domains: [...pending.domains] });
    // Fingerprints are the scan's to make, from the repository-relative path, so that they do not
    // depend on the working directory (a domain's own are relative to it), and from the text read
    // (the staged blob, not the working tree).
    const resolved = pending.findings.map(({ fingerprint: _, ...f }) => f);
    const lines = pending.text;
    appendAll(
      findings,
      fingerprintFindings(
        resolved,
        () => toPosix(relative(options.fingerprintRoot, pending.absolute)),
        () => lines,
      ),
    );
  };

  // Two domains that parse the same file report its syntax error in the same words: one line per file.
  const unparsed = new Set<string>();
  const addError = (error: InputError) => {
    if (error.message.startsWith('cannot parse')) {
      if (unparsed.has(error.file)) return;
      unparsed.add(error.file);
    }
    errors.push(error);
  };
  let vendored = 0;
  /** By path, before reading; `relative` is undefined for what was named on the command line. */
  const vendoredPath = (relative: string | undefined) => {
    if (options.includeVendored || relative === undefined || !isVendoredPath(relative)) return false;
    vendored++;
    return true;
  };
  const consider = async (file: string, absolute: string, bytes: Buffer, relative?: string): Promise<Set<string> | undefined> => {
    let text: string;
    try {
      text = decodeText(bytes, file);
    } catch (error) {
      skipped++;
      // Binary files are passed over quietly; text in another encoding (a Latin-1 log) may hold a
      // token, so the user is told it was not read rather than shown a clean bill.
      if (error instanceof InputFailure && error.kind === 'encoding') skippedFiles.push({ file, reason: error.message });
      return;
    }
    if (!options.includeVendored && relative !== undefined && isMinifiedText(relative, text)) {
      vendored++;
      return;
    }
    inputs++;
    options.onProgress?.({ files: inputs });
    const pending: PendingFile = { absolute, text, domains: new Set(), suppressions: directivesOf(file, text), findings: [] };
    for (const scanner of options.scanners) {
      try {
        if (!scanner.wants(file, text)) continue;
        pending.domains.add(scanner.domain);
        const added = await scanner.add(file, text);
        if (Array.isArray(added)) appendAll(pending.findings, added);
        else {
          appendAll(pending.findings, added.findings);
          for (const error of added.errors) addError(error);
          if (added.notes) appendAll(notes, added.notes);
        }
      } catch (error) {
        // One domain failing on one file must not hide what the others found: exit 2, and go on.
        errors.push({ file, message: `internal error in the ${scanner.domain} checks: ${(error as Error)?.message ?? String(error)}` });
      }
    }
    if ([...pending.domains].some((d) => batchDomains.has(d))) deferred.set(file, pending);
    else if (pending.findings.length > 0 || pending.suppressions.length > 0) complete(file, pending);
    return pending.domains;
  };

  let stdinDomains: string[] | undefined;
  const root = options.mode.kind === 'walk' ? options.cwd : await gitTopLevel(options.cwd, options.mode.kind === 'staged' ? '--staged' : '--changed');
  const ignored = options.ignored ?? (() => false);

  if (options.mode.kind === 'walk') {
    if (options.paths.includes('-')) {
      try {
        const text = await readStdinInput();
        const display = options.stdinFilename ?? '-';
        stdinDomains = [...((await consider(display, resolve(options.cwd, display), Buffer.from(text, 'utf8'))) ?? [])];
      } catch (error) {
        const failure = error instanceof InputFailure ? error : failureFromError('-', error);
        errors.push({ file: failure.file, message: failure.message });
      }
    }
    for await (const entry of walkFiles(options.paths.filter((p) => p !== '-'), { cwd: options.cwd, maxBytes, accept: (display) => !ignored(resolve(options.cwd, display)) })) {
      if (entry.kind === 'error') errors.push({ file: entry.failure.file, message: entry.failure.message });
      else if (entry.kind === 'skipped') {
        skipped++;
        skippedFiles.push({ file: entry.display, reason: entry.reason });
      }
      else if (!vendoredPath(entry.explicit ? undefined : entry.relative)) {
        try {
          const bytes = await readBoundedBytes(entry.path, { display: entry.display, maxBytes });
          // Binary files found in a walk are skipped quietly; one named on the command line gets its reason.
          if (entry.explicit) decodeText(bytes, entry.display);
          await consider(entry.display, entry.path, bytes, entry.explicit ? undefined : entry.relative);
        } catch (error) {
          const failure = error instanceof InputFailure ? error : failureFromError(entry.display, error);
          errors.push({ file: failure.file, message: failure.message });
        }
      }
    }
  } else if (options.mode.kind === 'staged') {
    const entries = (await stagedFiles(options.cwd, options.paths)).filter((e) => !ignored(resolve(root, e.path)));
    const pathsByBlob = new Map<string, string[]>();
    for (const e of entries) pathsByBlob.set(e.blob, [...(pathsByBlob.get(e.blob) ?? []), e.path]);
    for await (const { blob, bytes } of readBlobs(root, [...pathsByBlob.keys()])) {
      for (const path of pathsByBlob.get(blob) ?? []) {
        if (!bytes) errors.push({ file: path, message: 'staged content is missing from the object database' });
        else if (vendoredPath(path)) continue;
        else if (bytes.length > maxBytes) tooLarge(path, bytes.length);
        else await consider(path, resolve(root, path), bytes, path);
      }
    }
  } else {
    const paths = (await changedFiles(options.cwd, options.mode.rev, options.paths)).filter((p) => !ignored(resolve(root, p)));
    for (const path of paths) {
      const absolute = resolve(root, path);
      if (vendoredPath(path)) continue;
      try {
        await consider(path, absolute, await readBoundedBytes(absolute, { display: path, maxBytes }), path);
      } catch (error) {
        const failure = error instanceof InputFailure ? error : failureFromError(path, error);
        if (failure.kind === 'too-large') {
          skipped++;
          skippedFiles.push({ file: path, reason: failure.message });
        } else if (failure.kind !== 'missing') errors.push({ file: failure.file, message: failure.message });
      }
    }
  }

  for (const scanner of options.scanners) {
    if (!scanner.finish) continue;
    const finished = await scanner.finish();
    for (const error of finished.errors) addError(error);
    if (finished.notes) appendAll(notes, finished.notes);
    for (const f of finished.findings) {
      const pending = deferred.get(f.file);
      if (pending) pending.findings.push(f);
      else findings.push(f); // a domain reporting on a file it was never given: keep it visible
    }
  }
  for (const [file, pending] of deferred) complete(file, pending);

  return { findings, directives, errors, notes, inputs, skipped, skippedFiles, pathBase: root, vendored, ...(stdinDomains ? { stdinDomains } : {}) };
}
