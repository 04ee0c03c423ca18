// The facts a cron command yields (commands it calls, bash-only constructs, paths, HOME uses),
// and the builder both readers fill: the mvdan-sh tree walk (shell-tree.ts) and the exact fast
// scanner for plain commands (shell-scan.ts).
import { SHELL_BUILTINS, WRAPPERS } from './commands.js';

export interface Bashism {
  /** Short name of the construct: `[[ ]]`, `&>`, `source`... */
  construct: string;
  /** ShellCheck's code for it, when it has one. */
  shellcheck?: string;
  /** 0-based index in the analysed command. */
  offset: number;
}

export interface CommandUse {
  name: string;
  offset: number;
  /** A `cd` ran earlier in the same command line: relative paths are relative to that. */
  afterCd: boolean;
  /** Reached through a wrapper such as nice, flock or timeout. */
  wrappedBy?: string;
}

export interface PathUse {
  text: string;
  offset: number;
  kind: 'argument' | 'redirect';
}

export interface ShellFacts {
  parseError?: { message: string; offset: number };
  /** Why the command was not checked (too deep or too long for the shell parser): not a syntax error. */
  notChecked?: string;
  commands: CommandUse[];
  bashisms: Bashism[];
  /** `~` or `$HOME` uses. */
  homeRefs: { text: string; offset: number }[];
  /** Arguments starting with ./ or ../ and redirect targets that are not absolute. */
  relativePaths: PathUse[];
  /** Output goes somewhere: a redirect of stdout/stderr or a pipe. */
  outputHandled: boolean;
  /** The command sets PATH itself, or sources a profile or runs a login shell that may. */
  setsPath: boolean;
  /** Shell functions the command defines: calling one looks nothing up in PATH. */
  functions: string[];
}

export const BASH_ONLY_VARIABLES = new Set(['RANDOM', 'SECONDS', 'BASH_SOURCE', 'BASH_VERSION', 'PIPESTATUS', 'EPOCHSECONDS', 'EPOCHREALTIME', 'FUNCNAME', 'BASHPID', 'HOSTNAME', 'EUID', 'UID']);
const BASH_ONLY_BUILTINS = new Set(['shopt', 'pushd', 'popd', 'dirs', 'mapfile', 'readarray', 'disown', 'declare', 'typeset', 'enable', 'builtin', 'caller', 'complete', 'compgen']);

export interface CallWord {
  literal: string | null;
  /** JS string index in the command. */
  offset: number;
}

/** What both readers (the tree walk and the fast scanner) accumulate while going through the command. */
export class FactsBuilder {
  readonly facts: ShellFacts = { commands: [], bashisms: [], homeRefs: [], relativePaths: [], outputHandled: false, setsPath: false, functions: [] };
  private firstCd = Number.POSITIVE_INFINITY;

  bashism(construct: string, shellcheck: string | undefined, offset: number): void {
    this.facts.bashisms.push({ construct, shellcheck, offset });
  }

  /** A simple command: finds the command word through wrappers, notes cd, PATH and call-level bashisms. */
  call(words: CallWord[]): void {
    let i = 0;
    let wrappedBy: string | undefined;
    while (i < words.length) {
      const name = words[i]!.literal;
      if (name === null) return; // computed command name: nothing to look up
      if (name === 'command') {
        const next = words[i + 1]?.literal;
        if (next === '-v' || next === '-V') return; // a lookup, not a run
        i += next === '-p' ? 2 : 1;
        wrappedBy = name;
        continue;
      }
      const wrapper = WRAPPERS[name];
      if (!wrapper) {
        const offset = words[i]!.offset;
        if (name === 'cd') this.firstCd = Math.min(this.firstCd, offset);
        if (name === '.' || name === 'source') this.facts.setsPath = true;
        const rest = words.slice(i + 1);
        if ((name === 'bash' || name === 'sh') && rest.some((a) => /^-[a-km-z]*l[a-z]*$|^--login$/.test(a.literal ?? ''))) this.facts.setsPath = true;
        this.facts.commands.push({ name, offset, afterCd: offset > this.firstCd, wrappedBy });
        this.callBashisms(name, rest, offset);
        return;
      }
      wrappedBy = name;
      i++;
      let positionals = wrapper.positionals;
      while (i < words.length) {
        const word = words[i]!.literal;
        if (word === null) return;
        if (wrapper.stringFlags?.includes(word)) return;
        if (word === '--') {
          i++;
          break;
        }
        if (word.startsWith('-') && word.length > 1) {
          i += wrapper.optionsWithArgument.includes(word) ? 2 : 1;
          continue;
        }
        if (wrapper.assignments && word.includes('=')) {
          if (word.startsWith('PATH=')) this.facts.setsPath = true;
          i++;
          continue;
        }
        if (positionals > 0) {
          positionals--;
          i++;
          continue;
        }
        break;
      }
    }
  }

