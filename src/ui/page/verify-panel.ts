// The verification form. It reads the token field and never writes it: changing the key or the
// algorithm re-checks the same token, it does not re-sign or rewrite it.
import type { PageState } from './state.js';
import { $ } from './render.js';
import { keysOfSet, verifyToken } from './verify.js';

const VERIFY_ALGS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

function refreshKeyPicker(): void {
  const picker = $<HTMLSelectElement>('kid');
  const keys = keysOfSet($<HTMLTextAreaElement>('key').value);
  picker.disabled = !keys;
  picker.replaceChildren(
    new Option(keys ? "The key with the token's kid" : 'Paste a JWKS to choose a key', ''),
    ...(keys ?? []).map((k, i) => new Option(`${i + 1}: kid ${k.kid ?? '(none)'}${k.kty ? `, ${k.kty}` : ''}${k.alg ? `, ${k.alg}` : ''}`, String(i))),
  );
}

export function installVerify(current: () => PageState): void {
  const alg = $<HTMLSelectElement>('alg');
  alg.replaceChildren(new Option('Choose the algorithm you expect', ''), ...VERIFY_ALGS.map((a) => new Option(a, a)));
  const result = $('verify-result');
  const clearResult = () => {
    result.textContent = '';
    delete result.dataset.ok;
  };
  $('key').addEventListener('input', () => {
    refreshKeyPicker();
    clearResult();
  });
  for (const id of ['alg', 'kid', 'secret-encoding', 'token']) $(id).addEventListener('input', clearResult);
  refreshKeyPicker();
  $<HTMLFormElement>('verify').addEventListener('submit', async (event) => {
    event.preventDefault();
    const { compact } = current();
    if (!compact) return void (result.textContent = 'Paste a token first.');
    if (!alg.value) return void (result.textContent = 'Choose the algorithm you expect: it is never taken from the token.');
    const keyText = $<HTMLTextAreaElement>('key').value;
    if (!keyText.trim()) return void (result.textContent = 'Paste a key, secret, certificate or JWKS.');
    const picked = $<HTMLSelectElement>('kid').value;
    const outcome = await verifyToken({
      compact,
      alg: alg.value,
      keyText,
      secretEncoding: $<HTMLSelectElement>('secret-encoding').value as 'utf8' | 'base64url',
      ...(picked ? { keyIndex: Number(picked) } : {}),
    });
    result.dataset.ok = String(outcome.ok);
    result.textContent = outcome.message;
  });
}
