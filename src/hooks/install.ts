import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { InputFailure } from '../files/read.js';

const execFileAsync = promisify(execFile);

/** The line that marks a hook as ours: uninstall and re-install touch nothing without it. */
export const HOOK_MARKER = '# authkit-managed-hook';

export interface HookLocation {
  /** Absolute path of the pre-commit hook file (core.hooksPath honoured). */
  path: string;
  /** The work tree's top folder. */
  root: string;
}

export async function locateHook(cwd: string): Promise<HookLocation> {
  try {
    const { stdout } = await execFileAsync('git', ['rev-parse', '--show-toplevel', '--git-path', 'hooks'], { cwd });
    const [root, hooks] = stdout.trim().split('\n');
    // `--git-path hooks` already resolves core.hooksPath; relative answers are relative to cwd.
    const hooksDir = isAbsolute(hooks!) ? hooks! : resolve(cwd, hooks!);
    return { path: join(hooksDir, 'pre-commit'), root: root! };
  } catch {
    throw new InputFailure('.', 'missing', 'not inside a git work tree (run `git init` first)');
  }
}

/** Quotes a string for POSIX sh. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface HookScriptOptions {
  /** node and the authkit entry script that wrote the hook: the fallback when the repo has none. */
  nodePath: string;
  cliPath: string;
}

/**
 * The hook never fetches anything: it prefers the repository's own authkit (the version the
 * project pinned), then the exact authkit that installed the hook, then one on PATH. An `npx`
 * here could download whatever package answers to the name.
 */
export function hookScript(options: HookScriptOptions): string {
  const node = shellQuote(options.nodePath);
  const cli = shellQuote(options.cliPath);
  return `#!/bin/sh
${HOOK_MARKER}
# Written by \`authkit hook install\`; \`authkit hook uninstall\` removes it.
# Scans exactly what is staged; \`git commit --no-verify\` skips it once.
root=$(git rev-parse --show-toplevel) || exit 1
cd "$root" || exit 1
if [ -x node_modules/.bin/authkit ]; then
  exec node_modules/.bin/authkit scan --staged
elif [ -x ${node} ] && [ -f ${cli} ]; then
  exec ${node} ${cli} scan --staged
elif command -v authkit >/dev/null 2>&1; then
  exec authkit scan --staged
fi
echo "authkit pre-commit hook: authkit not found; install it in this project with \\\`npm install --save-dev <authkit clone, tarball or git URL>\\\` (README, Installing; \\\`npm install --save-dev authkit-cli\\\` once it is on npm, never \\\`authkit\\\`, an unrelated package) or skip with \\\`git commit --no-verify\\\`" >&2
exit 1
`;
}

export type InstallOutcome = 'installed' | 'updated' | 'unchanged' | 'replaced';

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Writes the hook. An existing hook of ours is rewritten in place (idempotent); a foreign one is
 * left alone unless `force`, and then kept beside it as `pre-commit.authkit-backup`.
 */
export async function installHook(
  location: HookLocation,
  script: string,
  force: boolean,
): Promise<{ outcome: InstallOutcome; backup?: string }> {
  const existing = await readIfExists(location.path);
  let backup: string | undefined;
  if (existing !== null && !existing.includes(HOOK_MARKER)) {
    if (!force) throw new InputFailure(location.path, 'permission', 'a pre-commit hook not written by authkit is already there; use --force to replace it (it is kept as pre-commit.authkit-backup)');
    backup = `${location.path}.authkit-backup`;
    await rename(location.path, backup);
  }
  if (existing === script) {
    await chmod(location.path, 0o755);
    return { outcome: 'unchanged' };
  }
  await mkdir(dirname(location.path), { recursive: true });
  await writeFile(location.path, script, { mode: 0o755 });
  await chmod(location.path, 0o755);
  return { outcome: backup ? 'replaced' : existing === null ? 'installed' : 'updated', backup };
}

export type UninstallOutcome = 'removed' | 'restored' | 'absent';

/** Removes our hook; a hook that `install --force` set aside comes back. */
export async function uninstallHook(location: HookLocation): Promise<UninstallOutcome> {
  const existing = await readIfExists(location.path);
  if (existing === null) return 'absent';
  if (!existing.includes(HOOK_MARKER)) throw new InputFailure(location.path, 'permission', 'this pre-commit hook was not written by authkit; left in place');
  await rm(location.path);
  const backup = `${location.path}.authkit-backup`;
  if ((await readIfExists(backup)) !== null) {
    await rename(backup, location.path);
    return 'restored';
  }
  return 'removed';
}
