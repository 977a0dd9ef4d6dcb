// No regular expression with catastrophic backtracking, no quadratic loop, and no test that
// depends on the machine's speed:
// 1. recheck's static ReDoS analysis (test/regex-safety.ts) of every regex literal in rules/ and
//    server/, first: an exponential regex would hang the counting below rather than fail it.
// 2. Every rule and text helper runs on the adversarial inputs of test/adversarial-inputs.ts at
//    n and at 8n characters, and the work is counted (test/work-count.ts: JavaScript blocks
//    executed, characters scanned by built-ins and regex searches), never timed: the counts are
//    the same on any machine under any load. Linear work grows 8×, n log n about 10×, quadratic
//    64×; the bound is 16× (plus a small allowance, see `superLinear`).
// 3. recheck again on the regexes that ran in 2 and were built at run time: the backtracking
//    inside one regex call is what the counts cannot see.
// Wall-clock growth is printed by `npm run bench` (its linearity section), never asserted.
//
// SPEECHLINT_REDOS_N changes n (default 5,000 characters; rules that segment words use n/5).
// First: it starts the block coverage that counts, before the code it counts is compiled.
import { regexes, workOf, type Work } from './work-count.js';
import assert from 'node:assert/strict';
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
import { maskMarkdown, splitLinesWithOffsets } from '../rules/text/prose.js';
import { findUrls } from '../rules/text/urls.js';
import { findViewerChunks } from '../rules/text/viewer-chunks.js';
import { INPUTS, MARKDOWN_INPUTS, SEED_TEXT, times, type Input } from './adversarial-inputs.js';
import { analyse, backtrackingPaths, describeVerdict, regexLiterals } from './regex-safety.js';

const N = Number(process.env.SPEECHLINT_REDOS_N ?? 5000);
const SEGMENTER_N = Math.round(N / 5);
const GROWTH = 8;
/** Linear is 8×, n log n about 10×; quadratic would be 64×. */
const MAX_RATIO = 16;
/** A failure timeout only (nothing is timed): generous for a busy machine. */
const TIMEOUT = 600_000;

// The regex literals of the sources, by where they are written.
const LITERAL_PLACES = new Map<string, string[]>();
for (const { regex, where } of regexLiterals(['rules', 'server'])) LITERAL_PLACES.set(regex, [...(LITERAL_PLACES.get(regex) ?? []), where]);
/** Set by the first test: an exponential regex would hang the counting for ever (no timeout can stop a regex). */
let unsafeLiterals = false;

interface Growth {
  name: string;
  n: number;
  small: Work;
  large: Work;
  /** Counts both calls again in detail: the functions or built-ins whose work grows the most. */
  hotSpots: (m: Measure) => string;
}

/**
 * Counts the work of `target` on `make(n)` and on `make(8n)`; `prepare` (not counted) turns a
 * text into the target's argument. A first call on a text that differs from both (a trailing
 * space) builds what is built once (tables, compiled allow entries) and is not counted; it also
 * keeps a cache of recent texts (script-mix keeps the last two) from answering the counted calls.
 */
function growth<T>(name: string, make: (n: number) => string, target: (arg: T) => unknown, prepare: (text: string) => T, n = N): Growth {
  const small = make(n);
  const large = make(n * GROWTH);
  target(prepare(small + ' '));
  const smallArg = prepare(small);
  const largeArg = prepare(large);
  const hotSpots = (m: Measure) => {
    const part = (w: Work) => (m === 'js' ? w.functions! : w.calls!);
    const small = part(workOf(() => target(smallArg), { detailed: true }));
    const large = part(workOf(() => target(largeArg), { detailed: true }));
    return [...large]
      .map(([key, count]): [string, number] => [key, count - GROWTH * (small.get(key) ?? 0)])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([key]) => `${key} ${small.get(key) ?? 0} → ${large.get(key)}`)
      .join(', ');
  };
  return { name, n, small: workOf(() => target(smallArg)), large: workOf(() => target(largeArg)), hotSpots };
}

const MEASURES = ['js', 'builtins'] as const;
type Measure = (typeof MEASURES)[number];

/**
 * Each measure on its own (a quadratic scan must not hide under a larger linear count): over
 * MAX_RATIO × its count at n, with an allowance of one unit per character of the larger input
 * for counts too small to matter (a handful of calls that an input of one size happens to make).
 */
function superLinear(g: Growth): string[] {
  return MEASURES.filter((m) => g.large[m] > MAX_RATIO * g.small[m] + g.n * GROWTH).map(
    (m) => `${g.name}: ${m} ${g.small[m]} at ${g.n} → ${g.large[m]} at ${g.n * GROWTH} (${(g.large[m] / g.small[m]).toFixed(1)}×); most in ${g.hotSpots(m)}`,
  );
}

const ratio = (g: Growth, m: Measure) => g.large[m] / Math.max(1, g.small[m]);

const asIs = (t: string) => t;

