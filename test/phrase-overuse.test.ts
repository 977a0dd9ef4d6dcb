// phrase-overuse: the shipped thresholds are the ones the seeds give, and the analysis behind
// them (sentences, word boundaries, openings) does what the rule's README says.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SourceDocument } from '../rules/engine/document.js';
import { lintWith } from '../rules/engine/lint.js';
import type { ConfigFile } from '../rules/engine/types.js';
import {
  analyzeSentences,
  byPhrase,
  CONTENT_OPENING,
  findBursts,
  findOccurrences,
  findOpening,
  findOpeningRuns,
  openingWord,
  phraseMatcher,
  WATCHED_PHRASES,
} from '../rules/phrase-overuse/analysis.js';
import { deriveDefaults, measureCorpus } from '../rules/phrase-overuse/derive-defaults.js';
import { phraseOveruse } from '../rules/phrase-overuse/index.js';
import { foldToSimplified } from '../rules/text/fold.js';

const seeds = readdirSync('seeds')
  .filter((n) => n.endsWith('.txt'))
  .sort()
  .map((n) => readFileSync(join('seeds', n), 'utf8'));

const shipped = () => {
  const options = phraseOveruse.meta.options;
  return { window: options.window!.default, minCount: options.minCount!.default, minRun: options.minRun!.default };
};

describe('phrase-overuse: defaults derived from the seeds', () => {
  it('ships the thresholds the seeds give', (t) => {
    const figures = measureCorpus(seeds);
    t.diagnostic(`seed figures: ${JSON.stringify(figures)}`);
    assert.deepEqual(shipped(), deriveDefaults(seeds));
  });

  it('follows the corpus: a denser text or a longer run raises the thresholds', () => {
    const burst = '要进一步统一思想，进一步提高认识，进一步明确责任，进一步细化措施，进一步压实任务，进一步加大力度，进一步抓好落实。';
    const run = Array.from({ length: 8 }, (_, i) => `项目第${'一二三四五六七八'[i]}期按时开工。`).join('');
    const derived = deriveDefaults([...seeds, burst, run]);
    assert.equal(derived.minCount, 8);
    assert.equal(derived.minRun, 9);
  });

  it('keeps the seeds quiet, and one step below the default finds the densest seed phrase', () => {
    for (const text of seeds) assert.deepEqual(lintWith([phraseOveruse], text), []);
    const { density } = measureCorpus(seeds);
    const config: ConfigFile = { rules: { 'phrase-overuse': ['info', { minCount: density.value }] } };
    const findings = seeds.flatMap((text) => lintWith([phraseOveruse], text, { config }));
    assert.deepEqual(findings.map((f) => f.message.slice(1, f.message.indexOf('”'))), [density.word]);
  });
});

