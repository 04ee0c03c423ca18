import { describe, expect, it } from 'vitest';
import { scanYamlSchedules } from '../../src/cron/yaml-schedules.js';

describe('a workflow with many YAML errors on one line', () => {
  it('names the first error without quoting the line once per error', () => {
    // The issue 25 hunt: pretty errors quote the error's whole line, once per error, so 16,000
    // `"x" "y"` on one line (128 KB) took 4.3 s to lint. 2,000 take 0.15 s even so; how often a
    // regex rewrites the long line tells which way it went.
    const text = `on:\n  schedule:\n    - cron: "0 0 * * *"\nx: ${'"x" "y" '.repeat(2000)}\n`;
    const original = RegExp.prototype[Symbol.replace];
    let onLongLine = 0;
    RegExp.prototype[Symbol.replace] = function (this: RegExp, subject: string, replacement: never) {
      if (subject.length > 10_000) onLongLine++;
      return original.call(this, subject, replacement);
    };
    let scan: ReturnType<typeof scanYamlSchedules>;
    try {
      scan = scanYamlSchedules('.github/workflows/x.yml', text);
    } finally {
      RegExp.prototype[Symbol.replace] = original;
    }
    expect(scan.syntaxError).toMatch(/^line 4, column 8: Unexpected double-quoted-scalar/);
    expect(onLongLine).toBe(0);
  });
});
