// The one registry of rules. Every consumer reads it: `authkit rules`, config validation, the
// findings pipeline (which domain owns a rule, for suppressions), SARIF rules[] and the README
// tables. A domain adds one line here; a test fails when a domain can emit an id not listed.
import { CRON_RULES } from '../cron/rules.js';
import type { RuleMeta } from '../findings/model.js';
import { META_RULES } from '../findings/suppress.js';
import { JWT_RULES } from '../jwt/rules.js';
import { REGEX_RULES } from '../regex/rules.js';
import { SESSION_RULES } from '../session/all-rules.js';

export const RULES_BY_DOMAIN = {
  jwt: JWT_RULES,
  regex: REGEX_RULES,
  cron: CRON_RULES,
  session: SESSION_RULES,
  meta: META_RULES,
} as const satisfies Record<string, readonly RuleMeta[]>;

export type Domain = keyof typeof RULES_BY_DOMAIN;
export type RuleId = (typeof RULES_BY_DOMAIN)[Domain][number]['id'];

export const DOMAINS = Object.keys(RULES_BY_DOMAIN) as Domain[];

export const ALL_RULES: readonly RuleMeta[] = DOMAINS.flatMap((domain): readonly RuleMeta[] => RULES_BY_DOMAIN[domain]);

const BY_ID = new Map<string, { rule: RuleMeta; domain: Domain }>();
for (const domain of DOMAINS) for (const rule of RULES_BY_DOMAIN[domain] as readonly RuleMeta[]) BY_ID.set(rule.id, { rule, domain });

export function findRule(id: string): RuleMeta | undefined {
  return BY_ID.get(id)?.rule;
}

/** The domain that owns a rule, from the registry: never guessed from the id's prefix. */
export function domainOfRule(id: string): Domain | undefined {
  return BY_ID.get(id)?.domain;
}

export function isDomain(name: string): name is Domain {
  return Object.hasOwn(RULES_BY_DOMAIN, name);
}
