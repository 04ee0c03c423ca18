// On-disk caches for regex-audit: verdicts keyed by what decides them (pattern, flags, analyser
// versions, budget, input limit), and per-file extractions keyed by the file's content, so that a
// rerun over unchanged code neither parses nor analyses. Each cache is one JSON file, read once
// and replaced atomically (temporary file, then rename): an interrupted run leaves either the old
// or the new file, never half of one. They hold patterns, positions, names and verdicts only.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Extraction } from './extract.js';
import type { Verdict } from './types.js';

const FORMAT = 1;
const MAX_EXTRACTION_ENTRIES = 150_000;

/**
 * `node_modules/.cache/authkit` of the nearest package root that has a node_modules folder, else
 * `$XDG_CACHE_HOME/authkit` (`~/.cache/authkit`). `AUTHKIT_CACHE_DIR` overrides both.
 */
export function defaultCacheDir(cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.AUTHKIT_CACHE_DIR) return env.AUTHKIT_CACHE_DIR;
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const modules = join(dir, 'node_modules');
      if (isDirectory(modules)) return join(modules, '.cache', 'authkit');
      break;
    }
    if (dirname(dir) === dir) break;
  }
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'authkit');
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function sha256(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

interface StoreFile<T> {
  format: number;
  entries: Record<string, T>;
}

/** A key-value map persisted as one JSON file. Unreadable or foreign files count as empty. */
class JsonStore<T> {
  private entries = new Map<string, T>();
  private dirty = false;
  private touched = new Set<string>();

  constructor(private readonly file: string | null) {
    if (!file) return;
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as StoreFile<T>;
      if (parsed.format === FORMAT && parsed.entries && typeof parsed.entries === 'object') {
        this.entries = new Map(Object.entries(parsed.entries));
      }
    } catch {
      // Missing, unreadable or corrupt: start empty; the next save replaces it.
    }
  }

  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) this.touched.add(key);
    return value;
  }

  set(key: string, value: T): void {
    this.entries.set(key, value);
    this.touched.add(key);
    this.dirty = true;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Writes the file when something changed; with `keepOnlyTouched`, drops entries this run did not use. */
  save(keepOnlyTouched = false): void {
    if (!this.file) return;
    if (keepOnlyTouched && this.touched.size < this.entries.size) {
      for (const key of this.entries.keys()) if (!this.touched.has(key)) this.entries.delete(key);
      this.dirty = true;
    }
    if (!this.dirty) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      writeFileSync(temp, JSON.stringify({ format: FORMAT, entries: Object.fromEntries(this.entries) }));
      renameSync(temp, this.file);
      this.dirty = false;
    } catch (error) {
      try {
        unlinkSync(temp);
      } catch {
        // never written
      }
      throw error;
    }
  }
}

/** Verdicts minus what the cache key already says. */
export type CachedVerdict = Omit<Verdict, 'pattern' | 'flags'>;

export interface VerdictKeyParts {
  analyzerVersions: Record<string, string>;
  budgetMs: number;
  maxInput: number;
}

export class VerdictCache {
  private readonly store: JsonStore<CachedVerdict>;
  private readonly settings: string;

  constructor(dir: string | null, parts: VerdictKeyParts) {
    this.store = new JsonStore(dir ? join(dir, 'verdicts.json') : null);
    const versions = Object.keys(parts.analyzerVersions)
      .sort()
      .map((k) => `${k}=${parts.analyzerVersions[k]}`)
      .join(',');
    this.settings = `${versions};budget=${parts.budgetMs};max=${parts.maxInput}`;
  }

  /** Usages decide which methods confirmation runs, so they are part of the key. */
  key(pattern: string, flags: string, usages: readonly string[]): string {
    return sha256(pattern, flags, [...usages].sort().join(','), this.settings);
  }

  get(pattern: string, flags: string, usages: readonly string[]): Verdict | undefined {
    const cached = this.store.get(this.key(pattern, flags, usages));
    return cached ? { ...cached, pattern, flags } : undefined;
  }

  set(verdict: Verdict, usages: readonly string[]): void {
    const { pattern, flags, ...rest } = verdict;
    this.store.set(this.key(pattern, flags, usages), rest);
  }

  save(): void {
    this.store.save();
  }
}

/** Extractions keyed by the file's content and the extractor version (and the file's kind). */
export class ExtractionCache {
  private readonly store: JsonStore<Extraction>;

  constructor(dir: string | null) {
    this.store = new JsonStore(dir ? join(dir, 'extractions.json') : null);
  }

  static key(kind: string, extractorVersion: string, content: string): string {
    return sha256(kind, extractorVersion, content);
  }

  get(key: string): Extraction | undefined {
    return this.store.get(key);
  }

  set(key: string, extraction: Extraction): void {
    this.store.set(key, extraction);
  }

  /**
   * Past a size that no single tree reaches, keeps only this run's files, so that the cache tracks
   * the tree instead of growing with every edit ever made (a partial run prunes nothing before).
   */
  save(): void {
    this.store.save(this.store.size > MAX_EXTRACTION_ENTRIES);
  }
}
