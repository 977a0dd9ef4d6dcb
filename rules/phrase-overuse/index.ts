import type { OffsetRange, Rule } from '../engine/types.js';
import { foldToSimplified } from '../text/fold.js';
import {
  analyzeSentences,
  byPhrase,
  commonOpening,
  CONTENT_OPENING,
  findBursts,
  findOccurrences,
  findOpeningRuns,
  openingWord,
  phraseMatcher,
  toProse,
  WATCHED_PHRASES,
} from './analysis.js';

export const phraseOveruse: Rule = {
  meta: {
    id: 'phrase-overuse',
    description: {
      zh: '同一套语在短距离内反复出现（如一段里五六个“进一步”），或连续多句以同样的词开头',
      en: 'The same stock phrase many times in a short span, or many sentences in a row opening with the same words',
    },
    category: 'style',
    defaultSeverity: 'info',
    fixable: false,
    hasSuggestions: false,
    needsSegmenter: true,
    messages: {
      repeated: '“{phrase}”在约 {span} 字内出现 {count} 次，可考虑删去几处或换用其他说法',
      opening: '连续 {count} 句以“{phrase}”开头（约 {span} 字），可考虑变换句式',
    },
    // minCount and minRun are derived from the seeds: see derive-defaults.ts and the README.
    options: {
      window: {
        type: 'number',
        description: '密度检查的窗口长度（字），约为一个自然段、一分钟的讲话',
        default: 300,
        minimum: 20,
      },
      minCount: {
        type: 'number',
        description: '同一套语在一个窗口内出现达到此次数时报告',
        default: 6,
        minimum: 2,
      },
      minRun: {
        type: 'number',
        description: '连续达到此句数以同一个词开头时报告',
        default: 6,
        minimum: 2,
      },
      extraPhrases: {
        type: 'string[]',
        description: '额外检查密度的词语（如自己的口头禅“高质量”），与内置词表（phrases.txt）合并',
        default: [],
      },
      ignore: {
        type: 'string[]',
        description: '不报告的词语（两项检查都不报告），简体或繁体均可',
        default: [],
      },
    },
  },
  check(context) {
    const options = context.options;
    const window = options.window as number;
    const minCount = options.minCount as number;
    const minRun = options.minRun as number;
    const ignored = new Set((options.ignore as string[]).map(foldToSimplified));
    const extra = (options.extraPhrases as string[]).map(foldToSimplified);
    const sentences = analyzeSentences(context.document, context.memo);

    // Openings first; the words they repeat are not counted again by the density check.
    const openings: OffsetRange[] = [];
    for (const run of findOpeningRuns(sentences, CONTENT_OPENING, minRun)) {
      if (run.length < minRun) continue;
      const common = commonOpening(run);
      const { start, end } = common[0]!;
      const { sentence } = run[0]!;
      if (ignored.has(sentence.folded.slice(start, end)) || ignored.has(openingWord(run[0]!))) continue;
      const range = toProse(sentence, start, end);
      context.report({
        messageId: 'opening',
        data: { phrase: sentence.written.slice(start, end), count: run.length, span: run[run.length - 1]!.sentence.end - range.start },
        range,
      });
      run.forEach((o, i) => openings.push(toProse(o.sentence, common[i]!.start, common[i]!.end)));
    }

    const matcher = phraseMatcher([...WATCHED_PHRASES, ...extra].filter((p) => !ignored.has(p)));
    const occurrences = findOccurrences(sentences, matcher, { window, minCount }).filter((o) => !openings.some((r) => r.start <= o.start && o.end <= r.end));
    for (const group of byPhrase(occurrences).values()) {
      for (const { from, to } of findBursts(group, window, minCount)) {
        const first = group[from]!;
        context.report({
          messageId: 'repeated',
          data: { phrase: first.written, count: to - from + 1, span: group[to]!.end - first.start },
          range: { start: first.start, end: first.end },
        });
      }
    }
  },
};
