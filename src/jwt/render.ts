import type { Finding, RenderContext } from '../findings/model.js';
import type { DecodedTokenReport } from './report.js';
import { terminalSafe } from '../reporters/terminal.js';

const FOUND_IN: Record<string, string> = {
  argument: 'argument',
  bearer: 'Authorization: Bearer header',
  cookie: 'cookie header',
  json: 'JSON member',
  url: 'URL parameter',
  text: 'text',
};

function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((line) => by + line)
    .join('\n');
}

/** Shows CR, LF and other control characters of the raw header visibly, on one line. */
function visible(text: string): string {
  return terminalSafe(JSON.stringify(text));
}

/** JSON.stringify escapes C0 controls but not C1 ones or bidi overrides: those are escaped too. */
function pretty(value: unknown): string {
  try {
    return (JSON.stringify(value, null, 2) ?? String(value)).split('\n').map(terminalSafe).join('\n');
  } catch {
    return '(too deeply nested to show)';
  }
}

type Body = Omit<DecodedTokenReport, 'index' | 'file' | 'line' | 'column' | 'foundIn' | 'field' | 'findings'>;

function renderBody(body: Body, ctx: RenderContext, depth: number): string[] {
  const { paint } = ctx;
  const out: string[] = [];
  out.push(paint.bold('Header'));
  out.push(indent(pretty(body.header)));
  if (body.headerRaw !== undefined) {
    out.push(indent(paint.gray(`raw header bytes (differ from the JSON above): ${visible(body.headerRaw)}`)));
  }
  if (body.type === 'JWE') {
    out.push(`${paint.bold('Payload')}  ${paint.magenta(body.encrypted!.note)}`);
    return out;
  }
  out.push(body.payloadNote ? `${paint.bold('Payload')}  ${paint.yellow(body.payloadNote)}` : paint.bold('Payload'));
  if (body.payloadKind === 'claims' || body.payloadKind === 'json') out.push(indent(pretty(body.payload)));
  else if (body.payloadText !== undefined && !body.nested) out.push(indent(visible(body.payloadText)));
  if (body.nested) {
    out.push(indent(`${paint.bold(`Nested ${body.nested.type}`)} ${paint.cyan(terminalSafe(String(body.nested.alg)))}`));
    out.push(...renderBody(body.nested, ctx, depth + 1).map((l) => indent(l, '  │ ')));
  }
  if (body.nestedError) out.push(indent(paint.yellow(`nested token not decoded: ${terminalSafe(body.nestedError)}`)));
  const time = body.time;
  if (time.claims.length > 0 || depth === 0) {
    out.push(`${paint.bold('Times')}  ${paint.gray(`(now ${time.now}, leeway ${time.leewaySeconds}s)`)}`);
    for (const claim of time.claims) {
      const value = claim.iso
        ? `${claim.iso}  ${claim.claim === 'exp' && time.expired ? paint.red(claim.relative!) : claim.claim === 'nbf' && time.notYetValid ? paint.red(claim.relative!) : claim.relative}`
        : paint.yellow(terminalSafe(`${JSON.stringify(claim.value)}: ${claim.problem}`));
      out.push(`  ${claim.claim.padEnd(9)} ${value}`);
    }
    if (time.lifetime !== null) out.push(`  ${'lifetime'.padEnd(9)} ${time.lifetime} ${paint.gray('(exp - iat)')}`);
    if (time.claims.length === 0) out.push(paint.gray('  no time claims (exp, nbf, iat, auth_time)'));
  }
  if (body.signature.status) {
    const weak = body.signature.weakSecret.line !== null;
    const status = terminalSafe(body.signature.status);
    out.push(`${paint.bold('Signature')}  ${weak ? paint.red(status) : status}`);
  }
  return out;
}

/** The human part of `authkit decode`: each token, then the reporter lists the findings. */
export function renderDecodeText(tokens: DecodedTokenReport[], findings: Finding[], ctx: RenderContext, unlisted?: string): string {
  const { paint } = ctx;
  // Collected once: filtering all findings for each token was quadratic (250,000 tokens hung).
  const withFindings = new Set(findings.map((f) => f.data?.token));
  const blocks = tokens.map((token) => {
    const where = token.file === '<arg>' && tokens.length === 1 ? '' : `  ${paint.gray(terminalSafe(`${token.file}:${token.line}:${token.column}`))}`;
    const found = token.foundIn === 'argument' || token.foundIn === 'text' ? '' : paint.gray(`  in ${FOUND_IN[token.foundIn]}${token.field ? ` ${token.field}` : ''}`);
    const title = `${paint.bold(`Token ${token.index}`)}  ${token.type} ${paint.cyan(terminalSafe(String(token.alg)))}${token.algKnown ? '' : paint.yellow(' (unknown algorithm)')}${where}${found}`;
    const lines = [title, ...renderBody(token, ctx, 0)];
    if (!withFindings.has(token.index)) lines.push(paint.green('No risk findings'));
    return lines.join('\n');
  });
  if (unlisted) blocks.push(ctx.paint.yellow(`… ${unlisted}`));
  return blocks.join('\n\n');
}
