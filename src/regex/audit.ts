// regex-audit's pipeline, shared by `authkit regex-audit` and `authkit scan`:
//
//   const collector = new RegexCollector(options);        // options: RegexAuditOptions
//   collector.add(display, text);                          // per file; false when not a JS/TS/JSON/YAML file
//   const { findings, errors, ... } = await collector.finish();
//
// or `auditPaths(paths, options)`, which walks itself. `authkit scan` drives a collector through
// its regex domain (src/scan/domains.ts). Findings come back with inline suppressions applied
// (stale ones as meta/unused-suppression), fingerprinted, auth-related ones first; report.ts
// turns each verdict into a finding.
// Each file is extracted once per content (cache), each unique (pattern, flags) is analysed once
// per analyser version (cache), and the engine runs only on what neither cache answers.
import { isMinifiedText, isVendoredPath } from '../files/vendored.js';
import { availableParallelism } from 'node:os';
import { readTextFile } from '../files/read.js';
import { type WalkEntry, walkFiles } from '../files/walk.js';
import { withFingerprints } from '../findings/fingerprint.js';
import { type FileDirectives, type Finding, type InputError, compareFindings, findingKey } from '../findings/model.js';
import { suppressionsIn } from '../findings/directives.js';
import { parseFailure, parseSource, parsedOutOfProcess } from '../js/parse.js';
import { stopParser, warmParser } from '../js/parse-guard.js';
import { ExtractionCache, VerdictCache, defaultCacheDir } from './cache.js';
import { isSourceFile } from '../js/files.js';
import { EXTRACTOR_VERSION, type Extraction, compileError, extractFromSource } from './extract.js';
import { extractFromJson, extractFromYaml, isDataFile } from './extract-data.js';
import { type Occurrence, authFirst, findingFor, regexData } from './report.js';
import type { PatternJob, Verdict } from './types.js';

export interface RegexAuditOptions {
  /** Findings' paths are relative to it; the cache is found from it. */
  cwd: string;
  /** A run this long on an attack input confirms a finding. Default 100. */
  budgetMs?: number;
  /** Longest attack input tried. Default 50000. */
  maxInput?: number;
  /** False: neither read nor write the caches. Default true. */
  cache?: boolean;
  /** Default: see defaultCacheDir. */
  cacheDir?: string;
  /** Engine worker threads. Default: number of cores. */
  concurrency?: number;
  /** Keep only findings in auth-related files or identifiers. */
  authOnly?: boolean;
  /** Files over this size are skipped with a note (walks only). */
  maxBytes?: number;
  /** Read vendored and minified files found in folders too (walks only; src/files/vendored.ts). */
  includeVendored?: boolean;
  /** False when the caller reads each file's directives itself (scan reads them once for every domain). */
  readDirectives?: boolean;
  onProgress?: (progress: AuditProgress) => void;
}

export interface AuditProgress {
  phase: 'extract' | 'analyse';
  files: number;
  analysed: number;
  toAnalyse: number;
}

