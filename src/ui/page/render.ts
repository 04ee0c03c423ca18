// Draws one decode into the page. Text goes in through textContent only: a token is hostile
// input, and nothing from it is ever parsed as markup.
import type { DecodedTokenReport } from '../../jwt/decode.js';
import { decodeSegment } from '../../jwt/base64url.js';
import type { Finding } from '../../findings/model.js';
import { JWT_RULES } from '../../jwt/rules.js';
import { CLAIMS, HEADER_FIELDS } from './claims.js';
import { localTime } from './times.js';

export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { dataset?: Record<string, string> } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  const { dataset, ...rest } = props;
  Object.assign(node, rest);
  if (dataset) Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
}

const SEGMENT_NAMES = ['header', 'payload', 'signature'] as const;
const JWE_NAMES = ['header', 'encrypted key', 'iv', 'ciphertext', 'tag'];

/** The token in colour, each segment a button that moves focus to its panel. */
export function renderSegments(compact: string | undefined): void {
  const box = $('segments');
  if (!compact) {
    box.replaceChildren();
    return;
  }
  const parts = compact.split('.');
  const names = parts.length === 5 ? JWE_NAMES : SEGMENT_NAMES;
  const nodes: Node[] = [];
  parts.forEach((part, i) => {
    if (i > 0) nodes.push(el('span', { className: 'dot', ariaHidden: 'true' }, '.'));
    const name = names[i] ?? `segment ${i + 1}`;
    const target = i === 0 ? 'panel-header' : i === 1 && parts.length === 3 ? 'panel-payload' : 'panel-signature';
    // The name spoken starts with the segment's role and still contains the visible text.
    const button = el('button', { type: 'button', className: `segment seg-${SEGMENT_NAMES[Math.min(i, 2)]}`, title: `${name}: show its panel` }, el('span', { className: 'visually-hidden' }, `${name}: `), part);
    button.addEventListener('click', () => $(target).focus());
    nodes.push(button);
  });
  box.replaceChildren(...nodes);
}

/**
 * A token the CLI's parser refuses is still shown segment by segment with the CLI's own
 * base64url decoder, so a person sees which part is broken and why.
 */
export function segmentErrors(compact: string): string[] {
  const parts = compact.split('.');
  if (parts.length !== 3 && parts.length !== 5) return [`The token has ${parts.length} segments; a JWS has 3, a JWE 5.`];
  return parts.slice(0, parts.length === 3 ? 2 : 1).map((part, i) => {
    const name = SEGMENT_NAMES[i]!;
    const decoded = decodeSegment(part);
    if (!decoded) return `${name}: not base64url (bad characters or impossible length)`;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(decoded.bytes);
    } catch {
      return `${name}: not UTF-8 text`;
    }
    try {
      JSON.parse(text);
      return `${name}: decodes to JSON${decoded.issues.length ? ` (${decoded.issues.join(', ')})` : ''}`;
    } catch (error) {
      return `${name}: not JSON: ${(error as Error).message}`;
    }
  });
}

function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function fieldList(target: string, record: unknown, explain: Record<string, string>, times: Map<string, number>): void {
  const entries = record && typeof record === 'object' && !Array.isArray(record) ? Object.entries(record) : [];
  $(target).replaceChildren(
    ...entries.flatMap(([name, value]) => {
      const explanation = explain[name];
      const when = times.get(name);
      return [
        el('dt', {}, el('code', {}, name)),
        el('dd', {}, el('span', { className: 'value' }, valueText(value)), ...(when !== undefined ? [el('span', { className: 'when' }, ` (${localTime(when)})`)] : []), ...(explanation ? [el('span', { className: 'explain' }, explanation)] : [])),
      ];
    }),
  );
}

export function renderToken(token: DecodedTokenReport | undefined): void {
  const times = new Map((token?.time.claims ?? []).map((c) => [c.claim, c.value as number]));
  fieldList('header-fields', token?.header, HEADER_FIELDS, new Map());
  fieldList('claims', token?.payloadKind === 'claims' ? token.payload : null, CLAIMS, times);
  $('header-json').textContent = token ? JSON.stringify(token.header, null, 2) : '';
  $('payload-json').textContent = !token ? '' : token.encrypted ? token.encrypted.note : (token.payloadText ?? JSON.stringify(token.payload, null, 2));
  $('signature-status').textContent = token?.signature.status ?? '';
  $('times').querySelector('tbody')!.replaceChildren(
    ...(token?.time.claims ?? []).map((c) =>
      el('tr', {}, el('th', { scope: 'row' }, el('code', {}, c.claim)), el('td', {}, localTime(c.value as number)), el('td', {}, c.iso ?? ''), el('td', {}, c.relative ?? '')),
    ),
  );
}

const HELP = new Map<string, string>(JWT_RULES.map((r) => [r.id, r.help]));

export function renderFindings(findings: Finding[]): void {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  $('findings-summary').textContent = findings.length ? `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'note')}` : 'No findings.';
  $('findings').replaceChildren(
    ...findings.map((f) =>
      el(
        'li',
        { className: `finding ${f.severity}`, dataset: { rule: f.ruleId } },
        el('span', { className: 'severity' }, f.severity),
        ' ',
        el('code', { className: 'rule' }, f.ruleId),
        el('p', { className: 'message' }, f.message),
        el('details', {}, el('summary', {}, 'Why and how to fix'), el('p', {}, HELP.get(f.ruleId) ?? ''), el('p', { className: 'more' }, `More: authkit rules ${f.ruleId}`)),
      ),
    ),
  );
}
