import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/model.js';
import { resolveDirectives } from '../../src/findings/suppress.js';
import { domainOf } from '../../src/rules/index.js';
import { type NamedScanner, scanFiles } from '../../src/scan/scan.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'authkit-scan-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });
}

function wordFindings(file: string, text: string, word: string, ruleId: string): Finding[] {
  const out: Finding[] = [];
  text.split('\n').forEach((line, i) => {
    const col = line.indexOf(word);
    if (col >= 0) out.push({ ruleId, severity: 'error', message: `${word} here`, file, line: i + 1, column: col + 1 });
  });
  return out;
}

/** A per-file domain, answering as it reads. */
function leakScanner(seen: string[] = []): NamedScanner {
  return {
    domain: 'jwt',
    wants: () => true,
    add(file, text) {
      seen.push(file);
      return wordFindings(file, text, 'LEAK', 'jwt/token-in-source');
    },
  };
}

/** A batch domain (answers at the end). */
function batchScanner(): NamedScanner {
  const files: [string, string][] = [];
  return {
    domain: 'regex',
    wants: (file) => file.endsWith('.js'),
    add(file, text) {
      files.push([file, text]);
      return [];
    },
    async finish() {
      return { findings: files.flatMap(([file, text]) => wordFindings(file, text, 'BAD', 'regex/redos-exponential')), errors: [] };
    },
  };
}

// Built from parts so that scanning this repository does not read the fixtures below as directives.
const IGNORE = ['authkit', 'ignore'].join('-');

