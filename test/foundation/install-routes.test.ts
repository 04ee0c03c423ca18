// Issue 24: nothing the project prints or ships sends a user to a package name that is not ours
// (`authkit` on npm is an unrelated package), nor to a registry route that does not work yet.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const STRANGER = [/unpkg\.com\/authkit\//, /npmjs\.com\/package\/authkit(?!-cli)/, /node_modules\/authkit\//, /authkit-cli@latest/];

function filesUnder(dir: string, pick: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && pick(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('install routes and names', () => {
  it('README, docs, action.yml, the schema, the sources and the build name authkit-cli, never the stranger', () => {
    const files = [
      join(ROOT, 'README.md'),
      join(ROOT, 'action.yml'),
      ...filesUnder(join(ROOT, 'docs'), (n) => n.endsWith('.md')),
      ...filesUnder(join(ROOT, 'schema'), (n) => n.endsWith('.json')),
      ...filesUnder(join(ROOT, 'src'), (n) => n.endsWith('.ts')),
      ...filesUnder(join(ROOT, 'dist'), (n) => n.endsWith('.js') || n.endsWith('.cjs')),
    ];
    expect(files.length).toBeGreaterThan(50);
    const hits = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return STRANGER.filter((re) => re.test(text)).map((re) => `${file.slice(ROOT.length)}: ${re}`);
    });
    expect(hits).toEqual([]);
  });

  it('SARIF informationUri and the schema $id point at authkit-cli', async () => {
    const sarif = JSON.parse((await runCli(['scan', 'examples/scan-demo/deploy', '--format', 'sarif'])).stdout);
    expect(sarif.runs[0].tool.driver.informationUri).toBe('https://www.npmjs.com/package/authkit-cli');
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'authkit.config.schema.json'), 'utf8'));
    expect(schema.$id).toBe('https://unpkg.com/authkit-cli/schema/authkit.config.schema.json');
    // The path docs/scan.md tells editors to use is where npm installs the schema.
    expect(readFileSync(join(ROOT, 'docs', 'scan.md'), 'utf8')).toContain('"$schema": "./node_modules/authkit-cli/schema/authkit.config.schema.json"');
  });

  it('the README shows routes that work today and names the registry route as the one for after publishing', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('npm ci && npm link');
    expect(readme).toContain('npm install -g ./authkit-cli-0.1.0.tgz');
    expect(readme).toContain('npm install -g git+<authkit repository URL>');
    expect(readme).toMatch(/Once\s+`authkit-cli` is published, the registry route applies: `npm install --save-dev authkit-cli`/);
  });
});
