/**
 * Tools that usually come from a per-user version manager (nvm, volta, fnm, asdf, rbenv, rvm).
 * Their binaries live under the user's home, in a directory named after the installed version,
 * so neither cron's default PATH nor a PATH line of system directories finds them: the guide's
 * answer is the absolute path of the installed version, spelled out.
 */

type Family = 'node' | 'ruby';

export const VERSION_MANAGED: Readonly<Record<string, Family>> = {
  node: 'node', npm: 'node', npx: 'node', corepack: 'node',
  ruby: 'ruby', gem: 'ruby', bundle: 'ruby', bundler: 'ruby', rake: 'ruby', rails: 'ruby', irb: 'ruby',
};

/** A PATH directory inside a version manager's tree (written out: cron expands no $HOME or ~ in PATH=). */
export function isVersionManagerDir(dir: string): boolean {
  return /\/\.(nvm|volta|fnm|asdf|rbenv|rvm|nodenv)(\/|$)|\/\.local\/share\/fnm(\/|$)/.test(dir);
}

const EXAMPLE: Record<Family, { example: (name: string) => string; which: (name: string) => string }> = {
  node: { example: (n) => `/home/deploy/.nvm/versions/node/v20.11.1/bin/${n}`, which: (n) => `\`readlink -f "$(command -v ${n})"\`` },
  ruby: { example: (n) => `/home/deploy/.rbenv/versions/3.3.0/bin/${n}`, which: (n) => `\`rbenv which ${n}\` (or \`asdf which ${n}\`, or \`command -v ${n}\` under rvm)` },
};

/** What --fix says instead of pretending that a PATH line finds these. */
export function absolutePathAdvice(name: string, lines: number[]): string {
  const family = VERSION_MANAGED[name]!;
  const { example, which } = EXAMPLE[family];
  const where = `line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}`;
  return `${name} (${where}) comes from a version manager, which no PATH line finds: write the installed version's absolute path, spelled out, as ${which(name)} prints it in your login shell (for example ${example(name)}); cron expands neither $HOME nor ~ in a PATH= line`;
}
