import type { LoadedConfig } from '../config/load.js';
import type { DomainScanner } from './scan.js';

export interface DomainScannerOptions {
  config: LoadedConfig;
  now: Date;
  /** Patterns analyzed so far by the regex engine, for the progress line. */
  onPatterns?: (analyzed: number) => void;
}

async function cronScanner(config: LoadedConfig): Promise<DomainScanner> {
  const [{ isCronInput }, { lintCrontab }, { mayHoldSchedules }, { analyzeYamlSchedules }] = await Promise.all([
    import('../cron/detect.js'),
    import('../cron/lint.js'),
    import('../cron/yaml-paths.js'),
    import('../cron/yaml-lint.js'),
  ]);
  return {
    domain: 'cron',
    wants: (file, text) => isCronInput(file, text),
    // Workflows and manifests that do not parse (Helm templates) are not the cron domain's to report.
    add: (file, text) => (mayHoldSchedules(file, text) ? analyzeYamlSchedules(file, text).findings : lintCrontab(file, text, { target: config.cron.target, trustedCommands: config.cron.trustedCommands })),
  };
}

/** JWTs written into any text file. */
async function jwtScanner(options: DomainScannerOptions): Promise<DomainScanner> {
  const { findLeakedTokens } = await import('../jwt/leaks.js');
  return {
    domain: 'jwt',
    wants: () => true,
    add: (file, text) => findLeakedTokens(file, text, { now: options.now, maxLifetimeSeconds: options.config.jwt.maxLifetimeSeconds }),
  };
}

/**
 * Sessions and tokens in JS/TS sources, config JSON and HTTP captures. JS/TS files share the parse
 * the regex domain made of the same text (src/js/parse.ts keeps the last one).
 */
async function sessionScanner(options: DomainScannerOptions): Promise<DomainScanner> {
  const { auditSessionSource, isSessionSourceFile } = await import('../session/audit.js');
  const { auditCaptureFile, isCaptureCandidate, looksLikeCapture } = await import('../session/captures.js');
  const session = options.config.session;
  const limits = {
    accessTokenMaxLifetimeSeconds: session.accessTokenMaxLifetimeSeconds ?? 15 * 60,
    refreshTokenMaxLifetimeSeconds: session.refreshTokenMaxLifetimeSeconds ?? 30 * 24 * 3600,
  };
  return {
    domain: 'session',
    wants: (file, text) => isSessionSourceFile(file) || (isCaptureCandidate(file) && looksLikeCapture(file, text)),
    // A capture that cannot be read (a .har that is not a HAR) or a config that is not JSON is an
    // input error: reported clean, it would hide what it holds. A JS/TS file that does not parse is
    // reported by the regex domain too, in the same words: the scan keeps one line per file.
    add: (file, text) => {
      if (looksLikeCapture(file, text)) return auditCaptureFile(file, text, options.now);
      return auditSessionSource(file, text, limits);
    },
  };
}

/**
 * Regexes in JS/TS sources and JSON/YAML: the collector extracts per file and analyzes every unique
 * pattern once at the end, on the worker pool, so it is a batch domain.
 */
async function regexScanner(options: DomainScannerOptions & { cwd: string }): Promise<DomainScanner> {
  const { RegexCollector, wantsFile } = await import('../regex/audit.js');
  const collector = new RegexCollector({
    cwd: options.cwd,
    budgetMs: options.config.regex.budgetMs,
    maxInput: options.config.regex.maxInput,
    onProgress: (p) => {
      if (p.phase === 'analyse') options.onPatterns?.(p.analysed);
    },
  });
  return {
    domain: 'regex',
    wants: (file) => wantsFile(file),
    add: (file, text) => {
      collector.add(file, text);
      return [];
    },
    finish: async () => {
      const outcome = await collector.finish();
      return { findings: outcome.findings, errors: outcome.errors };
    },
  };
}

/** The real domains, wired to the scan: each loads its own modules only when a scan runs. */
export async function domainScanners(options: DomainScannerOptions & { cwd: string }): Promise<DomainScanner[]> {
  return Promise.all([regexScanner(options), cronScanner(options.config), jwtScanner(options), sessionScanner(options)]);
}
