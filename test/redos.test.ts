// No regular expression with catastrophic backtracking, no quadratic loop: every rule and the
// text helpers run on adversarial inputs (long runs of one character, "a-a-a-…", nested
// brackets, unclosed markdown, thousands of announcements…) at n and at 8n characters. Time
// is compared, never asserted: linear work grows about 8×, quadratic 64×; the bound is 40×
// (linear cases measured up to ~30× on a busy 2-core machine; the quadratic ones found were 83–104×).
// Each time is the minimum of 3 runs (n and 8n interleaved), each run repeating the call
// until it takes half a millisecond or so, so that timer resolution and a stray GC pause do
// not decide; a ratio over the bound is measured again with longer runs before it fails (see
// `growth`). Between inputs a test yields, so that its timeout can end it; an exponential
// pattern never returns at these sizes at all (the run hangs, which is hard to miss).
//
// SPEECHLINT_REDOS_N changes n (default 5,000 characters; rules that segment words use n/5).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import fc from 'fast-check';
import { SourceDocument } from '../rules/engine/document.js';
import { findDisabledRanges } from '../rules/engine/directives.js';
import { LineIndex } from '../rules/engine/line-index.js';
import { lint, loadSegmenter, RULES } from '../rules/index.js';
import { detectMixedScript, findOtherScript } from '../rules/text/script.js';
import { findStructure, groupLists } from '../rules/text/enumeration.js';
import { foldToSimplified } from '../rules/text/fold.js';
import { parseChineseNumber } from '../rules/text/numerals.js';
import { splitSentences } from '../rules/text/paragraphs.js';
import { maskMarkdown } from '../rules/text/prose.js';
import { findUrls } from '../rules/text/urls.js';
import { findViewerChunks } from '../rules/text/viewer-chunks.js';

const N = Number(process.env.SPEECHLINT_REDOS_N ?? 5000);
const SEGMENTER_N = Math.round(N / 5);
const GROWTH = 8;
/** Linear is 8×; quadratic would be 64×. */
const MAX_RATIO = GROWTH * 5;
/** Each timed run repeats the call until it takes at least this long (ms). */
const MIN_RUN_MS = 0.5;
const RUNS = 3;
const TIMEOUT = 180_000;

const SEED_TEXT = readdirSync('seeds')
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join('seeds', f), 'utf8'))
  .join('\n\n');

/** `unit` repeated to about `n` UTF-16 units (whole units only). */
function times(unit: string, n: number): string {
  return unit.repeat(Math.max(1, Math.round(n / unit.length)));
}

interface Input {
  name: string;
  make: (n: number) => string;
}

const input = (name: string, make: (n: number) => string): Input => ({ name, make });
const run = (name: string, unit: string): Input => input(name, (n) => times(unit, n));

