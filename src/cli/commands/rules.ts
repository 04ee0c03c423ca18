import type { Command } from 'commander';
import type { Painter, RuleMeta, Severity } from '../../findings/model.js';
import { runAction } from '../run.js';

/** Every registered rule (kept for callers that want plain metadata). */
export async function allRules(): Promise<readonly RuleMeta[]> {
  return (await import('../../rules/index.js')).RULES;
}

function paintSeverity(paint: Painter, severity: Severity): (s: string) => string {
  return severity === 'error' ? paint.red : severity === 'warning' ? paint.yellow : paint.blue;
}

/** Standards and documents a help text cites, so the terminal shows them as a list too. */
const REFERENCE_PATTERNS = [/\bRFC \d{3,5}(?: section \d{1,2}(?:\.\d{1,2}){0,3})?/g, /\bCWE-\d{1,5}(?: \([^()]{1,80}\))?/g, /\bECMA-262(?:, section \d{1,2}(?:\.\d{1,2}){0,3})?/g, /\b[a-z]{2,12}\(\d\)/g, /\bdocs\/[\w.-]{1,40}\.md/g];

function referencesIn(help: string): string[] {
  const found = REFERENCE_PATTERNS.flatMap((re) => [...help.matchAll(re)].map((m) => ({ at: m.index, text: m[0] })));
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.text))];
}

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('list every rule, or show the full help of one rule or one domain')
    .argument('[id|domain]', 'a rule id (jwt/alg-none) or a domain (jwt, regex, cron, session, meta)')
    .addHelpText('after', '\nExamples:\n  $ authkit rules\n  $ authkit rules regex/redos-exponential\n  $ authkit rules jwt --json')
    .action(async (selector: string | undefined, _opts: unknown, cmd: Command) => {
      await runAction(cmd, async (globals) => {
        const registry = await import('../../rules/index.js');
        const paint = await (await import('../color.js')).makePainter(globals.color);
        const one = selector === undefined ? undefined : registry.findRule(selector);
        if (selector !== undefined && !one && !registry.isRuleDomain(selector)) {
          const [{ UsageError }, { didYouMean }] = await Promise.all([import('../../findings/errors.js'), import('../../findings/suggest.js')]);
          const names = [...registry.DOMAINS.map((d) => d.name), ...registry.RULES.map((r) => r.id)];
          throw new UsageError(`unknown rule or domain "${selector}"${didYouMean(selector, names)}; \`authkit rules\` lists them`);
        }
        const rules = one ? [one] : selector ? registry.rulesOfDomain(selector as never) : registry.RULES;
        const describe = (r: (typeof rules)[number]) => ({ id: r.id, domain: r.domain, severity: r.severity, description: r.description, security: Boolean(r.security) });
        const full = (r: (typeof rules)[number]) => ({ ...describe(r), help: r.help, references: referencesIn(r.help), options: r.options, examples: r.examples ?? { valid: [], invalid: [] } });
        const list = () => {
          const width = Math.max(0, ...rules.map((r) => r.id.length));
          return rules.map((r) => `${r.id.padEnd(width)}  ${paintSeverity(paint, r.severity)(r.severity.padEnd(7))}  ${r.description}`).join('\n');
        };
        const detail = (r: (typeof rules)[number]) => {
          const lines = [
            `${paint.bold(r.id)}  ${paintSeverity(paint, r.severity)(r.severity)} by default${r.security ? ', security' : ''}  (domain ${r.domain})`,
            '',
            r.description,
            '',
            ...r.help.split('\n'),
          ];
          const refs = referencesIn(r.help);
          if (refs.length > 0) lines.push('', 'References:', ...refs.map((ref) => `  ${ref}`));
          lines.push('', 'Options:', `  config: "rules": { "${r.id}": "off" | "info" | "warning" | "error" }`);
          for (const o of r.options) lines.push(`  ${[o.flag, o.config && `config ${o.config}`].filter(Boolean).join(', ')}: ${o.description}`);
          const examples = r.examples;
          if (examples) {
            const show = (label: string, list: readonly { code: string; note?: string }[]) => {
              if (list.length === 0) return;
              lines.push('', `${label}:`);
              for (const e of list) lines.push(...e.code.replace(/\n$/, '').split('\n').map((l) => `  ${l}`), ...(e.note ? [paint.gray(`    (${e.note})`)] : []));
            };
            show('Reported', examples.invalid);
            show('Not reported', examples.valid);
          }
          return lines.join('\n');
        };
        return {
          command: 'rules',
          findings: [],
          errors: [],
          rules,
          // Each domain's config options too: scripts/config-schema.mjs writes the config schema from them.
          json: one
            ? { rule: full(one), rules: [full(one)] }
            : { rules: rules.map(selector ? full : describe), ...(selector ? {} : { domains: registry.DOMAINS.map((d) => ({ name: d.name, description: d.description, options: 'options' in d ? d.options : {} })) }) },
          text: () => (one ? detail(one) : list()),
        };
      });
    });
}
