// `authkit regex-audit`, as the CLI builds it (src/findings/command.ts); the work is in ./audit.ts.
import { BASELINE_OPTION, type CommandSpec, INCLUDE_VENDORED_OPTION } from '../findings/command.js';
import type { OptionValues } from '../findings/domain.js';
import { UsageError } from '../findings/errors.js';
import { type Finding, findingKey } from '../findings/model.js';
import type { PatternReport, RegexAuditOutcome } from './audit.js';
import { DEFAULT_BUDGET_MS, DEFAULT_MAX_INPUT, type REGEX_OPTIONS } from './domain.js';

interface RegexAuditFlags {
  pattern?: string;
  flags?: string;
  budget: number;
  maxInput: number;
  authOnly?: boolean;
  cache: boolean;
  concurrency?: number;
  includeVendored?: boolean;
}

/** Each pattern's report with only the findings still reported, and those left without any dropped. */
function reportsOf(reports: PatternReport[], findings: readonly Finding[]): PatternReport[] {
  const shown = new Map(findings.map((f) => [findingKey(f), f]));
  return reports.map((r) => ({ ...r, findings: r.findings.flatMap((f) => shown.get(findingKey(f)) ?? []) })).filter((r) => r.findings.length > 0);
}

export const REGEX_AUDIT_COMMAND: CommandSpec<OptionValues<typeof REGEX_OPTIONS>, RegexAuditFlags> = {
  description: 'find regexes and prove which ones backtrack catastrophically',
  argument: { usage: '[paths...]' },
  options: [
    { kind: 'text', flags: '--pattern <regex>', description: "audit this one pattern ('-': patterns from stdin, one a line)" },
    { kind: 'text', flags: '--flags <flags>', description: "flags for --pattern (or every pattern read from '-'), e.g. gi", default: '' },
    { kind: 'integer', flags: '--budget <ms>', description: 'a run this long on an attack input confirms a finding', default: DEFAULT_BUDGET_MS },
    { kind: 'integer', flags: '--max-input <chars>', description: 'longest attack input tried', default: DEFAULT_MAX_INPUT },
    {
      kind: 'switch',
      flags: '--auth-only',
      description: 'report only regexes in auth-related files or names (auth, login, token, jwt, session, cookie, password, email, bearer)',
    },
    { kind: 'switch', flags: '--no-cache', description: 'neither read nor write the verdict and extraction caches' },
    { kind: 'integer', flags: '--concurrency <n>', description: 'worker threads for the analysis (default: number of cores)' },
    BASELINE_OPTION,
    INCLUDE_VENDORED_OPTION,
  ],
  help: `Finds regex literals and constant RegExp(...) calls in JS/TS/JSX/TSX/MJS/CJS/MTS/CTS files, and
"pattern"/"regex" strings in JSON and YAML, then proves ReDoS by running the attack for real in a
worker thread under a hard time limit. Verdicts are cached under node_modules/.cache/authkit (or
$XDG_CACHE_HOME/authkit); suppress one finding with
  // authkit-ignore-next-line regex/redos-polynomial -- input is capped at 100 characters

Examples:
  $ authkit regex-audit                          every regex under the current folder
  $ authkit regex-audit src/ schemas/openapi.yaml
  $ authkit regex-audit --pattern '^(\\w+\\s?)*$'
  $ authkit regex-audit --pattern '\\s*,\\s*' --flags g
  $ grep -h pattern rules.txt | authkit regex-audit -     patterns from stdin, one a line
  $ authkit regex-audit --auth-only --format sarif > regex.sarif`,
  async run(paths, flags, context) {
    const [{ RegexCollector, auditPaths }, { REGEX_RULES }, { renderReports }, { readStdinText }, { shutdownEngine }] = await Promise.all([
      import('./audit.js'),
      import('./rules.js'),
      import('./present.js'),
      import('../files/read.js'),
      import('./analyze.js'),
    ]);

    const stdinPatterns = flags.pattern === '-' || paths.includes('-');
    if (flags.pattern !== undefined && paths.length > 0 && !(paths.length === 1 && paths[0] === '-' && flags.pattern === '-')) {
      throw new UsageError('give either --pattern or paths, not both');
    }
    if (stdinPatterns && paths.some((p) => p !== '-')) throw new UsageError("'-' (patterns from stdin) cannot be mixed with paths");
    if (flags.flags && flags.pattern === undefined && !stdinPatterns) throw new UsageError("--flags applies to --pattern and '-' only");

    const onSigint = () => {
      // The caches are written only at the end and by rename, so stopping here loses nothing.
      void shutdownEngine().finally(() => process.exit(130));
    };
    process.once('SIGINT', onSigint);

    // A flag given on the command line wins; otherwise authkit.config.json's regex options do.
    let { budget, maxInput } = flags;
    if (!context.given('budget') || !context.given('maxInput')) {
      const { options: config } = await context.config();
      if (!context.given('budget')) budget = config.budgetMs ?? budget;
      if (!context.given('maxInput')) maxInput = config.maxInput ?? maxInput;
    }
    const options = {
      cwd: context.cwd,
      budgetMs: budget,
      maxInput,
      cache: flags.cache,
      concurrency: flags.concurrency,
      authOnly: Boolean(flags.authOnly),
      includeVendored: Boolean(flags.includeVendored),
      onProgress: (p: { phase: string; files: number; analysed: number; toAnalyse: number }) =>
        context.progress.update(p.phase === 'extract' ? `regex-audit: ${p.files} files read` : `regex-audit: analysed ${p.analysed}/${p.toAnalyse} patterns`),
    };

    let outcome: RegexAuditOutcome;
    try {
      if (flags.pattern !== undefined || stdinPatterns) {
        const collector = new RegexCollector(options);
        if (stdinPatterns) {
          const lines = (await readStdinText()).split('\n');
          lines.forEach((line, i) => {
            const pattern = line.replace(/\r$/, '');
            if (pattern.length > 0) collector.addPattern(pattern, flags.flags ?? '', '-', i + 1);
          });
          if (lines.every((l) => l.trim() === '')) collector.addError({ file: '-', message: 'no patterns on standard input' });
        } else {
          collector.addPattern(flags.pattern!, flags.flags ?? '', '<arg>', 1);
        }
        outcome = await collector.finish();
      } else {
        outcome = await auditPaths(paths, options);
      }
    } finally {
      process.off('SIGINT', onSigint);
      context.progress.done();
    }

    const { reports, skipped, stats } = outcome;
    return {
      command: 'regex-audit',
      findings: outcome.findings,
      errors: outcome.errors,
      rules: REGEX_RULES,
      inputs: outcome.inputs,
      ...(outcome.vendored ? { vendored: outcome.vendored } : {}),
      json: { stats, skipped },
      ...(outcome.directives.length ? { directives: outcome.directives } : {}),
      // Drawn from what the pipeline left (suppressions, `off`, baseline), never from the raw verdicts.
      ...(reports.length > 0 || skipped.length > 0 ? { text: (ctx, finished) => renderReports(reportsOf(reports, finished.findings), skipped, ctx.paint) } : {}),
    };
  },
};
