// Scoring the engine against the ReDoS advisory corpus (test/regex/corpus/advisories.json).
// Shared by the accuracy test and scripts/regex-corpus.mjs.
import { analyzePatterns } from './analyze.js';
import type { EngineOptions, RegexUsage, Verdict } from './types.js';

export interface CorpusEntry {
  id: string;
  /** 'excluded' entries are reported but not scored (see their note). */
  kind: 'vulnerable' | 'safe' | 'excluded';
  advisory: string;
  package: string;
  version: string;
  pattern: string;
  flags: string;
  usage: RegexUsage;
  source: string;
  note?: string;
  measuredAttack?: { readable: string; inputLength: number; measuredMs: number; method: RegexUsage };
}

export interface CorpusRow {
  entry: CorpusEntry;
  verdict: Verdict;
  /** Reported as vulnerable (confirmed or not): the scanner raises a finding. */
  flagged: boolean;
}

export interface CorpusSummary {
  vulnerable: number;
  safe: number;
  detected: number;
  confirmed: number;
  falseAlarms: number;
  incomplete: number;
  recall: number;
  falseAlarmRate: number;
}

export async function runCorpus(entries: CorpusEntry[], options: EngineOptions): Promise<{ rows: CorpusRow[]; summary: CorpusSummary }> {
  const verdicts = await analyzePatterns(
    entries.map((e) => ({ pattern: e.pattern, flags: e.flags, usages: [e.usage] })),
    options,
  );
  const rows = entries.map((entry, i) => ({ entry, verdict: verdicts[i]!, flagged: verdicts[i]!.status === 'vulnerable' }));
  const vulnerable = rows.filter((r) => r.entry.kind === 'vulnerable');
  const safe = rows.filter((r) => r.entry.kind === 'safe');
  const detected = vulnerable.filter((r) => r.flagged).length;
  const falseAlarms = safe.filter((r) => r.flagged).length;
  return {
    rows,
    summary: {
      vulnerable: vulnerable.length,
      safe: safe.length,
      detected,
      confirmed: vulnerable.filter((r) => r.verdict.confirmed).length,
      falseAlarms,
      incomplete: rows.filter((r) => r.entry.kind !== 'excluded' && r.verdict.status === 'incomplete').length,
      recall: vulnerable.length === 0 ? 1 : detected / vulnerable.length,
      falseAlarmRate: safe.length === 0 ? 0 : falseAlarms / safe.length,
    },
  };
}

export function formatCorpusReport({ rows, summary }: { rows: CorpusRow[]; summary: CorpusSummary }): string {
  const lines = rows.map(({ entry, verdict }) => {
    const ok = entry.kind === 'excluded' || (entry.kind === 'vulnerable') === (verdict.status === 'vulnerable');
    const complexity = verdict.complexity?.type === 'polynomial' ? `poly^${verdict.complexity.degree}` : verdict.complexity?.type ?? '-';
    const measured = verdict.measuredMs !== undefined ? `${verdict.measuredMs} ms @ ${verdict.inputLength} chars (${verdict.method})` : '';
    return `${entry.kind === 'excluded' ? 'info' : ok ? 'ok  ' : 'MISS'} ${entry.kind.padEnd(10)} ${entry.id.padEnd(34)} ${verdict.status.padEnd(10)} ${complexity.padEnd(11)} ${String(verdict.checker ?? '-').padEnd(11)} ${verdict.confirmed ? 'confirmed' : '         '} ${measured}${verdict.reason ? ` ${verdict.reason}` : ''}`;
  });
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  lines.push(
    `recall ${summary.detected}/${summary.vulnerable} = ${pct(summary.recall)} (confirmed by measurement: ${summary.confirmed}/${summary.vulnerable}); ` +
      `false alarms ${summary.falseAlarms}/${summary.safe} = ${pct(summary.falseAlarmRate)}; incomplete ${summary.incomplete}`,
  );
  return lines.join('\n');
}
