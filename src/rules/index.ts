// The one rule registry. Every domain declares its rules once in its own rules.ts
// (`as const satisfies readonly RuleMeta[]`); this module collects them, so `authkit rules`,
// config validation, SARIF rules[], the README tables and the findings pipeline read one list,
// and a rule id that is not registered is a type error (and, at run time, an internal error).
// Only rule metadata lives here: importing it never loads a parser or an analyzer.
import { CRON_RULES } from '../cron/rules.js';
import type { Finding, RuleMeta, Severity } from '../findings/model.js';
import { META_RULES } from '../findings/rules.js';
import { JWT_RULES } from '../jwt/rules.js';
import { REGEX_RULES } from '../regex/rules.js';
import { SESSION_RULES } from '../session/all-rules.js';

/** One entry per domain, in the order `authkit rules` lists them. Add a domain here (one line). */
export const RULE_DOMAINS = [
  { name: 'jwt', description: 'JSON Web Tokens: decode, verify, sign, tokens left in files', rules: JWT_RULES },
  { name: 'regex', description: 'Regular expressions that backtrack catastrophically (ReDoS)', rules: REGEX_RULES },
  { name: 'cron', description: 'Crontabs: schedules, environment and shell portability', rules: CRON_RULES },
  { name: 'session', description: 'Sessions and tokens in web-app code and captured HTTP traffic', rules: SESSION_RULES },
  { name: 'meta', description: "authkit's own directives (inline suppressions)", rules: META_RULES },
] as const;

export type RuleDomain = (typeof RULE_DOMAINS)[number]['name'];
export type RuleId = (typeof RULE_DOMAINS)[number]['rules'][number]['id'];

/** A command-line flag or config key that changes what a rule reports. */
export interface RuleOption {
  flag?: string;
  config?: string;
  description: string;
}

const LIFETIME: RuleOption = { flag: '--max-lifetime <duration>', config: 'jwt.maxLifetime', description: 'longest acceptable exp - iat (default 15m)' };
const LEEWAY: RuleOption = { flag: '--leeway <duration>', description: 'clock skew allowed for exp, nbf and iat (default 0)' };
const NOW: RuleOption = { flag: '--now <time>', description: 'evaluate time claims at this moment instead of now' };
const BUDGET: RuleOption = { flag: '--budget <ms>', config: 'regex.budgetMs', description: 'a run this long on an attack input confirms the finding (default 100)' };
const MAX_INPUT: RuleOption = { flag: '--max-input <chars>', config: 'regex.maxInput', description: 'longest attack input tried (default 50000)' };
const TARGET: RuleOption = { flag: '--target <cron>', config: 'cron.target', description: 'the cron the files are for (debian, rhel, busybox...)' };
const ACCESS_LIFETIME: RuleOption = { config: 'session.accessTokenMaxLifetime', description: 'longest acceptable access-token lifetime in code (default 15m)' };
const REFRESH_LIFETIME: RuleOption = { config: 'session.refreshTokenMaxLifetime', description: 'longest acceptable refresh-token lifetime in code (default 30d)' };
const TRUST: RuleOption = { flag: '--trust <cmd>', config: 'cron.trustedCommands', description: "bare command names known to be on cron's PATH where the crontab runs" };

/** Options per rule; every rule also takes a severity (or "off") under `rules` in the config. */
const RULE_OPTIONS: Partial<Record<RuleId, readonly RuleOption[]>> = {
  'jwt/lifetime-too-long': [LIFETIME],
  'jwt/expired': [NOW, LEEWAY],
  'jwt/not-yet-valid': [NOW, LEEWAY],
  'jwt/iat-in-future': [NOW, LEEWAY],
  'regex/redos-exponential': [BUDGET, MAX_INPUT],
  'regex/redos-polynomial': [BUDGET, MAX_INPUT],
  'cron/missing-path': [TARGET, TRUST],
  'cron/missing-shell': [TARGET],
  'cron/bashism-under-sh': [TARGET],
  'cron/relative-binary': [TARGET, TRUST],
  'session/access-token-lifetime': [ACCESS_LIFETIME, REFRESH_LIFETIME],
};

export interface RegisteredRule extends RuleMeta {
  id: RuleId;
  domain: RuleDomain;
  options: readonly RuleOption[];
}

export const RULES: readonly RegisteredRule[] = RULE_DOMAINS.flatMap((domain) =>
  (domain.rules as readonly RuleMeta[]).map((rule) => ({ ...rule, id: rule.id as RuleId, domain: domain.name, options: RULE_OPTIONS[rule.id as RuleId] ?? [] })),
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
  return RULE_DOMAINS.some((d) => d.name === name);
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
