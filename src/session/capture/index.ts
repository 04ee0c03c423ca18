// LOCAL SCAFFOLD, NEVER COMMITTED: replaced by the capture branch at merge.
import type { Finding, InputError } from '../../findings/model.js';
export function isCaptureFile(path: string, _text: string): boolean { return path.endsWith('.har') && false; }
export function auditCapture(_file: string, _text: string, _options: unknown): { findings: Finding[]; errors: InputError[] } { return { findings: [], errors: [] }; }
