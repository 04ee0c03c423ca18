// npm runs `prepare` when authkit is installed from git. `npm install -g git+…` (how pre-commit
// >= 4.6.1 installs node hooks) prepares a fresh clone through a nested `npm install` that inherits
// the global flag and prefix (npm/cli#8440): the dependencies land in the global prefix, never in
// the clone, so the build cannot import esbuild. In that case install the runtime dependencies and
// the pinned esbuild (a devDependency: a registry install never builds, so it must not carry a
// bundler with an install script) into the clone first, then build.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(`${root}package.json`);

function canBuild() {
  try {
    require.resolve('esbuild');
    return true;
  } catch {
    return false;
  }
}

// A packed tarball ships dist/ and no sources: there is nothing to build (npm runs `prepare` for
// tarball files and folders too).
if (!existsSync(`${root}src/cli/main.ts`)) process.exit(0);

if (!canBuild()) {
  const env = { ...process.env };
  // Undo what leaked in from the outer global install, so this one installs here.
  for (const key of Object.keys(env)) {
    if (/^npm_config_(global|location|prefix|install_links)$/i.test(key)) delete env[key];
  }
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
  const esbuild = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).devDependencies.esbuild;
  const args = ['install', `esbuild@${esbuild}`, '--omit=dev', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--global=false', '--install-links=false'];
  process.stderr.write('authkit prepare: dependencies missing in this checkout (installed from git); installing them to build\n');
  execFileSync(npm[0], [...npm.slice(1), ...args], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
}

await import('./build.mjs');
