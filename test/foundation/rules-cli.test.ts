import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOMAINS } from '../../src/rules/index.js';
import { ROOT, runCli } from '../helpers/cli.js';

describe('authkit rules <id|domain>', () => {
  it('lists every registered rule, regex/analysis-incomplete included', async () => {
    const r = await runCli(['rules']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^regex\/analysis-incomplete +warning +The regex could not be analysed/m);
    expect(r.stdout).toMatch(/^meta\/unused-suppression +warning/m);
  });

  it('prints one rule in full: what, why and fix, references, default severity, options, examples', async () => {
    const r = await runCli(['rules', 'jwt/lifetime-too-long']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('jwt/lifetime-too-long  warning by default, security  (domain jwt)');
    expect(r.stdout).toContain('exp - iat exceeds the maximum lifetime');
    expect(r.stdout).toMatch(/References:\n {2}RFC 8725\n {2}RFC 9700 section 4\.14/);
    expect(r.stdout).toContain('--max-lifetime <duration>, config jwt.maxLifetime: Longest acceptable token lifetime (exp - iat), default 15m');
    expect(r.stdout).toMatch(/Reported:\n {2}\{"iat":1700000000,"exp":1702592000\}\n {4}\(30 days\)/);
  });

  it('shows the help of regex/invalid-pattern, which the config accepts', async () => {
    const r = await runCli(['rules', 'regex/invalid-pattern']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Fix the pattern; escape user input');
  });

  it("lists one domain's rules and nothing else", async () => {
    const r = await runCli(['rules', 'cron']);
    expect(r.code).toBe(0);
    const ids = r.stdout.trim().split('\n').map((l) => l.split(' ')[0]);
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.every((id) => id?.startsWith('cron/'))).toBe(true);
  });

  it('exits 2 with a did-you-mean for an unknown id or domain', async () => {
    const typo = await runCli(['rules', 'jwt/alg-nonne']);
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toBe('authkit: unknown rule or domain "jwt/alg-nonne" (did you mean "jwt/alg-none"?); `authkit rules` lists them\n');
    const bare = await runCli(['rules', 'invalid-pattern']);
    expect(bare.stderr).toContain('did you mean "regex/invalid-pattern"?');
    const domain = await runCli(['rules', 'crn']);
    expect(domain.code).toBe(2);
    expect(domain.stderr).toContain('did you mean "cron"?');
    const nothingClose = await runCli(['rules', 'zzzzzzzzzzzz']);
    expect(nothingClose.code).toBe(2);
    expect(nothingClose.stderr).not.toContain('did you mean');
  });

  it('--json: the list, a domain with full help, one rule with its references and options', async () => {
    const all = JSON.parse((await runCli(['rules', '--json'])).stdout);
    expect(all.rules.find((r: { id: string }) => r.id === 'regex/analysis-incomplete')).toEqual({
      id: 'regex/analysis-incomplete',
      domain: 'regex',
      severity: 'warning',
      description: 'The regex could not be analysed within the time limit: it is not known to be safe',
      security: true,
    });
    const one = JSON.parse((await runCli(['rules', 'regex/redos-exponential', '--json'])).stdout);
    expect(one.rule.id).toBe('regex/redos-exponential');
    expect(one.rule.references).toContain('CWE-1333 (Inefficient Regular Expression Complexity)');
    expect(one.rule.options.map((o: { flag: string }) => o.flag)).toEqual(['--max-input <chars>', '--budget <ms>']);
    const bad = await runCli(['rules', 'nope', '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).errors[0].message).toContain('unknown rule or domain "nope"');
  });

  it('the config accepts a registered id and turns it off', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(`${tmpdir()}/authkit-rules-`);
    await writeFile(`${dir}/authkit.config.json`, JSON.stringify({ rules: { 'regex/invalid-pattern': 'off' } }));
    await writeFile(`${dir}/bad.js`, "const re = new RegExp('abc(');\n");
    const off = await runCli(['scan', '.'], { cwd: dir });
    expect(off.stderr).toBe('');
    expect(off.code).toBe(0);
    expect(off.stdout).not.toContain('regex/invalid-pattern');
    await writeFile(`${dir}/authkit.config.json`, JSON.stringify({ rules: {} }));
    const on = await runCli(['scan', '.'], { cwd: dir });
    expect(on.code).toBe(1);
    expect(on.stdout).toContain('regex/invalid-pattern');
  });
});

describe('help texts name every domain of the registry', () => {
  // The texts are static (help must not load the registry, see docs/architecture.md "Start-up"):
  // this keeps them from drifting when a domain is added.
  it('rules --help lists every domain, scan --help and the pre-commit hook every checking domain', async () => {
    // Help text is wrapped to the terminal's width.
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    const rules = await runCli(['rules', '--help']);
    expect(flat(rules.stdout)).toContain(`a domain (${DOMAINS.map((d) => d.name).join(', ')})`);
    const scan = flat((await runCli(['scan', '--help'])).stdout.split('\n\n')[1]!);
    const hook = /- id: authkit-scan[\s\S]*?description: (.*)/.exec(readFileSync(`${ROOT}.pre-commit-hooks.yaml`, 'utf8'))![1]!;
    const words: Record<string, RegExp> = { jwt: /JWTs/, regex: /regexes/, cron: /crontab/, session: /session/ };
    for (const domain of DOMAINS.filter((d) => d.name !== 'meta')) {
      expect(scan, domain.name).toMatch(words[domain.name]!);
      expect(hook, domain.name).toMatch(words[domain.name]!);
    }
  });
});
