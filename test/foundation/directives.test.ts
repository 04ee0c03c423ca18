import { describe, expect, it } from 'vitest';
import { suppressionsIn } from '../../src/findings/directives.js';
import { parseSource } from '../../src/js/parse.js';

const js = (file: string, text: string) => suppressionsIn(file, text, parseSource(file, text).comments);

describe('inline directives live only in real comments of the file language', () => {
  it('JS/TS: // and /* */ count, the same words in a string or a template do not', () => {
    const text = [
      "const a = 'x'; // authkit-ignore jwt/token-in-source -- fixture",
      "const b = '// authkit-ignore regex/redos-polynomial';",
      '/* authkit-ignore-next-line regex/redos-exponential */',
      'const c = `# authkit-ignore cron/missing-path`;',
    ].join('\n');
    expect(js('src/a.ts', text).map((s) => [s.line, s.column, s.targetLine, s.rules])).toEqual([
      [1, 19, 1, ['jwt/token-in-source']],
      [3, 4, 4, ['regex/redos-exponential']],
    ]);
  });

  it('Markdown: an HTML comment is a directive, a paragraph quoting one in backticks is not', () => {
    const text = [
      'Silence one line with `// authkit-ignore-next-line jwt/token-in-source -- reason`.',
      '',
      '<!-- authkit-ignore-next-line jwt/token-in-source -- a documented example token -->',
      'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.',
    ].join('\n');
    expect(suppressionsIn('docs/scan.md', text).map((s) => [s.line, s.targetLine, s.rules, s.reason])).toEqual([[3, 4, ['jwt/token-in-source'], 'a documented example token']]);
  });

  it('crontabs, YAML and shell: # comments count, a # inside a word does not', () => {
    const text = '# authkit-ignore-next-line cron/missing-path\n0 * * * * node x.js\nurl: http://x/#authkit-ignore cron/missing-path\n';
    expect(suppressionsIn('deploy/crontab', text).map((s) => s.line)).toEqual([1]);
    expect(suppressionsIn('ci.yml', text).map((s) => s.line)).toEqual([1]);
  });

  it('JSON has no comments, so no directives', () => {
    expect(suppressionsIn('package.json', '{"description": "// authkit-ignore jwt/alg-none"}')).toEqual([]);
  });
});
