/**
 * Text that came from an input, made safe to print on one terminal line: C0 and C1 control
 * characters (ESC starts colour, cursor and title sequences; CR and LF forge lines), DEL and the
 * bidirectional overrides that reorder what is shown are written as visible `\u001b` escapes.
 * JSON and SARIF keep the text as data; only what reaches a terminal goes through here.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
