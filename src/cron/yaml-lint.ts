/**
 * cron-lint for schedules in YAML: the crontab schedule rules (schedule-rules.ts) at the position
 * of the schedule string, plus what GitHub Actions and Kubernetes do differently from cron.
 * Sources: GitHub's "Events that trigger workflows" (schedule) and Kubernetes' CronJob concept page.
 */
import type { Finding, Severity } from '../findings/model.js';
import type { JobSummary } from './lint.js';
import { cronRule } from './rules.js';

import { KEYWORDS, type Schedule, describeKeyword } from './schedule.js';
import { type FieldSpan, checkScheduleFields } from './schedule-rules.js';
import type { Report } from './shell-rules.js';
import { type Located, type YamlFlavour, type YamlSchedule, scanYamlSchedules } from './yaml-schedules.js';

export interface YamlAnalysis {
  flavour: YamlFlavour | null;
  findings: Finding[];
  jobs: JobSummary[];
  /** Set when the file is not usable YAML: one line, for the input error. */
  error?: string;
}

/** Kubernetes' macros (robfig/cron descriptors); @reboot has no meaning for a controller. */
const K8S_MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** GitHub runs a schedule at most this often. */
const ACTIONS_MIN_INTERVAL = 5;

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The five fields with their columns, when the string is laid out simply enough to point inside it. */
function splitFields(cron: Located, text: string): FieldSpan[] {
  const spans: FieldSpan[] = [];
  const re = /\S+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) spans.push({ text: m[0], col: cron.exact ? cron.col - 1 + m.index : cron.col - 1 });
  return spans;
}

export function analyzeYamlSchedules(file: string, text: string): YamlAnalysis {
  const scan = scanYamlSchedules(file, text);
  if (scan.notParsed) return { flavour: null, findings: [], jobs: [], error: scan.notParsed };
  if (scan.syntaxError) return { flavour: scan.flavour, findings: [], jobs: [], error: `not valid YAML (${scan.syntaxError})` };
  const raw: Finding[] = [];
  const jobs: JobSummary[] = [];
  const report: Report = (rule, line, column, message, data, severity) => {
    const ruleId = `cron/${rule}` as const;
    raw.push({ ruleId, severity: severity ?? cronRule(ruleId).severity, message, file, line, column, ...(data ? { data } : {}) });
  };
  for (const m of scan.malformed) report('invalid-schedule', m.line, m.col, `Invalid schedule: ${m.message}`);
  for (const entry of scan.schedules) checkOne(entry, report, jobs);

  return { flavour: scan.flavour, findings: raw, jobs };
}

function checkOne(entry: YamlSchedule, report: Report, jobs: JobSummary[]): void {
  const { cron, flavour } = entry;
  const at = (offset: number) => (cron.exact ? cron.col + offset : cron.col);
  let expression = String(cron.value);
  const summary: JobSummary = { line: cron.line, schedule: expression.trim(), reading: null, command: flavour === 'github-actions' ? 'workflow run' : 'CronJob' };
  jobs.push(summary);
  const where = flavour === 'github-actions' ? 'GitHub Actions' : 'Kubernetes';

  if (flavour === 'kubernetes') {
    checkKubernetesFields(entry, report);
    // Kubernetes refuses the manifest; the rest of the schedule is still worth reading.
    const tz = /^(\s*)(CRON_TZ|TZ)=(\S*)\s+/.exec(expression);
    if (tz) {
      report('k8s-time-zone', cron.line, at(tz[1]!.length), `${tz[2]}=${tz[3]} inside spec.schedule is not supported: the API server rejects the CronJob; set spec.timeZone: ${tz[3] || '<zone>'} instead`);
      expression = ' '.repeat(tz[0].length) + expression.slice(tz[0].length);
    }
  }

  const trimmed = expression.trim();
  if (trimmed.startsWith('@')) {
    const offset = expression.indexOf('@');
    if (flavour === 'github-actions') {
      report('invalid-schedule', cron.line, at(offset), `${where} accepts only POSIX five-field schedules: ${trimmed} is not supported${KEYWORDS[trimmed] ? ` (write '${KEYWORDS[trimmed]}')` : ''}`);
    } else if (K8S_MACROS.has(trimmed)) {
      summary.reading = describeKeyword(trimmed);
      summary.keyword = trimmed;
      if (typeof entry.timeZone?.value === 'string' && validTimeZone(entry.timeZone.value)) summary.timeZone = entry.timeZone.value;
    }
    else if (!/^@every\s+\S+$/.test(trimmed)) report('invalid-schedule', cron.line, at(offset), `Unknown macro ${trimmed}; Kubernetes knows ${[...K8S_MACROS].join(', ')}`);
    return;
  }

  // Kubernetes (robfig/cron) reads ? as * in the day fields.
  const fields = splitFields(cron, expression).map((f, i) => (flavour === 'kubernetes' && (i === 2 || i === 4) && f.text === '?' ? { ...f, text: '*' } : f));
  if (fields.length !== 5) {
    const extra = fields.length > 5 ? ` ('${fields[5]!.text}' looks like a ${fields.length === 6 ? 'seconds or year' : 'sixth'} field)` : '';
    report('invalid-schedule', cron.line, at(expression.search(/\S/)), `Invalid schedule '${trimmed}': ${where} needs exactly five fields, found ${fields.length}${extra}`);
    return;
  }
  const checked = checkScheduleFields(fields, {
    // The star-step AND rule is Debian cron's and cronie's; neither GitHub nor robfig/cron is documented to share it.
    report: (rule, ...rest) => {
      if (rule !== 'dom-dow-star-step') report(rule, ...rest);
    },
    line: cron.line,
    dropNote: '',
    nonportable: () => 'invalid',
  });
  if (!checked) return;
  summary.reading = checked.reading;
  summary.fields = fields.map((f) => f.text);
  if (flavour === 'github-actions') {
    summary.timeZone = 'UTC';
    checkActions(fields, checked.schedule, cron.line, report);
  }
  else if (typeof entry.timeZone?.value === 'string' && validTimeZone(entry.timeZone.value)) summary.timeZone = entry.timeZone.value;
}

