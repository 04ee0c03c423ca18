import type { LoadedConfig } from '../config/load.js';
import type { DomainScanner } from './scan.js';

export interface DomainScannerOptions {
  config: LoadedConfig;
  now: Date;
  /** Patterns analysed so far by the regex engine, for the progress line. */
  onPatterns?: (analysed: number) => void;
}

/** The real domains, wired to the scan: each loads its own modules only when a scan runs. */
export async function domainScanners(_options: DomainScannerOptions): Promise<DomainScanner[]> {
  return [];
}
