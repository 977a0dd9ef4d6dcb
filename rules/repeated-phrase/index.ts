import { MASK_CHAR } from '../engine/document.js';
import { firstIndex } from '../engine/sorted.js';
import type { OffsetRange, Rule, RuleContext } from '../engine/types.js';
import { charAt, charBefore, isHan, isInlineSpaceCode } from '../text/chinese.js';
import { segmentWords } from '../text/segmenter.js';
import { foldToSimplified } from '../text/fold.js';
import allowedList from './allowed.txt';

const ALLOWED = data(allowedList);

/** Longest unit looked for, in UTF-16 units: a word, a clause, a title, a short paragraph. */
const MAX_UNIT = 1000;
/** Characters of context segmented on each side of a repeat, so that jieba sees whole words. */
const CONTEXT = 20;
/** A repeated sentence (ending with 。) needs this many characters; “是的。是的。” is speech. */
const SENTENCE_MIN = 5;
/** Longest unit quoted in full in the message. */
const QUOTE_MAX = 30;

/** Stands in the compacted text for a blank line: a paragraph break no repeat may cross. */
const PARAGRAPH = 0x0a;
const MASK = MASK_CHAR.charCodeAt(0);
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const OPENING = '“‘（《〈【〔「『(';
const CLOSING = '”’）》〉】〕」』)';
/** Sentence ends inside a unit would let a repeat straddle sentences (“经济。发展经济。发展”). */
const SENTENCE_END = /[。！？；!?;…]/;
const NUMERAL = /^[\p{Nd}〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟.．]+$/u;
const HEADING = /^\s*(?:#|[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[）)]|\d+[、.．]|第[一二三四五六七八九十百\d]+[章节部分条篇])/;
const CLAUSE_MARK = /[，、；：,;:]/;
/** Degree adverbs of the emphatic 很A很A. */
const DEGREE_ADVERBS = '很好老挺真太特超';
/** One-character function words: doubled, they are a slip rather than reduplication. */
const FUNCTION_WORDS = '的地得了着过在之和与及同跟是把被对从将就也都而并或且但为以于向让使给按由其此该这那我你他她它们吗呢吧啊么所有不没要会能可已还又再才更最很太只把及';

interface Repeat {
  unit: string;
  /** Every copy, the first one included; at least two. */
  copies: OffsetRange[];
}

export const repeatedPhrase: Rule = {
  meta: {
    id: 'repeated-phrase',
    description: {
      zh: '同一词语或短语紧接着重复出现（“的的”“我们我们”、标题粘贴两遍），疑为重复粘贴；正常的叠词不报告',
      en: 'A word or phrase immediately repeated ("的的", "我们我们", a title pasted twice); ordinary reduplication is left alone',
    },
    category: 'style',
    defaultSeverity: 'warning',
    fixable: true,
    scope: 'paragraph',
    hasSuggestions: true,
    needsSegmenter: true,
    messages: {
      repeated: '“{text}”重复出现，疑为重复粘贴，应删除其一',
      repeatedMany: '“{text}”连续出现{count}次，疑为重复粘贴，应只保留一处',
    },
    options: {
      allow: {
        type: 'string[]',
        description: '可以紧接着重复的词或字（如 "加油"），与内置叠词表（allowed.txt）合并',
        default: [],
      },
      minLength: {
        type: 'number',
        description: '重复单元的最少字数；设为 2 则不报告“的的”这类单字重复',
        default: 1,
        minimum: 1,
      },
    },
  },
  check(context) {
    const text = context.document.prose;
    const allowed = new Set([...ALLOWED, ...((context.options.allow as string[] | undefined) ?? [])]);
    const minLength = (context.options.minLength as number | undefined) ?? 1;
    const candidates = findSquares(text).filter(
      (r) => [...r.unit].length >= minLength && isPasteShaped(context, r) && !isReduplication(text, r, allowed),
    );
    // The longest unit wins (a title pasted twice, not a word inside it); then the earliest.
    candidates.sort((a, b) => b.unit.length - a.unit.length || a.copies[0]!.start - b.copies[0]!.start);
    const accepted: { repeat: Repeat; range: OffsetRange }[] = [];
    for (const candidate of candidates) {
      const first = candidate.copies[0]!;
      const last = candidate.copies[candidate.copies.length - 1]!;
      if (accepted.some((a) => first.start < a.range.end && a.range.start < last.end)) continue;
      const repeat = alignToWords(text, candidate);
      if (repeat) accepted.push({ repeat, range: findingRange(context, repeat) });
    }
    accepted.sort((a, b) => a.range.start - b.range.start);
    for (const { repeat, range } of accepted) {
      const count = repeat.copies.length;
      context.report({
        messageId: count > 2 ? 'repeatedMany' : 'repeated',
        data: { text: quote(repeat.unit), count },
        range,
        // Only a doubled single character (的的) is certain enough to delete unasked; a longer
        // repeat may be meant (a refrain, a slogan), so deleting it is the writer's choice.
        ...(isDoubledCharacter(repeat, text)
          ? { fix: [{ range, text: '' }] }
          : { suggestions: [{ message: `删除重复的“${repeat.unit}”`, edits: [{ range, text: '' }], preferred: true }] }),
      });
    }
  },
};

/**
 * Function characters that no word, name or reduplication doubles: 的的, 与与, 并并. Others can
 * be meant (不甚了了, 是是非非, 一把把, 软趴趴, 处长长期), so their deletion is a suggestion.
 */
const NEVER_DOUBLED = new Set(['的', '与', '及', '并', '被', '于', '之']);

function isDoubledCharacter(repeat: Repeat, text: string): boolean {
  if (repeat.copies.length !== 2 || !NEVER_DOUBLED.has(repeat.unit)) return false;
  // 的的确确 is 的确 reduplicated.
  return !(repeat.unit === '的' && text[repeat.copies[1]!.end] === '确');
}

function data(list: string): string[] {
  return list.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

/**
 * Every unit immediately followed by a copy of itself, ignoring spaces and a single line
 * break between or inside copies. Works on a compacted text (whitespace dropped, blank lines
 * kept as a PARAGRAPH mark) and finds, for each period p, the stretches where c[k] = c[k+p]:
 * a stretch of length ≥ p holds a square. Probing only every p-th position keeps this near
 * O(n log MAX_UNIT). Each rotation of a long stretch is a candidate; word boundaries decide.
 *
 * A stretch inside text that already has a shorter period q dividing p (a run of one character
 * for every p, "我们我们…" for every even p) is skipped without being scanned: its units are
 * repetitions of a shorter one, which is found at q. Scanning it again for each multiple of q
 * made such a run cost up to MAX_UNIT steps per character.
 */
function findSquares(text: string): Repeat[] {
  const { codes, offsets } = compact(text);
  const n = codes.length;
  const found: Repeat[] = [];
  /** By period q: the stretches scanned at q holding a square, in order; the text is q-periodic on [from, to + q). */
  const periodic = new Map<number, { from: number; to: number }[]>();
  for (let p = 1; p <= MAX_UNIT && 2 * p <= n; p++) {
    const same = (k: number) => codes[k] === codes[k + p] && codes[k] !== PARAGRAPH && codes[k] !== MASK;
    // Up to p = 4 a unit of a shorter period may still count (谢谢谢谢, a doubled character): scan.
    const shorter = p > 4 ? divisors(p).filter((q) => periodic.has(q)) : [];
    const stretches: { from: number; to: number }[] = [];
    let done = 0;
    for (let probe = 0; probe + p < n; probe += p) {
      if (probe < done || !same(probe)) continue;
      // Where [probe, probe + p] is q-periodic, the stretch at p is exactly [from, to - p + q)
      // (it cannot extend past a place where the q-periodic run ends) and its units have period q.
      const end = periodicEnd(periodic, shorter, probe, p);
      if (end >= 0) {
        done = end;
        continue;
      }
      let start = probe;
      while (start > done && same(start - 1)) start--;
      let stop = probe + 1;
      while (stop + p < n && same(stop)) stop++;
      done = stop;
      if (stop - start < p) continue;
      stretches.push({ from: start, to: stop });
      // A run of a shorter unit (我们我们我们我们) is found at that unit's period, except a
      // doubled character (谢谢谢谢 is the word 谢谢 twice).
      const root = primitiveRoot(String.fromCharCode(...codes.subarray(start, start + p)));
      const period = root.length;
      if (period < p && !(p === 2 * period && [...root].length === 1)) continue;
      for (let r = 0; r < p && start + r + p <= stop; r++) {
        const from = start + r;
        if (!mayStart(codes[from]!) || !mayEnd(codes[from + p - 1]!)) continue;
        const count = Math.floor((stop + p - from) / p);
        const copies: OffsetRange[] = [];
        for (let i = 0; i < count; i++) {
          copies.push({ start: offsets[from + i * p]!, end: offsets[from + (i + 1) * p - 1]! + 1 });
        }
        // Copies must be identical as written, spaces included; keep the leading run that is.
        const unit = text.slice(copies[0]!.start, copies[0]!.end);
        const differing = copies.findIndex((c) => text.slice(c.start, c.end) !== unit);
        if (differing !== -1) copies.length = differing;
        if (copies.length >= 2) found.push({ unit, copies });
      }
    }
    if (stretches.length > 0) periodic.set(p, stretches);
  }
  return found;
}

/** The divisors of `p` below it. */
function divisors(p: number): number[] {
  const found: number[] = [];
  for (let q = 1; q * q <= p; q++) {
    if (p % q !== 0) continue;
    found.push(q);
    if (q !== 1 && q * q !== p) found.push(p / q);
  }
  return found;
}

/**
 * The end of the stretch at period p through `probe` when a stretch found at a period q in
 * `shorter` (each dividing p) makes [probe, probe + p] q-periodic; -1 otherwise.
 */
function periodicEnd(periodic: ReadonlyMap<number, readonly { from: number; to: number }[]>, shorter: readonly number[], probe: number, p: number): number {
  for (const q of shorter) {
    const stretches = periodic.get(q)!;
    const stretch = stretches[firstIndex(stretches, (s) => s.from > probe) - 1];
    if (stretch && probe < stretch.to - p + q) return stretch.to - p + q;
  }
  return -1;
}

/** Cheap first tests on UTF-16 units (a surrogate may be half of a Han character). */
function mayStart(code: number): boolean {
  const c = String.fromCharCode(code);
  return isSurrogate(code) || WORD_CHAR.test(c) || OPENING.includes(c);
}

function mayEnd(code: number): boolean {
  const c = String.fromCharCode(code);
  return isSurrogate(code) || WORD_CHAR.test(c) || CLOSING.includes(c) || c === '。';
}

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

/** The text without spaces and line breaks, as UTF-16 codes; a blank line leaves PARAGRAPH. */
function compact(text: string): { codes: Uint16Array; offsets: number[] } {
  const codes = new Uint16Array(text.length);
  const offsets: number[] = [];
  let breaks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (!(c === 10 && text.charCodeAt(i - 1) === 13)) breaks++;
      continue;
    }
    if (isInlineSpaceCode(c)) continue;
    if (breaks >= 2) {
      codes[offsets.length] = PARAGRAPH;
      offsets.push(i);
    }
    breaks = 0;
    codes[offsets.length] = c;
    offsets.push(i);
  }
  return { codes: codes.subarray(0, offsets.length), offsets };
}

