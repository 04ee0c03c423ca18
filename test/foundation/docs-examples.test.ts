// The console examples of README.md and docs/*.md run against the built CLI, so the docs cannot
// drift from the product. Convention (docs/architecture.md, "Executed examples"): a ```console
// block right after a `<!-- example: exit=N -->` line holds one `$ authkit ...` (or `$ npx
// authkit ...`) command, run from the repository root, followed by its exact stdout. Timings and
// attack lengths are masked; the exit status must be N. Output ends at the fence or at a
// following `$ ` line (such as `$ echo $?`).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

interface Example {
  doc: string;
  line: number;
  exit: number;
  args: string[];
  expected: string;
}

function examplesIn(doc: string): Example[] {
  const lines = readFileSync(`${ROOT}${doc}`, 'utf8').split('\n');
  const out: Example[] = [];
  lines.forEach((text, i) => {
    const marker = /^<!-- example: exit=(\d) -->$/.exec(text);
    if (!marker) return;
    expect(lines[i + 1], `${doc}:${i + 1}: the marker must precede a console block`).toBe('```console');
    const command = /^\$ (?:npx )?authkit (.+)$/.exec(lines[i + 2] ?? '');
    expect(command, `${doc}:${i + 3}: expected "$ authkit ..."`).not.toBeNull();
    const end = lines.indexOf('```', i + 3);
    // The output ends at the fence or at a following shell line such as `$ echo $?`.
    const output = lines.slice(i + 3, end);
    const next = output.findIndex((l) => l.startsWith('$ '));
    out.push({ doc, line: i + 1, exit: Number(marker[1]), args: command![1]!.split(' '), expected: (next < 0 ? output : output.slice(0, next)).join('\n') });
  });
  return out;
}

const mask = (s: string) => s.replace(/\d+ ms on a \d+-character input/g, 'N ms on a N-character input').replace(/\s+$/, '');

const docs = ['README.md', ...readdirSync(`${ROOT}docs`).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const examples = docs.flatMap(examplesIn);

describe('documented console examples', () => {
  it('are marked in README.md and docs/scan.md', () => {
    expect(new Set(examples.map((e) => e.doc))).toEqual(new Set(['README.md', 'docs/scan.md']));
  });

  for (const example of examples) {
    it(`${example.doc}:${example.line}: authkit ${example.args.join(' ')}`, async () => {
      const r = await runCli(example.args);
      expect(mask(r.stdout)).toBe(mask(example.expected));
      expect(r.code).toBe(example.exit);
    });
  }
});
