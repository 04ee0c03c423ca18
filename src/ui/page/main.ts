// The decoder page's script: the CLI's own src/jwt analysis, bundled for the browser
// (scripts/build.mjs), drawn into the page. Nothing here fetches, stores or navigates.
import { type DecodedTokenReport, decodeTokens } from '../../jwt/decode.js';
import type { Finding } from '../../findings/model.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export interface PageResult {
  tokens: DecodedTokenReport[];
  findings: Finding[];
  errors: { message: string }[];
}

/** One decode, exactly as `authkit decode <text>` runs it, at `now`. */
export function analyse(text: string, now: Date): PageResult {
  const result = decodeTokens([{ file: '<arg>', text, source: 'arg' }], { now, leewaySeconds: 0, maxLifetimeSeconds: 15 * 60, weakSecretLimit: 20 });
  return { tokens: (result.json as { tokens: DecodedTokenReport[] }).tokens, findings: result.findings, errors: result.errors };
}

function render(result: PageResult): void {
  const token = result.tokens[0];
  $('header-json').textContent = token ? JSON.stringify(token.header, null, 2) : '';
  $('payload-json').textContent = token ? (token.payloadText ?? JSON.stringify(token.payload, null, 2)) : '';
  $('signature-status').textContent = token?.signature.status ?? '';
  const list = $('findings');
  list.replaceChildren(
    ...result.findings.map((f) => {
      const item = document.createElement('li');
      item.dataset.rule = f.ruleId;
      item.className = `finding ${f.severity}`;
      item.textContent = `${f.severity} ${f.ruleId}: ${f.message}`;
      return item;
    }),
  );
  $('errors').textContent = result.errors.map((e) => e.message).join('\n');
}

function start(): void {
  const input = $<HTMLTextAreaElement>('token');
  const update = () => render(input.value.trim() === '' ? { tokens: [], findings: [], errors: [] } : analyse(input.value, new Date()));
  input.addEventListener('input', update);
  update();
  document.body.dataset.ready = 'true';
}

start();
