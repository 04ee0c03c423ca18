// The house rules docs/architecture.md states about imports, held by reading every source file's
// import and export statements (type-only ones too: a type that has to travel up is a sign the
// type lives on the wrong floor).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const resolved = (file: string, spec: string) => resolve(dirname(file), spec.replace(/\.js$/, '.ts'));

/** Static imports and re-exports of the project's own modules (dynamic import() is a lazy edge: no circle through it). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'/gm)].map((m) => resolved(file, m[1]!));
}

/** Every import of the project's own modules, lazy ones included: a dependency is one either way. */
function allImportsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...importsOf(file), ...[...text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g)].map((m) => resolved(file, m[1]!))];
}

/**
 * The floors of docs/architecture.md, lowest first. An import may stay on its floor or go down,
 * never up: domains use the model and the input layer, the registry collects the domains, scan
 * drives them, and the CLI hands the registry and the config down to everything below it.
 */
const FLOORS: Record<string, number> = {
  files: 0,
  js: 1,
  findings: 1,
  config: 2,
  reporters: 2,
  jwt: 3,
  regex: 3,
  cron: 3,
  session: 3,
  hooks: 3,
  ui: 3,
  rules: 4,
  scan: 5,
  cli: 6,
};

/** Strongly connected components with more than one file: each is an import circle. */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(relative(SRC, w));
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe('imports', () => {
  const graph = new Map(sourceFiles(SRC).map((file) => [file, importsOf(file)]));

  it('sees the whole tree', () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get(join(SRC, 'cli', 'run.ts'))).toContain(join(SRC, 'cli', 'output.ts'));
  });

  it('form no circle', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('never run up a floor, lazy imports included', () => {
    const floorOf = (path: string) => FLOORS[relative(SRC, path).split('/')[0]!];
    const files = [...graph.keys()];
    expect(new Set(files.map((f) => relative(SRC, f).split('/')[0]).filter((top) => !top!.endsWith('.ts') && floorOf(join(SRC, top!)) === undefined))).toEqual(new Set());
    const upward = files.flatMap((file) =>
      allImportsOf(file)
        .filter((dep) => dep.startsWith(SRC) && (floorOf(dep) ?? 0) > (floorOf(file) ?? 0))
        .map((dep) => `${relative(SRC, file)} -> ${relative(SRC, dep)}`),
    );
    expect(upward).toEqual([]);
  });

  it('never run from the input layer up to findings, or from a domain to the CLI', () => {
    const upward = [...graph].flatMap(([file, deps]) => {
      const from = relative(SRC, file);
      return deps
        .map((dep) => relative(SRC, dep))
        .filter((to) => (from.startsWith('files/') && to.startsWith('findings/')) || (!from.startsWith('cli/') && to.startsWith('cli/')))
        .map((to) => `${from} -> ${to}`);
    });
    expect(upward).toEqual([]);
  });
});
