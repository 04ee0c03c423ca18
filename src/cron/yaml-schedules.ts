/**
 * Finds cron schedules where most are written today: GitHub Actions workflows (`on.schedule[].cron`)
 * and Kubernetes CronJob manifests (`spec.schedule`, with the fields that change when it runs).
 * Keeps YAML positions so findings point at the schedule string itself.
 */
import { type Document, LineCounter, type Node, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { MAX_YAML_NESTING, yamlNesting } from '../files/yaml-nesting.js';
import { isWorkflowPath } from './yaml-paths.js';

export type YamlFlavour = 'github-actions' | 'kubernetes';

/** A scalar as written: value, and where each character of a plain or simply quoted one is. */
export interface Located {
  value: unknown;
  line: number;
  /** 1-based column of the value's first character (inside the quotes). */
  col: number;
  /** The text sits on one line with no escapes: character i is at col + i. */
  exact: boolean;
}

export interface YamlSchedule {
  flavour: YamlFlavour;
  cron: Located;
  /** Kubernetes: spec.timeZone, spec.startingDeadlineSeconds, spec.concurrencyPolicy. */
  timeZone?: Located;
  startingDeadlineSeconds?: Located;
  concurrencyPolicy?: Located;
}

export interface YamlScan {
  flavour: YamlFlavour | null;
  schedules: YamlSchedule[];
  /** The first YAML syntax error, as "line L, column C: message". */
  syntaxError?: string;
  /** Why the text was not handed to the YAML parser at all. */
  notParsed?: string;
  /** Schedule entries that are not strings: [line, column, what]. */
  malformed: { line: number; col: number; message: string }[];
}

function get(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  for (const pair of node.items) if (isScalar(pair.key) && pair.key.value === key) return pair.value as Node | undefined;
  return undefined;
}

export function scanYamlSchedules(display: string, text: string): YamlScan {
  if (yamlNesting(text) > MAX_YAML_NESTING) return { flavour: null, schedules: [], malformed: [], notParsed: `not parsed: YAML nested deeper than ${MAX_YAML_NESTING} levels` };
  const counter = new LineCounter();
  // Pretty errors quote the error's whole line, once per error: a long line of errors made that
  // quadratic (128 KB, 4.3 s). The first error's position comes from the line counter instead.
  const docs = parseAllDocuments(text, { lineCounter: counter, uniqueKeys: false, prettyErrors: false }) as Document[] | { empty: true };
  const scan: YamlScan = { flavour: null, schedules: [], malformed: [] };
  if (!Array.isArray(docs)) return scan;
  const locate = (node: Node): Located => {
    const start = node.range?.[0] ?? 0;
    const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
    const pos = counter.linePos(start + (quoted ? 1 : 0));
    const raw = text.slice(start, node.range?.[1] ?? start);
    const value = isScalar(node) ? node.value : undefined;
    const exact = isScalar(node) && (node.type === 'PLAIN' || node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') && !raw.includes('\n') && !/\\|''/.test(raw);
    return { value, line: pos.line, col: pos.col, exact };
  };
  const malformed = (node: Node | undefined, fallback: number, message: string) => {
    const pos = counter.linePos(node?.range?.[0] ?? fallback);
    scan.malformed.push({ line: pos.line, col: pos.col, message });
  };

  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      const { line, col } = error.pos[0] >= 0 ? counter.linePos(error.pos[0]) : { line: 1, col: 1 };
      scan.syntaxError = `line ${line}, column ${col}: ${error.message.split('\n')[0]}`;
      return scan;
    }
    const root = doc.contents;
    if (get(root, 'kind') && isScalar(get(root, 'kind')) && (get(root, 'kind') as { value: unknown }).value === 'CronJob') {
      scan.flavour = 'kubernetes';
      const spec = get(root, 'spec');
      const schedule = get(spec, 'schedule');
      if (!schedule || !isScalar(schedule) || typeof schedule.value !== 'string') {
        malformed(schedule ?? (spec as Node | undefined), root?.range?.[0] ?? 0, 'a CronJob needs spec.schedule, a string');
        continue;
      }
      const entry: YamlSchedule = { flavour: 'kubernetes', cron: locate(schedule) };
      for (const field of ['timeZone', 'startingDeadlineSeconds', 'concurrencyPolicy'] as const) {
        const node = get(spec, field);
        if (node) entry[field] = locate(node);
      }
      scan.schedules.push(entry);
      continue;
    }
    const on = get(root, 'on');
    const looksLikeWorkflow = isWorkflowPath(display) || (on !== undefined && get(root, 'jobs') !== undefined);
    if (!looksLikeWorkflow) continue;
    scan.flavour = 'github-actions';
    const schedules = get(on, 'schedule');
    if (schedules === undefined) continue;
    if (!isSeq(schedules)) {
      malformed(schedules, 0, 'on.schedule must be a list of { cron: "..." } entries');
      continue;
    }
    for (const item of schedules.items) {
      const cron = get(item, 'cron');
      if (!cron || !isScalar(cron) || typeof cron.value !== 'string') {
        malformed((cron ?? item) as Node, 0, 'each on.schedule entry needs cron: with a string');
        continue;
      }
      scan.schedules.push({ flavour: 'github-actions', cron: locate(cron) });
    }
  }
  return scan;
}
