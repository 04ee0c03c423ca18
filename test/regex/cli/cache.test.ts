import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExtractionCache, VerdictCache, defaultCacheDir } from '../../../src/regex/cache.js';
import type { Verdict } from '../../../src/regex/types.js';

const scratch = mkdtempSync(join(tmpdir(), 'authkit-regex-cache-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const parts = { analyzerVersions: { engine: '2', recheck: '4.5.0' }, budgetMs: 100, maxInput: 50_000 };
const verdict: Verdict = { pattern: 'a+$', flags: 'g', status: 'vulnerable', complexity: { type: 'polynomial', degree: 2 }, confirmed: true, measuredMs: 120, inputLength: 40_000, analyzerVersions: parts.analyzerVersions };

describe('VerdictCache', () => {
  it('round-trips verdicts through an atomically replaced file', () => {
    const dir = join(scratch, 'v1');
    const cache = new VerdictCache(dir, parts);
    cache.set(verdict, ['replace']);
    cache.save();
    expect(readdirSync(dir)).toEqual(['verdicts.json']); // no temporary file left behind
    expect(new VerdictCache(dir, parts).get('a+$', 'g', ['replace'])).toEqual(verdict);
  });

  it('misses when anything that decides a verdict changes', () => {
    const dir = join(scratch, 'v1');
    expect(new VerdictCache(dir, { ...parts, budgetMs: 200 }).get('a+$', 'g', ['replace'])).toBeUndefined();
    expect(new VerdictCache(dir, { ...parts, maxInput: 1000 }).get('a+$', 'g', ['replace'])).toBeUndefined();
    expect(new VerdictCache(dir, { ...parts, analyzerVersions: { engine: '3', recheck: '4.5.0' } }).get('a+$', 'g', ['replace'])).toBeUndefined();
    const same = new VerdictCache(dir, parts);
    expect(same.get('a+$', '', ['replace'])).toBeUndefined();
    expect(same.get('a+$', 'g', ['split'])).toBeUndefined();
  });

  it('treats a corrupt or foreign file as empty and replaces it on save', () => {
    const dir = join(scratch, 'corrupt');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'verdicts.json'), '{"format":1,"entries":{"x":');
    const cache = new VerdictCache(dir, parts);
    expect(cache.get('a+$', 'g', [])).toBeUndefined();
    cache.set(verdict, []);
    cache.save();
    expect(new VerdictCache(dir, parts).get('a+$', 'g', [])).toEqual(verdict);
  });
});

describe('ExtractionCache', () => {
  it('keys extractions by kind, extractor version and content', () => {
    const a = ExtractionCache.key('source', '1', 'const r = /a/;');
    expect(ExtractionCache.key('source', '1', 'const r = /a/;')).toBe(a);
    expect(ExtractionCache.key('source', '2', 'const r = /a/;')).not.toBe(a);
    expect(ExtractionCache.key('json', '1', 'const r = /a/;')).not.toBe(a);
    const dir = join(scratch, 'e1');
    const cache = new ExtractionCache(dir);
    cache.set(a, { regexes: [] });
    cache.save();
    expect(new ExtractionCache(dir).get(a)).toEqual({ regexes: [] });
  });
});

describe('defaultCacheDir', () => {
  it('prefers AUTHKIT_CACHE_DIR, then node_modules/.cache of the nearest package, then XDG_CACHE_HOME', () => {
    const pkg = join(scratch, 'pkg');
    mkdirSync(join(pkg, 'node_modules'), { recursive: true });
    mkdirSync(join(pkg, 'src', 'deep'), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{}');
    expect(defaultCacheDir(join(pkg, 'src', 'deep'), {})).toBe(join(pkg, 'node_modules', '.cache', 'authkit'));
    expect(defaultCacheDir(join(pkg, 'src'), { AUTHKIT_CACHE_DIR: '/x/y' })).toBe('/x/y');
    const bare = join(scratch, 'bare');
    mkdirSync(bare, { recursive: true });
    writeFileSync(join(bare, 'package.json'), '{}');
    expect(defaultCacheDir(bare, { XDG_CACHE_HOME: '/xdg' })).toBe(join('/xdg', 'authkit'));
  });
});
