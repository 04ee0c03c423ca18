// The bridge to the capture half (src/session/capture/): which inputs are HTTP captures and how
// their findings come back, in the command's terms.
import { auditCapture, isCaptureFile } from './capture/index.js';
import type { FileAudit } from './audit.js';

const CAPTURE_EXTENSIONS = /\.(har|http|curl|txt|headers|dump)$/i;

/** Files a directory walk hands over for sniffing: HAR files and the usual names of header dumps. */
export function isCaptureCandidate(path: string): boolean {
  return CAPTURE_EXTENSIONS.test(path);
}

export function looksLikeCapture(path: string, text: string): boolean {
  return isCaptureFile(path, text);
}

export function auditCaptureFile(display: string, text: string, now: Date): FileAudit {
  return auditCapture(display, text, { now });
}