/** Measures `inputs` one by one, yielding between them so that the test's timeout can fire. */
async function measureAll(t: TestContext, inputs: readonly Input[], measure: (input: Input) => Growth): Promise<Growth[]> {
  const results: Growth[] = [];
  if (skipped(t)) return results;
  for (const input of inputs) {
    if (t.signal.aborted) break;
    results.push(measure(input));
    await new Promise(setImmediate);
  }
  return results;
}

function skipped(t: TestContext): boolean {
  if (unsafeLiterals) t.skip('a regex literal may backtrack catastrophically (see the first test): not run');
  return unsafeLiterals;
}

function assertLinear(t: TestContext, results: Growth[]): void {
  for (const m of MEASURES) {
    const worst = [...results].sort((a, b) => ratio(b, m) - ratio(a, m)).slice(0, 3);
    t.diagnostic(`highest ${m} ratios: ${worst.map((g) => `${g.name} ${ratio(g, m).toFixed(1)}×`).join(', ')}`);
  }
  assert.deepEqual(results.flatMap(superLinear), [], `work grows faster than linearly (${GROWTH}× the input should take about ${GROWTH}× the work)`);
}

describe(`no super-linear work on adversarial input (n vs ${GROWTH}n characters)`, () => {
  // First, as it would otherwise hang the tests below rather than fail them.
  it('no regex literal in rules/ or server/ can backtrack super-linearly (recheck)', { timeout: TIMEOUT }, async () => {
    const unsafe = (await analyse([...LITERAL_PLACES.keys()])).filter((v) => v.status !== 'safe');
    unsafeLiterals = unsafe.length > 0;
    assert.deepEqual(unsafe.map((v) => describeVerdict(v, LITERAL_PLACES)), [], 'regular expressions that recheck finds vulnerable (or cannot decide)');
  });

  // The word segmenter loads once, before any counting.
  loadSegmenter();

  it('counts the work of the loops in the rules (block coverage is on)', () => {
    // splitLinesWithOffsets runs one loop iteration per line break: a count below that means the
    // rules were compiled before the counting started (work-count.ts must be the first import).
    const { js, builtins } = workOf(() => splitLinesWithOffsets('\n'.repeat(N)));
    assert.ok(js >= N, `${js} blocks for ${N} lines`);
    assert.ok(builtins >= N, `${builtins} characters scanned for ${N} lines`);
    assert.deepEqual(workOf(() => splitLinesWithOffsets('\n'.repeat(N))), { js, builtins }, 'the same call counts the same');
  });

  for (const rule of RULES) {
    const id = rule.meta.id;
    const options = { onlyRules: [id], config: { rules: { [id]: 'error' as const } } };
    // Segmenting costs several µs a character: these rules run at a smaller n to keep the
    // file's time modest.
    const n = rule.meta.needsSegmenter ? SEGMENTER_N : N;
    it(`rule ${id} (n = ${n})`, { timeout: TIMEOUT }, async (t) => {
      assertLinear(t, [
        ...(await measureAll(t, INPUTS, (i) => growth(i.name, i.make, (draft: string) => lint(draft, options), asIs, n))),
        ...(await measureAll(t, MARKDOWN_INPUTS, (i) => growth(`markdown: ${i.name}`, i.make, (draft: string) => lint(draft, { ...options, language: 'markdown' }), asIs, n))),
      ]);
    });
  }

  it(`the allow list (n = ${N})`, { timeout: TIMEOUT }, (t) => {
    if (skipped(t)) return;
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

  // Last: by now `regexes()` holds every regex that ran above, those built at run time included
  // (from word lists, the OpenCC tables, allow entries).
  it('no regex built at run time can backtrack super-linearly (recheck)', { timeout: TIMEOUT }, async (t) => {
    if (skipped(t)) return;
    const built = [...regexes()].filter((r) => !LITERAL_PLACES.has(r));
    t.diagnostic(`${built.length} regexes built at run time, ${LITERAL_PLACES.size} literals`);
    const unsafe = (await analyse(built)).filter((v) => v.status !== 'safe');
    assert.deepEqual(unsafe.map((v) => describeVerdict(v)), [], 'regular expressions that recheck finds vulnerable (or cannot decide)');
  });
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

describe('backtrackingPaths (the proof that spares recheck the bounded regexes)', () => {
  it('bounds the paths of bounded patterns and finds no bound for unbounded ones', () => {
    assert.equal(backtrackingPaths('请在.{1,80}上搜索'), 81);
    assert.equal(backtrackingPaths('(?:甲|乙){2}'), 3 * 2 ** 2);
    assert.equal(backtrackingPaths('[（(](?<n>\\d{1,2})[）)]|第[一二三]{1,3}条?'), 3 + 4 * 2);
    assert.equal(backtrackingPaths('a{3}(?=b|c)'), 4 * 2);
    for (const unbounded of ['a+', 'a*b', '(?:a|b)*', 'a{2,}', '(a)\\1', '(?<x>a)\\k<x>', '(a', '[ab']) {
      assert.equal(backtrackingPaths(unbounded), Infinity, unbounded);
    }
  });
});

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
