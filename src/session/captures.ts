// The bridge to the capture half of session-audit (src/session/capture/, built on its own
// branch): which inputs are HTTP captures, and what becomes of them. Until that half is merged a
// capture is recognised and reported as not assessed (exit 2), never passed as clean. Merging it
// replaces the body of auditCaptureFile with `auditCapture(display, text, { now })` and
// looksLikeCapture with its `isCaptureFile`.
import type { FileAudit } from './audit.js';

const CAPTURE_EXTENSIONS = /\.(har|http|curl|txt|headers|dump)$/i;

/** Files a directory walk hands over for sniffing: HAR files and the usual names of header dumps. */
export function isCaptureCandidate(path: string): boolean {
  return CAPTURE_EXTENSIONS.test(path);
}

/** A HAR document, or `curl -i` / `curl -v` output (a status line or `>`/`<`/`*` trace lines first). */
export function looksLikeCapture(path: string, text: string): boolean {
  const head = text.slice(0, 4096);
  if (/\.har$/i.test(path) || (/^\s*\{/.test(head) && /"log"\s*:/.test(head) && /"entries"\s*:/.test(text))) return true;
  const first = head.split('\n').find((line) => line.trim() !== '') ?? '';
  return /^(HTTP\/\d(\.\d)? \d{3}\b|[<>*] )/.test(first);
}

export function auditCaptureFile(display: string, _text: string, _now: Date): FileAudit {
  return { findings: [], errors: [{ file: display, message: 'is an HTTP capture; the capture half of session-audit is not in this build, so it was not assessed' }] };
}