export interface AuditStats {
  files: number;
  regexes: number;
  uniquePatterns: number;
  cachedVerdicts: number;
  analysedPatterns: number;
  /** Unique patterns whose verdict needed recheck (the in-process analysis decided the rest). */
  fallbackPatterns: number;
  cachedFiles: number;
  parsedFiles: number;
  extractMs: number;
  analyseMs: number;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface RegexAuditOutcome {
  findings: Finding[];
  errors: InputError[];
  skipped: SkippedFile[];
  /** Files read. */
  inputs: number;
  /** One entry per vulnerable, incomplete or invalid pattern that has findings, auth-related first. */
  reports: PatternReport[];
  /** Each file's inline directives, for the findings pipeline. */
  directives: FileDirectives[];
  stats: AuditStats;
  /** Vendored and minified files a walk passed over. */
  vendored?: number;
}

/** A pattern and every place it is reported, for the detailed human output. */
export interface PatternReport {
  verdict: Verdict;
  invalid?: string;
  auth: boolean;
  findings: Finding[];
}

function kindOfFile(display: string): 'source' | 'json' | 'yaml' | null {
  if (isSourceFile(display)) return 'source';
  return isDataFile(display);
}

/** Decides from the name alone whether regex-audit reads a file. */
export function wantsFile(display: string): boolean {
  return kindOfFile(display) !== null;
}

function extract(kind: 'source' | 'json' | 'yaml', display: string, text: string): Extraction {
  if (kind === 'source') return extractFromSource(display, text);
  if (kind === 'json') return extractFromJson(text);
  return extractFromYaml(text);
}

function jobKey(pattern: string, flags: string): string {
  return `${flags}\0${pattern}`;
}

export class RegexCollector {
  private readonly occurrences: Occurrence[] = [];
  /** Each file's inline directives, handed to the findings pipeline as they are. */
  private readonly directives = new Map<string, FileDirectives>();
  readonly errors: InputError[] = [];
  readonly skipped: SkippedFile[] = [];
  private inputs = 0;
  private readonly extractionCache: ExtractionCache;
  private readonly cacheDir: string | null;
  private readonly budgetMs: number;
  private readonly maxInput: number;
  private extractMs = 0;
  private cachedFiles = 0;
  private parsedFiles = 0;
  /**
   * A file ahead will go to the parser process, or may (a folder is being walked): the first file
   * that needs parsing starts it, so that its start overlaps the reading of the others.
   */
  mayNeedParser = false;

  constructor(private readonly options: RegexAuditOptions) {
    this.budgetMs = options.budgetMs ?? 100;
    this.maxInput = options.maxInput ?? 50_000;
    this.cacheDir = options.cache === false ? null : (options.cacheDir ?? defaultCacheDir(options.cwd));
    this.extractionCache = new ExtractionCache(this.cacheDir);
  }

  /** Finds the regexes of one file. Returns false when the file is not one regex-audit reads. */
  add(display: string, text: string): boolean {
    const kind = kindOfFile(display);
    if (!kind) return false;
    const started = performance.now();
    this.inputs++;
    const key = this.cacheDir ? ExtractionCache.key(kind, EXTRACTOR_VERSION, text) : '';
    let extraction = key ? this.extractionCache.get(key) : undefined;
    if (extraction) {
      this.cachedFiles++;
    } else {
      this.parsedFiles++;
      if (this.mayNeedParser) warmParser();
      try {
        extraction = extract(kind, display, text);
      } catch (error) {
        extraction = { regexes: [], parseError: { line: 1, column: 1, message: (error as Error).message } };
      }
      if (key) this.extractionCache.set(key, extraction);
    }
    for (const regex of extraction.regexes) this.occurrences.push({ ...regex, file: display });
    const failure = parseFailure(display, extraction.parseError, extraction.refused);
    if (failure) this.errors.push(failure);
    if (this.options.readDirectives !== false && text.includes('authkit-ignore')) {
      const suppressions = suppressionsIn(display, text, isSourceFile(display) ? parseSource(display, text).comments : undefined);
      if (suppressions.length > 0) this.directives.set(display, { file: display, suppressions, domains: ['regex'] });
    }
    this.extractMs += performance.now() - started;
    this.options.onProgress?.({ phase: 'extract', files: this.inputs, analysed: 0, toAnalyse: 0 });
    return true;
  }

  /** Audits patterns given directly (--pattern, stdin): `file` is '<arg>' or '-'. */
  addPattern(pattern: string, flags: string, file: string, line: number): void {
    this.inputs++;
    const invalid = compileError(pattern, flags);
    this.occurrences.push({
      pattern,
      flags,
      kind: 'data',
      line,
      column: 1,
      endLine: line,
      endColumn: pattern.length + 1,
      usages: [],
      names: [],
      file,
      ...(invalid ? { invalid } : {}),
    });
  }

  addError(error: InputError): void {
    this.errors.push(error);
  }

  addSkipped(file: string, reason: string): void {
    this.skipped.push({ file, reason });
  }

