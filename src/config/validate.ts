import type { OptionSpec, OptionSpecs } from '../findings/domain.js';
import type { SeverityOrOff } from '../findings/model.js';
import { didYouMean } from '../findings/suggest.js';

/**
 * The hand-written twin of schema/authkit.config.schema.json (a test keeps the two in step).
 * Written by hand rather than with ajv so that a command reading a config does not load a schema
 * compiler at start-up, and so that every problem names its exact JSON path.
 */

export const SEVERITY_SETTINGS: readonly SeverityOrOff[] = ['off', 'info', 'warning', 'error'];

export interface ValidConfig {
  rules: Record<string, SeverityOrOff>;
  ignore: string[];
  /** Each domain's section, keyed by domain name, values parsed by their kind (durations in seconds). */
  options: Record<string, Record<string, unknown>>;
}

/** What validation must know, handed down by the CLI from the rule registry. */
export interface ConfigKnowledge {
  ruleIds: ReadonlySet<string>;
  /** The domains with a section of options in the config. */
  domains: readonly { name: string; options?: OptionSpecs }[];
}

export interface ConfigProblem {
  /** `rules["jwt/nope"]`, `jwt.maxLifetime`, `ignore[2]`; '' for the document itself. */
  path: string;
  message: string;
}

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

/** One option's value, parsed by its kind, or the problem to report at its path. */
function parseOption(spec: OptionSpec, setting: unknown): { value: unknown } | { problem: string } {
  switch (spec.kind) {
    case 'duration': {
      const seconds = parseDurationSeconds(setting);
      return seconds === undefined ? { problem: `expected seconds (a positive integer) or a duration such as ${spec.example}, found ${describeType(setting)}` } : { value: seconds };
    }
    case 'integer': {
      const n = positiveInteger(setting, spec.max);
      return n === undefined ? { problem: `expected an integer from 1 to ${spec.max} (${spec.unit}), found ${describeType(setting)}` } : { value: n };
    }
    case 'choice':
      return typeof setting === 'string' && spec.values.includes(setting)
        ? { value: setting }
        : { problem: `expected one of ${spec.values.map((v) => JSON.stringify(v)).join(', ')}, found ${describeType(setting)}` };
    case 'names':
      // Bare names only: a path is already absolute or relative, and trust cannot change that.
      return Array.isArray(setting) && setting.every((c) => typeof c === 'string' && /^[^/\s]+$/.test(c))
        ? { value: setting }
        : { problem: `expected an array of command names without / or spaces, found ${describeType(setting)}` };
    case 'paths': {
      const list = typeof setting === 'string' ? [setting] : setting;
      return Array.isArray(list) && list.length > 0 && list.every((l) => typeof l === 'string' && l !== '')
        ? { value: list }
        : { problem: `expected a file path or an array of file paths, found ${describeType(setting)}` };
    }
  }
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


/**
 * Checks a parsed config; returns every problem in document order (`problem` is the first), or
 * the normalised config. All at once, so a user fixes the file in one go.
 */
export function validateConfig(doc: unknown, known: ConfigKnowledge): { config: ValidConfig } | { problem: ConfigProblem; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const fail = (path: string, message: string) => {
    problems.push({ path, message });
  };
  const sections = new Map(known.domains.flatMap((d) => (d.options ? [[d.name, d.options] as const] : [])));
  const topKeys = ['$schema', 'rules', 'ignore', ...sections.keys()];

  if (!isPlainObject(doc)) {
    fail('', `expected an object, found ${describeType(doc)}`);
    return { problem: problems[0]!, problems };
  }
  const config: ValidConfig = { rules: {}, ignore: [], options: {} };

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
      default: {
        const specs = sections.get(key);
        if (!specs) {
          fail(here, `unknown key${didYouMean(key, topKeys)} (known: ${topKeys.join(', ')})`);
          continue;
        }
        if (!isPlainObject(value)) {
          fail(here, `expected an object, found ${describeType(value)}`);
          continue;
        }
        const names = Object.keys(specs);
        const section: Record<string, unknown> = {};
        for (const [option, setting] of Object.entries(value)) {
          const at = jsonPath(here, option);
          // Own keys only: `toString` in a config is a typo, not Object.prototype's.
          const spec = Object.hasOwn(specs, option) ? specs[option] : undefined;
          if (!spec) {
            fail(at, `unknown option${didYouMean(option, names)} (known: ${names.join(', ')})`);
            continue;
          }
          const parsed = parseOption(spec, setting);
          if ('problem' in parsed) fail(at, parsed.problem);
          else section[option] = parsed.value;
        }
        config.options[key] = section;
      }
    }
  }
  return problems.length > 0 ? { problem: problems[0]!, problems } : { config };
}
