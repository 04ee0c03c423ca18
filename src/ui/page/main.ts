// The decoder page's script: the CLI's own src/jwt analysis, bundled for the browser
// (scripts/build-page.mjs), drawn into the page. Nothing here fetches, stores or navigates.
import { DEFAULT_MAX_LIFETIME_SECONDS } from '../../jwt/analyze.js';
import { type DecodedTokenReport, decodeTokens } from '../../jwt/decode.js';
import { tokensInArgument } from '../../jwt/extract.js';
import { installCopy } from './copy.js';
import { $, renderFindings, renderSegments, renderToken, segmentErrors } from './render.js';
import { loadSecretsList } from './secrets.js';
import { validity } from './times.js';
import { WEAK_SECRET_LIST_SIZE, weakSecretListAvailable } from '../../jwt/weak-secret.js';
import { installVerify } from './verify-panel.js';
import type { PageState } from './state.js';

const state: PageState = { findings: [], errors: [] };

/**
 * One decode, exactly as `authkit decode <text>` runs it (same defaults), at `now`. With
 * `search` false the known-secret search is skipped (weakSecretLimit 0), which is everything
 * else the CLI concludes at a fraction of the cost: the first render comes from that.
 */
function analyse(text: string, now: Date, search: boolean): PageState {
  const result = decodeTokens([{ file: '<arg>', text, source: 'arg' }], { now, leewaySeconds: 0, maxLifetimeSeconds: DEFAULT_MAX_LIFETIME_SECONDS, weakSecretLimit: search ? 20 : 0 });
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

function show(next: PageState): void {
  Object.assign(state, next);
  renderSegments(state.compact);
  renderToken(state.token);
  renderFindings(state.findings);
  $('errors').textContent = state.errors.join('\n');
  tick();
  document.dispatchEvent(new CustomEvent('authkit:decoded'));
}

/** The token the CLI would search: the same test src/jwt/decode.ts applies before searching. */
function wantsSearch(token: DecodedTokenReport | undefined): boolean {
  return token?.type === 'JWS' && typeof token.alg === 'string' && /^HS(256|384|512)$/.test(token.alg);
}

// The search (~0.4 s for HS256, 1-2 s for HS384/512 in this page, docs/ui.md) is synchronous src/jwt code and
// cannot be interrupted, so it never runs in the input event: the token is drawn first, and the
// search starts only after that frame is painted and typing has paused. Each input bumps
// `generation`, which cancels a search not yet started and discards one whose token is gone.
const SEARCH_DEBOUNCE_MS = 150;
let generation = 0;
let pendingFrame = 0;
let pendingTimer: ReturnType<typeof setTimeout> | undefined;

function cancelSearch(): void {
  generation++;
  cancelAnimationFrame(pendingFrame);
  clearTimeout(pendingTimer);
}

function searchLater(text: string, now: Date): void {
  const mine = generation;
  pendingFrame = requestAnimationFrame(() => {
    pendingTimer = setTimeout(() => {
      if (mine !== generation || $<HTMLTextAreaElement>('token').value !== text) return;
      const full = analyse(text, now, true);
      // The search held the thread; an input queued meanwhile has not run yet, so the field still
      // holds this token, but check again rather than draw findings for a token no longer there.
      if (mine !== generation || $<HTMLTextAreaElement>('token').value !== text) return;
      // Only what the search changes is redrawn: the segments, fields and times are the same (same
      // text, same clock), and redrawing them would take the focus from a segment button.
      Object.assign(state, full);
      renderFindings(state.findings);
      $('signature-status').textContent = state.token?.signature.status ?? '';
      secretStatus(full.token);
      document.dispatchEvent(new CustomEvent('authkit:decoded'));
      document.body.dataset.analysis = 'complete';
    }, SEARCH_DEBOUNCE_MS);
  });
}

/** 103979 -> "103,979", without toLocaleString (whose first call loads ICU data). */
function grouped(n: number): string {
  const digits = String(n);
  let out = '';
  for (let i = 0; i < digits.length; i++) out += (i > 0 && (digits.length - i) % 3 === 0 ? ',' : '') + digits[i];
  return out;
}

/** The first pass's "skipped: more than 0 HMAC tokens" is the page's own doing: say what happens instead. */
function checkingStatus(status: string): string {
  const at = status.indexOf('; known-secret check skipped: ');
  return `${at < 0 ? status : status.slice(0, at)}; checking the publicly known secrets…`;
}

function secretStatus(token: DecodedTokenReport | undefined, checking = false): void {
  const status = $('secret-status');
  const weak = token?.signature.weakSecret;
  let text = '';
  let mark = 'none';
  if (checking) [text, mark] = [`Checking ${grouped(WEAK_SECRET_LIST_SIZE)} publicly known secrets…`, 'checking'];
  else if (weak?.checked && weak.line !== null) [text, mark] = ['Known-secret check done: match found, the token can be forged.', 'match'];
  else if (weak?.checked) [text, mark] = [`Known-secret check done: none of the ${grouped(WEAK_SECRET_LIST_SIZE)} publicly known secrets matches.`, 'clean'];
  else if (weak?.skippedReason) [text, mark] = [`Known-secret check skipped: ${weak.skippedReason}.`, 'skipped'];
  status.dataset.state = mark;
  if (status.textContent !== text) status.textContent = text;
}

function update(): void {
  cancelSearch();
  const text = $<HTMLTextAreaElement>('token').value;
  if (text.trim() === '') {
    show({ compact: undefined, token: undefined, findings: [], errors: [] });
    secretStatus(undefined);
    document.body.dataset.analysis = 'complete';
    return;
  }
  const now = new Date();
  // Without the list (a build without the team's data) the search is a no-op: one pass says so.
  const listed = weakSecretListAvailable();
  const first = analyse(text, now, !listed);
  const pending = listed && wantsSearch(first.token);
  if (pending && first.token) first.token.signature.status = checkingStatus(first.token.signature.status);
  show(first);
  secretStatus(first.token, pending);
  document.body.dataset.analysis = pending ? 'partial' : 'complete';
  // Same clock for both passes: the findings that do not depend on the search stay identical.
  if (pending) searchLater(text, now);
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
