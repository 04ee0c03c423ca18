// The cron domain as the registry, config validation, `authkit scan` and the CLI see it (src/findings/domain.ts).
import type { DomainDescriptor } from '../findings/domain.js';
import { CRON_RULES } from './rules.js';
import { TARGET_NAMES } from './targets.js';

export const CRON_OPTIONS = {
  target: {
    kind: 'choice',
    values: TARGET_NAMES,
    flag: '--target <cron>',
    description: 'The cron implementation crontabs run under: Debian/Ubuntu cron, cronie (RHEL, Fedora, Arch), BusyBox crond, or any (what holds on all of them)',
    rules: ['cron/missing-path', 'cron/missing-shell', 'cron/bashism-under-sh', 'cron/relative-binary'],
  },
  trustedCommands: {
    kind: 'names',
    flag: '--trust <cmd>',
    description: "Bare command names the team knows are on cron's PATH where its crontabs run (a tool installed in /usr/bin by the team's image): cron/relative-binary does not report them",
    rules: ['cron/missing-path', 'cron/relative-binary'],
  },
} as const;

export const CRON_DOMAIN = {
  name: 'cron',
  description: 'Crontabs: schedules, environment and shell portability',
  rules: CRON_RULES,
  options: CRON_OPTIONS,
  commands: { 'cron-lint': async () => (await import('./cron-lint-command.js')).CRON_LINT_COMMAND },
  scanner: async ({ options }) => {
    const [{ isCronInput }, { analyzeCrontab, shellNotes }, { mayHoldSchedules }, { analyzeYamlSchedules }] = await Promise.all([
      import('./detect.js'),
      import('./lint.js'),
      import('./yaml-paths.js'),
      import('./yaml-lint.js'),
    ]);
    return {
      wants: (file, text) => isCronInput(file, text),
      add: (file, text) => {
        if (mayHoldSchedules(file, text)) {
          const yaml = analyzeYamlSchedules(file, text);
          // A Helm template is not YAML until rendered: quiet. Any other workflow or manifest that
          // did not parse is said to be unchecked, never a clean bill.
          const notes = yaml.error && !text.includes('{{') ? [{ file, message: `${yaml.error}: its schedules were not checked` }] : [];
          return { findings: yaml.findings, errors: [], notes };
        }
        const analysis = analyzeCrontab(file, text, { target: options.target, trustedCommands: options.trustedCommands });
        return { findings: analysis.findings, errors: [], notes: shellNotes(file, analysis) };
      },
    };
  },
} as const satisfies DomainDescriptor<typeof CRON_OPTIONS>;
