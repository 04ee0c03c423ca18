// The bridge between the command and the capture half (src/session/capture/): which inputs are
// HTTP captures, and their audit.
import type { FileAudit } from './audit.js';
import { auditCapture, isCaptureFile } from './capture/index.js';

const CAPTURE_EXTENSIONS = /\.(har|http|curl|txt|headers|dump)$/i;

/** Files a directory walk hands over for sniffing: HAR files and the usual names of header dumps. */
export function isCaptureCandidate(path: string): boolean {
  return CAPTURE_EXTENSIONS.test(path);
}

/** A HAR document, or `curl -i` / `curl -v` output (a status line or `>`/`<`/`*` trace lines first). */
export function looksLikeCapture(path: string, text: string): boolean {
  return isCaptureFile(path, text);
}

export function auditCaptureFile(display: string, text: string, now: Date, jwtMaxLifetimeSeconds?: number): FileAudit {
  return auditCapture(display, text, { now, ...(jwtMaxLifetimeSeconds === undefined ? {} : { jwtMaxLifetimeSeconds }) });
}
