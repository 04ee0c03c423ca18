// What a domain declares about itself, in one object (`src/<domain>/domain.ts`): its rules, the
// options it reads from authkit.config.json (validated centrally by src/config/validate.ts), the
// flags that change its rules, its scanner for `authkit scan`, loaded only when a scan runs, and its
// own commands (src/findings/command.ts), loaded only when one of them runs or help lists them.
// The registry (src/rules/index.ts) lists the descriptors; the CLI hands what each layer needs
// down from there, so no domain, no config code and no pipeline imports the registry.
import type { CommandSpec } from './command.js';
import type { Finding, InputError, InputNote, RuleMeta } from './model.js';

interface OptionBase {
  /** One line for `authkit rules` and the config schema. */
  description: string;
  /** The command-line flag that overrides it, when there is one. */
  flag?: string;
  /** The rules whose findings it changes (listed by `authkit rules <id>`). */
  rules?: readonly string[];
}

/**
 * A config option's kind fixes how it is checked and what it becomes: a duration (seconds, or
 * "15m") and an integer become numbers, a choice one of its values, names and paths string arrays.
 */
export type OptionSpec = OptionBase &
  (
    | { kind: 'duration'; /** Shown in the problem: '"24h" or "30d"'. */ example: string }
    | { kind: 'integer'; max: number; unit: string }
    | { kind: 'choice'; values: readonly string[] }
    /** Bare command names (no slash, no space). */
    | { kind: 'names' }
    /** A path or a non-empty array of paths, relative to the config file's folder. */
    | { kind: 'paths' }
  );

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S extends { kind: 'duration' | 'integer' }
  ? number
  : S extends { kind: 'choice'; values: readonly (infer V)[] }
    ? V
    : string[];

/** The validated options of one domain, as its code reads them (every key optional). */
export type OptionValues<S extends OptionSpecs> = { -readonly [K in keyof S]?: ValueOf<S[K]> };

/** A flag that changes rules but has no config key (`--now`, `--leeway`). */
export interface RuleFlag {
  flag: string;
  description: string;
  rules: readonly string[];
}

/**
 * One domain as `authkit scan` drives it. Per-file domains answer from `add`; domains that work best
 * on everything at once (the regex engine dedupes patterns across files and runs a worker pool)
 * keep what they were given and answer from `finish`. Inline directives are not theirs to apply:
 * the findings pipeline does it for every command.
 */
export interface DomainScanner {
  /** Cheap: decides from the path (and, if needed, the text) whether this domain reads the file. */
  wants(file: string, text: string): boolean;
  /** Errors come back only for inputs the domain cannot read at all (a .har that is not a HAR). */
  add(file: string, text: string): Promise<Finding[] | FileResult> | Finding[] | FileResult;
  finish?(): Promise<FileResult>;
}

export interface FileResult {
  findings: Finding[];
  errors: InputError[];
  /** What the domain read but left unexamined (a cap, a parser limit): said in every format. */
  notes?: InputNote[];
}

export interface ScannerContext<Options> {
  cwd: string;
  now: Date;
  /** This domain's validated section of the config. */
  options: Options;
  /** Progress of long work, for the scan's progress line: ('pattern', 120) reads "120 patterns analyzed". */
  onProgress?: (unit: string, done: number) => void;
}

export interface DomainDescriptor<S extends OptionSpecs = OptionSpecs> {
  /** Its section in the config and what owns its rules (ids are `name/...` by convention only). */
  name: string;
  /** One line for `authkit rules`. */
  description: string;
  rules: readonly RuleMeta[];
  /** Its section of authkit.config.json. */
  options?: S;
  flags?: readonly RuleFlag[];
  /** Its part of `authkit scan`; a domain without one is not run by scan. */
  scanner?: (context: ScannerContext<OptionValues<S>>) => Promise<DomainScanner>;
  /** Its subcommands by name (`authkit cron-lint`), each loaded when it runs or help lists it. */
  commands?: Readonly<Record<string, () => Promise<CommandSpec<OptionValues<S>, never>>>>;
}

/** A domain's section of a validated config, typed by its option specs. */
export function optionsOf<S extends OptionSpecs>(config: { options: Readonly<Record<string, unknown>> }, domain: { name: string; options?: S }): OptionValues<S> {
  return (config.options[domain.name] ?? {}) as OptionValues<S>;
}