describe('phrase-overuse: data files', () => {
  for (const name of ['phrases.txt', 'stop-words.txt']) {
    it(`${name} holds simplified Han words, each once`, () => {
      const entries = readFileSync(join('rules', 'phrase-overuse', name), 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'));
      assert.ok(entries.length > 0);
      assert.deepEqual(entries.filter((e, i) => entries.indexOf(e) !== i), [], 'duplicates');
      for (const e of entries) {
        assert.match(e, /^\p{Script=Han}{2,}$/u, e);
        assert.equal(foldToSimplified(e), e, `${e} is not simplified`);
      }
    });
  }
});

describe('phrase-overuse: analysis', () => {
  const words = (text: string, phrases: string[]) => findOccurrences(analyzeSentences(new SourceDocument(text)), phraseMatcher(phrases)).map((o) => o.written);

  it('counts a phrase only where it does not cut through a word', () => {
    assert.deepEqual(words('安全面临新挑战，要全面推进。', ['全面']), ['全面']);
    assert.deepEqual(words('切实加强领导，贯彻落实部署。', ['切实', '加强', '落实']), ['切实', '加强', '落实']);
  });

  it('reads traditional text, pinyin residue and viewer chunk breaks as the words they are', () => {
    assert.deepEqual(words('要進(jìn)一步加強領導。', ['进一步', '加强']), ['進一步', '加強']);
    // Viewers cut every few hundred characters; `long` pads each chunk to a viewer's length.
    const long = '全区上下团结一心顶住压力办成了不少多年想办而没有办成的大事'.repeat(3);
    const chunked = `1、${long}要进一\n2、步统一思想. ${long}增长19.8%\n3、的任务. 坚持`;
    const sentences = analyzeSentences(new SourceDocument(chunked));
    assert.deepEqual(sentences.map((s) => s.written.trim()), [`${long}要进一步统一思想.`, `${long}增长19.8%的任务.`, '坚持']);
    assert.deepEqual(words(chunked, ['进一步']), ['进一步']);
  });

  it('finds the opening content word past enumerators and function words', () => {
    const opening = (text: string) => {
      const found = findOpening(analyzeSentences(new SourceDocument(text))[0]!, CONTENT_OPENING);
      return found && openingWord(found);
    };
    assert.equal(opening('（一）一是进一步加强组织领导。'), '进一步');
    assert.equal(opening('我们要坚持问题导向。'), '坚持');
    assert.equal(opening('第三，要加快项目建设。'), '加快');
    assert.equal(opening('“四个不允许”是纪律要求。'), undefined);
  });
});

describe('phrase-overuse: segmenting only where a finding is possible', () => {
  const longRuns = (runs: ReturnType<typeof findOpeningRuns>, minRun: number) =>
    runs.filter((r) => r.length >= minRun).map((r) => r.map((o) => [o.sentence.start, openingWord(o)]));
  const bursts = (occurrences: ReturnType<typeof findOccurrences>, window: number, minCount: number) =>
    [...byPhrase(occurrences).values()].flatMap((group) => findBursts(group, window, minCount).map(({ from, to }) => group.slice(from, to + 1).map((o) => o.start)))
      .sort((a, b) => a[0]! - b[0]!);
  // Low thresholds, so that the seeds do hold runs and bursts to compare.
  const cases = [
    { minRun: 2, window: 300, minCount: 2 },
    { minRun: 3, window: 120, minCount: 3 },
    { minRun: 6, window: 300, minCount: 6 },
  ];

  for (const { minRun, window, minCount } of cases) {
    it(`finds the same runs and bursts as a full analysis (minRun ${minRun}, minCount ${minCount} in ${window})`, () => {
      const matcher = phraseMatcher(WATCHED_PHRASES);
      let found = 0;
      for (const seed of seeds) {
        const sentences = analyzeSentences(new SourceDocument(seed));
        const full = analyzeSentences(new SourceDocument(seed));
        assert.deepEqual(longRuns(findOpeningRuns(sentences, CONTENT_OPENING, minRun), minRun), longRuns(findOpeningRuns(full, CONTENT_OPENING), minRun));
        const filtered = bursts(findOccurrences(sentences, matcher, { window, minCount }), window, minCount);
        assert.deepEqual(filtered, bursts(findOccurrences(full, matcher), window, minCount));
        found += filtered.length + longRuns(findOpeningRuns(full, CONTENT_OPENING), minRun).length;
      }
      if (minRun < 6) assert.ok(found > 0, 'the low thresholds find something in the seeds');
    });
  }

  it('leaves most sentences of the seeds unsegmented with the shipped thresholds', () => {
    const { window, minCount, minRun } = shipped() as { window: number; minCount: number; minRun: number };
    const sentences = seeds.flatMap((seed) => {
      const analyzed = analyzeSentences(new SourceDocument(seed));
      findOpeningRuns(analyzed, CONTENT_OPENING, minRun);
      findOccurrences(analyzed, phraseMatcher(WATCHED_PHRASES), { window, minCount });
      return analyzed;
    });
    const segmented = sentences.filter((s) => s.isSegmented).length;
    assert.ok(segmented < sentences.length / 10, `${segmented} of ${sentences.length} sentences segmented`);
  });
});
