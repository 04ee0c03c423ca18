import type { SeverityOrOff } from '../findings/model.js';
import { didYouMean } from '../findings/suggest.js';

/**
 * The hand-written twin of schema/authkit.config.schema.json (a test keeps the two in step).
 * Written by hand rather than with ajv so that a command reading a config does not load a schema
 * compiler at start-up, and so that every problem names its exact JSON path.
 */

export const SEVERITY_SETTINGS: readonly SeverityOrOff[] = ['off', 'info', 'warning', 'error'];

export interface ConfigOptions {
  jwt: { maxLifetimeSeconds?: number /** Relative to the config file's folder. */; secretsList?: string[] };
  regex: { maxInput?: number; budgetMs?: number };
  cron: { target?: string; trustedCommands?: string[] };
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

/** ESLint's spellings: "warn", and 0/1/2 for off/warning/error. */
const SEVERITY_ALIASES: Record<string, SeverityOrOff> = { warn: 'warning', '0': 'off', '1': 'warning', '2': 'error' };

function severitySetting(value: unknown): SeverityOrOff | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? SEVERITY_ALIASES[String(value)] : undefined;
  if (typeof value !== 'string') return undefined;
  if ((SEVERITY_SETTINGS as readonly string[]).includes(value)) return value as SeverityOrOff;
  return value === 'warn' ? 'warning' : undefined;
}

/**
 * Did-you-mean hints cost an edit distance against every rule id: worth it for the problems a user
 * reads, not for 40,000 unknown ids in a hostile config (7 s). The CLI lists the first 20 problems.
 */
const HINTED_PROBLEMS = 20;

const SESSION_OPTIONS = ['accessTokenMaxLifetime', 'refreshTokenMaxLifetime'];
const TOP_KEYS = ['$schema', 'rules', 'ignore', 'jwt', 'regex', 'cron', 'session'];

/**
 * Checks a parsed config; returns every problem in document order (`problem` is the first), or
 * the normalised config. All at once, so a user fixes the file in one go.
 */
