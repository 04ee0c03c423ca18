// Copy buttons. The async clipboard API needs a secure context (file:// and 127.0.0.1 are,
// but embedded or older browsers may refuse); the fallback selects a hidden field and uses
// execCommand, and if that fails too the text is left selected for Ctrl-C.
import type { PageState } from './state.js';
import { $ } from './render.js';

function textFor(state: PageState, what: string): string {
  const token = state.token;
  if (!token) return '';
  if (what === 'header') return JSON.stringify(token.header, null, 2);
  if (what === 'payload') return token.payloadText ?? JSON.stringify(token.payload, null, 2);
  return JSON.stringify({ header: token.header, payload: token.payload }, null, 2);
}

function fallbackCopy(text: string): boolean {
  const field = $<HTMLTextAreaElement>('copy-fallback');
  field.value = text;
  field.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    field.value = '';
  }
}

export function installCopy(state: PageState): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    button.addEventListener('click', async () => {
      const text = textFor(state, button.dataset.copy!);
      const status = $('copy-status');
      if (!text) return void (status.textContent = 'Nothing to copy yet.');
      let copied = false;
      try {
        await navigator.clipboard.writeText(text);
        copied = true;
      } catch {
        copied = fallbackCopy(text);
      }
      status.textContent = copied ? `Copied ${button.dataset.copy} JSON.` : 'The browser refused the clipboard: select the JSON and press Ctrl-C.';
    });
  }
}
