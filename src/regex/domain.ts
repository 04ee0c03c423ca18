// The regex domain as the registry, config validation, `authkit scan` and the CLI see it (src/findings/domain.ts).
import type { DomainDescriptor } from '../findings/domain.js';
import { REGEX_RULES } from './rules.js';

const REDOS = ['regex/redos-exponential', 'regex/redos-polynomial'];

/** Defaults of --budget and --max-input, and of the config keys behind them. */
export const DEFAULT_BUDGET_MS = 100;
export const DEFAULT_MAX_INPUT = 50_000;

export const REGEX_OPTIONS = {
  maxInput: {
    kind: 'integer',
    max: 10_000_000,
    unit: 'characters',
    flag: '--max-input <chars>',
    description: `Longest attack input tried when confirming a ReDoS (default ${DEFAULT_MAX_INPUT})`,
    rules: REDOS,
  },
  budgetMs: {
    kind: 'integer',
    max: 60_000,
    unit: 'milliseconds',
    flag: '--budget <ms>',
    description: `A regex run at least this long on an attack input counts as a confirmed ReDoS (default ${DEFAULT_BUDGET_MS})`,
    rules: REDOS,
  },
} as const;

export const REGEX_DOMAIN = {
  name: 'regex',
  description: 'Regular expressions that backtrack catastrophically (ReDoS)',
  rules: REGEX_RULES,
  options: REGEX_OPTIONS,
  // Regexes in JS/TS sources and JSON/YAML: the collector extracts per file and analyzes every unique
  // pattern once at the end, on the worker pool, so it answers from finish().
  commands: { 'regex-audit': async () => (await import('./regex-audit-command.js')).REGEX_AUDIT_COMMAND },
  scanner: async ({ cwd, options, onProgress }) => {
    const { RegexCollector, wantsFile } = await import('./audit.js');
    const collector = new RegexCollector({
      cwd,
      budgetMs: options.budgetMs,
      maxInput: options.maxInput,
      readDirectives: false,
      onProgress: (p) => {
        if (p.phase === 'analyse') onProgress?.('pattern', p.analysed);
      },
    });
    return {
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
  },
} as const satisfies DomainDescriptor<typeof REGEX_OPTIONS>;
