// Adversarial inputs for the rules and the text helpers, as functions of a length n: long runs
// of one character, "a-a-a-…", nested brackets, unclosed markdown, thousands of announcements…
// Shared by test/redos.test.ts (which counts the work at n and 8n) and the bench's linearity
// section (which times it). Reads the seeds from the working directory (the repository root).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SEED_TEXT = readdirSync('seeds')
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join('seeds', f), 'utf8'))
  .join('\n\n');

/** `unit` repeated to about `n` UTF-16 units (whole units only). */
export function times(unit: string, n: number): string {
  return unit.repeat(Math.max(1, Math.round(n / unit.length)));
}

export interface Input {
  name: string;
  make: (n: number) => string;
}

const input = (name: string, make: (n: number) => string): Input => ({ name, make });
const run = (name: string, unit: string): Input => input(name, (n) => times(unit, n));

/** Adversarial inputs for every rule and helper, markdown syntax included. */
export const INPUTS: Input[] = [
  run('Han', '中'),
  run('a', 'a'),
  run('X', 'X'),
  run('Ｘ', 'Ｘ'),
  run('×', '×'),
  run('-', '-'),
  run('.', '.'),
  run('digits', '1'),
  run('spaces', ' '),
  run('\\n', '\n'),
  run('\\r', '\r'),
  run('\\r\\n', '\r\n'),
  run('a-a-a', 'a-'),
  run('a.a.a', 'a.'),
  input('a.a.a…@', (n) => times('a.', n - 1) + '@'),
  input('a-a-a….', (n) => times('a-', n - 1) + '.'),
  run('www.www.', 'www.'),
  run('a.com.', 'a.com.'),
  run('a@b.', 'a@b.'),
  run('x.cn,', 'x.cn,'),
  input('http:// + a', (n) => 'http://' + times('a', n)),
  input('http:// + )', (n) => 'http://a' + times(')', n)),
  input('http:// + .', (n) => 'http://a' + times('.', n)),
  run('，。、', '，。、'),
  run(', . ! ?', ', . ! ? '),
  run('……', '…'),
  run('((((', '('),
  input('((((a))))', (n) => '中' + times('(', n / 2) + 'a' + times(')', n / 2)),
  run('【【【', '【'),
  run('（（（', '（'),
  run('（中', '（中'),
  run('[[[', '['),
  run('某', '某'),
  run('○', '○'),
  run('_', '_'),
  run('X，', 'X，'),
  run('中X，a.cn，', '中X，a.cn，'),
  run('標(biāo)', '標(biāo)'),
  run('一是', '一是'),
  run('一是，二是，', '一是，二是，'),
  input('一是，二是，二是，…', (n) => '一是，' + times('二是，', n)),
  run('一、', '一、'),
  run('（一）', '（一）'),
  run('第一，', '第一，'),
  run('1、中文\\n', '1、中文\n'),
  input('viewer chunks 1、…999、', (n) => Array.from({ length: Math.round(n / 7) }, (_, i) => `${(i % 999) + 1}、中文段落`).join('\n')),
  run('三点', '三点'),
  run('三点，', '三点，'),
  run('等三点', '等三点'),
  run('三点，首先，', '三点，首先，'),
  input('三个不允许 + blank lines', (n) => '三个不允许\n不允许' + times('\n', n)),
  run('三个不允许。不允许', '三个不允许。不允许'),
  run('A、B、', '甲、乙、'),
  run('（省略1字）\\n', '（省略1字）\n'),
  run('上一篇：', '上一篇：'),
  run('上一篇：\\n', '上一篇：\n'),
  input('第1页 + spaces', (n) => '第1页' + times(' ', n)),
  run('第1页共', '第1页共'),
  run('小编\\n', '小编\n'),
  run('的', '的'),
  run('我们', '我们'),
  run('进一步加强，', '进一步加强，'),
  input('seeds', (n) => times(SEED_TEXT, n)),
];

/** Markdown syntax: run through every rule in markdown too, and through the masking. */
export const MARKDOWN_INPUTS: Input[] = [
  run('*a *a', '*a '),
  run('_a _a', '_a '),
  run('**a **a', '**a '),
  run('***', '*'),
  run('```', '`'),
  run('`a``', '`a``'),
  input('` `` ``` …', (n) => {
    let text = '';
    for (let k = 1; text.length < n; k++) text += '`'.repeat(k) + 'a';
    return text;
  }),
  run('```\\n', '```\n'),
  run('](', ']('),
  input('](aaaa', (n) => '](' + times('a', n)),
  run('](a(b)', '](a(b)'),
  run('[a](b) ', '[a](b) '),
  run('<!--', '<!--'),
  input('<!--<!--…-->', (n) => times('<!--', n) + '-->'),
  run('<!-- speechlint-disable', '<!-- speechlint-disable '),
  run('disable-line directives', '中X<!-- speechlint-disable-line -->\n'),
  run('<a ', '<a '),
  run('<a:', '<a:'),
  run('1. a\\n', '1. a\n'),
  run('1. 2. 3. ', '1. '),
  run('# 中\\n', '# 中\n'),
  run('> ', '> '),
  run('    ', '    '),
  input('--- front matter', (n) => '---\n' + times('a: b\n', n)),
];
