import type { CommandResult, RenderContext } from '../findings/model.js';

/** Bumped on any incompatible change to the envelope; additions keep it. */
export const JSON_SCHEMA_VERSION = 1;

export function renderJson(result: CommandResult, ctx: RenderContext): string {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of result.findings) counts[f.severity]++;
  const envelope = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: 'authkit', version: ctx.toolVersion },
    command: result.command,
    ...result.json,
    findings: result.findings,
    errors: result.errors,
    ...(result.notes?.length ? { notes: result.notes } : {}),
    summary: { ...counts, total: result.findings.length, inputErrors: result.errors.length, ...(result.vendored ? { vendored: result.vendored } : {}) },
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}
