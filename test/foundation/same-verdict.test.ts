// Issue 24: every command that was asked to read an input gives it the same verdict. An input
// that was empty, not what its name says, or did not parse is an input error (stderr, exit 2,
// counted in the summary), never "no problems found".
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJson, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'authkit-verdict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the same verdict from every command', () => {
  it('empty standard input is "empty input", exit 2, for every command that reads it', async () => {
    for (const command of ['scan', 'session-audit', 'cron-lint']) {
      const r = await runCli([command, '-'], { input: '', cwd: dir });
      expect(r.code, command).toBe(2);
      expect(r.stderr, command).toBe('authkit: -: empty input (nothing on standard input)\n');
      expect(r.stdout, command).not.toContain('no problems found');
      const blank = parseJson(await runCli([command, '-', '--json'], { input: '\n  \n', cwd: dir }));
      expect(blank.errors, command).toEqual([{ file: '-', message: 'empty input (nothing on standard input)' }]);
    }
    // decode has its own wording, and the same exit status.
    expect((await runCli(['decode', '-'], { input: '' })).code).toBe(2);
  });

  it('an empty .har and one holding "hello world" are input errors for scan and session-audit', async () => {
    writeFileSync(join(dir, 'empty.har'), '');
    writeFileSync(join(dir, 'hello.har'), 'hello world\n');
    for (const command of ['scan', 'session-audit']) {
      for (const file of ['empty.har', 'hello.har']) {
        const r = await runCli([command, file], { cwd: dir });
        expect(r.code, `${command} ${file}`).toBe(2);
        expect(r.stderr, `${command} ${file}`).toMatch(new RegExp(`^authkit: ${file.replace('.', '\\.')}: not valid HAR JSON \\(.+\\)\\n$`));
        expect(r.stdout).toBe('✖ 1 input not read or not parsed (listed on stderr)\n');
      }
    }
  });

  it('a source that does not parse, with no regex and no session code in it, is "cannot parse" in scan, regex-audit and session-audit', async () => {
    const sub = join(dir, 'unparsable');
    mkdirSync(sub);
    // The shape of juice-shop's codefixes snippets: a method body outside any class.
    writeFileSync(join(sub, 'snippet.ts'), 'filterTable () {\n  let q: string = this.route.snapshot.queryParams.q\n  if (q) {\n    this.searchValue = q.toLowerCase()\n  }\n');
    writeFileSync(join(sub, 'fine.ts'), 'export const fine = 1;\n');
    const expected = { file: 'snippet.ts', message: 'cannot parse (Expected a semicolon or an implicit semicolon after a statement, but found none at line 1); checked what parsed' };
    for (const command of ['scan', 'regex-audit', 'session-audit']) {
      const named = await runCli([command, 'snippet.ts', '--json'], { cwd: sub });
      expect(named.code, command).toBe(2);
      expect(parseJson(named).errors, command).toEqual([expected]);
      const tree = await runCli([command, '.'], { cwd: sub });
      expect(tree.code, command).toBe(2);
      expect(tree.stderr, command).toBe(`authkit: ${expected.file}: ${expected.message}\n`);
      expect(tree.stdout, command).toBe('✖ 1 input not read or not parsed (listed on stderr); no problems found in 1 other input\n');
      const sarif = JSON.parse((await runCli([command, '.', '--format', 'sarif'], { cwd: sub })).stdout);
      expect(sarif.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => n.message.text).join('\n'), command).toContain('cannot parse');
    }
  });
});

describe('config JSON', () => {
  it('that is not JSON is "cannot parse" in scan and session-audit; with comments and trailing commas it is read, lines kept', async () => {
    const sub = join(dir, 'configs');
    mkdirSync(sub);
    writeFileSync(join(sub, 'production.json'), '{\n  "jwtSecret": "secret"\n  "port": 1\n}\n');
    writeFileSync(join(sub, 'config.json'), '{\n  // "apiKey": "not a member, a comment"\n  /* block */ "jwtSecret": "secret",\n}\n');
    const expected = { file: 'production.json', message: "cannot parse: not JSON at line 3, column 3: Expected ',' or '}' after property value; not checked" };
    for (const command of ['scan', 'session-audit']) {
      const r = await runCli([command, '.', '--json'], { cwd: sub });
      expect(r.code, command).toBe(2);
      const json = parseJson(r);
      expect(json.errors, command).toEqual([expected]);
      expect(json.findings.map((f: any) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`), command).toEqual(['config.json:3:28 session/hardcoded-secret']);
    }
  });
});

describe('scan of standard input', () => {
  const app = "const session = require('express-session');\napp.use(session({ secret: 'keyboard cat' }));\nexport const re = /(a+)+$/;\n";

  it('--stdin-filename (ESLint\'s flag) runs every domain that name picks, as session-audit does', async () => {
    const named = parseJson(await runCli(['scan', '-', '--stdin-filename', 'src/app.js', '--json'], { input: app, cwd: dir }));
    expect(named.findings.map((f: any) => `${f.file}:${f.line} ${f.ruleId}`).sort()).toEqual([
      'src/app.js:2 session/cookie-samesite-missing',
      'src/app.js:2 session/cookie-secure-missing',
      'src/app.js:2 session/hardcoded-secret',
      'src/app.js:3 regex/redos-exponential',
    ]);
    expect(named.notes ?? []).toEqual([]);
    const session = parseJson(await runCli(['session-audit', '-', '--stdin-filename', 'src/app.js', '--json'], { input: app, cwd: dir }));
    expect(session.findings.map((f: any) => f.ruleId).sort()).toEqual(['session/cookie-samesite-missing', 'session/cookie-secure-missing', 'session/hardcoded-secret']);
  });

  it('without a name, says which checks read standard input', async () => {
    const r = await runCli(['scan', '-'], { input: app, cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('authkit: note: -: standard input was checked by: jwt; name it with --stdin-filename (e.g. app.ts, crontab, login.har) to run the checks that name picks\n');
    const crontab = '* * * * * tar czf /tmp/x-$(date +%F).tgz /x\n';
    const unnamed = parseJson(await runCli(['scan', '-', '--json'], { input: crontab, cwd: dir }));
    expect(unnamed.notes).toEqual([{ file: '-', message: expect.stringContaining('checked by: jwt;') }]);
    const named = parseJson(await runCli(['scan', '-', '--stdin-filename', 'crontab', '--json'], { input: crontab, cwd: dir }));
    expect(named.findings.map((f: any) => `${f.file} ${f.ruleId}`)).toEqual(['crontab cron/unescaped-percent']);
    const misuse = await runCli(['scan', 'src', '--stdin-filename', 'a.js'], { cwd: dir });
    expect(misuse.code).toBe(2);
    expect(misuse.stderr).toBe('authkit: --stdin-filename only applies to - (standard input)\n');
  });
});
