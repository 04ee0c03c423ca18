import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_RULES, domainOfRule } from '../../src/rules/index.js';
import { parseJson, ROOT, runCli } from '../helpers/cli.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const scratch = mkdtempSync(join(tmpdir(), 'authkit-registry-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the rule registry', () => {
  it('lists every rule id the sources can emit', () => {
    const registered = new Set(ALL_RULES.map((r) => r.id));
    const domains = new Set(ALL_RULES.map((r) => r.id.slice(0, r.id.indexOf('/'))));
    const written = new Set<string>();
    for (const file of sources(join(ROOT, 'src'))) {
      // Comments may name made-up ids as examples; code may not.
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      for (const m of code.matchAll(/['"`]([a-z]+)\/([a-z0-9]+(?:-[a-z0-9]+)*)['"`]/g)) {
        if (domains.has(m[1]!)) written.add(`${m[1]}/${m[2]}`);
      }
    }
    // Ids the cron linter builds from a name (`cron/${rule}`) are checked by the type system.
    expect([...written].filter((id) => !registered.has(id))).toEqual([]);
    expect(written.size).toBeGreaterThan(20);
  });

  it('knows which domain owns each rule, and ids are unique', () => {
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
    for (const rule of ALL_RULES) expect(domainOfRule(rule.id)).toBeDefined();
  });

  it('`authkit rules` lists regex/unparsable-file and shows its full help', async () => {
    const list = await runCli(['rules']);
    expect(list.stdout).toMatch(/^regex\/unparsable-file +warning +A file could not be parsed/m);
    const help = await runCli(['rules', 'regex/unparsable-file']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('regex/unparsable-file  warning by default · regex domain');
    expect(help.stdout).toContain('regex-audit parses JavaScript and TypeScript with oxc');
    expect(help.stdout).toContain('authkit-ignore-next-line regex/unparsable-file');
    const json = parseJson(await runCli(['rules', 'jwt/alg-none', '--json']));
    expect(json.rules).toHaveLength(1);
    expect(json.rules[0]).toMatchObject({ id: 'jwt/alg-none', domain: 'jwt', severity: 'error' });
    expect(json.rules[0].help.length).toBeGreaterThan(100);
  });

  it('an unknown rule or domain exits 2 with a did-you-mean', async () => {
    const typo = await runCli(['rules', 'regex/unparseable-file']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe("authkit: no rule or domain 'regex/unparseable-file' (did you mean 'regex/unparsable-file'?); `authkit rules` lists them\n");
    const domain = await runCli(['rules', 'crom']);
    expect(domain.code).toBe(2);
    expect(domain.stderr).toContain("did you mean 'cron'");
    const cron = parseJson(await runCli(['rules', 'cron', '--json']));
    expect(cron.rules.every((r: { domain: string }) => r.domain === 'cron')).toBe(true);
  });

  it('the config accepts every registered id, regex/unparsable-file included', async () => {
    const dir = join(scratch, 'cfg');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    writeFileSync(join(dir, 'authkit.config.json'), JSON.stringify({ rules: Object.fromEntries(ALL_RULES.map((r) => [r.id, 'off'])) }));
    writeFileSync(join(dir, 'broken.js'), 'const re = /a+/;\nfunction (\n');
    const r = await runCli(['regex-audit', 'broken.js'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('unparsable-file');
  });
});
