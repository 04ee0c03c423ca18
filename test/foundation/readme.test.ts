import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

describe('README', () => {
  it('has rule tables and benchmark figures generated from the current registries and results', () => {
    // Throws (exit 1) when the generated parts are stale.
    expect(() => execFileSync(process.execPath, [`${ROOT}scripts/readme-rules.mjs`, '--check'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });

  it('shows the two set-up commands', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    expect(readme).toContain('npm ci && npx authkit scan examples/scan-demo');
    expect(readme).toMatch(/^npm test\b/m);
  });
});