  async finish(): Promise<RegexAuditOutcome> {
    // One job per unique (pattern, flags), with every usage seen anywhere.
    const jobs = new Map<string, PatternJob & { invalid?: string; notExpanded?: string }>();
    for (const occurrence of this.occurrences) {
      const key = jobKey(occurrence.pattern, occurrence.flags);
      let job = jobs.get(key);
      if (!job) {
        const { invalid, notExpanded } = occurrence;
        job = { pattern: occurrence.pattern, flags: occurrence.flags, usages: [], ...(invalid ? { invalid } : {}), ...(notExpanded ? { notExpanded } : {}) };
        jobs.set(key, job);
      }
      for (const usage of occurrence.usages) if (!job.usages.includes(usage)) job.usages.push(usage);
    }

    // Every file is read: the parser process's memory is not needed through the analysis.
    await stopParser();
    const analyseStarted = performance.now();
    const verdicts = new Map<string, Verdict>();
    const toAnalyse: PatternJob[] = [];
    let cachedVerdicts = 0;
    let verdictCache: VerdictCache | null = null;
    const needEngine = [...jobs.values()].some((job) => !job.invalid && !job.notExpanded);
    let engine: typeof import('./analyze.js') | null = null;
    if (needEngine) {
      engine = await import('./analyze.js');
      verdictCache = this.cacheDir
        ? new VerdictCache(this.cacheDir, { analyzerVersions: engine.analyzerVersions(), budgetMs: this.budgetMs, maxInput: this.maxInput })
        : null;
    }
    for (const [key, job] of jobs) {
      if (job.invalid || job.notExpanded) continue;
      const usages = [...job.usages].sort();
      const cached = verdictCache?.get(job.pattern, job.flags, usages);
      if (cached) {
        verdicts.set(key, cached);
        cachedVerdicts++;
      } else {
        toAnalyse.push({ pattern: job.pattern, flags: job.flags, usages });
      }
    }
    if (toAnalyse.length > 0 && engine) {
      const results = await engine.analyzePatterns(
        toAnalyse,
        { budgetMs: this.budgetMs, maxInput: this.maxInput, concurrency: this.options.concurrency ?? availableParallelism() },
        (done, total) => this.options.onProgress?.({ phase: 'analyse', files: this.inputs, analysed: done, toAnalyse: total }),
      );
      results.forEach((verdict, i) => {
        const job = toAnalyse[i]!;
        verdicts.set(jobKey(job.pattern, job.flags), verdict);
        if (!verdict.reason?.startsWith('internal error')) {
          verdictCache?.set({ ...verdict, pattern: job.pattern, flags: job.flags }, job.usages);
        }
      });
    }
    const analyseMs = performance.now() - analyseStarted;
    this.saveCaches(verdictCache);

    const reports = new Map<string, PatternReport>();
    let findings: Finding[] = [];
    for (const occurrence of this.occurrences) {
      const key = jobKey(occurrence.pattern, occurrence.flags);
      const job = jobs.get(key)!;
      const verdict: Verdict = job.invalid
        ? { pattern: job.pattern, flags: job.flags, status: 'invalid', confirmed: false, reason: job.invalid, analyzerVersions: {} }
        : (verdicts.get(key) ?? { pattern: job.pattern, flags: job.flags, status: 'incomplete', confirmed: false, reason: job.notExpanded ?? 'no verdict', analyzerVersions: {} });
      const finding = findingFor(occurrence, verdict, this.maxInput);
      if (!finding) continue;
      findings.push(finding);
      let report = reports.get(key);
      if (!report) {
        report = { verdict, auth: false, findings: [], ...(job.invalid ? { invalid: job.invalid } : {}) };
        reports.set(key, report);
      }
      report.findings.push(finding);
      if (regexData(finding)?.auth) report.auth = true;
    }

    // Inline directives go to the findings pipeline with the findings (it applies them for every
    // command); --auth-only leaves findings out on purpose, so none of its directives is called stale.
    if (this.options.authOnly) findings = findings.filter((f) => regexData(f)?.auth === true);
    findings = withFingerprints(findings.sort(authFirst), (f) => {
      const data = regexData(f);
      return data ? `${data.pattern}/${data.flags}` : f.message;
    });
    const directives = [...this.directives.values()].map((d) => (this.options.authOnly ? { ...d, reportUnused: false } : d));

    const reportList = [...reports.values()]
      .filter((r) => !this.options.authOnly || r.auth)
      .sort((a, b) => Number(b.auth) - Number(a.auth) || rank(b) - rank(a) || compareFindings(a.findings[0]!, b.findings[0]!));
    // Fingerprinted copies replace the originals in the reports.
    const byIdentity = new Map(findings.map((f) => [findingKey(f), f]));
    for (const report of reportList) report.findings = report.findings.map((f) => byIdentity.get(findingKey(f))).filter((f) => f !== undefined);

    return {
      findings,
      errors: this.errors,
      skipped: this.skipped,
      inputs: this.inputs,
      reports: reportList.filter((r) => r.findings.length > 0),
      directives,
      stats: {
        files: this.inputs,
        regexes: this.occurrences.length,
        uniquePatterns: jobs.size,
        cachedVerdicts,
        analysedPatterns: toAnalyse.length,
        fallbackPatterns: [...verdicts.values()].filter((v) => v.fallback !== undefined).length,
        cachedFiles: this.cachedFiles,
        parsedFiles: this.parsedFiles,
        extractMs: Math.round(this.extractMs),
        analyseMs: Math.round(analyseMs),
      },
    };
  }

