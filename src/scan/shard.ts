// `scan --shard i/n`: a CI matrix scans one part of the files per job. A file's part comes from a
// hash of its path relative to the repository root, so every job, whatever its working
// directory, agrees on the split, and adding a file moves no other file between parts.
import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import { toPosix } from '../files/walk.js';
import { UsageError } from '../findings/errors.js';

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard: expected i/n with 1 <= i <= n (e.g. 2/4), got "${text}"`);
  return { index, count };
}

function inShard(repoRelativePath: string, shard: Shard): boolean {
  const digest = createHash('sha256').update(repoRelativePath).digest();
  return digest.readUInt32BE(0) % shard.count === shard.index - 1;
}

/** The SARIF run category of a shard, so code scanning keeps each job's results apart. */
export function shardCategory(command: string, shard: Shard): string {
  return `authkit/${command}/shard-${shard.index}-of-${shard.count}/`;
}

/** The scan's ignore predicate (absolute paths) narrowed to one shard. */
export function shardFilter(root: string, shard: Shard, ignored?: (absolute: string) => boolean): (absolute: string) => boolean {
  return (absolute) => (ignored?.(absolute) ?? false) || !inShard(toPosix(relative(root, absolute)), shard);
}
