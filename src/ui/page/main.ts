// The decoder page's script: the CLI's own src/jwt analysis, bundled for the browser
// (scripts/build-page.mjs), drawn into the page. Nothing here fetches, stores or navigates.
import { type DecodedTokenReport, decodeTokens } from '../../jwt/decode.js';
import { tokensInArgument } from '../../jwt/extract.js';
import type { Finding } from '../../findings/model.js';
import { installCopy } from './copy.js';
import { $, renderFindings, renderSegments, renderToken, segmentErrors } from './render.js';
import { loadSecretsList } from './secrets.js';
import { validity } from './times.js';
import { installVerify } from './verify-panel.js';

export interface PageState {
  compact?: string;
  token?: DecodedTokenReport;
  findings: Finding[];
  errors: string[];
}

const state: PageState = { findings: [], errors: [] };

/** One decode, exactly as `authkit decode <text>` runs it (same defaults), at `now`. */
function analyse(text: string, now: Date): PageState {
  const result = decodeTokens([{ file: '<arg>', text, source: 'arg' }], { now, leewaySeconds: 0, maxLifetimeSeconds: 15 * 60, weakSecretLimit: 20 });
  const token = (result.json as { tokens: DecodedTokenReport[] }).tokens[0];
  const compact = tokensInArgument(text)[0]?.compact;
  const errors = result.errors.map((e) => e.message.replace(/^\d+:\d+: /, ''));
  if (!token && compact) errors.push(...segmentErrors(compact));
  return { compact, token, findings: result.findings, errors };
}

let lastState = '';
function tick(): void {
  const v = validity(state.token, Date.now());
  const validityEl = $('validity');
  validityEl.dataset.state = v.state;
  validityEl.textContent = v.text;
  // The live region speaks on state changes only: a countdown read every second is noise.
  if (v.state !== lastState) {
    $('countdown').textContent = v.tick;
    lastState = v.state;
  } else {
    $('countdown').firstChild ? (($('countdown').firstChild as Text).data = v.tick) : ($('countdown').textContent = v.tick);
  }
}

function update(): void {
  const text = $<HTMLTextAreaElement>('token').value;
  Object.assign(state, text.trim() === '' ? { compact: undefined, token: undefined, findings: [], errors: [] } : analyse(text, new Date()));
  renderSegments(state.compact);
  renderToken(state.token);
  renderFindings(state.findings);
  $('errors').textContent = state.errors.join('\n');
  tick();
  document.dispatchEvent(new CustomEvent('authkit:decoded'));
}

function applyTheme(): void {
  const theme = $<HTMLSelectElement>('theme').value;
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

async function start(): Promise<void> {
  await loadSecretsList();
  const input = $<HTMLTextAreaElement>('token');
  input.addEventListener('input', update);
  $('clear').addEventListener('click', () => {
    input.value = '';
    update();
    input.focus();
  });
  $('theme').addEventListener('change', applyTheme);
  installCopy(state);
  installVerify(() => state);
  // A token in the fragment (authkit decode --open) is read once and removed from the address
  // bar and history at once; the fragment never reaches a server.
  if (location.hash.length > 1) {
    input.value = decodeURIComponent(location.hash.slice(1));
    history.replaceState(null, '', location.pathname + location.search);
  }
  update();
  setInterval(tick, 1000);
  document.body.dataset.ready = 'true';
  // Milliseconds since navigation: the page's own start-up cost, reported by the tests.
  document.body.dataset.readyAt = String(Math.round(performance.now()));
}

void start();
