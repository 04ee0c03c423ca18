// The rules about what a job's command does: bash-only syntax under /bin/sh, commands that cron's
// PATH does not find, HOME-dependent paths in system crontabs, output that goes nowhere.
import type { RuleData, Severity } from '../findings/model.js';
import { baseSystemsWith, isBaseSystemCommand } from './base-system.js';
import { OUTSIDE_DEFAULT_PATH } from './commands.js';
import { VERSION_MANAGED, isVersionManagerDir } from './version-managers.js';
import type { CrontabKind, JobEntry } from './parse.js';
import type { CronRuleData, CronRuleName } from './rules.js';
import { type ShellFacts, isBuiltin } from './shell-facts.js';
import type { CronTarget } from './targets.js';

export type Report = <Name extends CronRuleName>(rule: Name, line: number, column: number, message: string, data?: RuleData<CronRuleData, `cron/${Name}`>, severity?: Severity) => void;

/** What the shell rules read from the crontab being linted, and the file-level facts they collect. */
export interface ShellRuleContext {
  report: Report;
  target: CronTarget;
  kind: CrontabKind;
  /** Lines of jobs that need bash where no SHELL= is set (for cron/missing-shell). */
  needBash: number[];
  /** Commands outside cron's default PATH (for cron/missing-path). */
  outsidePath: { name: string; line: number }[];
  /** Names the team knows are on cron's PATH (cron.trustedCommands, --trust). */
  trusted: ReadonlySet<string>;
}

const TARGET_LABELS = { debian: 'Debian', rhel: 'RHEL', busybox: 'Alpine' } as const;

/** Why a bare name is not safe under cron's default PATH: what is known about it, or that nothing is. */
export function whyNotOnPath(name: string, pathValue: string): string {
  const known = OUTSIDE_DEFAULT_PATH[name];
  if (known) return `'${name}' is not on cron's default PATH (${pathValue}): ${known.why}`;
  const on = baseSystemsWith(name);
  if (on.length > 0) {
    const missing = (['debian', 'rhel', 'busybox'] as const).filter((t) => !on.includes(t)).map((t) => TARGET_LABELS[t]);
    return `'${name}' is part of the base system on ${on.map((t) => TARGET_LABELS[t]).join(' and ')} but not on ${missing.join(' or ')}; cron's PATH is ${pathValue}`;
  }
  return `'${name}' is not part of a base system; cron's PATH is ${pathValue}`;
}

const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/**
 * The data of a relative-binary finding, one frozen object per command and PATH: a generated
 * crontab calls the same tool on every line, and a million findings each with its own copy cost
 * some 50 MB. Nothing changes a finding's data after it is made.
 */
const notOnPathCache = new Map<string, Readonly<CronRuleData['cron/relative-binary']>>();
function notOnPathData(name: string, pathValue: string): CronRuleData['cron/relative-binary'] {
  const key = `${name}\0${pathValue}`;
  let data = notOnPathCache.get(key);
  if (!data) {
    data = Object.freeze({ command: name, path: pathValue, ...(VERSION_MANAGED[name] ? { versionManaged: true } : {}) });
    if (notOnPathCache.size < 1000) notOnPathCache.set(key, data);
  }
  return data;
}

export function checkShell(ctx: ShellRuleContext, job: JobEntry, facts: ShellFacts, col: (offset: number) => number): void {
  const { report, target, kind, needBash, outsidePath, trusted } = ctx;
  const shell = job.env.get('SHELL')?.value ?? target.defaultShell;
  const shellName = basename(shell);
  const posixShell = ['sh', 'dash', 'ash', 'busybox'].includes(shellName);
  if (posixShell && facts.bashisms.length > 0) {
    const softened = target.shellFlavour === 'bash-posix' && shellName === 'sh';
    const where = target.name === 'any' ? 'dash on Debian, ash on Alpine' : target.shellFlavour === 'bash-posix' ? 'bash in POSIX mode here, dash elsewhere' : target.shellFlavour;
    for (const b of facts.bashisms) {
      report('bashism-under-sh', job.line, col(b.offset), `${b.construct} is bash-only, but cron runs this job with ${shell} (${where})`, { construct: b.construct, ...(b.shellcheck ? { shellcheck: b.shellcheck } : {}) }, softened ? 'warning' : undefined);
    }
    if (!job.env.has('SHELL')) needBash.push(job.line);
  }

  // BusyBox crond reads only SHELL= and MAILTO= lines; PATH comes from its own environment.
  const pathLine = target.environmentLines === 'all' ? job.env.get('PATH') : undefined;
  const pathValue = pathLine?.value ?? target.defaultPath;
  const pathDirs = pathValue.split(':').map((d) => d.replace(/(^|[^/])\/+$/, '$1'));
  for (const use of facts.commands) {
    const { name } = use;
    if (name.includes('/')) {
      if (!name.startsWith('/') && !name.startsWith('~') && !use.afterCd) {
        report('relative-binary', job.line, col(use.offset), `Command '${name}' is relative to the working directory, which cron sets to the user's HOME`, { command: name });
      }
      continue;
    }
    if (isBuiltin(name) || facts.functions.includes(name) || trusted.has(name) || isBaseSystemCommand(name, target.name)) continue;
    // Sourcing nvm.sh or a login shell sets up whatever the author's profile does: trust it.
    if (facts.setsPath) continue;
    if (pathLine) {
      // An explicit PATH is the author's statement of where things are, except that system
      // directories cannot hold a version manager's per-user installs.
      if (VERSION_MANAGED[name] && !pathDirs.some(isVersionManagerDir)) {
        report('relative-binary', job.line, col(use.offset), `'${name}' is left to PATH=${pathValue}, but ${OUTSIDE_DEFAULT_PATH[name]!.why}: write the installed version's absolute path (or trust '${name}' if it is a system install)`, { command: name, path: pathValue, versionManaged: true });
      }
      continue;
    }
    // cronie's default PATH has the sbin directories: tools installed there are found.
    if (OUTSIDE_DEFAULT_PATH[name]?.dirs.some((d) => pathDirs.includes(d))) continue;
    report('relative-binary', job.line, col(use.offset), whyNotOnPath(name, pathValue), notOnPathData(name, pathValue));
    outsidePath.push({ name, line: job.line });
  }

  if (kind === 'system' && !job.env.has('HOME')) {
    const cd = facts.commands.find((c) => c.name === 'cd');
    const relative = facts.relativePaths.filter((p) => !cd || p.offset < cd.offset);
    const first = [...facts.homeRefs.map((h) => ({ text: h.text, offset: h.offset })), ...relative].sort((a, b) => a.offset - b.offset)[0];
    if (first) {
      const user = job.user?.text ?? 'root';
      report('missing-home', job.line, col(first.offset), `'${first.text}' depends on HOME, which cron takes from the passwd entry of '${user}'; set HOME= or use an absolute path`, { user });
    }
  }

  const mailto = job.env.get('MAILTO');
  if (mailto && mailto.value === '' && !facts.outputHandled) {
    report('output-not-redirected', job.line, job.command.col + 1, 'MAILTO is empty and the output is not redirected, so errors from this job are discarded');
  }
}
