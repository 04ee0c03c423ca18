// Labels of the session corpus (see corpus/README.md) and the precision/recall of a set of
// findings against them.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Finding } from '../../src/findings/model.js';

export interface Label {
  file: string;
  /** null: any line of the file. */
  line: number | null;
  ruleId: string;
}

export function corpusFiles(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (!name.endsWith('.expect') && !name.endsWith('.md')) out.push(path);
    }
  };
  visit(root);
  return out;
}

/** Labels of one corpus file, `file` being the path findings will carry. */
export function labelsOf(path: string, file: string): Label[] {
  const sidecar = `${path}.expect`;
  if (existsSync(sidecar)) {
    return readFileSync(sidecar, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'))
      .map((l) => {
        const [line, ruleId] = l.split(/\s+/);
        return { file, line: line === '*' ? null : Number(line), ruleId: ruleId! };
      });
  }
  const labels: Label[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      const match = /expect: (session\/[\w-]+(?:\s*,\s*session\/[\w-]+)*)/.exec(text);
      if (match) for (const ruleId of match[1]!.split(',')) labels.push({ file, line: i + 1, ruleId: ruleId.trim() });
    });
  return labels;
}

export interface Score {
  truePositives: number;
  findings: number;
  labels: number;
  precision: number;
  recall: number;
  falsePositives: Finding[];
  misses: Label[];
}

/** Matches findings to labels one to one (same file, rule and line; a `*` label takes any line). */
export function score(findings: Finding[], labels: Label[]): Score {
  const open = [...labels];
  const falsePositives: Finding[] = [];
  let truePositives = 0;
  for (const finding of findings) {
    const index = open.findIndex((l) => l.file === finding.file && l.ruleId === finding.ruleId && (l.line === null || l.line === finding.line));
    if (index >= 0) {
      open.splice(index, 1);
      truePositives++;
    } else {
      falsePositives.push(finding);
    }
  }
  return {
    truePositives,
    findings: findings.length,
    labels: labels.length,
    precision: findings.length ? truePositives / findings.length : 1,
    recall: labels.length ? truePositives / labels.length : 1,
    falsePositives,
    misses: open,
  };
}

export interface RuleScore extends Score {
  ruleId: string;
}

/** The score of each rule that has a label or a finding, by rule id. */
export function perRule(findings: Finding[], labels: Label[]): RuleScore[] {
  const ids = [...new Set([...findings.map((f) => f.ruleId), ...labels.map((l) => l.ruleId)])].sort();
  return ids.map((ruleId) => ({ ruleId, ...score(findings.filter((f) => f.ruleId === ruleId), labels.filter((l) => l.ruleId === ruleId)) }));
}

export function displayOf(path: string, cwd: string): string {
  return relative(cwd, path).split('\\').join('/');
}
