/**
 * What authkit knows about commands without seeing the target machine: builtins, wrappers, and
 * where well-known tools outside the base system usually live, so that a finding can say why.
 */

/** Shell builtins and keywords: never looked up in PATH (dash, bash and ash all have these). */
export const SHELL_BUILTINS = new Set([
  '.', ':', '[', 'alias', 'bg', 'break', 'cd', 'command', 'continue', 'echo', 'eval', 'exec', 'exit', 'export',
  'false', 'fg', 'getopts', 'hash', 'jobs', 'kill', 'local', 'printf', 'pwd', 'read', 'readonly', 'return', 'set',
  'shift', 'source', 'test', 'times', 'trap', 'true', 'type', 'ulimit', 'umask', 'unalias', 'unset', 'wait',
  'let', 'declare', 'typeset', 'shopt', 'builtin', 'enable', 'mapfile', 'readarray', 'pushd', 'popd', 'dirs',
]);

/**
 * Commands that run another command: the wrapped command is the one PATH must find.
 * `options`: flags that take a separate argument; `positionals`: words before the command.
 */
export interface WrapperSpec {
  optionsWithArgument: string[];
  positionals: number;
  /** A flag after which the wrapper runs a shell string instead (flock -c, su -c): stop there. */
  stringFlags?: string[];
  /** Leading NAME=value words belong to the wrapper (env). */
  assignments?: boolean;
}

export const WRAPPERS: Record<string, WrapperSpec> = {
  nice: { optionsWithArgument: ['-n', '--adjustment'], positionals: 0 },
  ionice: { optionsWithArgument: ['-c', '-n', '-p', '-P', '-u', '--class', '--classdata'], positionals: 0 },
  nohup: { optionsWithArgument: [], positionals: 0 },
  timeout: { optionsWithArgument: ['-s', '-k', '--signal', '--kill-after'], positionals: 1 },
  flock: { optionsWithArgument: ['-w', '-E', '--timeout', '--conflict-exit-code'], positionals: 1, stringFlags: ['-c', '--command'] },
  env: { optionsWithArgument: ['-u', '-C', '-S', '--unset', '--chdir'], positionals: 0, assignments: true },
  sudo: { optionsWithArgument: ['-u', '-g', '-C', '-h', '-p', '-r', '-t', '-U', '--user', '--group'], positionals: 0 },
  chronic: { optionsWithArgument: [], positionals: 0 },
  cronic: { optionsWithArgument: [], positionals: 0 },
  time: { optionsWithArgument: ['-f', '-o', '--format', '--output'], positionals: 0 },
  setsid: { optionsWithArgument: [], positionals: 0 },
  stdbuf: { optionsWithArgument: ['-i', '-o', '-e'], positionals: 0 },
  chrt: { optionsWithArgument: [], positionals: 1 },
  taskset: { optionsWithArgument: [], positionals: 1 },
  'run-one': { optionsWithArgument: [], positionals: 0 },
  exec: { optionsWithArgument: [], positionals: 0 },
  nocache: { optionsWithArgument: [], positionals: 0 },
};

/**
 * Commands that default cron PATHs do not find on a stock system, and where they usually are.
 * `dirs`: where a target's own default PATH finds it (cronie's includes /usr/sbin); empty when only
 * an explicit PATH line or an absolute path will do.
 */
export interface OutsideCommand {
  dirs: string[];
  why: string;
}

const LOCAL_TOOLCHAIN = ['/usr/local/bin'];
const toolchain = (why: string): OutsideCommand => ({ dirs: LOCAL_TOOLCHAIN, why });
const sbin = (name: string): OutsideCommand => ({ dirs: ['/usr/sbin', '/sbin'], why: `${name} is installed in /usr/sbin` });