/**
 * What a pasted copy looks like: it starts and ends on a word (or brackets a quotation), holds
 * Han text that is not just a number, and is not two items of a list: repeats separated by
 * punctuation (“我们，我们”“比一比、赛一赛”) are rhetoric or enumeration. Across a line
 * break, only a whole line pasted twice, or a prose line cut mid-sentence, counts: a heading
 * followed by a paragraph that starts with its last words (“三、作风建设\n作风建设是……”) is fine.
 */
function isPasteShaped(context: RuleContext, { unit, copies }: Repeat): boolean {
  const text = context.document.prose;
  const first = charAt(unit, 0)!;
  const last = charBefore(unit, unit.length)!;
  if (/[\r\n]/.test(unit) || unit.includes(MASK_CHAR) || !/\p{Script=Han}/u.test(unit) || NUMERAL.test(unit)) return false;
  if (isSurrogateSplit(text, copies[0]!)) return false;
  if (!WORD_CHAR.test(first) && !OPENING.includes(first)) return false;
  const sentence = last === '。';
  if (sentence ? [...unit].length < SENTENCE_MIN : !WORD_CHAR.test(last) && !CLOSING.includes(last)) return false;
  if (SENTENCE_END.test(sentence ? unit.slice(0, -1) : unit)) return false;
  // A unit with punctuation inside must end a clause, or it may be a rotation of a list:
  // “坚持发展，坚持发展，坚持改革” repeats “发展，坚持” only by accident of alignment.
  const closed = sentence || CLOSING.includes(last);
  const end = copies[copies.length - 1]!.end;
  if (!closed && /[^\p{L}\p{N}\s]/u.test(unit) && WORD_CHAR.test(charAt(text, end) ?? '')) return false;
  // "法律、法规、规章和国家有关规定规定应当公开的": the first copy closes a list that is the
  // subject, the second is its verb.
  if (closesEnumeration(text, copies[0]!.start)) return false;
  const { lines } = context.document;
  // "總計 總計 非本地學生": cells of a flattened table, side by side in a row.
  if (/^[ \t\u3000]+$/.test(text.slice(copies[0]!.end, copies[1]!.start))) {
    const line = lines.lineAt(copies[0]!.start);
    if (isTableRow(text.slice(lines.lineStarts[line]!, lines.lineEndAt(line)))) return false;
  }
  for (let i = 0; i + 1 < copies.length; i++) {
    const before = copies[i]!;
    if (!/[\r\n]/.test(text.slice(before.end, copies[i + 1]!.start))) continue;
    const line = lines.lineAt(before.start);
    const lineText = text.slice(lines.lineStarts[line]!, lines.lineEndAt(line));
    const wholeLines = isLineStart(context, before.start) && isLineEnd(context, copies[i + 1]!.end);
    // A sentence that ends naming an item, then the item's title on a line of its own ("现在进行
    // 施政报告并备质询⏎施政报告并备质询"): a record's heading, not a paste.
    const next = copies[i + 1]!;
    const titleLine = isLineStart(context, next.start) && isLineEnd(context, next.end);
    const proseCut = !isLineStart(context, before.start) && !HEADING.test(lineText) && CLAUSE_MARK.test(lineText) && !titleLine;
    if (!wholeLines && !proseCut) return false;
  }
  return true;
}

