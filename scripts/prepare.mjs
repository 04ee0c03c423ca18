// npm runs `prepare` when authkit is installed from git. `npm install -g git+…` (how pre-commit
// >= 4.6.1 installs node hooks) prepares a fresh clone through a nested `npm install` that inherits
// the global flag and prefix (npm/cli#8440): the dependencies land in the global prefix, never in
// the clone, so the build cannot import esbuild. In that case install the runtime dependencies
// (esbuild is one of them for this reason) into the clone first, then build.
import { execFileSync } from 'node:child_process';
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

if (!canBuild()) {
  const env = { ...process.env };
  // Undo what leaked in from the outer global install, so this one installs here.
  for (const key of Object.keys(env)) {
    if (/^npm_config_(global|location|prefix|install_links)$/i.test(key)) delete env[key];
  }
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
  const args = ['install', '--omit=dev', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--global=false', '--install-links=false'];
  process.stderr.write('authkit prepare: dependencies missing in this checkout (installed from git); installing them to build\n');
  execFileSync(npm[0], [...npm.slice(1), ...args], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
}

await import('./build.mjs');
