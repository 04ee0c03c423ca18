import { auditSessionSource } from '../../src/session/audit.js';
import type { SessionLimits } from '../../src/session/context.js';

/** `ruleId@line` of every finding in a snippet, sorted by line. */
export function findingsOf(code: string, file = 'app.js', limits?: SessionLimits): string[] {
  const { findings } = auditSessionSource(file, code, limits);
  return findings.sort((a, b) => a.line - b.line || a.ruleId.localeCompare(b.ruleId)).map((f) => `${f.ruleId}@${f.line}`);
}

export function messagesOf(code: string, file = 'app.js'): string[] {
  return auditSessionSource(file, code).findings.map((f) => f.message);
}