/** Whether the clause before `offset` is an enumeration whose last item ends there: "A、B和C". */
function closesEnumeration(text: string, offset: number): boolean {
  let sawConjunction = false;
  for (let i = offset - 1; i >= 0 && offset - i <= 30; i--) {
    const c = text[i]!;
    if (/[，。；：！？,;:!?\n]/.test(c)) return false;
    if ('和及与或'.includes(c)) sawConjunction = true;
    if (c === '、') return sawConjunction;
  }
  return false;
}

/** A row of a flattened table: at least four cells separated by spaces, no sentence in it. */
function isTableRow(line: string): boolean {
  return !/[。！？]/.test(line) && line.trim().split(/[ \t\u3000]+/).length >= 4;
}

function isSurrogateSplit(text: string, range: OffsetRange): boolean {
  const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
  const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
  return isLow(text.charCodeAt(range.start)) || isHigh(text.charCodeAt(range.end - 1));
}

/**
 * Ordinary reduplication: a listed AA or ABAB unit (看看、年年、研究研究), AABB (认认真真、
 * 家家户户、的的确确), 一A一A (一步一步), V着V着 (走着走着) and the slogan AA再A
 * (学习学习再学习). 一AA (一捧捧) needs the words: see alignToWords.
 * Runs of one character (哈哈哈) are judged by that character.
 */
