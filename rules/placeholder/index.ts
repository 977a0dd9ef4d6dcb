import type { OffsetRange, Rule, RuleContext, TextEdit } from '../engine/types.js';
import { isAsciiDigit, isChineseContext, isHan, isInlineSpace, isLatinLetter, MentionIndex, quotedSpans } from '../text/chinese.js';
import { findUrls, overlapsRanges } from '../text/urls.js';
import { firstIndex } from '../engine/sorted.js';
import notPlaceholderList from './not-placeholders.txt';
import surnameList from './surnames.txt';

const NOT_PLACEHOLDERS = dataLines(notPlaceholderList);
const SURNAMES = new Set(dataLines(surnameList).flatMap((line) => line.split(/\s+/)));

function dataLines(data: string): string[] {
  return data.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

/** Candidate tokens; each kind is then judged by its context. */
const CANDIDATE = new RegExp(
  [
    '(?<x>[XxＸｘ]{1,12})',
    '(?<times>×{2,12})',
    '(?<mou>某{2,4})',
    '(?<circle>[○◯]{2,12}|〇{2,12}|□{2,12})',
    '(?<blank>[_＿]{1,40})',
    '(?<prompt>【[^【】\\n]{1,30}】|\\[[^[\\]\\n]{1,30}\\]|〔[^〔〕\\n]{1,30}〕|（[^（）\\n]{1,30}）|\\([^()\\n]{1,30}\\)|\\{\\{[^{}\\n]{1,30}\\}\\}|｛[^｛｝\\n]{1,30}｝|<[^<>\\n]{1,30}>)',
  ].join('|'),
  'g',
);

/** Text in brackets that asks the writer to fill something in: 【请填写单位名称】, （此处插入图表）. */
const PROMPT_TEXT = /^(?:请|在此|此处|这里)(?:在此|此处)?(?:填写|填入|输入|插入|补充|添加|键入|修改|替换)|^(?:待定|待补充|待填写?|单位名称|姓名|某某)$/;
/** Mail-merge fields: {{name}}. */
const TEMPLATE_FIELD = /^\{\{\s*[A-Za-z_\p{Script=Han}][\w\p{Script=Han}.]*\s*\}\}$/u;

const NUMBER_CONTEXT = /^[0-9０-９.]*(?:亿|万|千|百|个|名|项|次|人|家|%|％|倍|元|户|所|条|座|号|届|批|件|天|年|月|日|位|亩|公里|平方|吨|台|辆|期|场|篇|份|款|类|种|支|部|处|间|栋|套|笔|课时|小时|分钟)/;
const PERSON_CONTEXT = /^(?:同志|书记|副书记|主任|市长|县长|区长|局长|常委|部长|委员|主席|总经理|董事长|先生|女士|老师|院长|校长|处长|科长)/;

export const placeholder: Rule = {
  meta: {
    id: 'placeholder',
    description: {
      zh: '范文遗留的占位符：X、XX、x、××、某某、○○、下划线空白、【请填写…】等',
      en: 'Template placeholders left in the draft: X, XX, x, ××, 某某, ○○, blanks, 【请填写…】 prompts',
    },
    category: 'template',
    defaultSeverity: 'error',
    fixable: true,
    scope: 'paragraph',
    hasSuggestions: false,
    messages: {
      placeholder: '模板占位符“{text}”未替换，请填入实际{kind}',
      filled: '模板占位符“{text}”未替换，按配置应为“{value}”',
      prompt: '模板填写提示“{text}”未处理，请填写或删除',
      lostGlyph: '缺字“{text}”：{why}，请补上原字',
    },
    options: {
      extraWords: {
        type: 'string[]',
        description: '含 X 的真实词语（不是占位符），如 "X光机"；与内置词表合并',
        default: [],
      },
    },
  },
  check(context) {
    const text = context.document.prose;
    const urls = findUrls(text);
    const realWords = [...NOT_PLACEHOLDERS, ...((context.options.extraWords as string[] | undefined) ?? [])];
    // A text that writes X in a formula ("X+Y+P", "1+X") uses a lone X as a name throughout.
    const xIsVariable = X_FORMULA.test(text);
    const quotes = new LineQuotes(text);
    const mentions = new MentionIndex(text);
    reportLostGlyphs(context, text);
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
      const groups = m.groups!;
      const range = { start: m.index, end: m.index + m[0].length };
      if (overlapsRanges(urls, range)) continue;
      if (groups.prompt !== undefined) {
        const inner = m[0].slice(1, -1).trim();
        if (TEMPLATE_FIELD.test(m[0]) || (PROMPT_TEXT.test(inner) && isChineseLine(text, range))) {
          context.report({ messageId: 'prompt', data: { text: m[0] }, range });
        } else {
          // Let the X inside "(X个)" be found: rescan just after the opening bracket.
          CANDIDATE.lastIndex = m.index + 1;
        }
        continue;
      }
      const isPlaceholder =
        quotes.inQuotedTemplate(range.start) || mentions.has(range.start) ? false
        : groups.x !== undefined ? !(xIsVariable && range.end - range.start === 1) && isXPlaceholder(text, range, realWords)
        : groups.blank !== undefined ? isBlank(text, range)
        : groups.mou !== undefined ? !SURNAMES.has(text[range.start - 1] ?? '')
        : groups.circle !== undefined ? isCirclePlaceholder(text, range)
        : true;
      if (isPlaceholder) reportPlaceholder(context, text, range);
    }
  },
};

