// What the page has decoded, shared by the panels that read it (copy, verify): its own module, so
// main.ts, which fills it, and the panels import it without importing each other.
import type { Finding } from '../../findings/model.js';
import type { DecodedTokenReport } from '../../jwt/report.js';

export interface PageState {
  compact?: string;
  token?: DecodedTokenReport;
  findings: Finding[];
  errors: string[];
}