export const OUTSIDE_DEFAULT_PATH: Record<string, OutsideCommand> = {
  node: toolchain('node from nvm/volta lives outside any system PATH'),
  npm: toolchain('npm from nvm/volta lives outside any system PATH'),
  npx: toolchain('npx from nvm/volta lives outside any system PATH'),
  corepack: toolchain('corepack comes with node, from nvm/volta outside any system PATH'),
  yarn: toolchain('yarn is usually installed under /usr/local/bin or a version manager'),
  pnpm: toolchain('pnpm is usually installed under /usr/local/bin or ~/.local/share/pnpm'),
  bun: toolchain('bun installs into ~/.bun/bin'),
  deno: toolchain('deno installs into ~/.deno/bin'),
  pm2: toolchain('pm2 is a global npm package, outside /usr/bin'),
  python: toolchain('python is not installed as /usr/bin/python on Debian 12 or RHEL 9 (only python3)'),
  python3: { dirs: [], why: 'python3 is not part of a Debian 12 or Alpine base system, and pyenv puts it in ~/.pyenv/shims' },
  openssl: { dirs: [], why: 'openssl is a separate package on Alpine and not of Priority required on Debian 12' },
  php: { dirs: [], why: 'php is not part of a base system: /usr/bin/php where a php-cli package is installed, /usr/local/bin/php in the official Docker images' },
  mail: { dirs: [], why: 'mail comes from a mailutils, s-nail or mailx package, not the base system' },
  ruby: toolchain('ruby from rbenv, rvm or asdf lives outside any system PATH'),
  gem: toolchain('gem from rbenv, rvm or asdf lives outside any system PATH'),
  pip: toolchain('Debian and RHEL ship pip3; `pip` usually comes from a virtualenv or /usr/local/bin'),
  pipenv: toolchain('pipenv is installed per user or under /usr/local/bin'),
  poetry: toolchain('poetry installs into ~/.local/bin'),
  composer: toolchain('composer is usually installed as /usr/local/bin/composer'),
  wp: toolchain('wp-cli is usually installed as /usr/local/bin/wp'),
  drush: toolchain('drush is usually a vendor/bin or /usr/local/bin script'),
  bundle: toolchain('bundle from rbenv, rvm or asdf lives outside any system PATH'),
  rake: toolchain('rake from rbenv, rvm or asdf lives outside any system PATH'),
  rails: toolchain('rails from rbenv, rvm or asdf lives outside any system PATH'),
  go: toolchain('the Go toolchain installs into /usr/local/go/bin'),
  cargo: toolchain('cargo installs into ~/.cargo/bin'),
  aws: toolchain('AWS CLI v2 installs /usr/local/bin/aws'),
  gcloud: toolchain('the Google Cloud SDK installs outside /usr/bin'),
  az: toolchain('the Azure CLI is often installed outside /usr/bin'),
  kubectl: toolchain('kubectl is usually installed as /usr/local/bin/kubectl'),
  helm: toolchain('helm is usually installed as /usr/local/bin/helm'),
  terraform: toolchain('terraform is usually installed as /usr/local/bin/terraform'),
  'docker-compose': toolchain('docker-compose v1 is usually /usr/local/bin/docker-compose'),
  service: sbin('service'),
  logrotate: sbin('logrotate'),
  sendmail: sbin('sendmail'),
  nginx: sbin('nginx'),
  apachectl: sbin('apachectl'),
  apache2ctl: sbin('apache2ctl'),
  iptables: sbin('iptables'),
  'iptables-save': sbin('iptables-save'),
  ip6tables: sbin('ip6tables'),
  ufw: sbin('ufw'),
  reboot: sbin('reboot'),
  shutdown: sbin('shutdown'),
  halt: sbin('halt'),
  poweroff: sbin('poweroff'),
  ifconfig: sbin('ifconfig'),
  route: sbin('route'),
  hwclock: sbin('hwclock'),
  ntpdate: sbin('ntpdate'),
  fstrim: sbin('fstrim'),
  modprobe: sbin('modprobe'),
  sysctl: sbin('sysctl'),
  useradd: sbin('useradd'),
  userdel: sbin('userdel'),
  usermod: sbin('usermod'),
  chroot: sbin('chroot'),
  runuser: sbin('runuser'),
  'invoke-rc.d': sbin('invoke-rc.d'),
  'dpkg-reconfigure': sbin('dpkg-reconfigure'),
  postfix: sbin('postfix'),
  postqueue: sbin('postqueue'),
  postsuper: sbin('postsuper'),
  exim: sbin('exim'),
  exim4: sbin('exim4'),
  mdadm: sbin('mdadm'),
  zfs: sbin('zfs'),
  zpool: sbin('zpool'),
  tune2fs: sbin('tune2fs'),
  e2fsck: sbin('e2fsck'),
  fsck: sbin('fsck'),
  smartctl: sbin('smartctl'),
  anacron: sbin('anacron'),
  rsyslogd: sbin('rsyslogd'),
  sshd: sbin('sshd'),
  a2ensite: sbin('a2ensite'),
  a2dissite: sbin('a2dissite'),
  'php-fpm': sbin('php-fpm'),
  aide: sbin('aide'),
  rndc: sbin('rndc'),
  'pure-ftpd': sbin('pure-ftpd'),
  ldconfig: sbin('ldconfig'),
  lvcreate: sbin('lvcreate'),
  lvremove: sbin('lvremove'),
  vgs: sbin('vgs'),
  lvs: sbin('lvs'),
  swapon: sbin('swapon'),
  swapoff: sbin('swapoff'),
};

