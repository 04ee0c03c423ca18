import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeCrontab } from '../../../src/cron/lint.js';
import { fingerprintFindings } from '../../../src/findings/baseline.js';
import type { Finding } from '../../../src/findings/model.js';
import { decodeTokens } from '../../../src/jwt/decode.js';
import { findLeakedTokens } from '../../../src/jwt/leaks.js';
import { auditSessionSource } from '../../../src/session/audit.js';
import { auditCapture } from '../../../src/session/capture/index.js';
import { b64 } from '../../jwt/helpers.js';
import { fuzzParameters } from '../support.js';

/**
 * Issue 25: time must grow linearly with the input. Each case builds one input from a random mix of
 * hostile pieces, then the same mix at twice the count, and compares the CPU time of the two in one
 * run (best of three each, so a scheduler hiccup does not decide). A linear pass doubles; the
 * quadratic ones this guards against (indexOf placement of HAR entries, a hash of the whole line per
 * fingerprint) quadruple. The bound of 3 leaves room for noise and GC on a shared machine. This is a
 * ratio, not a time limit, and it runs only in `npm run fuzz`.
 */
const MAX_RATIO = 3;

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function bestOf3(fn: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const start = cpuMs();
    fn();
    best = Math.min(best, cpuMs() - start);
  }
  return best;
}

/** CPU time a run must cost before its ratio means anything: a curl dump of 40 ms gave x3.8 on a busy machine. */
const MEASURABLE_MS = 150;

function expectLinear(build: (count: number) => string, run: (text: string) => unknown, count: number): void {
  let n = count;
  run(build(n)); // warm-up: JIT and lazily loaded modules are not the input's cost
  // Grow the input until one run is long enough to measure (at most 64 times the given count).
  let small = build(n);
  while (n < count * 64 && bestOf3(() => run(small)) < MEASURABLE_MS) small = build((n *= 2));
  const large = build(n * 2);
  const ratio = bestOf3(() => run(large)) / Math.max(bestOf3(() => run(small)), 1);
  expect(ratio, `x2 input took x${ratio.toFixed(2)} CPU time`).toBeLessThan(MAX_RATIO);
}

// Unsigned tokens: a known-secret search would spend the run's budget on the first input only.
const NONE = `${b64('{"alg":"none"}')}.${b64('{"sub":"x"}')}.`;
const NOW = new Date('2026-01-01T00:00:00Z');

const harEntry = fc.constantFrom(
  '{"r\\u0065quest":{},"response":{"status":200}}',
  '{"response":{"status":200,"headers":[{"name":"Cache-Control","value":"max-age=60"}],"content":{"text":"{\\"access_token\\":\\"abc\\"}"}}}',
  `{"request":{"method":"GET","url":"https://a.example/?token=${NONE}","h\\u0065aders":[{"n\\u0061me":"Cookie","value":"sid=1"}]},"response":{"status":200,"headers":[]}}`,
  `{"request":{"method":"POST","url":"https://a.example/t","headers":[{"name":"Authorization","value":"Bearer ${NONE}"}]},"response":{"status":200,"headers":[{"name":"Set-Cookie","value":"sid=1; Path=/"}],"content":{"encoding":"base64","text":"${Buffer.from(`{"access_token":"${NONE}"}`).toString('base64')}"}}}`,
  '{"request":{"method":"GET","url":"https://a.example/","headers":[]},"response":{"status":200,"headers":[],"content":{"text":"eyJx.y.z eyJx.y.z"}}}',
);
// `{i}` becomes the piece's offset: a new environment name per line (a map copied per assignment
// made that quadratic), or a new value for the same name.
const cronLine = fc.constantFrom(
  '* * * * * a',
  '*/5 * * * * cd /srv && ./run.sh',
  '@reboot /bin/true',
  'MAILTO=""',
  '0 0 31 2 * x',
  '# comment',
  '* * * * * echo $(date) | tee -a log',
  'V{i}=x',
  'CRON_TZ=Zone/{i}',
  '* * * * * date +%F \\%{i}',
);
const textPiece = fc.constantFrom('eyJx.y.z ', `${NONE}\n`, 'plain words ', `"\\n${NONE}" `, 'eyJ'.repeat(5));

