// The verification form: the algorithm is the user's choice, never the token's.
import type { PageState } from './main.js';
import { $ } from './render.js';

export const VERIFY_ALGS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export function installVerify(_current: () => PageState): void {
  const select = $<HTMLSelectElement>('alg');
  select.replaceChildren(...VERIFY_ALGS.map((alg) => new Option(alg, alg)));
}
