// The registry of domains: one descriptor per domain (src/<domain>/domain.ts: rules, config
// options, flags, scanner), listed once here. `authkit rules`, config validation, SARIF rules[],
// suppression ownership, the README tables, the config schema and `authkit scan` all read this
// list, handed down by the CLI: no domain and nothing below the CLI imports it. A rule id that is
// not declared is a type error (RuleId) and, at run time, an internal error (assertRegistered).
// Descriptors hold metadata and lazy loaders only: importing this never loads a parser or an analyzer.
import { CRON_DOMAIN } from '../cron/domain.js';
import type { DomainDescriptor } from '../findings/domain.js';
import type { Finding, RuleMeta, Severity } from '../findings/model.js';
import { META_RULES } from '../findings/rules.js';
import { JWT_DOMAIN } from '../jwt/domain.js';
import { REGEX_DOMAIN } from '../regex/domain.js';
import { SESSION_DOMAIN } from '../session/domain.js';

const META_DOMAIN = { name: 'meta', description: "authkit's own directives (inline suppressions)", rules: META_RULES } as const satisfies DomainDescriptor;

/** Every domain, in the order `authkit rules` lists them. Adding a domain is one line here. */
export const DOMAINS = [JWT_DOMAIN, REGEX_DOMAIN, CRON_DOMAIN, SESSION_DOMAIN, META_DOMAIN] as const;

export type RuleDomain = (typeof DOMAINS)[number]['name'];
export type RuleId = (typeof DOMAINS)[number]['rules'][number]['id'];

/** A command-line flag or config key that changes what a rule reports. */
export interface RuleOption {
  flag?: string;
  config?: string;
  description: string;
}

/** Each rule's options, from the descriptors' config options and flags. */
function optionsByRule(): Map<string, RuleOption[]> {
  const byRule = new Map<string, RuleOption[]>();
  const add = (rules: readonly string[] | undefined, option: RuleOption) => {
    for (const id of rules ?? []) (byRule.get(id) ?? byRule.set(id, []).get(id)!).push(option);
  };
  for (const domain of DOMAINS as readonly DomainDescriptor[]) {
    for (const flag of domain.flags ?? []) add(flag.rules, { flag: flag.flag, description: flag.description });
    for (const [key, spec] of Object.entries(domain.options ?? {})) {
      add(spec.rules, { ...(spec.flag ? { flag: spec.flag } : {}), config: `${domain.name}.${key}`, description: spec.description });
    }
  }
  return byRule;
}

export interface RegisteredRule extends RuleMeta {
  id: RuleId;
  domain: RuleDomain;
  options: readonly RuleOption[];
}

const OPTIONS_BY_RULE = optionsByRule();

export const RULES: readonly RegisteredRule[] = DOMAINS.flatMap((domain) =>
  (domain.rules as readonly RuleMeta[]).map((rule) => ({ ...rule, id: rule.id as RuleId, domain: domain.name, options: OPTIONS_BY_RULE.get(rule.id) ?? [] })),
);

const BY_ID = new Map<string, RegisteredRule>(RULES.map((rule) => [rule.id, rule]));

export function isRuleId(id: string): id is RuleId {
  return BY_ID.has(id);
}

export function ruleMeta(id: RuleId): RegisteredRule {
  return BY_ID.get(id)!;
}

export function findRule(id: string): RegisteredRule | undefined {
  return BY_ID.get(id);
}

export function isRuleDomain(name: string): name is RuleDomain {
  return DOMAINS.some((d) => d.name === name);
}

export function rulesOfDomain(domain: RuleDomain): RegisteredRule[] {
  return RULES.filter((rule) => rule.domain === domain);
}

/** The domain that owns a rule, from the registry (never from the id's prefix). */
export function domainOf(id: string): RuleDomain | undefined {
  return BY_ID.get(id)?.domain;
}

export interface FindingAt {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** A finding of a registered rule, at its default severity unless one is given. */
export function finding(ruleId: RuleId, message: string, at: FindingAt, extra: { severity?: Severity; data?: Record<string, unknown> } = {}): Finding {
  return { ruleId, severity: extra.severity ?? ruleMeta(ruleId).severity, message, ...at, ...(extra.data ? { data: extra.data } : {}) };
}

/** Thrown when a domain reports a rule id nobody registered: a bug in authkit, so exit 2. */
export class UnregisteredRuleError extends Error {
  constructor(readonly ruleId: string) {
    super(`internal error: a finding uses the unregistered rule id ${JSON.stringify(ruleId)} (add it to the domain's rules.ts)`);
  }
}

/** The findings pipeline calls this on everything the domains report. */
export function assertRegistered(findings: readonly Pick<Finding, 'ruleId'>[]): void {
  for (const f of findings) if (!BY_ID.has(f.ruleId)) throw new UnregisteredRuleError(f.ruleId);
}

/** What config validation checks a file against: every rule id and each domain's options. */
export function configKnowledge(): { ruleIds: ReadonlySet<string>; domains: readonly DomainDescriptor[] } {
  return { ruleIds: new Set(BY_ID.keys()), domains: DOMAINS };
}
