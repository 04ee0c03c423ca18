import type { SeverityOrOff } from '../findings/model.js';

/**
 * The hand-written twin of schema/authkit.config.schema.json (a test keeps the two in step).
 * Written by hand rather than with ajv so that a command reading a config does not load a schema
 * compiler at start-up, and so that every problem names its exact JSON path.
 */

export const SEVERITY_SETTINGS: readonly SeverityOrOff[] = ['off', 'info', 'warning', 'error'];

export interface ConfigOptions {
  jwt: { maxLifetimeSeconds?: number };
  regex: { maxInput?: number; budgetMs?: number };
  cron: { target?: string };
  session: { accessTokenMaxLifetimeSeconds?: number; refreshTokenMaxLifetimeSeconds?: number };
}

export interface ValidConfig extends ConfigOptions {
  rules: Record<string, SeverityOrOff>;
  ignore: string[];
}

export interface ConfigProblem {
  /** `rules["jwt/nope"]`, `jwt.maxLifetime`, `ignore[2]`; '' for the document itself. */
  path: string;
  message: string;
}

export const REGEX_MAX_INPUT_LIMIT = 10_000_000;
export const REGEX_BUDGET_LIMIT_MS = 60_000;
const DURATION = /^([1-9][0-9]*)([smhdw])$/;
const DURATION_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

export function jsonPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Seconds from `86400` or `"24h"` (s, m, h, d, w); undefined when neither. */
export function parseDurationSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = DURATION.exec(value);
  return m ? Number(m[1]) * DURATION_SECONDS[m[2]!]! : undefined;
}

function positiveInteger(value: unknown, max: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max ? value : undefined;
}

/**
 * Checks a parsed config; returns the first problem in document order, or the normalised config.
 * One problem at a time keeps the message to one line that a user fixes and re-runs.
 */
export function validateConfig(
  doc: unknown,
  known: { ruleIds: ReadonlySet<string>; cronTargets?: readonly string[] },
): { config: ValidConfig } | { problem: ConfigProblem } {
  const fail = (path: string, message: string) => ({ problem: { path, message } });
  if (!isPlainObject(doc)) return fail('', `expected an object, found ${describeType(doc)}`);
  const config: ValidConfig = { rules: {}, ignore: [], jwt: {}, regex: {}, cron: {}, session: {} };

  for (const [key, value] of Object.entries(doc)) {
    const here = jsonPath('', key);
    switch (key) {
      case '$schema':
        if (typeof value !== 'string') return fail(here, `expected a string, found ${describeType(value)}`);
        break;
      case 'rules': {
        if (!isPlainObject(value)) return fail(here, `expected an object of rule ids, found ${describeType(value)}`);
        for (const [id, setting] of Object.entries(value)) {
          const at = jsonPath(here, id);
          if (!known.ruleIds.has(id)) return fail(at, 'unknown rule id (see `authkit rules`)');
          if (typeof setting !== 'string' || !(SEVERITY_SETTINGS as readonly string[]).includes(setting)) {
            return fail(at, `expected one of "off", "info", "warning", "error", found ${describeType(setting)}`);
          }
          config.rules[id] = setting as SeverityOrOff;
        }
        break;
      }
      case 'ignore': {
        if (!Array.isArray(value)) return fail(here, `expected an array of glob strings, found ${describeType(value)}`);
        for (const [i, glob] of value.entries()) {
          if (typeof glob !== 'string' || glob.trim() === '') return fail(jsonPath(here, i), `expected a non-empty glob string, found ${describeType(glob)}`);
          config.ignore.push(glob);
        }
        break;
      }
      case 'jwt': {
        if (!isPlainObject(value)) return fail(here, `expected an object, found ${describeType(value)}`);
        for (const [option, setting] of Object.entries(value)) {
          const at = jsonPath(here, option);
          if (option !== 'maxLifetime') return fail(at, 'unknown option (known: maxLifetime)');
          const seconds = parseDurationSeconds(setting);
          if (seconds === undefined) return fail(at, `expected seconds (a positive integer) or a duration such as "24h" or "30d", found ${describeType(setting)}`);
          config.jwt.maxLifetimeSeconds = seconds;
        }
        break;
      }
      case 'regex': {
        if (!isPlainObject(value)) return fail(here, `expected an object, found ${describeType(value)}`);
        for (const [option, setting] of Object.entries(value)) {
          const at = jsonPath(here, option);
          if (option === 'maxInput') {
            const n = positiveInteger(setting, REGEX_MAX_INPUT_LIMIT);
            if (n === undefined) return fail(at, `expected an integer from 1 to ${REGEX_MAX_INPUT_LIMIT} (characters), found ${describeType(setting)}`);
            config.regex.maxInput = n;
          } else if (option === 'budgetMs') {
            const n = positiveInteger(setting, REGEX_BUDGET_LIMIT_MS);
            if (n === undefined) return fail(at, `expected an integer from 1 to ${REGEX_BUDGET_LIMIT_MS} (milliseconds), found ${describeType(setting)}`);
            config.regex.budgetMs = n;
          } else {
            return fail(at, 'unknown option (known: maxInput, budgetMs)');
          }
        }
        break;
      }
      case 'cron': {
        if (!isPlainObject(value)) return fail(here, `expected an object, found ${describeType(value)}`);
        for (const [option, setting] of Object.entries(value)) {
          const at = jsonPath(here, option);
          if (option !== 'target') return fail(at, 'unknown option (known: target)');
          const targets = known.cronTargets;
          if (typeof setting !== 'string' || setting === '' || (targets && !targets.includes(setting))) {
            const expected = targets ? `one of ${targets.map((t) => JSON.stringify(t)).join(', ')}` : 'a non-empty string';
            return fail(at, `expected ${expected}, found ${describeType(setting)}`);
          }
          config.cron.target = setting;
        }
        break;
      }
      case 'session': {
        if (!isPlainObject(value)) return fail(here, `expected an object, found ${describeType(value)}`);
        for (const [option, setting] of Object.entries(value)) {
          const at = jsonPath(here, option);
          if (option !== 'accessTokenMaxLifetime' && option !== 'refreshTokenMaxLifetime') return fail(at, 'unknown option (known: accessTokenMaxLifetime, refreshTokenMaxLifetime)');
          const seconds = parseDurationSeconds(setting);
          if (seconds === undefined) return fail(at, `expected seconds (a positive integer) or a duration such as "15m" or "30d", found ${describeType(setting)}`);
          if (option === 'accessTokenMaxLifetime') config.session.accessTokenMaxLifetimeSeconds = seconds;
          else config.session.refreshTokenMaxLifetimeSeconds = seconds;
        }
        break;
      }
      default:
        return fail(here, 'unknown key (known: $schema, rules, ignore, jwt, regex, cron, session)');
    }
  }
  return { config };
}