const hh = (hour: number) => `${String(hour % 24).padStart(2, '0')}:00`;

function checkActions(fields: FieldSpan[], s: Schedule, line: number, report: Report): void {
  const [minute, hour, , , dow] = fields as [FieldSpan, FieldSpan, FieldSpan, FieldSpan, FieldSpan];
  const minutes = [...s.minute.values].sort((a, b) => a - b);
  let gap = 60;
  for (let i = 0; i < minutes.length; i++) gap = Math.min(gap, ((minutes[(i + 1) % minutes.length]! - minutes[i]! + 60) % 60) || 60);
  if (gap < ACTIONS_MIN_INTERVAL) {
    report('actions-too-frequent', line, minute.col + 1, `Minute field '${minute.text}' asks for a run every ${gap} minute${gap === 1 ? '' : 's'}; GitHub Actions runs a schedule at most once every ${ACTIONS_MIN_INTERVAL} minutes`, { interval: gap });
  } else if (minutes.length === 1 && minutes[0] === 0) {
    report('actions-top-of-hour', line, minute.col + 1, "Minute 0: GitHub delays scheduled runs at the start of every hour under high load, and may drop queued ones; pick another minute (for example '17')");
  }
  const hours = [...s.hour.values];
  const weekdays = [...s.dow.values].map((d) => d % 7).sort().join(',') === '1,2,3,4,5';
  const officeHours = !s.hour.isStar && hours.length > 0 && hours.every((h) => h >= 7 && h <= 19);
  if (officeHours && (weekdays || /-/.test(hour.text))) {
    report('actions-utc', line, hour.col + 1, `Hour '${hour.text}'${weekdays ? ` on '${dow.text}'` : ''} looks like local business hours, but GitHub Actions reads schedules in UTC (${hours.length === 1 ? `${hh(hours[0]!)} UTC is ${hh(hours[0]! + 19)} in New York in winter, ${hh(hours[0]! + 9)} in Tokyo` : 'shift the hours by your UTC offset'})`);
  }
}

function checkKubernetesFields(entry: YamlSchedule, report: Report): void {
  const { timeZone, startingDeadlineSeconds: deadline, concurrencyPolicy: policy } = entry;
  if (timeZone && (typeof timeZone.value !== 'string' || !validTimeZone(timeZone.value) || timeZone.value === 'Local')) {
    report('k8s-time-zone', timeZone.line, timeZone.col, `spec.timeZone '${String(timeZone.value)}' is not an IANA time zone name (such as Europe/Paris); the API server rejects the CronJob`);
  }
  const seconds = deadline && typeof deadline.value === 'number' ? deadline.value : undefined;
  if (deadline && seconds !== undefined && seconds < 10) {
    report('k8s-missed-schedules', deadline.line, deadline.col, `startingDeadlineSeconds: ${seconds} is under 10: the CronJob controller checks every 10 seconds, so the job may never be started`);
  }
  if (policy?.value === 'Forbid' && !deadline) {
    const severity: Severity = 'info';
    report(
      'k8s-missed-schedules',
      policy.line,
      policy.col,
      'concurrencyPolicy: Forbid without startingDeadlineSeconds: runs skipped while one is still going count as missed, and after 100 missed start times the controller stops starting the job; set startingDeadlineSeconds',
      undefined,
      severity,
    );
  }
}
