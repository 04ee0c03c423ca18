import type { Command } from 'commander';
import type { RuleMeta } from '../../findings/model.js';
import { runAction } from '../run.js';

export async function allRules(): Promise<RuleMeta[]> {
  const [{ JWT_RULES }, { REGEX_RULES }, { CRON_RULES }, { SESSION_RULES }, { UNUSED_SUPPRESSION_RULE }] = await Promise.all([
    import('../../jwt/rules.js'),
    import('../../regex/rules.js'),
    import('../../cron/rules.js'),
    import('../../session/all-rules.js'),
    import('../../findings/suppress.js'),
  ]);
  const meta: RuleMeta = {
    id: UNUSED_SUPPRESSION_RULE,
    severity: 'warning',
    description: 'An authkit-ignore comment that suppressed nothing',
    help: 'A suppression comment that matches no finding hides nothing today and may hide a real problem tomorrow. Remove it, or fix its rule id.',
  };
  return [...JWT_RULES, ...REGEX_RULES, ...CRON_RULES, ...SESSION_RULES, meta];
}

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('list every rule with its id, default severity and description')
    .argument('[domain]', 'only this domain: jwt, regex, cron, session or meta')
    .addHelpText('after', '\nExamples:\n  $ authkit rules\n  $ authkit rules jwt --json')
    .action(async (domain: string | undefined, _opts: unknown, cmd: Command) => {
      await runAction(cmd, async (globals) => {
        const rules = (await allRules()).filter((r) => !domain || r.id.startsWith(`${domain}/`));
        const paint = (await import('../color.js')).makePainter(globals.color);
        return {
          command: 'rules',
          findings: [],
          errors: [],
          rules,
          json: { rules: rules.map(({ id, severity, description, security }) => ({ id, severity, description, security: Boolean(security) })) },
          text: () => {
            const width = Math.max(0, ...rules.map((r) => r.id.length));
            return rules
              .map((r) => `${r.id.padEnd(width)}  ${(r.severity === 'error' ? paint.red : r.severity === 'warning' ? paint.yellow : paint.blue)(r.severity.padEnd(7))}  ${r.description}`)
              .join('\n');
          },
        };
      });
    });
}
