import type { Command } from 'commander';
import type { PatternReport, RegexAuditOutcome } from '../../regex/audit.js';
import { DEFAULT_BUDGET_MS, DEFAULT_MAX_INPUT } from '../../regex/domain.js';
import { positiveInteger } from '../options.js';
import { type CommandResult, type Finding, findingKey } from '../../findings/model.js';
import { UsageError, runAction } from '../run.js';
import { writeErr } from '../output.js';

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

export function registerRegexAudit(program: Command): void {
  program
    .command('regex-audit [paths...]')
    .description('find regexes and prove which ones backtrack catastrophically')
    .option('--pattern <regex>', "audit this one pattern ('-': patterns from stdin, one a line)")
    .option('--flags <flags>', "flags for --pattern (or every pattern read from '-'), e.g. gi", '')
    .option('--budget <ms>', 'a run this long on an attack input confirms a finding', positiveInteger('--budget'), DEFAULT_BUDGET_MS)
    .option('--max-input <chars>', 'longest attack input tried', positiveInteger('--max-input'), DEFAULT_MAX_INPUT)
    .option('--auth-only', 'report only regexes in auth-related files or names (auth, login, token, jwt, session, cookie, password, email, bearer)')
    .option('--no-cache', 'neither read nor write the verdict and extraction caches')
    .option('--concurrency <n>', 'worker threads for the analysis (default: number of cores)', positiveInteger('--concurrency'))
    .option('--baseline <file>', 'report only findings that are not in this baseline (authkit baseline)')
    .option('--include-vendored', 'also audit vendored and minified files found in folders (vendor/, third_party/, *.min.js, lines averaging over 300 characters); skipped and counted by default')
    .addHelpText(
      'after',
      `
Finds regex literals and constant RegExp(...) calls in JS/TS/JSX/TSX/MJS/CJS/MTS/CTS files, and
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
    )
    .action(async (paths: string[], _flags: unknown, cmd: Command) => {
      await runAction(cmd, async (globals): Promise<CommandResult> => {
        const flags = cmd.opts<RegexAuditFlags>();
        const [{ RegexCollector, auditPaths }, { REGEX_RULES }] = await Promise.all([import('../../regex/audit.js'), import('../../regex/rules.js')]);
        const { renderReports } = await import('../../regex/present.js');
        const { readStdinText } = await import('../../files/read.js');
        const { shutdownEngine } = await import('../../regex/analyze.js');

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

        let lastProgress = 0;
        const progress = globals.machine
          ? undefined
          : (p: { phase: string; files: number; analysed: number; toAnalyse: number }) => {
              const now = Date.now();
              if (now - lastProgress < 100) return;
              lastProgress = now;
              const text = p.phase === 'extract' ? `regex-audit: ${p.files} files read` : `regex-audit: analysed ${p.analysed}/${p.toAnalyse} patterns`;
              writeErr(`\r${text}\x1b[K`);
            };
        // A flag given on the command line wins; otherwise authkit.config.json's regex options do.
        const fromCommandLine = (name: string) => cmd.getOptionValueSource(name) === 'cli';
        let { budget, maxInput } = flags;
        if (!fromCommandLine('budget') || !fromCommandLine('maxInput')) {
          const [{ domainConfig }, { REGEX_DOMAIN }] = await Promise.all([import('../config.js'), import('../../regex/domain.js')]);
          const { options: config } = await domainConfig(globals, REGEX_DOMAIN);
          if (!fromCommandLine('budget')) budget = config.budgetMs ?? budget;
          if (!fromCommandLine('maxInput')) maxInput = config.maxInput ?? maxInput;
        }
        const options = {
          cwd: globals.cwd,
          budgetMs: budget,
          maxInput,
          cache: flags.cache,
          concurrency: flags.concurrency,
          authOnly: Boolean(flags.authOnly),
          includeVendored: Boolean(flags.includeVendored),
          onProgress: progress,
        };

        let outcome: RegexAuditOutcome;
        try {
          if (flags.pattern !== undefined || stdinPatterns) {
            const collector = new RegexCollector(options);
            if (stdinPatterns) {
              const text = await readStdinText();
              const lines = text.split('\n');
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
          if (progress && lastProgress > 0) writeErr('\r\x1b[K');
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
      });
    });
}