// JS that gives findings (storage, cookies, tokens in URLs), JSX siblings and plain statements.
const jsPiece = fc.constantFrom(
  'localStorage.setItem("a", access_token);',
  'sessionStorage.setItem("t", data.id_token);',
  'document.cookie = "token=" + access_token;',
  'fetch(`/api?token=${access_token}`);',
  'const el = <li key="a">x</li>;',
  'let n = 1 + 2;',
  `const t = "${NONE}";`,
);

/** The same random mix, repeated to reach `count` pieces. */
const scaled = (pieces: string[], count: number, join: string) => Array.from({ length: count }, (_, i) => pieces[i % pieces.length]).join(join);

export function defineScalingFuzz(numRuns: number, timeout: number): void {
  describe('time grows linearly with the input', () => {
    it('HAR captures', { timeout }, () => {
      fc.assert(
        fc.property(fc.array(harEntry, { minLength: 1, maxLength: 20 }), (mix) => {
          expectLinear((n) => `{"log":{"entries":[\n${scaled(mix, n, ',\n')}\n]}}`, (text) => auditCapture('x.har', text, { now: NOW }), 4_000);
        }),
        fuzzParameters(numRuns),
      );
    });

    it('curl dumps', { timeout }, () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom('HTTP/1.1 200 OK', 'Set-Cookie: sid=1', `Authorization: Bearer ${NONE}`, 'Cache-Control: max-age=60', '', `{"access_token":"${NONE}"}`), { minLength: 1, maxLength: 20 }), (mix) => {
          expectLinear((n) => `HTTP/1.1 200 OK\n${scaled(mix, n, '\n')}\n`, (text) => auditCapture('dump.txt', text, { now: NOW }), 20_000);
        }),
        fuzzParameters(numRuns),
      );
    });

    it('crontabs with many jobs', { timeout }, () => {
      fc.assert(
        fc.property(fc.array(cronLine, { minLength: 1, maxLength: 20 }), (mix) => {
          expectLinear((n) => `${scaled(mix, n, '\n').replace(/\{i\}/g, (_, at: number) => String(at))}\n`, (text) => analyzeCrontab('crontab', text), 20_000);
        }),
        fuzzParameters(numRuns),
      );
    });

    it('tokens and decoys in text', { timeout }, () => {
      fc.assert(
        fc.property(fc.array(textPiece, { minLength: 1, maxLength: 20 }), (mix) => {
          expectLinear((n) => scaled(mix, n, ''), (text) => findLeakedTokens('log.txt', text, { now: NOW }), 20_000);
        }),
        fuzzParameters(numRuns),
      );
    });

    it('JS sources with many findings', { timeout }, () => {
      fc.assert(
        fc.property(fc.array(jsPiece, { minLength: 1, maxLength: 20 }), (mix) => {
          const head = 'const r = await fetch("/login");\nconst { access_token } = await r.json();\nconst data = await r.json();\n';
          expectLinear((n) => `${head}${scaled(mix, n, '\n')}\n`, (text) => auditSessionSource('app.jsx', text), 16_000);
        }),
        fuzzParameters(numRuns),
      );
    });

    it('decode of many tokens', { timeout }, () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(`${NONE}\n`, `Bearer ${NONE} `, 'eyJx.y.z ', `{"id_token":"${NONE}"}\n`), { minLength: 1, maxLength: 20 }), (mix) => {
          const options = { now: NOW, leewaySeconds: 0, maxLifetimeSeconds: 86_400, weakSecretLimit: 0 };
          expectLinear((n) => scaled(mix, n, ''), (text) => decodeTokens([{ file: '-', text, source: 'stdin' }], options), 20_000);
        }),
        fuzzParameters(numRuns),
      );
    });

    it('fingerprints of many findings on one long line', { timeout }, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 5 }), (rules) => {
          const run = (line: string) => {
            const findings: Finding[] = [];
            for (let i = 0; i * 40 < line.length; i++) findings.push({ ruleId: `r/${i % rules}`, severity: 'error', message: 'm', file: 'app.js', line: 1, column: i * 40 + 1 });
            return fingerprintFindings(findings, (f) => f.file, () => line);
          };
          expectLinear((n) => 'localStorage.setItem("a",access_token);'.repeat(n), run, 20_000);
        }),
        fuzzParameters(numRuns),
      );
    });
  });
}
