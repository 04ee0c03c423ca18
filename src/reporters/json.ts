import type { CommandResult, RenderContext } from '../findings/model.js';

/** Bumped on any incompatible change to the envelope; additions keep it. */
export const JSON_SCHEMA_VERSION = 1;

/** Findings serialised per chunk: the report is written as it is made, never held whole. */
const FINDINGS_PER_CHUNK = 2_000;

/**
 * The JSON report in pieces, byte for byte what `JSON.stringify(envelope, null, 2)` gives: one
 * string of 750,000 findings was 400 MB on top of the findings themselves.
 */
export function* jsonChunks(result: CommandResult, ctx: RenderContext): Generator<string> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of result.findings) counts[f.severity]++;
  const head = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: 'authkit', version: ctx.toolVersion },
    command: result.command,
    ...result.json,
  };
  const suppressed = result.suppressed ?? [];
  const tail = {
    errors: result.errors,
    ...(result.notes?.length ? { notes: result.notes } : {}),
    // Silenced by an inline directive: data for an audit of the suppressions, never counted in `total`.
    ...(suppressed.length ? { suppressed } : {}),
    summary: {
      ...counts,
      total: result.findings.length,
      inputErrors: result.errors.length,
      ...(suppressed.length ? { suppressed: suppressed.length } : {}),
      ...(result.vendored ? { vendored: result.vendored } : {}),
    },
  };
  // Both objects are never empty: strip `\n}` from the head and `{\n` from the tail to join them.
  yield `${JSON.stringify(head, null, 2).slice(0, -2)},\n  "findings": `;
  const findings = result.findings;
  if (findings.length === 0) yield '[]';
  else {
    for (let start = 0; start < findings.length; start += FINDINGS_PER_CHUNK) {
      // `[\n  {...},\n  {...}\n]` one level deeper: brackets off, two more spaces on every line.
      const items = JSON.stringify(findings.slice(start, start + FINDINGS_PER_CHUNK), null, 2).slice(2, -2);
      yield `${start === 0 ? '[\n' : ',\n'}  ${items.replace(/\n/g, '\n  ')}`;
    }
    yield '\n  ]';
  }
  yield `,\n${JSON.stringify(tail, null, 2).slice(2)}\n`;
}

export function renderJson(result: CommandResult, ctx: RenderContext): string {
  return [...jsonChunks(result, ctx)].join('');
}
