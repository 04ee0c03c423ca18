// Bundles the engine's worker (and a JS copy of the engine for child-process tests) from the
// current sources, so the tests never run a stale dist/. Inside node_modules/.cache, so the
// bundles resolve recheck and safe-regex2 like the CLI does.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { NODE_BUNDLE } from '../../../scripts/bundle-options.mjs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface EngineBundle {
  dir: string;
  worker: string;
  analyze: string;
  cleanup(): void;
}

export async function buildEngine(): Promise<EngineBundle> {
  mkdirSync(path.join(root, 'node_modules/.cache'), { recursive: true });
  const dir = mkdtempSync(path.join(root, 'node_modules/.cache/authkit-engine-test-'));
  await build({
    absWorkingDir: root,
    entryPoints: { worker: 'src/regex/worker.ts', analyze: 'src/regex/analyze.ts' },
    outdir: dir,
    ...NODE_BUNDLE,
  });
  const worker = path.join(dir, 'worker.js');
  process.env.AUTHKIT_REGEX_WORKER = worker;
  return { dir, worker, analyze: path.join(dir, 'analyze.js'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
