import type { RuleMeta } from '../findings/model.js';

/**
 * The cron domain's rules. Help texts cite crontab(5) of Debian's cron (vixie cron 3 with Debian
 * patches) and of cronie (RHEL, Fedora, Arch), and BusyBox crond's behaviour, and say where they
 * differ. Ids are public API: users write them in suppressions and configs.
 */
export const CRON_RULES = [
  {
    id: 'cron/missing-shell',
    severity: 'warning',
    description: 'Jobs use bash syntax but the crontab never sets SHELL, so cron runs them with /bin/sh',
    help: `cron runs every command with /bin/sh -c unless the crontab sets SHELL (crontab(5), Debian and cronie alike; BusyBox crond always uses /bin/sh). /bin/sh is dash on Debian and Ubuntu, BusyBox ash on Alpine and bash in POSIX mode on RHEL, so a job that works in your terminal fails under cron. Reported once per file, at line 1, listing the jobs that need bash.
Fix: add SHELL=/bin/bash before the first job (authkit cron-lint --fix does this), or rewrite the jobs in POSIX sh.`,
    examples: {
      valid: [{ code: 'SHELL=/bin/bash\n0 3 * * * [[ -f /srv/flag ]] && /srv/run.sh\n' }],
      invalid: [{ code: '0 3 * * * [[ -f /srv/flag ]] && /srv/run.sh\n' }],
    },
  },
  {
    id: 'cron/missing-path',
    severity: 'warning',
    description: "No PATH is set and jobs call commands outside cron's default PATH",
    help: `cron does not read your shell profile. Debian's cron sets PATH=/usr/bin:/bin (crontab(5): "PATH is set to /usr/bin:/bin"); cronie uses /usr/bin:/bin for users (its /etc/crontab adds the sbin directories); BusyBox crond passes its own environment on and ignores PATH= lines in crontabs (it reads only SHELL= and MAILTO=). Tools from /usr/local/bin, /usr/sbin, nvm, pyenv or snap are then "command not found", and the job's mail (if any) is the only trace. Reported once per file, at line 1; each call is a cron/relative-binary finding.
Fix: add an explicit PATH= line at the top of the crontab (--fix adds /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin), or call commands by absolute path.`,
    examples: {
      valid: [{ code: 'PATH=/usr/local/bin:/usr/bin:/bin\n*/5 * * * * node /srv/app/worker.js\n' }],
      invalid: [{ code: '*/5 * * * * node /srv/app/worker.js\n' }],
    },
  },
  {
    id: 'cron/missing-home',
    severity: 'warning',
    description: 'A system crontab job relies on HOME (~, $HOME or a cwd-relative path) without setting it',
    help: `In /etc/crontab and /etc/cron.d, a job runs as the user named in its sixth field, and cron sets HOME from that user's passwd entry (crontab(5): "HOME ... set from the /etc/passwd line of the crontab's owner"); the working directory is that HOME. ~, $HOME and paths like ./x or > logs/out.log therefore mean /root/... for root and /var/www/... for www-data, not the directory of the project the file came from. Both Debian cron and cronie behave this way; BusyBox crond has no system crontab.
Fix: set HOME= explicitly in the file, or use absolute paths.`,
    examples: {
      valid: [{ code: '0 4 * * * root /usr/local/bin/backup > /var/log/backup.log 2>&1\n' }],
      invalid: [{ code: '0 4 * * * root ~/bin/backup > logs/backup.log 2>&1\n' }],
    },
  },
  {
    id: 'cron/relative-binary',
    severity: 'warning',
    security: true,
    description: "A command is cwd-relative (./run.sh) or a bare name cron's PATH will not find",
    help: `cron starts jobs in the user's HOME with a minimal PATH (/usr/bin:/bin on Debian, see cron/missing-path). A cwd-relative command such as ./run.sh or bin/task runs whatever file of that name sits in HOME (or nothing), and a bare name is trusted only when it is a shell builtin, a base-system utility of /usr/bin or /bin on the target (coreutils, findutils, grep, sed, awk, tar, gzip and the like; Debian's crontab(5) PATH is /usr/bin:/bin), covered by a PATH line, or listed in cron.trustedCommands (--trust). php, python, openssl, wp or an npm -g tool are "command not found" or depend on the host; a version manager's node, npm, ruby or bundle (nvm, volta, asdf, rbenv) is not found even by a PATH line of system directories. authkit looks through wrappers (nice, ionice, nohup, timeout, flock, env, sudo, chronic, setsid, stdbuf).
Fix: use an absolute path (/usr/bin/php; for nvm the installed version's, such as /home/deploy/.nvm/versions/node/v20.11.1/bin/node), set PATH at the top of the crontab, or trust the command.`,
    examples: {
      valid: [{ code: '0 * * * * cd /srv/app && ./run.sh\n' }, { code: '0 * * * * /usr/local/bin/node /srv/app/job.js\n' }],
      invalid: [{ code: '0 * * * * ./run.sh\n' }, { code: '0 * * * * node /srv/app/job.js\n' }],
    },
  },
  {
    id: 'cron/bashism-under-sh',
    severity: 'error',
    description: 'Bash-only syntax in a job that cron runs with /bin/sh',
    help: `With no SHELL=/bin/bash line cron runs commands with /bin/sh. On Debian and Ubuntu that is dash, on Alpine BusyBox ash: [[ ]], source, function, arrays, {a..b}, &>, <<<, $'...', process substitution, == in [ ], \${var:0:3}, $RANDOM and the rest of ShellCheck's SC3xxx family either fail or mean something else (cmd &> file runs cmd in the background and truncates file). On RHEL /bin/sh is bash in POSIX mode, which accepts most of these, so the job works there and breaks when moved; --target rhel reports them as warnings. authkit parses each command with a real shell parser (mvdan/sh) in bash and POSIX modes and names the construct.
Fix: set SHELL=/bin/bash in the crontab, or use the POSIX form ([ ], ., > f 2>&1, printf).`,
    examples: {
      valid: [{ code: '0 2 * * * [ -f /srv/flag ] && . /srv/env.sh && /srv/run.sh > /dev/null 2>&1\n' }],
      invalid: [{ code: '0 2 * * * source /srv/env.sh && /srv/run.sh &> /dev/null\n' }],
    },
  },
  {
    id: 'cron/unescaped-percent',
    severity: 'error',
    description: 'An unescaped % ends the command: cron turns it into a newline and feeds the rest to stdin',
    help: `crontab(5), Debian and cronie: "Percent-signs (%) in the command, unless escaped with backslash (\\), will be changed into newline characters, and all data after the first % will be sent to the command as standard input." Quotes do not protect it: date +"%Y-%m-%d" is cut at the first %. An odd number of backslashes escapes it (the backslash is removed), an even number does not. BusyBox crond does not treat % specially, so the same line behaves differently there.
Fix: write \\% for every literal percent sign (--fix does this when every % is clearly a date or printf format).`,
    examples: {
      valid: [{ code: '0 0 * * * tar czf /backup/www-$(date +\\%F).tgz /var/www\n' }],
      invalid: [{ code: '0 0 * * * tar czf /backup/www-$(date +%F).tgz /var/www\n' }],
    },
  },
  {
    id: 'cron/invalid-schedule',
    severity: 'error',
    description: "A time field or @keyword that cron's grammar does not accept",
    help: `Each of the five fields is a comma list of *, N or N-M, optionally followed by /step (crontab(5)); names (jan, mon) are allowed in the month and day-of-week fields. Ranges: minute 0-59, hour 0-23, day of month 1-31, month 1-12, day of week 0-7 (0 and 7 are Sunday). Quartz and Spring syntax (?, L, W, #, a seconds field) and a step after a single number (1/2) are not cron; cron-parser and many online checkers accept them anyway. The keywords are @reboot, @yearly, @annually, @monthly, @weekly, @daily, @midnight and @hourly. On Debian a bad line makes cron ignore the whole file; cronie skips the line and logs it.
Fix: rewrite the field in cron's grammar (*/2 or 1-59/2, not 1/2).`,
    examples: {
      valid: [{ code: '*/15 9-17 * * mon-fri /usr/local/bin/poll\n' }],
      invalid: [{ code: '0 0 ? * MON /usr/local/bin/poll\n' }, { code: '*/61 * * * * /usr/local/bin/poll\n' }],
    },
  },
  {
    id: 'cron/missing-user-field',
    severity: 'error',
    description: 'A system crontab job has no user field between the schedule and the command',
    help: `/etc/crontab and files in /etc/cron.d take a sixth field, the user the job runs as (crontab(5) of Debian and cronie); user crontabs (crontab -e) do not. Without it cron takes the first word of the command as a user name: Debian cron rejects the line (and with it the whole file), cronie logs "getpwnam() failed" and skips it.
Fix: insert the user (root, www-data...) after the schedule, or install the line with crontab -e if it is a user job.`,
    examples: {
      valid: [{ code: '# /etc/cron.d/backup\n0 4 * * * root /usr/local/bin/backup\n' }],
      invalid: [{ code: '# /etc/cron.d/backup\n0 4 * * * /usr/local/bin/backup\n' }],
    },
  },
  {
    id: 'cron/unknown-user-not-checked',
    severity: 'info',
    description: 'A system crontab runs jobs as an account authkit cannot check exists on the target',
    help: `Debian cron and cronie look the user field up in the target's passwd database when they load the file; a missing account drops the job (and on Debian the file). authkit lints files away from their servers and cannot see those accounts, so it reports each non-standard user once per file, at its first use. root and the accounts every distribution creates (daemon, bin, sys, nobody...) are not reported.
Fix: make sure the account exists wherever the file is installed (for example, create it in the same package or playbook).`,
    examples: {
      valid: [{ code: '0 4 * * * root /usr/local/bin/backup\n' }],
      invalid: [{ code: '0 4 * * * deploy /srv/app/bin/cleanup\n' }],
    },
  },
  {
    id: 'cron/no-trailing-newline',
    severity: 'error',
    description: "The last line has no newline: Debian's cron ignores the whole file, cronie's crontab refuses it",
    help: `crontab(5), Debian: "cron requires that each entry in a crontab end in a newline character. If the last entry in a crontab is missing a newline (i.e. terminated by EOF), cron will consider the crontab (at least partially) broken." In practice Debian's cron logs "ERROR (Missing newline before EOF, this crontab file will be ignored)" and runs none of its jobs. cronie's crontab command refuses to install such a file ("missing newline before EOF"). Files copied into /etc/cron.d by configuration management are the usual victims.
Fix: end the file with a newline (--fix).`,
    examples: { valid: [{ code: '0 1 * * * /usr/bin/true\n' }], invalid: [{ code: '0 1 * * * /usr/bin/true' }] },
  },
  {
    id: 'cron/crlf-line-endings',
    severity: 'error',
    description: 'Lines end in CR LF; cron keeps the CR as part of commands and values',
    help: `cron splits lines on LF only, so a file saved with Windows line endings hands the shell "/srv/run.sh\\r" (not found) and sets PATH to "/usr/bin:/bin\\r". Debian cron and cronie alike. Reported once per file, at the first such line, with the count.
Fix: convert the file to LF line endings (--fix, dos2unix, or .gitattributes "crontab text eol=lf").`,
    examples: { valid: [{ code: '0 1 * * * /usr/bin/true\n' }], invalid: [{ code: '0 1 * * * /usr/bin/true\r\n' }] },
  },
  {
    id: 'cron/cron-d-filename',
    severity: 'error',
    description: "A cron.d file name with characters outside [A-Za-z0-9_-], which Debian's cron skips",
    help: `Debian's cron(8): files in /etc/cron.d "must conform to the same naming convention as used by run-parts(8): they must consist solely of upper- and lower-case letters, digits, underscores, and hyphens. This means that they cannot contain any dots." A file named backup.cron or certbot.dpkg-old is silently never run. cronie reads such names (it skips only names starting with a dot or ending in ~ and package-manager backups), so --target rhel reports only those. Files holding nothing but comments are not reported.
Fix: rename the file (backup.cron -> backup).`,
    examples: {
      valid: [{ code: 'etc/cron.d/backup', note: 'file name' }],
      invalid: [{ code: 'etc/cron.d/backup.cron', note: 'file name' }],
    },
  },
  {
    id: 'cron/dom-dow-or',
    severity: 'warning',
    description: 'Both day-of-month and day-of-week are restricted, so cron runs on either (OR), not both',
    help: `crontab(5), Debian and cronie: "If both fields are restricted (i.e., do not contain the "*" character), the command will be run when either field matches the current time." 0 9 1-7 * 1 runs on each of the first seven days and on every Monday, not on the first Monday. BusyBox crond behaves the same.
Fix: restrict one field and test the other in the command: 0 9 1-7 * * [ "$(date +\\%u)" = 1 ] && /srv/run.sh`,
    examples: {
      valid: [{ code: '0 9 * * 1 /usr/local/bin/report\n' }],
      invalid: [{ code: '0 9 1-7 * 1 /usr/local/bin/report\n' }],
    },
  },
  {
    id: 'cron/output-not-redirected',
    severity: 'warning',
    description: 'MAILTO is empty and the job output goes nowhere, so failures leave no trace',
    help: `cron mails a job's output to MAILTO (crontab(5)); MAILTO="" turns mail off, and output that is neither redirected nor piped is then discarded, error messages included. Debian cron and cronie agree; BusyBox crond only logs.
Fix: redirect output to a log (>> /var/log/job.log 2>&1), pipe it to logger -t job, or keep MAILTO set.`,
    examples: {
      valid: [{ code: 'MAILTO=""\n0 2 * * * /srv/backup.sh 2>&1 | logger -t backup\n' }],
      invalid: [{ code: 'MAILTO=""\n0 2 * * * /srv/backup.sh\n' }],
    },
  },
  {
    id: 'cron/dom-dow-star-step',
    severity: 'warning',
    description: 'A day field starting with * (like */2) makes vixie-derived crons AND the day fields',
    help: `Debian cron and cronie decide "both day fields restricted" by whether the field text starts with *, so */2 counts as unrestricted: 0 0 */2 * 1 runs on Mondays that fall on odd days, not on odd days or Mondays as crontab(5)'s OR rule suggests. Other crons (and most online explainers) OR them.
Fix: spell the days out (1-31/2) if you mean OR, or restrict one field and test the other in the command.`,
    examples: {
      valid: [{ code: '0 0 */2 * * /usr/local/bin/rotate\n' }],
      invalid: [{ code: '0 0 */2 * 1 /usr/local/bin/rotate\n' }],
    },
  },
  {
    id: 'cron/every-minute-in-hour',
    severity: 'warning',
    description: 'The minute field is * while the hour is restricted: the job runs 60 times in that hour',
    help: `A * in the minute field means every minute (crontab(5), Debian and cronie alike; BusyBox too), so * 3 * * * runs at 03:00, 03:01 ... 03:59, sixty times, which is rarely meant; 0 3 * * * runs once at 03:00.
Fix: put a minute in the first field.`,
    examples: {
      valid: [{ code: '0 3 * * * /usr/local/bin/nightly\n' }],
      invalid: [{ code: '* 3 * * * /usr/local/bin/nightly\n' }],
    },
  },
  {
    id: 'cron/impossible-date',
    severity: 'error',
    description: 'The day of month never occurs in the selected months, so the job never runs',
    help: `0 0 31 2 * or 0 0 31 4,6,9,11 * name dates that do not exist; cron accepts the line and silently never runs it (Debian cron and cronie alike). February 29 is possible and not reported. Confirmed with cron-parser's next-run search.
Fix: pick a day that exists in every selected month, or the last-day check 0 0 28-31 * * [ "$(date -d tomorrow +\\%d)" = 01 ] && ...`,
    examples: {
      valid: [{ code: '0 0 28 2 * /usr/local/bin/close-month\n' }],
      invalid: [{ code: '0 0 31 2 * /usr/local/bin/close-month\n' }],
    },
  },
  {
    id: 'cron/nonportable-schedule',
    severity: 'warning',
    description: "Schedule syntax only some crons accept (cronie's ~, wrapping day-of-week ranges)",
    help: `cronie accepts random ranges (0~30, ~) that Debian cron and BusyBox reject as syntax errors; a day-of-week range that runs backwards through Sunday (5-0, sat-sun written as 6-0) is accepted by some crons and refused or misread by others. With --target rhel the ~ forms are fine; with --target debian or busybox they are cron/invalid-schedule errors.
Fix: use plain ranges and lists (5-7 or 0,5,6), or pick the minute yourself.`,
    examples: {
      valid: [{ code: '0 9 * * 5-7 /usr/local/bin/weekend\n' }],
      invalid: [{ code: '0~30 9 * * * /usr/local/bin/jitter\n' }, { code: '0 9 * * 5-0 /usr/local/bin/weekend\n' }],
    },
  },
  {
    id: 'cron/env-var-expansion',
    severity: 'error',
    description: 'An environment line uses $VAR or ~, which cron does not expand',
    help: `cronie's crontab(5): "The value string is not parsed for environmental substitutions or replacement of variables or tilde(~) expansion, thus lines like PATH = $HOME/bin:$PATH or PATH = ~/bin:/usr/bin/bin will not work as you might expect." Debian cron is the same: PATH=$PATH:/usr/local/bin sets PATH to the literal text "$PATH:/usr/local/bin", losing /usr/bin and /bin.
Fix: write the value out in full (PATH=/usr/local/bin:/usr/bin:/bin).`,
    examples: {
      valid: [{ code: 'PATH=/usr/local/bin:/usr/bin:/bin\n' }],
      invalid: [{ code: 'PATH=$PATH:/usr/local/bin\n' }],
    },
  },
  {
    id: 'cron/env-empty-value',
    severity: 'warning',
    description: 'An environment line with an empty unquoted value; crontab(5) asks for quotes',
    help: `crontab(5): "The value string may be placed in quotes (single or double, but matching) to preserve leading or trailing blanks"; Debian's page adds that an empty value must be written with quotes. cronie accepts NAME= as empty, while older vixie-derived crons do not read it as an assignment at all and reject the line. BusyBox reads only SHELL= and MAILTO=, and MAILTO= there turns mail off. MAILTO= is the common case.
Fix: write NAME="" (MAILTO="").`,
    examples: { valid: [{ code: 'MAILTO=""\n' }], invalid: [{ code: 'MAILTO=\n' }] },
  },
  {
    id: 'cron/env-inline-comment',
    severity: 'error',
    description: 'An environment line has a trailing # comment, which becomes part of the value',
    help: `crontab(5) of Debian and cronie allow comments only on lines of their own: "Comments are not allowed on the same line as cron commands, since they will be taken to be part of the command." For NAME=value lines the comment joins the value: MAILTO=ops@example.com # on-call mails "ops@example.com # on-call".
Fix: move the comment to the line above.`,
    examples: {
      valid: [{ code: '# on-call\nMAILTO=ops@example.com\n' }],
      invalid: [{ code: 'MAILTO=ops@example.com # on-call\n' }],
    },
  },
  {
    id: 'cron/invalid-line',
    severity: 'error',
    description: 'A line that is neither a comment, a NAME=value line nor a complete job',
    help: `cron accepts blank lines, lines starting with #, NAME = value lines and job lines (five time fields or an @keyword, a user in system crontabs, then a command). Anything else, a job without a command, or a command that is not valid shell, is an error: Debian cron ignores the whole file over it ("ERROR (Syntax error, this crontab file will be ignored)"), cronie skips the line.
Fix: comment the line out, complete it, or fix the shell syntax.`,
    examples: {
      valid: [{ code: '# nightly\n0 1 * * * /usr/bin/true\n' }],
      invalid: [{ code: 'nightly cleanup\n' }, { code: '0 1 * * *\n' }],
    },
  },
  {
    id: 'cron/user-field-in-user-crontab',
    severity: 'error',
    description: 'A user crontab line starts its command with an account name, as a system crontab would',
    help: `User crontabs (crontab -e, /var/spool/cron) have no user field; a line copied from /etc/crontab, 0 4 * * * root /srv/backup.sh, runs a command called "root" that does not exist (crontab(5), Debian and cronie). Only well-known account names that are not also commands are reported.
Fix: drop the user name, or install the line as a system crontab (/etc/cron.d).`,
    examples: {
      valid: [{ code: '0 4 * * * /srv/backup.sh\n' }],
      invalid: [{ code: '0 4 * * * root /srv/backup.sh\n' }],
    },
  },
  {
    id: 'cron/cron-tz-nonportable',
    severity: 'warning',
    description: 'CRON_TZ or TZ is set, but this cron schedules jobs in the system time zone',
    help: `cronie's crontab(5): "The CRON_TZ variable specifies the time zone specific for the cron table"; schedules are then read in that zone. Debian cron and BusyBox crond ignore CRON_TZ and schedule in the daemon's zone, passing the variable to the job's environment only. TZ= changes only the job's environment everywhere. --target rhel accepts CRON_TZ; --next uses it only there.
Fix: write the schedule in the server's time zone (usually UTC), or use a systemd timer with OnCalendar=... Europe/Paris.`,
    examples: {
      valid: [{ code: '0 7 * * * /usr/local/bin/digest\n' }],
      invalid: [{ code: 'CRON_TZ=Europe/Paris\n0 7 * * * /usr/local/bin/digest\n' }],
    },
  },
  {
    id: 'cron/actions-too-frequent',
    severity: 'warning',
    description: 'A GitHub Actions schedule asks for runs more often than every 5 minutes',
    help: `GitHub's "Events that trigger workflows" (schedule): "The shortest interval you can run scheduled workflows is once every 5 minutes." A minute field such as * or */2 is accepted and silently run less often than written. Reported at the minute field of on.schedule[].cron.
Fix: use */5 or a longer interval, or trigger the workflow another way (workflow_dispatch, repository_dispatch).`,
    examples: {
      valid: [{ code: 'on:\n  schedule:\n    - cron: "*/15 * * * *"\njobs: {}\n', note: '.github/workflows/poll.yml' }],
      invalid: [{ code: 'on:\n  schedule:\n    - cron: "*/2 * * * *"\njobs: {}\n', note: '.github/workflows/poll.yml' }],
    },
  },
  {
    id: 'cron/actions-top-of-hour',
    severity: 'info',
    description: 'A GitHub Actions schedule runs at minute 0, when GitHub delays or drops runs under load',
    help: `GitHub's "Events that trigger workflows" (schedule): "The schedule event can be delayed during periods of high loads of GitHub Actions workflow runs. High load times include the start of every hour. If the load is sufficiently high enough, some queued jobs may be dropped. To decrease the chance of delay, schedule your workflow to run at a different time of the hour."
Fix: pick another minute (17 3 * * * rather than 0 3 * * *).`,
    examples: {
      valid: [{ code: 'on:\n  schedule:\n    - cron: "17 3 * * *"\njobs: {}\n', note: '.github/workflows/nightly.yml' }],
      invalid: [{ code: 'on:\n  schedule:\n    - cron: "0 3 * * *"\njobs: {}\n', note: '.github/workflows/nightly.yml' }],
    },
  },
  {
    id: 'cron/actions-utc',
    severity: 'info',
    description: 'A GitHub Actions schedule looks like local business hours, but GitHub reads it in UTC',
    help: `GitHub's "Events that trigger workflows" (schedule): "Scheduled workflows run on the latest commit on the default branch" and the cron syntax is evaluated in UTC; on.schedule has no time zone setting. A schedule of weekday office hours (9-17 on 1-5) runs hours off for anyone not on UTC, and shifts by an hour with daylight saving time. Reported at the hour field when the hours fall within 07-19 and the days are Monday to Friday or the hours are a range.
Fix: convert the hours to UTC (and mind daylight saving time), or suppress the finding where UTC is meant.`,
    examples: {
      valid: [{ code: 'on:\n  schedule:\n    - cron: "30 2 * * *"\njobs: {}\n', note: '.github/workflows/report.yml' }],
      invalid: [{ code: 'on:\n  schedule:\n    - cron: "30 9 * * 1-5"\njobs: {}\n', note: '.github/workflows/report.yml' }],
    },
  },
  {
    id: 'cron/k8s-time-zone',
    severity: 'error',
    description: 'A CronJob sets its zone with CRON_TZ or TZ in spec.schedule, or names no valid spec.timeZone',
    help: `Kubernetes' CronJob concept page: "Specifying a timezone using CRON_TZ or TZ variables inside .spec.schedule is not officially supported (and never has been). If you try to set a schedule that includes TZ or CRON_TZ timezone specification, Kubernetes will fail to create the resource with a validation error." The supported way is spec.timeZone (batch/v1, stable since 1.27), which must be a name from the tz database such as Europe/Paris.
Fix: move the zone to spec.timeZone and keep spec.schedule to the five fields.`,
    examples: {
      valid: [{ code: 'apiVersion: batch/v1\nkind: CronJob\nspec:\n  schedule: "0 7 * * *"\n  timeZone: Europe/Paris\n', note: 'k8s/digest.yaml' }],
      invalid: [{ code: 'apiVersion: batch/v1\nkind: CronJob\nspec:\n  schedule: "CRON_TZ=Europe/Paris 0 7 * * *"\n', note: 'k8s/digest.yaml' }],
    },
  },
  {
    id: 'cron/k8s-missed-schedules',
    severity: 'warning',
    description: 'A CronJob setting makes runs go missing: startingDeadlineSeconds under 10, or Forbid without a deadline',
    help: `Kubernetes' CronJob concept page: "If startingDeadlineSeconds is set to a value less than 10 seconds, the CronJob may not be scheduled. This is because the CronJob controller checks things every 10 seconds." And: "if concurrencyPolicy is set to Forbid and a CronJob was attempted to be scheduled when there was a previous schedule still running, then it would count as missed"; without startingDeadlineSeconds, "If there are more than 100 missed schedules, then it does not start the job and logs the error" (Cannot determine if job needs to be started. Too many missed start time (> 100)). The Forbid case is reported as info.
Fix: startingDeadlineSeconds of at least 10 (a few minutes is usual); with Forbid, set startingDeadlineSeconds so only recent misses count.`,
    examples: {
      valid: [{ code: 'apiVersion: batch/v1\nkind: CronJob\nspec:\n  schedule: "*/5 * * * *"\n  concurrencyPolicy: Forbid\n  startingDeadlineSeconds: 200\n', note: 'k8s/sync.yaml' }],
      invalid: [{ code: 'apiVersion: batch/v1\nkind: CronJob\nspec:\n  schedule: "*/5 * * * *"\n  startingDeadlineSeconds: 5\n', note: 'k8s/sync.yaml' }],
    },
  },
] as const satisfies readonly RuleMeta[];

/** Every id the cron domain can report: findings accept only these. */
export type CronRuleId = (typeof CRON_RULES)[number]['id'];

/** The data of the cron findings code reads back (src/findings/model.ts, RuleData). */
export interface CronRuleData {
  'cron/relative-binary': {
    command: string;
    /** The PATH= in effect, when the job has one. */
    path?: string;
    /** Installed by a version manager (nvm, pyenv...): no system path to suggest. */
    versionManaged?: true;
  };
}


/** A cron rule id without its `cron/` prefix, as the linter's report helper takes it. */
export type CronRuleName = CronRuleId extends `cron/${infer Name}` ? Name : never;

export function cronRule(id: CronRuleId): RuleMeta {
  return CRON_RULES.find((r) => r.id === id)!;
}