/**
 * Accounts whose names show up as the first word of a command when a system crontab line is
 * pasted into a user crontab. None of them is also a command name.
 */
export const SYSTEM_ACCOUNTS = new Set([
  'root', 'daemon', 'bin', 'sys', 'www-data', 'nobody', 'apache', 'postgres', 'mysql', 'redis', 'ubuntu', 'ec2-user',
  'centos', 'news', 'uucp', 'irc', 'gnats', 'operator', 'games', 'nagios', 'zabbix', 'munin', 'jenkins', 'tomcat',
  'mongodb', 'rabbitmq', 'memcache', 'ntp', 'ntpsec', 'smmsp', 'gitlab-runner', 'nextcloud', 'wwwrun', '_apt',
]);

/**
 * Accounts present on every Debian (base-passwd) and RHEL (setup) system, plus www-data (Debian,
 * Ubuntu and Alpine): reporting them would be noise.
 */
export const UNIVERSAL_ACCOUNTS = new Set(['root', 'daemon', 'bin', 'sys', 'nobody', 'mail', 'lp', 'news', 'uucp', 'games', 'man', 'www-data']);

/** Usernames as useradd(8) accepts them by default (NAME_REGEX), plus the trailing `$` of machine accounts. */
export function isPlausibleUserName(word: string): boolean {
  if (word.length === 0 || word.length > 32) return false;
  const first = word.charCodeAt(0);
  const isLower = (c: number) => c >= 97 && c <= 122;
  const isUpper = (c: number) => c >= 65 && c <= 90;
  const isDigit = (c: number) => c >= 48 && c <= 57;
  if (!(isLower(first) || isUpper(first) || first === 95)) return false;
  for (let i = 1; i < word.length; i++) {
    const c = word.charCodeAt(i);
    const last = i === word.length - 1;
    if (isLower(c) || isUpper(c) || isDigit(c) || c === 95 || c === 45 || c === 46 || (last && c === 36)) continue;
    return false;
  }
  return true;
}

/** Words that begin a shell command and are never account names. */
export const COMMAND_NOT_USER = new Set([
  'cd', 'test', 'echo', 'sh', 'bash', 'dash', 'php', 'python', 'python3', 'perl', 'ruby', 'node', 'curl', 'wget',
  'run-parts', 'find', 'rm', 'cp', 'mv', 'tar', 'rsync', 'mysqldump', 'pg_dump', 'docker', 'systemctl', 'sleep',
  'flock', 'nice', 'timeout', 'if', 'for', 'while', 'exec', 'source', 'export', 'cat', 'date', 'touch', 'true',
  'certbot', 'logrotate', 'ntpdate', 'service', 'sudo', 'env', 'nohup', 'git', 'make', 'npm', 'java',
]);