function isReduplication(text: string, { unit, copies }: Repeat, allowed: ReadonlySet<string>): boolean {
  if (allowed.has(unit) || allowed.has(primitiveRoot(unit))) return true;
  const before = copies[0]!.start;
  const after = copies[copies.length - 1]!.end;
  if (text.startsWith(`再${unit}`, after)) return true;
  const chars = [...unit];
  if (chars.length === 1) {
    const a = chars[0]!;
    // A doubled content character is reduplication (软趴趴、屡屡、不甚了了 aside, 听听、看看);
    // a doubled function word (的的、在在、之之) is the slip a paste or an edit leaves.
    if (isHan(a) && !FUNCTION_WORDS.includes(a)) return true;
    if (IDIOMS_WITH_AA.some((idiom) => idiomAround(text, before, idiom, a))) return true;
    const b1 = charAt(text, after);
    const b2 = b1 && charAt(text, after + b1.length);
    if (b1 && b1 === b2 && b1 !== a && isHan(b1)) return true;
    const p1 = charBefore(text, before);
    const p2 = p1 && charBefore(text, before - p1.length);
    return !!p1 && p1 === p2 && p1 !== a && isHan(p1);
  }
  // "很紧很紧", "好大好大": a degree adverb and an adjective, doubled for emphasis.
  return chars.length === 2 && (chars[0] === '一' || chars[1] === '着' || DEGREE_ADVERBS.includes(chars[0]!));
}