  private saveCaches(verdictCache: VerdictCache | null): void {
    try {
      verdictCache?.save();
      if (this.cacheDir) this.extractionCache.save();
    } catch {
      // A read-only or full disk costs speed on the next run, not this run's result.
    }
  }
}

function rank(report: PatternReport): number {
  const severity = report.findings[0]?.severity;
  return severity === 'error' ? 3 : severity === 'warning' ? 2 : 1;
}

/**
 * Walks `paths` (gitignore-aware; node_modules and build output skipped), reading a few files
 * ahead so that disk waits overlap parsing. Files over the size limit are skipped with a note.
 */
export async function auditPaths(paths: string[], options: RegexAuditOptions): Promise<RegexAuditOutcome> {
  const collector = new RegexCollector(options);
  let vendored = 0;
  const ahead: { display: string; relative?: string; text: Promise<string | Error> }[] = [];
  // Files the parser process will take wait until the walk is done: its start (~100 ms) then
  // overlaps the small files instead of holding up the first large one. Findings are sorted at
  // the end, so the order files are read in changes nothing else.
  const large: Extract<WalkEntry, { kind: 'file' }>[] = [];
  const read = (entry: Extract<WalkEntry, { kind: 'file' }>) =>
    ahead.push({
      display: entry.display,
      ...(entry.explicit || options.includeVendored ? {} : { relative: entry.relative }),
      text: readTextFile(entry.path, { display: entry.display, maxBytes: options.maxBytes }).catch((error: Error) => error),
    });
  const drain = async (keep: number) => {
    while (ahead.length > keep) {
      const next = ahead.shift()!;
      const text = await next.text;
      if (text instanceof Error) collector.addError({ file: next.display, message: text.message });
      else if (next.relative !== undefined && isMinifiedText(next.relative, text)) vendored++;
      else collector.add(next.display, text);
    }
  };
  for await (const entry of walkFiles(paths.length ? paths : ['.'], { cwd: options.cwd, maxBytes: options.maxBytes, accept: wantsFile })) {
    if (entry.kind === 'error') {
      collector.addError({ file: entry.failure.file, message: entry.failure.message });
    } else if (entry.kind === 'skipped') {
      collector.addSkipped(entry.display, entry.reason);
    } else if (!entry.explicit && !options.includeVendored && isVendoredPath(entry.relative)) {
      vendored++;
    } else {
      if (!entry.explicit || wantsFile(entry.display)) {
        // In a folder a large file may come late in the walk, after the parser should have started.
        if (!entry.explicit) collector.mayNeedParser = true;
        if (isSourceFile(entry.display) && parsedOutOfProcess(entry.size)) {
          collector.mayNeedParser = true;
          large.push(entry);
          continue;
        }
        read(entry);
      } else {
        collector.addError({ file: entry.display, message: 'not a JavaScript, TypeScript, JSON or YAML file' });
      }
      await drain(16);
    }
  }
  for (const entry of large) {
    read(entry);
    await drain(16);
  }
  await drain(0);
  return { ...(await collector.finish()), vendored };
}
