/**
 * What differs between the crons authkit knows. Sources: crontab(5) and cron(8) of Debian's cron
 * 3.0pl1 (vixie cron 3 with Debian patches), cronie's crontab(5) (RHEL, Fedora, Arch) and BusyBox
 * crond (Alpine and embedded systems). `any` is the strictest union: what holds on every one of them.
 */
export type TargetName = 'debian' | 'rhel' | 'busybox' | 'any';

export const TARGET_NAMES: readonly TargetName[] = ['debian', 'rhel', 'busybox', 'any'];

export interface CronTarget {
  name: TargetName;
  label: string;
  /** PATH cron gives a job when the crontab sets none. */
  defaultPath: string;
  /** The shell that runs commands when SHELL is not set, and what it really is there. */
  defaultShell: string;
  shellFlavour: 'dash' | 'bash-posix' | 'ash' | 'any-sh';
  /** One bad line (or a missing final newline) makes this cron ignore the whole crontab. */
  dropsWholeFileOnError: boolean;
  /** Files in cron.d with a dot (or other characters outside [A-Za-z0-9_-]) are skipped. */
  runPartsNames: boolean;
  /** CRON_TZ sets the time zone of the schedules. */
  honoursCronTz: boolean;
  /** cronie's `~` random ranges. */
  randomRanges: boolean;
  /** An unescaped % ends the command (vixie-derived crons); BusyBox passes it through. */
  percentEndsCommand: boolean;
  /** Which NAME=value lines take effect: BusyBox crond reads only SHELL= and MAILTO=. */
  environmentLines: 'all' | 'shell-and-mailto';
  /** A last line without LF is a problem (Debian drops the file, cronie's crontab refuses it). */
  needsFinalNewline: boolean;
}

export const TARGETS: Record<TargetName, CronTarget> = {
  debian: {
    name: 'debian',
    label: 'Debian/Ubuntu cron',
    defaultPath: '/usr/bin:/bin',
    defaultShell: '/bin/sh',
    shellFlavour: 'dash',
    dropsWholeFileOnError: true,
    runPartsNames: true,
    honoursCronTz: false,
    randomRanges: false,
    percentEndsCommand: true,
    environmentLines: 'all',
    needsFinalNewline: true,
  },
  rhel: {
    name: 'rhel',
    label: 'cronie (RHEL, Fedora, Arch)',
    defaultPath: '/usr/bin:/bin:/usr/sbin:/sbin',
    defaultShell: '/bin/sh',
    shellFlavour: 'bash-posix',
    dropsWholeFileOnError: false,
    runPartsNames: false,
    honoursCronTz: true,
    randomRanges: true,
    percentEndsCommand: true,
    environmentLines: 'all',
    needsFinalNewline: true,
  },
  busybox: {
    name: 'busybox',
    label: 'BusyBox crond (Alpine)',
    defaultPath: '/usr/bin:/bin',
    defaultShell: '/bin/sh',
    shellFlavour: 'ash',
    dropsWholeFileOnError: false,
    runPartsNames: false,
    honoursCronTz: false,
    randomRanges: false,
    percentEndsCommand: false,
    environmentLines: 'shell-and-mailto',
    needsFinalNewline: false,
  },
  any: {
    name: 'any',
    label: 'any cron (portable)',
    defaultPath: '/usr/bin:/bin',
    defaultShell: '/bin/sh',
    shellFlavour: 'any-sh',
    dropsWholeFileOnError: true,
    runPartsNames: true,
    honoursCronTz: false,
    randomRanges: false,
    percentEndsCommand: true,
    environmentLines: 'all',
    needsFinalNewline: true,
  },
};

export function resolveTarget(name: string | undefined): CronTarget {
  const key = (name ?? 'any') as TargetName;
  const target = TARGETS[key];
  if (!target) throw new Error(`unknown cron target '${name}' (expected ${TARGET_NAMES.join(', ')})`);
  return target;
}
