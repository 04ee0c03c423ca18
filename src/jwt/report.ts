// The shape of one decoded token in `decode --json`, and what the stylish text is drawn from: its
// own module, so the decoder (which builds it) and the renderer (which draws it) both import it
// and neither imports the other.
import type { FoundToken } from './extract.js';
import type { TimeAnalysis } from './time.js';

/** What one decoded token looks like in --json (and what the stylish text is drawn from). */
export interface DecodedTokenReport {
  index: number;
  file: string;
  line: number;
  column: number;
  foundIn: FoundToken['context'];
  field?: string;
  type: 'JWS' | 'JWE';
  alg: unknown;
  algKnown: boolean;
  header: Record<string, unknown>;
  /** The header bytes as decoded, when they differ from the compact JSON of `header` (RFC 7515 A.1). */
  headerRaw?: string;
  payload: unknown;
  /** Set when the payload is not JSON (RFC 7515 A.4) or too deep to show as JSON. */
  payloadText?: string;
  payloadKind: string;
  payloadNote?: string;
  encrypted?: { ciphertextBytes: number; note: string };
  nested?: Omit<DecodedTokenReport, 'index' | 'file' | 'line' | 'column' | 'foundIn' | 'field'>;
  nestedError?: string;
  time: TimeAnalysis & { lifetime: string | null };
  signature: {
    verified: false;
    bytes: number;
    status: string;
    weakSecret: { checked: boolean; line: number | null; listSize?: number; skippedReason?: string };
  };
  findings: string[];
}
