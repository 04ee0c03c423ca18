import { vendoredSummary } from '../files/vendored.js';
import { isAbsolute, relative, resolve } from 'node:path';
import { toPosix } from '../files/paths.js';
import type { CommandResult, Finding, RenderContext, RuleMeta, Severity, SuppressedFinding } from '../findings/model.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
// GitHub code scanning reads `security-severity` (0-10) to rank security alerts.
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

/** A finding path as a URI relative to %SRCROOT% (the repository root when the result says so). */
function uriOf(file: string, result: CommandResult): string {
  const where = result.locations;
  if (!where) return encodeURI(file);
  const rel = relative(where.root, resolve(where.base, file));
  if (rel.startsWith('..') || isAbsolute(rel)) return encodeURI(file);
  return encodeURI(toPosix(rel));
}

/** Inputs that are not files (stdin, argv) get no physical location rather than a fake path. */
function locationOf(f: Finding, result: CommandResult) {
  if (f.file === '-' || f.file === '<arg>') return undefined;
  return [
    {
      physicalLocation: {
        artifactLocation: { uri: uriOf(f.file, result), uriBaseId: '%SRCROOT%' },
        region: {
          startLine: Math.max(1, f.line),
          startColumn: Math.max(1, f.column),
          ...(f.endLine ? { endLine: f.endLine } : {}),
          ...(f.endColumn ? { endColumn: f.endColumn } : {}),
        },
      },
    },
  ];
}

function ruleDescriptor(rule: RuleMeta & { domain?: string }) {
  // The registry's owner when the command listed registered rules (scan does); ids are `domain/...` by convention.
  const domain = rule.domain ?? rule.id.split('/')[0];
  return {
    id: rule.id,
    name: rule.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.help.split('\n')[0] || rule.description },
    help: { text: rule.help, markdown: rule.help },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: [domain, ...(rule.security ? ['security'] : [])],
      ...(rule.security ? { 'security-severity': SECURITY_SEVERITY[rule.severity] } : {}),
    },
  };
}

export function renderSarif(result: CommandResult, ctx: RenderContext): string {
  const rules = [...result.rules];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  for (const f of [...result.findings, ...(result.suppressed ?? [])]) {
    if (!index.has(f.ruleId)) {
      index.set(f.ruleId, rules.length);
      rules.push({ id: f.ruleId, severity: f.severity, description: f.ruleId, help: f.ruleId });
    }
  }
  // SARIF keeps suppressed results, marked, so code scanning shows them as dismissed in source.
  const reported: (Finding | SuppressedFinding)[] = result.suppressed?.length ? [...result.findings, ...result.suppressed] : result.findings;
  const results = reported.map((f) => {
    const locations = locationOf(f, result);
    const suppression = 'suppression' in f ? f.suppression : undefined;
    return {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: LEVEL[f.severity],
      message: { text: f.message },
      ...(locations ? { locations } : {}),
      ...(f.fingerprint ? { partialFingerprints: { 'authkit/v1': f.fingerprint } } : {}),
      ...(f.data ? { properties: f.data } : {}),
      ...(suppression ? { suppressions: [{ kind: 'inSource', ...(suppression.reason ? { justification: suppression.reason } : {}) }] } : {}),
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'authkit',
            version: ctx.toolVersion,
            semanticVersion: ctx.toolVersion,
            informationUri: 'https://www.npmjs.com/package/authkit-cli',
            rules: rules.map(ruleDescriptor),
          },
        },
        automationDetails: { id: result.category ?? `authkit/${result.command}/` },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileUri(result.locations?.root ?? ctx.cwd)}/` } },
        invocations: [
          {
            executionSuccessful: result.errors.length === 0,
            toolExecutionNotifications: [
              ...result.errors.map((e) => ({ level: 'error', message: { text: `${e.file}: ${e.message}` } })),
              ...(result.skipped ?? []).map((s) => ({
                level: 'warning',
                message: { text: `skipped ${s.file}: ${s.reason}` },
                locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(s.file, result), uriBaseId: '%SRCROOT%' } } }],
              })),
              ...(result.vendored ? [{ level: 'note', message: { text: vendoredSummary(result.vendored) } }] : []),
              ...(result.notes ?? []).map((n) => ({
                level: 'warning',
                message: { text: n.file ? `${n.file}: ${n.message}` : n.message },
                ...(n.file && n.file !== '-' ? { locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(n.file, result), uriBaseId: '%SRCROOT%' } } }] } : {}),
              })),
            ],
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function pathToFileUri(path: string): string {
  return `file://${encodeURI(path.replace(/\\/g, '/')).replace(/\/$/, '')}`;
}
