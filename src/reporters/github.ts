import { terminalSafe } from './terminal.js';
import type { CommandResult, RenderContext, Severity } from '../findings/model.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

// Workflow-command escaping, as @actions/core does it.
// Annotations are printed in the job log, which interprets ANSI sequences: inputs' controls are shown as escapes.
const escapeData = (s: string) => terminalSafe(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions annotations, one line per finding. */
export function renderGithub(result: CommandResult, _ctx: RenderContext): string {
  const lines = result.findings.map((f) => {
    const props = [
      ...(f.file === '-' || f.file === '<arg>' ? [] : [`file=${escapeProperty(f.file)}`]),
      `line=${f.line}`,
      `col=${f.column}`,
      ...(f.endLine ? [`endLine=${f.endLine}`] : []),
      ...(f.endColumn ? [`endColumn=${f.endColumn}`] : []),
      `title=${escapeProperty(f.ruleId)}`,
    ];
    return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
  });
  for (const e of result.errors) lines.push(`::error title=authkit::${escapeData(`${e.file}: ${e.message}`)}`);
  for (const n of result.notes ?? []) lines.push(`::warning title=authkit${n.file && n.file !== '-' ? `,file=${escapeProperty(n.file)}` : ''}::${escapeData(n.message)}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