const byRule = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`).sort();

describe('scanFiles', () => {
  it('walks once for every domain, honours .gitignore and skips binary files', async () => {
    const dir = tree({
      '.gitignore': 'ignored/\n',
      'a.js': 'const x = 1; // LEAK\nBAD\n',
      'ignored/b.js': 'LEAK BAD\n',
      'img.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x4c, 0x45, 0x41, 0x4b]),
      'notes.txt': 'LEAK\n',
    });
    const seen: string[] = [];
    const out = await scanFiles({ cwd: dir, paths: ['.'], mode: { kind: 'walk' }, scanners: [leakScanner(seen), batchScanner()], fingerprintRoot: dir });
    expect(byRule(out.findings)).toEqual(['a.js:1:17 jwt/token-in-source', 'a.js:2:1 regex/redos-exponential', 'notes.txt:1:1 jwt/token-in-source']);
    expect(seen.sort()).toEqual(['.gitignore', 'a.js', 'notes.txt']);
    expect(out.skipped).toBe(1);
    expect(out.inputs).toBe(3);
    expect(out.findings.every((f) => /^[0-9a-f]{32}$/.test(f.fingerprint ?? ''))).toBe(true);
  });

  it('applies the config ignore matcher to the walk', async () => {
    const dir = tree({ 'keep.txt': 'LEAK\n', 'vendor/x.txt': 'LEAK\n' });
    const out = await scanFiles({
      cwd: dir,
      paths: ['.'],
      mode: { kind: 'walk' },
      scanners: [leakScanner()],
      fingerprintRoot: dir,
      ignored: (abs) => abs.includes('/vendor/'),
    });
    expect(byRule(out.findings)).toEqual(['keep.txt:1:1 jwt/token-in-source']);
  });

  it('hands each file\'s directives and domains on; stale means no domain that read the file could have used it', async () => {
    const dir = tree({
      'a.js': [
        `// ${IGNORE}-next-line jwt/token-in-source -- used by the per-file domain`,
        'LEAK',
        `// ${IGNORE}-next-line regex/redos-exponential -- used by the batch domain, via the scan`,
        'BAD',
        `// ${IGNORE}-next-line regex/redos-exponential -- stale`,
        'fine',
        `fine; // ${IGNORE} jwt/token-in-source`,
        `const quoted = '// ${IGNORE} jwt/token-in-source -- in a string: no directive';`,
        `// ${IGNORE}-next-line -- every rule: used by the batch domain only`,
        'BAD',
        '',
      ].join('\n'),
      'crontab': [
        `# ${IGNORE}-next-line jwt/token-in-source -- stale, in # syntax`,
        '* * * * * true',
        `# ${IGNORE}-next-line cron/missing-path -- no cron domain read this file: not judged`,
        '* * * * * true',
        `# ${IGNORE}-next-line cron/no-such-rule -- a rule nobody declared: stale everywhere`,
        '',
      ].join('\n'),
    });
    const out = await scanFiles({ cwd: dir, paths: ['.'], mode: { kind: 'walk' }, scanners: [leakScanner(), batchScanner()], fingerprintRoot: dir });
    expect(out.directives.map((d) => `${d.file} ${d.suppressions.length} ${[...d.domains].sort().join(',')}`).sort()).toEqual(['a.js 5 jwt,regex', 'crontab 3 jwt']);
    const { kept, suppressed, unused } = resolveDirectives(out.findings, out.directives, domainOf);
    expect(byRule(kept)).toEqual([]);
    expect(byRule(suppressed)).toEqual(['a.js:10:1 regex/redos-exponential', 'a.js:2:1 jwt/token-in-source', 'a.js:4:1 regex/redos-exponential']);
    expect(suppressed.find((f) => f.line === 2)?.suppression).toEqual({ line: 1, column: 4, reason: 'used by the per-file domain' });
    expect(byRule(unused)).toEqual(['a.js:5:4 meta/unused-suppression', 'a.js:7:10 meta/unused-suppression', 'crontab:1:3 meta/unused-suppression', 'crontab:5:3 meta/unused-suppression']);
    expect(unused.find((f) => f.line === 5 && f.file === 'crontab')?.message).toContain('cron/no-such-rule is not a rule id');
  });

  it('fingerprints survive lines moving and change when the line changes', async () => {
    const scan = async (text: string) => {
      const dir = tree({ 'src/a.txt': text });
      const out = await scanFiles({ cwd: dir, paths: ['.'], mode: { kind: 'walk' }, scanners: [leakScanner()], fingerprintRoot: dir });
      return out.findings.map((f) => f.fingerprint);
    };
    const before = await scan('token = LEAK\nother = LEAK\n');
    const moved = await scan('\n\n// new header\ntoken = LEAK\n\nother = LEAK\n');
    const edited = await scan('token = LEAK2\nother = LEAK\n');
    expect(moved).toEqual(before);
    expect(new Set(before).size).toBe(2);
    expect(edited[0]).not.toBe(before[0]);
    expect(edited[1]).toBe(before[1]);
  });

  it('--staged reads the index, not the work tree, and reports paths as git shows them', async () => {
    const dir = tree({
      'sub/staged.txt': 'LEAK\n',
      'sub/clean.txt': 'ok\n',
      'untracked.txt': 'LEAK\n',
      'sub/deleted.txt': 'LEAK\n',
      'sub/old name.txt': 'a long enough line so that git sees a rename\nLEAK\n',
    });
    git(dir, 'init', '-q');
    git(dir, 'add', 'sub/clean.txt', 'sub/deleted.txt', 'sub/old name.txt');
    git(dir, 'commit', '-qm', 'base');
    git(dir, 'add', 'sub/staged.txt');
    git(dir, 'rm', '-q', 'sub/deleted.txt');
    git(dir, 'mv', 'sub/old name.txt', 'sub/new name.txt');
    expect(git(dir, 'diff', '--cached', '--name-status')).toContain('R100');
    writeFileSync(join(dir, 'sub/staged.txt'), 'fixed in the work tree only\n');
    writeFileSync(join(dir, 'sub/clean.txt'), 'LEAK but unstaged\n');
    const out = await scanFiles({ cwd: join(dir, 'sub'), paths: [], mode: { kind: 'staged' }, scanners: [leakScanner()], fingerprintRoot: dir });
    expect(byRule(out.findings)).toEqual(['sub/new name.txt:2:1 jwt/token-in-source', 'sub/staged.txt:1:1 jwt/token-in-source']);
    expect(out.pathBase).toBe(execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' }).trim());
  });

  it('--changed reads what changed since a revision, untracked files included', async () => {
    const dir = tree({ 'old.txt': 'LEAK\n', 'edited.txt': 'ok\n' });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'base');
    writeFileSync(join(dir, 'edited.txt'), 'LEAK\n');
    writeFileSync(join(dir, 'new.txt'), 'LEAK\n');
    const out = await scanFiles({ cwd: dir, paths: [], mode: { kind: 'changed', rev: 'HEAD' }, scanners: [leakScanner()], fingerprintRoot: dir });
    expect(byRule(out.findings)).toEqual(['edited.txt:1:1 jwt/token-in-source', 'new.txt:1:1 jwt/token-in-source']);
    await expect(scanFiles({ cwd: dir, paths: [], mode: { kind: 'changed', rev: 'no-such-rev' }, scanners: [], fingerprintRoot: dir })).rejects.toThrow('unknown revision');
  });

  it('--staged outside a git work tree is one clear error', async () => {
    const dir = tree({ 'a.txt': 'x' });
    await expect(scanFiles({ cwd: dir, paths: [], mode: { kind: 'staged' }, scanners: [], fingerprintRoot: dir })).rejects.toThrow('not inside a git work tree');
  });
});