export function validateConfig(
  doc: unknown,
  known: { ruleIds: ReadonlySet<string>; cronTargets?: readonly string[] },
): { config: ValidConfig } | { problem: ConfigProblem; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const fail = (path: string, message: string) => {
    problems.push({ path, message });
  }; /** A lifetime option: seconds, or a duration such as "15m"; undefined (and a problem) when neither. */
  const duration = (at: string, setting: unknown, example: string): number | undefined => {
    const seconds = parseDurationSeconds(setting);
    if (seconds === undefined) fail(at, `expected seconds (a positive integer) or a duration such as ${example}, found ${describeType(setting)}`);
    return seconds;
  };

  if (!isPlainObject(doc)) {
    fail('', `expected an object, found ${describeType(doc)}`);
    return { problem: problems[0]!, problems };
  }
  const config: ValidConfig = { rules: {}, ignore: [], jwt: {}, regex: {}, cron: {}, session: {} };

  for (const [key, value] of Object.entries(doc)) {
    const here = jsonPath('', key);
    switch (key) {
      case '$schema':
        if (typeof value !== 'string') {
          fail(here, `expected a string, found ${describeType(value)}`);
          continue;
        }
        break;
      case 'rules': {
        if (!isPlainObject(value)) {
          fail(here, `expected an object of rule ids, found ${describeType(value)}`);
          continue;
        }
        for (const [id, setting] of Object.entries(value)) {
          const at = jsonPath(here, id);
          if (!known.ruleIds.has(id)) {
            const hint = problems.length < HINTED_PROBLEMS ? didYouMean(id, known.ruleIds) : '';
            fail(at, `unknown rule id${hint} (see \`authkit rules\`)`);
            continue;
          }
          const severity = severitySetting(setting);
          if (severity === undefined) {
            fail(at, `expected one of "off", "info", "warning", "error" (or "warn", 0, 1, 2), found ${describeType(setting)}`);
            continue;
          }
          config.rules[id] = severity;
        }
        break;
      }
      case 'ignore': {
        if (!Array.isArray(value)) {
          fail(here, `expected an array of glob strings, found ${describeType(value)}`);
          continue;
        }
        for (const [i, glob] of value.entries()) {
          if (typeof glob !== 'string' || glob.trim() === '') {
            fail(jsonPath(here, i), `expected a non-empty glob string, found ${describeType(glob)}`);
            continue;
          }
          config.ignore.push(glob);
        }
        break;
      }
      case 'jwt': {
        if (!isPlainObject(value)) {
          fail(here, `expected an object, found ${describeType(value)}`);
          continue;
        }
        for (const [option, setting] of Object.entries(value)) {
          const at = jsonPath(here, option);
          if (option === 'secretsList') {
            const lists = typeof setting === 'string' ? [setting] : setting;
            if (!Array.isArray(lists) || lists.length === 0 || !lists.every((l) => typeof l === 'string' && l !== '')) {
              fail(at, `expected a file path or an array of file paths, found ${describeType(setting)}`);
              continue;
            }
            config.jwt.secretsList = lists as string[];
            continue;
          }
          if (option !== 'maxLifetime') {
            fail(at, `unknown option${didYouMean(option, ['maxLifetime', 'secretsList'])} (known: maxLifetime, secretsList)`);
            continue;
          }
          const seconds = duration(at, setting, '"24h" or "30d"');
          if (seconds !== undefined) config.jwt.maxLifetimeSeconds = seconds;
        }
        break;
      }
      case 'regex': {
        if (!isPlainObject(value)) {
          fail(here, `expected an object, found ${describeType(value)}`);
          continue;
        }
        for (const [option, setting] of Object.entries(value)) {
          const at = jsonPath(here, option);
          if (option === 'maxInput') {
            const n = positiveInteger(setting, REGEX_MAX_INPUT_LIMIT);
            if (n === undefined) {
              fail(at, `expected an integer from 1 to ${REGEX_MAX_INPUT_LIMIT} (characters), found ${describeType(setting)}`);
              continue;
            }
            config.regex.maxInput = n;
          } else if (option === 'budgetMs') {
            const n = positiveInteger(setting, REGEX_BUDGET_LIMIT_MS);
            if (n === undefined) {
              fail(at, `expected an integer from 1 to ${REGEX_BUDGET_LIMIT_MS} (milliseconds), found ${describeType(setting)}`);
              continue;
            }
            config.regex.budgetMs = n;
          } else {
            fail(at, `unknown option${didYouMean(option, ['maxInput', 'budgetMs'])} (known: maxInput, budgetMs)`);
          }
        }
        break;
      }
      case 'cron': {
        if (!isPlainObject(value)) {
          fail(here, `expected an object, found ${describeType(value)}`);
          continue;
        }
        for (const [option, setting] of Object.entries(value)) {
          const at = jsonPath(here, option);
          if (option === 'trustedCommands') {
            // Bare names only: a path is already absolute or relative, and trust cannot change that.
            if (!Array.isArray(setting) || !setting.every((c) => typeof c === 'string' && /^[^/\s]+$/.test(c))) {
              fail(at, `expected an array of command names without / or spaces, found ${describeType(setting)}`);
              continue;
            }
            config.cron.trustedCommands = setting as string[];
            continue;
          }
          if (option !== 'target') {
            fail(at, `unknown option${didYouMean(option, ['target', 'trustedCommands'])} (known: target, trustedCommands)`);
            continue;
          }
          const targets = known.cronTargets;
          if (typeof setting !== 'string' || setting === '' || (targets && !targets.includes(setting))) {
            const expected = targets ? `one of ${targets.map((t) => JSON.stringify(t)).join(', ')}` : 'a non-empty string';
            fail(at, `expected ${expected}, found ${describeType(setting)}`);
            continue;
          }
          config.cron.target = setting;
        }
        break;
      }
      case 'session': {
        if (!isPlainObject(value)) {
          fail(here, `expected an object, found ${describeType(value)}`);
          continue;
        }
        for (const [option, setting] of Object.entries(value)) {
          const at = jsonPath(here, option);
          if (option !== 'accessTokenMaxLifetime' && option !== 'refreshTokenMaxLifetime') {
            fail(at, `unknown option${didYouMean(option, SESSION_OPTIONS)} (known: ${SESSION_OPTIONS.join(', ')})`);
            continue;
          }
          const seconds = duration(at, setting, '"15m" or "30d"');
          if (seconds === undefined) continue;
          if (option === 'accessTokenMaxLifetime') config.session.accessTokenMaxLifetimeSeconds = seconds;
          else config.session.refreshTokenMaxLifetimeSeconds = seconds;
        }
        break;
      }
      default: {
        fail(here, `unknown key${didYouMean(key, TOP_KEYS)} (known: ${TOP_KEYS.join(', ')})`);
        continue;
      }
    }
  }
  return problems.length > 0 ? { problem: problems[0]!, problems } : { config };
}