const X_FORMULA = /(?<![A-Za-z])[XＸ][ \t]?[+＋]|[+＋][ \t]?[XＸ](?![A-Za-z])/;

/** A quoted message quoted as a template: 将“您反映的问题已转由XX单位办理”的信息告知诉求人. */
const QUOTE_OF_TEMPLATE = /^[”」』"](?:的(?:信息|内容|提示|提示语|答复|回复|短信|通知|格式|模板|口径|样式)|字样|等字样)/;

/**
 * The line holding an offset, for offsets asked in increasing order: each step looks only
 * between the previous line and the new offset, so a pass over the text stays linear even on
 * one very long line with many candidates.
 */
class LineCursor {
  start = 0;
  end = -1;
  constructor(protected readonly text: string) {}

  /** Moves to the line holding `offset`; true when that is a different line. */
  moveTo(offset: number): boolean {
    if (offset >= this.start && offset <= this.end) return false;
    this.start = this.text.lastIndexOf('\n', offset - 1) + 1;
    const end = this.text.indexOf('\n', offset);
    this.end = end < 0 ? this.text.length : end;
    return true;
  }
}

/** The quotations of the current line, computed once per line. */
class LineQuotes extends LineCursor {
  private line = '';
  private quotes: OffsetRange[] = [];

  private lineAt(offset: number): void {
    if (!this.moveTo(offset)) return;
    this.line = this.text.slice(this.start, this.end);
    this.quotes = quotedSpans(this.line);
  }

  /** Whether `offset` lies in a quotation closed by a mark that says a template is quoted. */
  inQuotedTemplate(offset: number): boolean {
    this.lineAt(offset);
    const at = offset - this.start;
    const quote = this.quotes[firstIndex(this.quotes, (q) => q.end > at)];
    return !!quote && quote.start <= at && QUOTE_OF_TEMPLATE.test(this.line.slice(quote.end - 1, quote.end + 5));
  }
}

/**
 * Characters the source font lacked: private-use characters (U+E000–U+F8FF) standing for
 * them, □ between two Han characters, a converter's missing-glyph mark ("＠①") and its
 * "字库未存字" note.
 */
const LOST_GLYPH = /[\ue000-\uf8ff]+|(?<=\p{Script=Han})(?:□|\[pic\]|\[图片\])(?=\p{Script=Han})|＠[①-⑳]|字库未存字(?:注释)?/gu;

function reportLostGlyphs(context: RuleContext, text: string): void {
  const line = new LineCursor(text);
  LOST_GLYPH.lastIndex = 0;
  for (let m = LOST_GLYPH.exec(text); m; m = LOST_GLYPH.exec(text)) {
    const token = m[0];
    if (token === '□' && !aloneOnItsLine(text, m.index, line)) continue;
    const why =
      token.startsWith('字库') ? '转换时字库里没有的字被换成了记号'
      : token === '□' ? '“□”代替了显示不出的字'
      : token.startsWith('＠') ? `“${token}”是转换时缺字的记号`
      : token.startsWith('[') ? `转换时这个字被存成了图片，只留下“${token}”`
      : `私用区字符 U+${token.codePointAt(0)!.toString(16).toUpperCase()} 代替了字体里没有的字`;
    context.report({ messageId: 'lostGlyph', data: { text: /^[\ue000-\uf8ff]/.test(token) ? `U+${token.codePointAt(0)!.toString(16).toUpperCase()}` : token, why }, range: { start: m.index, end: m.index + token.length } });
  }
}

/** A □ that is the only one on its line; several are check boxes of a form ("同意□不同意□"). */
function aloneOnItsLine(text: string, offset: number, line: LineCursor): boolean {
  line.moveTo(offset);
  // The nearest □ on either side, not the whole line: on a line of many □ each look is short.
  const before = text.lastIndexOf('□', offset - 1);
  const after = text.indexOf('□', offset + 1);
  return before < line.start && (after < 0 || after >= line.end);
}

function reportPlaceholder(context: RuleContext, text: string, range: OffsetRange): void {
  const token = text.slice(range.start, range.end);
  const filled = fillFromConfig(text, range, context.settings.placeholders);
  if (filled) {
    context.report({
      messageId: 'filled',
      data: { text: token, value: filled.edit.text },
      range: filled.range,
      fix: [filled.edit],
    });
    return;
  }
  context.report({ messageId: 'placeholder', data: { text: token, kind: kindOf(text.slice(range.end, range.end + 4)) }, range });
}

function kindOf(following: string): string {
  if (PERSON_CONTEXT.test(following)) return '姓名';
  if (NUMBER_CONTEXT.test(following)) return '数字';
  return '名称或内容';
}

/**
 * X, XX, x as a stand-in: next to Chinese text and not part of a Latin word, a code, a model
 * name (X5), a product (iPhone X), a formula (3x4) or a real word (X光).
 */
function isXPlaceholder(text: string, range: OffsetRange, realWords: readonly string[]): boolean {
  const before = text[range.start - 1];
  const after = text[range.end];
  if (isLatinLetter(before) || isLatinLetter(after)) return false;
  if (isAsciiDigit(after) || /[-_./\\@#&+=*^~]/.test(after ?? '') || /[-_/\\@#&+=*^~]/.test(before ?? '')) return false;
  const left = nearestNonSpace(text, range.start, -1);
  const right = nearestNonSpace(text, range.end, 1);
  if (isLatinLetter(left) || isLatinLetter(right)) return false;
  if (isAsciiDigit(before)) {
    // "20XX年" is a placeholder year; "3x4", "1920x1080" are products.
    if (!isHan(after)) return false;
  }
  if (!isChineseContext(left) && !isChineseContext(right)) return false;
  const ahead = toHalfWidthX(text.slice(range.start, range.start + 8));
  for (const word of realWords) {
    if (ahead.startsWith(word) && word.length > range.end - range.start) return false;
  }
  return true;
}

/** Ｘ and ｘ read as X and x, so that "Ｘ光" is the word X光. */
function toHalfWidthX(text: string): string {
  return text.replace(/Ｘ/g, 'X').replace(/ｘ/g, 'x');
}

/** Underscores as blanks to fill: next to Chinese text, not inside an identifier. */
function isBlank(text: string, range: OffsetRange): boolean {
  const before = text[range.start - 1];
  const after = text[range.end];
  if (/[A-Za-z0-9]/.test(before ?? '') || /[A-Za-z0-9]/.test(after ?? '')) return false;
  return isChineseContext(nearestNonSpace(text, range.start, -1)) || isChineseContext(nearestNonSpace(text, range.end, 1));
}

/**
 * ○○ and □□ stand in for names; a run of ○ or 〇 beside a Chinese numeral is a zero in a
 * numeral (二〇〇八, 一○○、 with U+25CB as zero), which numeral usage, not this rule, judges.
 */
function isCirclePlaceholder(text: string, range: OffsetRange): boolean {
  if (text[range.start] === '□') return true;
  const numerals = /[〇○零一二三四五六七八九十百千万]/;
  return !numerals.test(text[range.start - 1] ?? '') && !numerals.test(text[range.end] ?? '');
}

function nearestNonSpace(text: string, offset: number, direction: -1 | 1): string | undefined {
  let i = direction < 0 ? offset - 1 : offset;
  while (i >= 0 && i < text.length && isInlineSpace(text[i])) i += direction;
  return text[i];
}

function isChineseLine(text: string, range: OffsetRange): boolean {
  return isChineseContext(nearestNonSpace(text, range.start, -1)) || isChineseContext(nearestNonSpace(text, range.end, 1)) || /\p{Script=Han}/u.test(text.slice(range.start, range.end));
}

/**
 * `placeholders` maps a placeholder in context to its value, e.g. {"X科技城": "攀枝花科技城"}.
 * The longest key whose occurrence covers the token wins; the edit is the smallest change
 * that turns the key into the value (here X → 攀枝花).
 */
function fillFromConfig(text: string, token: OffsetRange, placeholders: Record<string, string>): { range: OffsetRange; edit: TextEdit } | undefined {
  const tokenText = text.slice(token.start, token.end);
  let best: { key: string; value: string; start: number } | undefined;
  for (const [key, value] of Object.entries(placeholders)) {
    for (let k = key.indexOf(tokenText); k >= 0; k = key.indexOf(tokenText, k + 1)) {
      const start = token.start - k;
      if (start < 0 || text.slice(start, start + key.length) !== key) continue;
      // The key's token must be the whole run ("X" must not match inside "XX").
      if (key[k - 1] === tokenText[0] || key[k + tokenText.length] === tokenText[0]) continue;
      if (!best || key.length > best.key.length) best = { key, value, start };
    }
  }
  if (!best) return undefined;
  const { key, value, start } = best;
  let prefix = 0;
  while (prefix < key.length && prefix < value.length && key[prefix] === value[prefix]) prefix++;
  let suffix = 0;
  while (suffix < key.length - prefix && suffix < value.length - prefix && key[key.length - 1 - suffix] === value[value.length - 1 - suffix]) suffix++;
  const changed = { start: start + prefix, end: start + key.length - suffix };
  const range = { start: Math.min(changed.start, token.start), end: Math.max(changed.end, token.end) };
  const edit = {
    range,
    text: text.slice(range.start, changed.start) + value.slice(prefix, value.length - suffix) + text.slice(changed.end, range.end),
  };
  return { range, edit };
}