  private callBashisms(name: string, rest: CallWord[], offset: number): void {
    if (name === 'source') this.bashism('source (use .)', 'SC3046', offset);
    else if (BASH_ONLY_BUILTINS.has(name)) this.bashism(name, 'SC3044', offset);
    else if (name === '[' || name === 'test') {
      const eq = rest.find((a) => a.literal === '==');
      if (eq) this.bashism('== in [ ] (use =)', 'SC3014', eq.offset);
    } else if (name === 'echo') {
      const flag = rest[0]?.literal;
      if (flag && /^-n*[eE][neE]*$/.test(flag)) this.bashism(`echo ${flag} (dash prints the flag; use printf)`, 'SC3037', rest[0]!.offset);
    } else if (name === 'read') {
      const flag = rest.map((a) => a.literal).find((a) => a && /^-[a-zA-Z]*[pasnteiuN]/.test(a) && !/^-r+$/.test(a));
      if (flag) this.bashism(`read ${flag}`, 'SC3045', offset);
    }
  }

  /** Any word: `~` at its start, or a lone ./ or ../ literal. `firstLiteral` is its leading unquoted text. */
  word(firstLiteral: string | null, onlyLiteral: boolean, offset: number): void {
    if (firstLiteral === null) return;
    if (firstLiteral.startsWith('~')) this.facts.homeRefs.push({ text: firstLiteral.split('/')[0]!, offset });
    if (onlyLiteral && (firstLiteral.startsWith('./') || firstLiteral.startsWith('../'))) this.facts.relativePaths.push({ text: firstLiteral, offset, kind: 'argument' });
  }

  parameter(name: string, offset: number, plain: boolean): void {
    if (name === 'HOME') this.facts.homeRefs.push({ text: '$HOME', offset });
    if (plain && BASH_ONLY_VARIABLES.has(name)) this.bashism(`$${name}`, 'SC3028', offset);
  }

  /** A redirection: `op` is its operator text (at least the first 3 characters), `fd` the explicit descriptor. */
  redirect(op: string, fd: string | null, target: string | null, targetOffset: number, opOffset: number): void {
    if (op.startsWith('&>')) {
      this.bashism(op.startsWith('&>>') ? '&>>' : '&>', 'SC3020', opOffset);
      this.facts.outputHandled = true;
    } else if (op.startsWith('<<<')) this.bashism('here-string <<<', 'SC3011', opOffset);
    const dup = op.startsWith('>&') || op.startsWith('<&');
    if (dup && target !== null && !/^(\d+|-)$/.test(target)) this.bashism('>& file (use > file 2>&1)', 'SC3020', opOffset);
    if (!op.startsWith('<') && (fd === null || fd === '1' || fd === '2')) this.facts.outputHandled = true;
    if (!dup && !op.startsWith('<<') && target !== null && target.length > 0 && !target.startsWith('/') && !target.startsWith('~')) {
      this.facts.relativePaths.push({ text: target, offset: targetOffset, kind: 'redirect' });
    }
  }

  pipe(): void {
    this.facts.outputHandled = true;
  }

  finish(): ShellFacts {
    const facts = this.facts;
    // The command word itself is not an argument path.
    const commandOffsets = new Set(facts.commands.map((c) => c.offset));
    const seen = new Set<string>();
    facts.relativePaths = facts.relativePaths
      .filter((p) => p.kind === 'redirect' || !commandOffsets.has(p.offset))
      .sort((a, b) => a.offset - b.offset || (a.kind === 'redirect' ? -1 : 1))
      .filter((p) => {
        const key = `${p.offset}:${p.text}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    facts.bashisms.sort((a, b) => a.offset - b.offset);
    facts.homeRefs.sort((a, b) => a.offset - b.offset);
    return facts;
  }
}

export function isBuiltin(name: string): boolean {
  return SHELL_BUILTINS.has(name);
}
