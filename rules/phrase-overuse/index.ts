import type { OffsetRange, Rule } from '../engine/types.js';
import { foldToSimplified } from '../text/fold.js';
import { findViewerChunks } from '../text/viewer-chunks.js';
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
    const prose = context.document.prose;
    const { lines } = context.document;
    const opensLine = (offset: number) => prose.slice(lines.lineStarts[lines.lineAt(offset)]!, offset).trim() === '';
    for (const run of findOpeningRuns(sentences, CONTENT_OPENING, minRun)) {
      if (run.length < minRun) continue;
      const common = commonOpening(run);
      const { start, end } = common[0]!;
      const { sentence } = run[0]!;
      // Not monotony: article numbers (第五十二条… → 第五), a list whose items each open a line
      // (agenda items, table rows, articles), or a parallel structure (排比): clauses of one
      // sentence ("加快推进…；加快…；加快…").
      if (NUMBERING.test(sentence.folded.slice(start, end))) continue;
      if (run.every((o) => opensLine(o.sentence.start))) continue;
      // "我们必须坚持…。我们必须坚持…。": anaphora in the speaker's voice (排比), not monotony.
      if (run.every((o) => ANAPHORA.test(o.sentence.folded.trimStart()))) continue;
      if (oneSentence(prose, run[0]!.sentence.start, run[run.length - 1]!.sentence.start)) continue;
      if (ignored.has(sentence.folded.slice(start, end)) || ignored.has(openingWord(run[0]!))) continue;
      const range = toProse(sentence, start, end);
      context.report({
        messageId: 'opening',
        data: { phrase: sentence.written.slice(start, end), count: run.length, span: run[run.length - 1]!.sentence.end - range.start },
        range,
      });
      run.forEach((o, i) => openings.push(toProse(o.sentence, common[i]!.start, common[i]!.end)));
    }

    // A statute's wording is prescribed, not a speaker's style: no density hints in a text built
    // of articles (第一条… at line starts).
    const statute = countArticles(prose) >= MIN_ARTICLES;
    // A short line opening with a marker is a list item; a viewer's chunk ("2、…") is not.
    let chunkLines: Set<number> | undefined;
    const isListItem = (offset: number) => {
      const line = lines.lineAt(offset);
      const start = lines.lineStarts[line]!;
      if (lines.lineEndAt(line) - start > MAX_ITEM_LINE || !LIST_ITEM_LINE.test(prose.slice(start, start + 8))) return false;
      chunkLines ??= new Set(findViewerChunks(prose, lines).map((c) => c.line));
      return !chunkLines.has(line);
    };
    const matcher = phraseMatcher([...WATCHED_PHRASES, ...extra].filter((p) => !ignored.has(p)));
    const occurrences = findOccurrences(sentences, matcher, { window, minCount }).filter((o) => !openings.some((r) => r.start <= o.start && o.end <= r.end));
    for (const group of byPhrase(occurrences).values()) {
      if (statute) break;
      for (const { from, to } of findBursts(group, window, minCount)) {
        // The occurrences in no pattern must still crowd the window on their own.
        const scattered = scatteredOf(prose, group.slice(from, to + 1), isListItem);
        for (const inner of findBursts(scattered, window, minCount)) {
          const first = scattered[inner.from]!;
          context.report({
            messageId: 'repeated',
            data: { phrase: first.written, count: inner.to - inner.from + 1, span: scattered[inner.to]!.end - first.start },
            range: { start: first.start, end: first.end },
          });
        }
      }
    }
  },
};

/** A sentence opening in the speaker's or audience's voice: 我们要/我们必须/大家要/同志们. */
const ANAPHORA = /^(?:我们|咱们|大家|你们|同志们|各位)/;

/** An opening that is a number: 第五 of 第五十二条, 第六 of 第六十二条. */
const NUMBERING = /^(?:第|[0-9０-９一二三四五六七八九十百零〇]+$)/;
/** Before an item's opening: the marker's bracket ("（二）坚持…"), or "；" between the full clauses of a 排比 ("加快推进…，拉动…；加快…"). */
const ITEM_START = /[）)；;]/;
/** "第N条" opening a line. */
const ARTICLE = /(?:^|\n)[ \t\u3000#]*第[一二三四五六七八九十百零〇]{1,6}条/g;
const MIN_ARTICLES = 5;

/** A list item is a short line; a long numbered paragraph (or a viewer's chunk "1、…") is prose. */
const MAX_ITEM_LINE = 120;

function countArticles(prose: string): number {
  ARTICLE.lastIndex = 0;
  let count = 0;
  while (count < MIN_ARTICLES && ARTICLE.exec(prose)) count++;
  return count;
}

/** A list item on its own line ("5.北京市…扎实推进…"): each item is its own entry, so its uses are not one writer's habit. */
const LIST_ITEM_LINE = /^[ \t\u3000]*(?:\d{1,3}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)/;

/**
 * The occurrences of a burst that stand in no pattern. One that
 * opens an item of a list ("（二）坚持…") or a full clause after "；", one inside a list item of
 * its own line, or one that shares the
 * words before or after it with two others (扎实推进, 构建人类命运共同体, 实现增加值: a
 * collocation, the text's key term, a statistic's formula) is deliberate and not counted.
 * Returns the occurrences that are left.
 */
function scatteredOf<T extends OffsetRange>(prose: string, burst: readonly T[], isListItem: (offset: number) => boolean): T[] {
  // Only words count as shared context: ", " before each of "进一步…, 进一步…" is no collocation.
  const word = (s: string) => (/^\p{Script=Han}{2}$/u.test(s) ? s : undefined);
  const around = (o: OffsetRange) => [word(prose.slice(Math.max(0, o.start - 2), o.start)), word(prose.slice(o.end, o.end + 2))] as const;
  const before = new Map<string, number>();
  const after = new Map<string, number>();
  for (const o of burst) {
    const [b, a] = around(o);
    if (b) before.set(b, (before.get(b) ?? 0) + 1);
    if (a) after.set(a, (after.get(a) ?? 0) + 1);
  }
  const scattered = burst.filter((o) => {
    if (isListItem(o.start)) return false;
    if (o.start === 0 || ITEM_START.test(prose[o.start - 1]!)) return false;
    const [b, a] = around(o);
    return (!b || before.get(b)! < 3) && (!a || after.get(a)! < 3);
  });
  return scattered;
}

/** No sentence end (。！？) between `from` and `to`: the run's units are clauses of one sentence. */
function oneSentence(prose: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if ('。！？!?'.includes(prose[i]!)) return false;
  return true;
}
