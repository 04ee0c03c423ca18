/**
 * The commands a bare name may call under cron without a PATH line: those in /usr/bin or /bin on
 * a base install of the target. The guide's rule is "always use absolute paths", so this list is
 * the exception and stays short and checkable:
 * - Debian 12: packages of Priority required (coreutils, findutils, grep, sed, mawk as awk, tar,
 *   gzip, diffutils, util-linux, bsdutils, debianutils, hostname, dash, bash, procps).
 * - RHEL 9 minimal install (@core): coreutils, findutils, grep, sed, gawk, tar, gzip, diffutils,
 *   util-linux, procps-ng, hostname, bash, which, cronie's crontabs (run-parts).
 * - Alpine: BusyBox applets linked into /bin and /usr/bin by the busybox package.
 * A name on a list is one whose file is in /usr/bin or /bin there, not merely installable.
 */
import type { TargetName } from './targets.js';

/** In /usr/bin or /bin on all three. */
const EVERYWHERE = [
  // coreutils (BusyBox has each as an applet)
  'basename', 'cat', 'chgrp', 'chmod', 'chown', 'cksum', 'comm', 'cp', 'cut', 'date', 'dd', 'df', 'dirname', 'du',
  'echo', 'env', 'expand', 'expr', 'factor', 'false', 'fold', 'head', 'hostid', 'id', 'install', 'link', 'ln',
  'logname', 'ls', 'md5sum', 'mkdir', 'mkfifo', 'mknod', 'mktemp', 'mv', 'nice', 'nl', 'nohup', 'nproc', 'od',
  'paste', 'printenv', 'printf', 'pwd', 'readlink', 'realpath', 'rm', 'rmdir', 'seq', 'sha1sum', 'sha256sum',
  'sha512sum', 'shred', 'shuf', 'sleep', 'sort', 'split', 'stat', 'stty', 'sum', 'sync', 'tac', 'tail', 'tee',
  'test', 'timeout', 'touch', 'tr', 'true', 'truncate', 'tsort', 'tty', 'uname', 'unexpand', 'uniq', 'unlink',
  'uptime', 'wc', 'whoami', 'yes', '[',
  // findutils, grep, sed, awk, archives
  'find', 'xargs', 'grep', 'egrep', 'fgrep', 'sed', 'awk', 'tar', 'gzip', 'gunzip', 'zcat',
  // diffutils, util-linux, procps, hostname, the shells
  'diff', 'cmp', 'flock', 'logger', 'kill', 'more', 'mount', 'umount', 'dmesg', 'renice', 'setsid', 'getopt',
  'ps', 'pgrep', 'pkill', 'free', 'watch', 'pidof', 'hostname', 'sh', 'run-parts', 'which', 'mountpoint',
];

/** Base on Debian and RHEL, not on Alpine (no bash, GNU-only tools, or an sbin path there). */
const GLIBC_DISTROS = ['bash', 'rbash', 'ionice', 'taskset', 'chrt', 'stdbuf', 'nl', 'csplit', 'pr', 'ptx', 'join', 'numfmt', 'runcon', 'chcon', 'base32', 'base64', 'b2sum', 'sha224sum', 'sha384sum', 'lsblk', 'findmnt', 'script', 'wall', 'mesg', 'su', 'zgrep', 'zless', 'gzexe', 'uncompress', 'sdiff', 'diff3', 'locale', 'getent', 'ldd', 'iconv', 'tempfile'];

const PER_TARGET: Record<Exclude<TargetName, 'any'>, string[]> = {
  // debianutils, the Debian alternatives and perl-base (Priority required, /usr/bin/perl).
  debian: [...GLIBC_DISTROS, 'dash', 'savelog', 'ischroot', 'perl', 'mawk', 'systemctl', 'journalctl', 'dpkg', 'apt-get', 'apt', 'sensible-editor', 'select-editor'],
  // @core of RHEL 9: systemd, rpm and dnf are always there; crontabs brings run-parts.
  rhel: [...GLIBC_DISTROS, 'gawk', 'systemctl', 'journalctl', 'rpm', 'dnf', 'yum', 'curl', 'python3', 'ssh', 'scp', 'rsync', 'xz', 'unxz', 'bzip2'],
  // BusyBox applets in /bin and /usr/bin, and apk.
  busybox: ['ash', 'wget', 'base64', 'bzip2', 'bunzip2', 'xz', 'unxz', 'unzip', 'crontab', 'apk', 'nc', 'less', 'vi', 'ping', 'traceroute', 'nslookup', 'sha3sum', 'ionice', 'taskset', 'chrt', 'su', 'getent', 'iconv', 'ldd'],
};

const SETS: Record<TargetName, ReadonlySet<string>> = {
  debian: new Set([...EVERYWHERE, ...PER_TARGET.debian]),
  rhel: new Set([...EVERYWHERE, ...PER_TARGET.rhel]),
  busybox: new Set([...EVERYWHERE, ...PER_TARGET.busybox]),
  // Portable means present on each: the names the three targets share.
  any: new Set([...EVERYWHERE, ...PER_TARGET.debian.filter((n) => PER_TARGET.rhel.includes(n) && PER_TARGET.busybox.includes(n))]),
};

export function isBaseSystemCommand(name: string, target: TargetName): boolean {
  return SETS[target].has(name);
}

/** Targets on whose base system `name` is present, for messages such as "bash is not on Alpine". */
export function baseSystemsWith(name: string): Exclude<TargetName, 'any'>[] {
  return (['debian', 'rhel', 'busybox'] as const).filter((t) => SETS[t].has(name));
}
