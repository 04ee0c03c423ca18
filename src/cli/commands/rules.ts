import type { Command } from 'commander';
import type { Painter, RuleMeta } from '../../findings/model.js';
import { runAction, UsageError } from '../run.js';

function severityPaint(paint: Painter, severity: RuleMeta['severity']): (s: string) => string {
  return severity === 'error' ? paint.red : severity === 'warning' ? paint.yellow : paint.blue;
}

function wrap(text: string, width = 96): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** One rule's whole help, as `authkit rules <id>` prints it in the terminal. */
function ruleHelp(rule: RuleMeta, domain: string, paint: Painter): string {
  const out = [
    `${paint.bold(rule.id)}  ${severityPaint(paint, rule.severity)(rule.severity)} by default · ${domain} domain${rule.security ? ' · security' : ''}`,
    '',
    rule.description,
    '',
    wrap(rule.help),
  ];
  const example = (kind: 'valid' | 'invalid', label: string) => {
    for (const e of rule.examples?.[kind] ?? []) {
      out.push('', `${label}${e.note ? ` (${e.note})` : ''}:`, ...e.code.split('\n').map((l) => `    ${l}`));
    }
  };
  example('invalid', paint.red('Reported'));
  example('valid', paint.green('Not reported'));
  out.push(
    '',
    `Change its severity or turn it off in authkit.config.json: { "rules": { "${rule.id}": "warning" } } (error, warning, info, off).`,
    `Suppress one place with a comment: authkit-ignore-next-line ${rule.id} -- reason`,
  );
  return out.join('\n');
}

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('list the rules, or show one rule\'s full help')
    .argument('[id-or-domain]', 'a rule id (jwt/alg-none) for its help, or a domain (jwt, regex, cron, session, meta) for its rules')
    .addHelpText('after', '\nExamples:\n  $ authkit rules\n  $ authkit rules regex/unparsable-file\n  $ authkit rules jwt --json')
    .action(async (selector: string | undefined, _opts: unknown, cmd: Command) => {
      await runAction(cmd, async (globals) => {
        const [{ ALL_RULES, DOMAINS, domainOfRule, findRule, isDomain }, { makePainter }, { didYouMean }] = await Promise.all([
          import('../../rules/index.js'),
          import('../color.js'),
          import('../suggest.js'),
        ]);
        const paint = makePainter(globals.color);
        const single = selector && !isDomain(selector) ? findRule(selector) : undefined;
        if (selector && !isDomain(selector) && !single) {
          const known = [...DOMAINS, ...ALL_RULES.map((r) => r.id)];
          throw new UsageError(`no rule or domain '${selector}'${didYouMean(selector, known)}; \`authkit rules\` lists them`);
        }
        const rules = single ? [single] : ALL_RULES.filter((r) => !selector || domainOfRule(r.id) === selector);
        return {
          command: 'rules',
          findings: [],
          errors: [],
          rules,
          json: {
            rules: rules.map((r) => ({
              id: r.id,
              domain: domainOfRule(r.id),
              severity: r.severity,
              description: r.description,
              security: Boolean(r.security),
              ...(single ? { help: r.help, examples: r.examples ?? { valid: [], invalid: [] } } : {}),
            })),
          },
          text: () => {
            if (single) return ruleHelp(single, domainOfRule(single.id)!, paint);
            const width = Math.max(0, ...rules.map((r) => r.id.length));
            return rules.map((r) => `${r.id.padEnd(width)}  ${severityPaint(paint, r.severity)(r.severity.padEnd(7))}  ${r.description}`).join('\n');
          },
        };
      });
    });
}