/** Adversarial inputs for every rule and helper, markdown syntax included. */
const INPUTS: Input[] = [
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
const MARKDOWN_INPUTS: Input[] = [
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

/** Wall-clock time (ms) of `reps` calls. */
function timeOf(call: () => void, reps: number): number {
  const started = performance.now();
  for (let i = 0; i < reps; i++) call();
  return performance.now() - started;
}

interface Growth {
  name: string;
  n: number;
  /** Milliseconds per call (the minimum over the runs). */
  small: number;
  large: number;
  ratio: number;
}

/**
 * Times `target` on `make(n)` and `make(8n)`: per call, the minimum over RUNS runs of each size
 * (interleaved, so that a change in the machine's load affects both alike). `prepare` (not
 * timed) turns a text into the target's argument. Calls cycle through a few copies that differ
 * in trailing spaces: a cache of recent texts (script-mix keeps the last two) must not turn
 * repeated calls into lookups.
 *
 * A minimum only comes down with more runs, so the ratio is settled early when it is within the
 * bound; otherwise up to two more rounds of four and sixteen times longer runs follow (unless it is
 * far beyond the bound), so that compilation or a pause of the machine does not fail the test,
 * while a quadratic scan fails them all.
 */
function growth<T>(name: string, make: (n: number) => string, target: (arg: T) => unknown, prepare: (text: string) => T, n = N): Growth {
  const copies = (size: number) => {
    const base = make(size);
    return [0, 1, 2].map((k) => prepare(base + ' '.repeat(k)));
  };
  const smallArgs = copies(n);
  const largeArgs = copies(n * GROWTH);
  let call = 0;
  const small = () => target(smallArgs[call++ % smallArgs.length]!);
  const large = () => target(largeArgs[call++ % largeArgs.length]!);
  // Calibrate (this warms the code up too). A first run at 8n that still compiles code is slow:
  // the minimum of the runs leaves it out.
  let reps = 1;
  while (timeOf(small, reps) < MIN_RUN_MS) reps *= 2;
  const result: Growth = { name, n, small: Infinity, large: Infinity, ratio: Infinity };
  for (let round = 0; round < 3; round++) {
    // Past three times the bound it is no measuring accident: no more rounds.
    if (round > 0 && result.ratio >= 3 * MAX_RATIO) break;
    const r = reps * 4 ** round;
    for (let k = 0; k < RUNS; k++) result.small = Math.min(result.small, timeOf(small, r) / r);
    for (let k = 0; k < RUNS; k++) {
      result.large = Math.min(result.large, timeOf(large, r) / r);
      result.ratio = result.large / result.small;
      if (result.ratio < MAX_RATIO) return result;
      result.small = Math.min(result.small, timeOf(small, r) / r);
    }
  }
  return result;
}

const asIs = (t: string) => t;

/** Measures `inputs` one by one, yielding between them so that the test's timeout can fire. */
async function measureAll(t: TestContext, inputs: readonly Input[], measure: (input: Input) => Growth): Promise<Growth[]> {
  const results: Growth[] = [];
  for (const input of inputs) {
    if (t.signal.aborted) break;
    results.push(measure(input));
    await new Promise(setImmediate);
  }
  return results;
}

function assertLinear(t: TestContext, results: Growth[]): void {
  const worst = [...results].sort((a, b) => b.ratio - a.ratio);
  t.diagnostic(`highest ratios: ${worst.slice(0, 3).map((g) => `${g.name} ${g.ratio.toFixed(1)}×`).join(', ')}`);
  const slow = worst.filter((g) => g.ratio >= MAX_RATIO);
  assert.deepEqual(
    slow.map((g) => `${g.name}: ${g.small.toFixed(3)} ms at ${g.n} → ${g.large.toFixed(3)} ms at ${g.n * GROWTH} (${g.ratio.toFixed(1)}×)`),
    [],
    `time grows faster than linearly (${GROWTH}× the input should take about ${GROWTH}× the time)`,
  );
}

describe(`no super-linear time on adversarial input (n vs ${GROWTH}n characters)`, () => {
  // The word segmenter loads once, before any timing.
  loadSegmenter();

  for (const rule of RULES) {
    const id = rule.meta.id;
    const options = { onlyRules: [id], config: { rules: { [id]: 'error' as const } } };
    // Segmenting costs several µs a character: these rules run at a smaller n (still
    // milliseconds a call) to keep the file's time modest.
    const n = rule.meta.needsSegmenter ? SEGMENTER_N : N;
    it(`rule ${id} (n = ${n})`, { timeout: TIMEOUT }, async (t) => {
      assertLinear(t, [
        ...(await measureAll(t, INPUTS, (i) => growth(i.name, i.make, (draft: string) => lint(draft, options), asIs, n))),
        ...(await measureAll(t, MARKDOWN_INPUTS, (i) => growth(`markdown: ${i.name}`, i.make, (draft: string) => lint(draft, { ...options, language: 'markdown' }), asIs, n))),
      ]);
    });
  }

  it(`the allow list (n = ${N})`, { timeout: TIMEOUT }, (t) => {
    // Every finding is checked against every occurrence of the allowed phrases.
    const allow = (phrase: string) => (text: string) => lint(text, { onlyRules: ['placeholder', 'punctuation-width'], config: { allow: [phrase] } });
    assertLinear(t, [
      growth('某某 allowed in 某某某某…', (n) => times('某某', n), allow('某某'), asIs),
      growth('X， allowed in X，X，…', (n) => times('中X，', n), allow('X，'), asIs),
      growth('中 allowed in 中X, …', (n) => times('中X, ', n), allow('中'), asIs),
      // Regex entries the config check accepts: bounded repetition only.
      growth('/X{1,5}科技城/ allowed in XXXX…', (n) => times('X', n), allow('/X{1,5}科技城/'), asIs),
      growth('/.{0,30}x/ allowed in 中中中…', (n) => times('中', n), allow('/.{0,30}x/'), asIs),
      growth('/[甲乙]{1,9}丙?/ allowed in 甲乙甲乙…', (n) => times('甲乙', n), allow('/[甲乙]{1,9}丙?/'), asIs),
    ]);
    // 150,000 occurrences: no stack overflow from spreading them as arguments.
    assert.doesNotThrow(() => lint(times('的X', 300_000), { onlyRules: ['placeholder'], config: { allow: ['的'] } }));
  });

  const ALL = [...INPUTS, ...MARKDOWN_INPUTS];
  const helper = <T>(name: string, target: (arg: T) => unknown, prepare: (text: string) => T) =>
    it(`text helper ${name} (n = ${N})`, { timeout: TIMEOUT }, async (t) => assertLinear(t, await measureAll(t, ALL, (i) => growth(i.name, i.make, target, prepare))));
  helper('findUrls', findUrls, asIs);
  helper('maskMarkdown', maskMarkdown, asIs);
  it(`directives: findDisabledRanges (n = ${N})`, { timeout: TIMEOUT }, async (t) => {
    const prepare = (text: string): [string, SourceDocument] => [text, new SourceDocument(text, 'markdown')];
    assertLinear(t, await measureAll(t, MARKDOWN_INPUTS, (i) => growth(i.name, i.make, ([text, document]: [string, SourceDocument]) => findDisabledRanges(text, document), prepare)));
  });
  helper('splitSentences', (t: string) => splitSentences(t), asIs);
  helper('findViewerChunks', ([t, lines]: [string, LineIndex]) => findViewerChunks(t, lines), (t): [string, LineIndex] => [t, new LineIndex(t)]);
  helper('findStructure + groupLists', (document: SourceDocument) => groupLists(findStructure(document).markers), (t) => new SourceDocument(t));
  helper('foldToSimplified', foldToSimplified, asIs);
  helper('parseChineseNumber', parseChineseNumber, asIs);
  helper('detectMixedScript + findOtherScript', (t: string) => [detectMixedScript(t), findOtherScript(t, 'simplified'), findOtherScript(t, 'traditional')], asIs);
});

// The regular expression findUrls replaced (quadratic on "a-a-a-…"), as the reference for its scanner.
const URL_CHARS = "[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'*+,;=%()]";
const TLDS = 'com|cn|net|org|gov|edu|info|top|xyz|cc|co|io|me|tv|biz|site|vip|wang|club|online|shop|mil|int|hk|tw';
const URL_PATTERN = new RegExp(
  [
    `\\b(?:https?|ftp)://${URL_CHARS}+`,
    `\\bwww\\.[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+(?:/${URL_CHARS}*)?`,
    `\\b[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.(?:${TLDS})\\b(?:/${URL_CHARS}*)?`,
    `\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+`,
  ].join('|'),
  'g',
);

function findUrlsByRegex(text: string): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  URL_PATTERN.lastIndex = 0;
  for (let m = URL_PATTERN.exec(text); m; m = URL_PATTERN.exec(text)) {
    let end = m.index + m[0].length;
    while (end > m.index && /[.,;:!?'")\]]/.test(text[end - 1]!)) {
      const body = text.slice(m.index, end);
      const count = (c: string) => body.split(c).length - 1;
      if (text[end - 1] === ')' && count('(') >= count(')')) break;
      end--;
    }
    if (end > m.index) ranges.push({ start: m.index, end });
  }
  return ranges;
}

describe('findUrls', () => {
  it('finds exactly what its former regular expression found', () => {
    const piece = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('a', 'b1', 'x-y', 'www', 'com', 'cn', 'co', 'info', 'int', 'hk', 'X', '_') },
      { weight: 5, arbitrary: fc.constantFrom('.', '.', '-', '@', '/', ':', 'http://', 'https://', 'ftp://', '%', '+') },
      { weight: 2, arbitrary: fc.constantFrom('(', ')', ']', '[', ',', '!', '?', "'", '"', ' ', '中', '，', '。', '\n', '𠀀') },
    );
    const text = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(text, (t) => assert.deepEqual(findUrls(t), findUrlsByRegex(t), JSON.stringify(t))),
      { seed: 20260611, numRuns: 20_000 },
    );
    // And on the seeds, where most real URLs are.
    assert.deepEqual(findUrls(SEED_TEXT), findUrlsByRegex(SEED_TEXT));
    assert.ok(findUrls(SEED_TEXT).length > 0);
  });
});