/** Idioms that double a function word: 不甚了了, 小时了了, 在在皆是. */
const IDIOMS_WITH_AA = ['不甚了了', '小时了了', '小時了了', '在在皆是', '在在处处', '在在處處'];

/** Whether `idiom`, which holds `char` doubled, covers the doubled pair starting at `at`. */
function idiomAround(text: string, at: number, idiom: string, char: string): boolean {
  const k = idiom.indexOf(char + char);
  return k >= 0 && text.startsWith(idiom, at - k);
}

/** The shortest string whose repetition makes `unit`: 哈哈 → 哈. */
function primitiveRoot(unit: string): string {
  for (let p = 1; p < unit.length; p++) {
    if (unit.length % p === 0 && unit.slice(p) === unit.slice(0, -p)) return unit.slice(0, p);
  }
  return unit;
}

/**
 * Keeps the copies that are whole words (or runs of whole words) for jieba, in order from the
 * first; undefined unless two remain. “工作作风”, “去年年底”, “要要求” and “的的确” repeat
 * characters, not words; a doubled word jieba knows as one (人人、看看) has no boundary inside.
 */
function alignToWords(text: string, repeat: Repeat): Repeat | undefined {
  const first = repeat.copies[0]!;
  const last = repeat.copies[repeat.copies.length - 1]!;
  const from = extend(text, first.start, -1);
  const to = extend(text, last.end, 1);
  const boundaries = new Set<number>();
  // The segmenter's dictionary is simplified: traditional text is folded first (offsets kept),
  // so that 處長長期 splits as 处长|长期 like its simplified twin.
  for (const word of segmentWords(foldToSimplified(text.slice(from, to)))) {
    boundaries.add(from + word.start);
    boundaries.add(from + word.end);
  }
  // 一AA (一捧捧): a doubled measure word after 一 standing alone, not the end of 统一 (统一的的).
  if ([...repeat.unit].length === 1 && text[first.start - 1] === '一' && boundaries.has(first.start - 1)) return undefined;
  const aligned = repeat.copies.findIndex((c) => !boundaries.has(c.start) || !boundaries.has(c.end));
  const copies = aligned === -1 ? repeat.copies : repeat.copies.slice(0, aligned);
  return copies.length >= 2 ? { unit: repeat.unit, copies } : undefined;
}

/** Moves from `offset` over up to CONTEXT word characters in `direction`. */
function extend(text: string, offset: number, direction: 1 | -1): number {
  let at = offset;
  for (let i = 0; i < CONTEXT; i++) {
    const c = direction > 0 ? charAt(text, at) : charBefore(text, at);
    if (!c || !WORD_CHAR.test(c)) break;
    at += direction * c.length;
  }
  return at;
}

/**
 * The second and later copies, with the spaces before them. A line break before the second
 * copy stays when text follows it on its line (“推动\n推动发展” → “推动\n发展”); a line pasted
 * twice goes with its break.
 */
function findingRange(context: RuleContext, { copies }: Repeat): OffsetRange {
  const text = context.document.prose;
  const first = copies[0]!;
  const second = copies[1]!;
  const end = copies[copies.length - 1]!.end;
  const keepBreak = /[\r\n]/.test(text.slice(first.end, second.start)) && !isLineEnd(context, end);
  return { start: keepBreak ? second.start : first.end, end };
}

function isLineStart(context: RuleContext, offset: number): boolean {
  const { lines, prose } = context.document;
  return /^\s*$/.test(prose.slice(lines.lineStarts[lines.lineAt(offset)]!, offset));
}

function isLineEnd(context: RuleContext, offset: number): boolean {
  const { lines, prose } = context.document;
  return /^\s*$/.test(prose.slice(offset, lines.lineEndAt(lines.lineAt(offset))));
}

function quote(unit: string): string {
  const chars = [...unit];
  return chars.length <= QUOTE_MAX ? unit : `${chars.slice(0, QUOTE_MAX).join('')}…`;
}
