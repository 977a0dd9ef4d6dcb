/**
 * Page chrome: what a web page, a news wire, a converter or a PDF adds around the text, told
 * apart from prose by the evidence a line carries itself — a field label with a short value,
 * a breadcrumb path, widget words, a site footer, a dateline, a photo credit. A line that reads
 * as prose (a sentence ending in 。！？, clauses) is never chrome, whatever words it contains.
 *
 * Works on folded text (traditional folded to simplified) so one list serves both scripts.
 */
import type { OffsetRange } from '../engine/types.js';

export type ChromeKind =
  | 'breadcrumb'
  | 'menu'
  | 'links'
  | 'meta'
  | 'widget'
  | 'footer'
  | 'markup'
  | 'converter'
  | 'dateline'
  | 'caption'
  | 'byline'
  | 'trailer'
  | 'licence'
  | 'header'
  | 'transcript'
  | 'figure';

export interface ChromeSpan extends OffsetRange {
  kind: ChromeKind;
  /** What proves it chrome; inside [start, end). */
  evidence: OffsetRange[];
}

export interface ChromeLine {
  start: number;
  end: number;
  /** Folded (simplified) text of the line. */
  folded: string;
}

export interface ChromeOptions {
  /** Plain text shows HTML as characters; in markdown tags and entities are markup. */
  markdown: boolean;
}

/**
 * Scraper and CMS markers left as HTML comments (`<!-- INFO END -->`, `<!-- CONTENT START -->`).
 * Markdown keeps them unmasked so that they can be reported; tool comments (`<!-- TOC -->`,
 * `<!-- markdownlint-disable -->`, `<!-- speechlint-… -->`) are not of this shape.
 */
export const CMS_MARKER_COMMENT = /^<!--[ \t]{0,4}(?:(?:INFO|CONTENT|ARTICLE|BODY|MAIN|TEXT|PAGE|NEWS|DETAIL)[ _-]{1,2})(?:START|END|BEGIN|STOP)[ \t]{0,4}-->$/;

/** Sentence-final marks: a line holding one in its body reads as prose. */
const SENTENCE_END = /[。！？!?]/;

// ---- field labels -------------------------------------------------------------------------

/** A label may be letter-spaced by the page ("索 引 号：", "标　　题："): match with spaces removed. */
const unspaced = (text: string) => text.replace(/[^\S\r\n]/g, '');

/** Labels only a page's information bar carries: one with a short value is chrome alone. */
const PAGE_ONLY_LABELS = [
  '索引号', '主题分类', '发文机关', '成文日期', '发文字号', '发布日期', '发布时间', '发布机构', '发文日期',
  '生成日期', '公开方式', '公开时限', '公开范围', '公开日期', '责任部门', '责任编辑', '浏览次数', '访问量', '访问次数',
  '点击数', '点击量', '点击次数', '阅读数', '阅读量', '阅读次数', '浏览量', '关联稿件', '相关稿件', '图文解读', '稿件来源',
  '信息来源', '文章来源', '主题词', '信息分类', '组配分类', '体裁分类', '有效性', '文号',
];
/** Labels that also head content ("标题：", "作者：", "附件："): chrome only beside other labels. */
const SHARED_LABELS = ['来源', '作者', '编辑', '标题', '分类', '附件', '字号', '日期', '时间', '摄影', '审核', '校对', '供稿'];
/** Labels of a site footer. */
const FOOTER_LABELS = ['主办', '主办单位', '承办', '承办单位', '协办', '协办单位', '技术支持', '版权所有', '中文域名', '网站标识码', '政府网站标识码', '联系电话', '联系我们', '地址', '邮编', '维护', '网站维护'];

const PAGE_ONLY = new Set(PAGE_ONLY_LABELS);
const ALL_LABELS = new Set([...PAGE_ONLY_LABELS, ...SHARED_LABELS]);
const FOOTER = new Set(FOOTER_LABELS);
/** A label is at most this many characters once spaces are removed. */
const MAX_LABEL = 7;
/** A field's value is short: a name, a number, a date. */
const MAX_VALUE = 40;

interface Field {
  label: string;
  /** Offset of the label in the line; the value runs to the next field. */
  at: number;
  value: string;
}

/** Any label, letter-spacing allowed ("索 引 号：", "标　　题："), after a separator or the line start. */
const LABEL = new RegExp(
  `(?<=^|[\\s|｜])(${[...ALL_LABELS, ...FOOTER]
    .sort((a, b) => b.length - a.length)
    .map((label) => [...label].join('[^\\S\\r\\n]{0,3}'))
    .join('|')})[^\\S\\r\\n]{0,3}[:：]`,
  'g',
);

/** The first character of every label: a line of fields starts with one of them. */
const LABEL_FIRST_CHARS = new Set([...ALL_LABELS, ...FOOTER].map((label) => label[0]!));
const FIRST_NON_BLANK = /[^\s|｜]/;

/**
 * The `label：value` fields of a line, when the line is nothing but fields: each label starts
 * the line or follows a space, TAB or `|` (so 指标来源： is not the label 来源). Undefined when
 * text that is no field precedes the first label.
 */
function fieldsOf(line: string): Field[] | undefined {
  // Most lines are prose: no colon, or a first character that starts no label. Said cheaply
  // here, before the label pattern (long, with a look-behind) is tried at every position.
  if (!line.includes('：') && !line.includes(':')) return undefined;
  const first = FIRST_NON_BLANK.exec(line);
  if (!first || !LABEL_FIRST_CHARS.has(first[0])) return undefined;
  const fields: Field[] = [];
  let valueStart = 0;
  LABEL.lastIndex = 0;
  for (let m = LABEL.exec(line); m; m = LABEL.exec(line)) {
    if (fields.length === 0) {
      if (line.slice(0, m.index).replace(/[\s|｜]/g, '') !== '') return undefined;
    } else {
      fields[fields.length - 1]!.value = line.slice(valueStart, m.index).trim();
    }
    fields.push({ label: unspaced(m[1]!), at: m.index, value: '' });
    valueStart = m.index + m[0].length;
  }
  if (fields.length === 0) return undefined;
  fields[fields.length - 1]!.value = line.slice(valueStart).trim();
  return fields;
}

const isShortValue = (value: string) => [...value].length <= MAX_VALUE && !SENTENCE_END.test(value);

// ---- widgets ------------------------------------------------------------------------------

/** Words of page buttons and toggles; a line made only of these (and brackets, bars) is a widget bar. */
const WIDGET_WORDS = [
  '扫一扫在手机打开当前页', '在手机打开当前页', '网站无障碍关怀版', '网站无障碍', '无障碍浏览', '无障碍', '关怀版', '长者模式', '适老化',
  '繁体版', '简体版', '繁体', '简体', '英文版', 'English', '手机版', '移动版',
  '返回顶部', '回到顶部', '关闭本页', '关闭窗口', '打印本页', '打印正文', '打印', '关闭', '收藏本页', '加入收藏', '收藏', '设为首页',
  '分享到', '分享', '微信', '微博', 'QQ空间', '我要纠错', '纠错', '字体', '字号', '网站地图', '网站帮助', '隐私声明', '关于我们', '联系我们',
  '智能问答', '政务邮箱', '继续访问', '放弃', '登录', '注册', '搜索', '相关附件',
];
/** Widget words that prove a bar alone; the rest (收藏, 关闭, 大 中 小) only beside them. */
const STRONG_WIDGETS = new Set([
  '扫一扫在手机打开当前页', '在手机打开当前页', '网站无障碍关怀版', '网站无障碍', '无障碍浏览', '关怀版', '长者模式', '繁体版', '简体版',
  '返回顶部', '回到顶部', '关闭本页', '关闭窗口', '打印本页', '打印正文', '收藏本页', '加入收藏', '设为首页', '分享到', '我要纠错',
  '网站地图', '网站帮助', '隐私声明', '智能问答', '政务邮箱', '继续访问', '相关附件',
]);
const WIDGET_PATTERN = new RegExp(WIDGET_WORDS.slice().sort((a, b) => b.length - a.length).join('|'), 'g');
/** What may sit between widget words: brackets, bars, spaces, font sizes, a toggle's stray letter. */
const WIDGET_FILLER = /^[\s\u3000\u00a0|｜/／·•【】[\]()（）<>《》>＞:：、,，大中小✖×Xx]*$/;
/** "【字体：大 中 小】", "字号：T|T": a font-size switch, alone on its line. */
const FONT_SIZE_BUTTONS = /^[【[]?(?:字体|字号)[:：]? ?大 ?中 ?小[】\]]?$/;
/** A lone close button ("X", "✖") is chrome next to other chrome. */
const CLOSE_BUTTON = /^[Xx×✖✕╳]$/;
/** "您访问的链接即将离开'某某网站'是否继续？" — an exit dialog. */
const EXIT_DIALOG = /^您(?:访问|点击)的链接(?:即将|将要)离开.{1,40}(?:是否继续|继续访问)/;

/** A widget bar: at least one strong widget word, nothing but widget words and filler. */
function isWidgetBar(line: string): boolean {
  // "【字体：大 中 小】": the spaces a page puts between buttons say nothing.
  const content = line.replace(/\s/g, ' ');
  if (FONT_SIZE_BUTTONS.test(content)) return true;
  WIDGET_PATTERN.lastIndex = 0;
  let strong = false;
  let rest = '';
  let cursor = 0;
  for (let m = WIDGET_PATTERN.exec(content); m; m = WIDGET_PATTERN.exec(content)) {
    rest += content.slice(cursor, m.index);
    cursor = m.index + m[0].length;
    if (STRONG_WIDGETS.has(m[0])) strong = true;
  }
  rest += content.slice(cursor);
  if (!strong) return false;
  // "繁繁體版": the toggle's own letter glued to the label leaves one character.
  const left = rest.replace(/[\s\u3000\u00a0|｜/／·•【】[\]()（）<>《》>＞:：、,，✖×]/g, '');
  return WIDGET_FILLER.test(rest) || (left.length <= 1 && [...content].length <= 40);
}

// ---- other line shapes --------------------------------------------------------------------

const BREADCRUMB_HEAD = /^(?:您(?:当前)?(?:所在|现在)?的?(?:位置|所在位置)|当前(?:所在)?位置|所在位置|现在位置)[ \t\u3000]{0,4}[:：]/;
/** "首页 > 政务公开 > 要闻": two or more arrows between short segments, the first a home link. */
const BREADCRUMB_PATH = /^(?:网站首页|首页|主页|Home)[ \t\u3000]{0,4}[>＞»›→\/]/;
const ARROW = /[>＞»›→]/g;
const SITE_FOOTER = /ICP备|ICP证|公网安备|网站标识码|Copyright|版权所有[:：©]|©/;
const HEX_ID = /^(?:[0-9a-f]{16,64}|[0-9A-F]{16,64}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const CONVERTER_LINE = /^(?:\[(?:pic|PIC|图片|图像|image|img|IMG|表格|公式)\])+$/;
/** A parser's block label glued before an item: "段落：七、…". */
const CONVERTER_LABEL = /^段落[:：]/;
/** "- 12 -", "— 3 —", "第 3 页", "3/12" is too common in prose and tables to count alone. */
export const PAGE_NUMBER_LINE = /^[-—–][ \t]{0,4}\d{1,4}[ \t]{0,4}[-—–]$|^第[ \t]{0,2}\d{1,4}[ \t]{0,2}页$/;
/** "| 2023年10月11日 星期三": a date bar (a signature date has no weekday after a space or bar). */
const DATE_BAR = /^[|｜]?[ \t\u3000]{0,4}\d{4}年\d{1,2}月\d{1,2}日[ \t\u3000]{1,4}星期[一二三四五六日天]$|^[|｜][ \t\u3000]{0,4}\d{4}年\d{1,2}月\d{1,2}日$/;
const LICENCE = /本作品.{0,30}(?:公有领域|公共领域)|知识共享.{0,8}(?:署名|许可协议)|Creative Commons|^CC[ -]BY(?:-[A-Z]{2}){0,2}(?: \d\.\d)?$|^Public domain$|^PD-old|转载请注明(?:出处|来源)|未经(?:书面)?(?:许可|授权)[，,]?(?:不得|禁止)(?:转载|复制)|版权归.{1,20}所有/;
/** An encyclopedia template's leftover value beside its licence footer ("false"). */
const LICENCE_METADATA = /^(?:false|true|null|undefined)$/;
/** "(梁某议员高声叫喊，并将道具向前掷出)": a record's note of an interruption. */
const INTERRUPTION = /^[（(][^（）()]+[)）]$/;
const INTERRUPTION_ACTOR = /议员|代表|委员|主席|人士|众人|全场/;
const INTERRUPTION_ACTION = /叫喊|喧哗|离席|离开会议厅|掷出|抛出|示威|举起|展示|起立|鼓掌|笑声|插话|打断/;

// ---- inline shapes ------------------------------------------------------------------------

/** "新华社北京4月18日电（记者侯丽军）", "本报讯（记者 李某）", "中新网3月5日电". */
const DATELINE = /^(?:新华社|中新社|中新网|人民网|新华网|央视网|央广网|光明网|中国新闻网|国际在线|本报|本台|本网)(\p{Script=Han}*)\d{1,2}月\d{1,2}日(?:电|讯)|^(?:本报讯|本网讯)/u;
/** A place before the date: "新华社北京4月18日电" (at most this many characters). */
const MAX_DATELINE_PLACE = 10;
/** "（记者 朱金山）", "（记者 李某 通讯员 张某）", "(本报记者 王某)". */
const BYLINE = /[（(][ \t\u3000]?(?:本报|新华社|中新社|本台)?(?:特约|实习|见习)?(?:记者|通讯员)[^（）()\n]*[)）]/gu;
/** Inside a byline: roles and names of two to four characters, separated by spaces. */
const BYLINE_ROLE = /^(?:本报|新华社|中新社|本台)?(?:特约|实习|见习)?(?:记者|通讯员)/;
const PERSON_NAME = /^[\p{Script=Han}·]{2,4}$/u;
/** "新华社记者 王某 摄", "徐学仕　李升华　摄" at the end of a line: a photo credit. */
const PHOTO_CREDIT_END = /[\s\u3000]摄$/;
const CAPTION_HEAD = /^(?:图为|图：|图:|（图）|\(图\)|图片：|上图|下图|左图|右图)/;
/** "《 人民日报 》（ 2019年01月11日 09 版）", "（《某某日报》2025年03月06日 第01版）". */
const NEWSPAPER_TRAILER = /^[（(]?《\p{Script=Han}{1,12}(?:报|刊|周刊|杂志)》[（(]?\d{4}年\d{1,2}月\d{1,2}日(?:第?\d{1,2}版)?[)）]?[)）]?$/u;
/** "（作者为国际儒学联合会会长）", "（作者系某大学教授）", "（作者单位：…）" alone on a line. */
const AUTHOR_NOTE = /^[（(]作者(?:为|系|是|单位[:：])[^（）()]{2,60}[)）]$/;
/** Literal markup in plain text: entities, comments, tags, "<U+00A0>". */
const MARKUP = /&(?:nbsp|amp|lt|gt|quot|apos|ensp|emsp|middot|ldquo|rdquo|hellip|mdash|#\d{2,6}|#x[0-9a-fA-F]{2,5});|<!--[^\n]{0,200}?-->|<\/?(?:p|div|span|br|strong|b|i|em|img|a|table|tr|td|th|font|ul|ol|li|h[1-6])(?:\s[^<>\n]{0,200})?\/?>|<U\+[0-9A-F]{4,5}>/gi;

// ---- the classifier -----------------------------------------------------------------------

interface LineFacts {
  index: number;
  content: string;
  /** Offset of `content` in the line. */
  lead: number;
  kind?: ChromeKind;
  /** Part of the line that is chrome when not the whole line. */
  spans: ChromeSpan[];
  /** A lone label such as "索 引 号：" or "附件：" with nothing after it. */
  loneLabel?: string;
  /** The line is one `label：value` field ("标　　题：国务院办公厅关于…的通知"). */
  field?: Field;
}

/** Every chrome span of a document, by line. `lines` are the document's lines in order. */
export function findPageChrome(lines: readonly ChromeLine[], options: ChromeOptions): ChromeSpan[] {
  const facts = lines.map((line, index) => classifyLine(line, index, options));
  if (!lines.some((line) => FIGURE_CAPTION.test(line.folded))) figureReferences(lines, facts);
  contextualLines(facts);
  listRuns(facts);
  runningHeaders(facts);
  const found: ChromeSpan[] = [];
  // Consecutive lines of one kind (blank lines between them allowed) are one block: one
  // finding for an information bar, each line its own evidence.
  let block: ChromeSpan | undefined;
  for (const fact of facts) {
    const line = lines[fact.index]!;
    if (fact.content === '') continue;
    if (fact.kind) {
      const whole = { start: line.start + fact.lead, end: line.start + fact.lead + fact.content.length };
      if (block && block.kind === fact.kind) {
        block.end = whole.end;
        block.evidence.push(whole);
      } else {
        block = { ...whole, kind: fact.kind, evidence: [whole] };
        found.push(block);
      }
    } else {
      block = undefined;
      for (const span of fact.spans) found.push(span);
    }
  }
  return found;
}

function classifyLine(line: ChromeLine, index: number, options: ChromeOptions): LineFacts {
  const trimmedStart = line.folded.length - line.folded.replace(/^\s+/, '').length;
  const content = line.folded.trim();
  const fact: LineFacts = { index, content, lead: trimmedStart, spans: [] };
  if (content === '') return fact;
  const at = (offset: number, length: number): OffsetRange => ({ start: line.start + trimmedStart + offset, end: line.start + trimmedStart + offset + length });
  const span = (kind: ChromeKind, range: OffsetRange) => fact.spans.push({ ...range, kind, evidence: [range] });

  const fields = fieldsOf(content);
  if (fields && fields.length === 1) fact.field = fields[0];
  if (fact.field && fact.field.value === '' && [...content].length <= MAX_LABEL + 6) fact.loneLabel = fact.field.label;
  const kind = wholeLineKind(content);
  if (kind) {
    fact.kind = kind;
    return fact;
  }

  // In markdown, tags and entities are markup the renderer handles (and masked from the
  // rules); only a CMS marker comment is left unmasked to be reported.
  MARKUP.lastIndex = 0;
  for (let m = MARKUP.exec(content); m; m = MARKUP.exec(content)) {
    if (options.markdown && !CMS_MARKER_COMMENT.test(m[0])) continue;
    span('markup', at(m.index, m[0].length));
  }
  if (CONVERTER_LABEL.test(content)) span('converter', at(0, 3));
  let datelineEnd = 0;
  const dateline = DATELINE.exec(content);
  if (dateline && (dateline[1] ?? '').length <= MAX_DATELINE_PLACE) {
    datelineEnd = dateline[0].length;
    // The reporter's byline right after it goes with it: "新华社北京4月18日电（记者侯丽军）".
    BYLINE.lastIndex = datelineEnd;
    const byline = BYLINE.exec(content);
    if (byline && byline.index - datelineEnd <= 1 && isByline(byline[0])) datelineEnd = byline.index + byline[0].length;
    if (datelineEnd < content.length) span('dateline', at(0, datelineEnd));
  }
  BYLINE.lastIndex = datelineEnd;
  for (let m = BYLINE.exec(content); m; m = BYLINE.exec(content)) {
    if (isByline(m[0])) span('byline', at(m.index, m[0].length));
  }
  const credit = photoCredit(content);
  if (credit !== undefined) {
    if (CAPTION_HEAD.test(content)) {
      fact.kind = 'caption';
      fact.spans = [];
      return fact;
    }
    span('caption', at(credit, content.length - credit));
  }
  return fact;
}

/** "（记者 李某 通讯员 张某）": roles and names only, at most six names. */
function isByline(byline: string): boolean {
  const inner = byline.slice(1, -1).trim();
  const tokens = inner.split(/[\s、]+/).flatMap((token) => {
    const role = BYLINE_ROLE.exec(token);
    return role ? [token.slice(role[0].length)].filter(Boolean) : [token];
  });
  return BYLINE_ROLE.test(inner) && tokens.length <= 6 && tokens.every((t) => PERSON_NAME.test(t));
}

/**
 * Where a photo credit at the end of a line starts ("新华社记者 王某 摄", "徐学仕　李升华　摄"):
 * names of two to four characters separated by spaces before a spaced 摄; the first may follow
 * the caption's sentence ("…现场。徐学仕"). Undefined when the line has none.
 */
function photoCredit(content: string): number | undefined {
  const end = PHOTO_CREDIT_END.exec(content);
  if (!end) return undefined;
  const before = content.slice(0, end.index);
  const tokens = before.split(/[\s、]+/);
  let names = 0;
  let start = before.length;
  for (let i = tokens.length - 1; i >= 0 && names < 5; i--) {
    let token = tokens[i]!;
    const cut = Math.max(...['。', '！', '？', '；', '，'].map((mark) => token.lastIndexOf(mark)));
    if (cut >= 0) token = token.slice(cut + 1);
    const role = BYLINE_ROLE.exec(token);
    const name = role ? token.slice(role[0].length) : token;
    if (!PERSON_NAME.test(name) && !(role && name === '')) break;
    names++;
    start = before.lastIndexOf(token, start);
    if (cut >= 0 || i === 0) break;
  }
  return names > 0 ? start : undefined;
}

/** Kinds that a line is as a whole, from its own text. */
function wholeLineKind(content: string): ChromeKind | undefined {
  const length = [...content].length;
  if (HEX_ID.test(content) || CONVERTER_LINE.test(content)) return CONVERTER_LINE.test(content) ? 'converter' : 'markup';
  if (BREADCRUMB_HEAD.test(content)) return 'breadcrumb';
  if (BREADCRUMB_PATH.test(content) && (content.match(ARROW) ?? []).length >= 2 && !SENTENCE_END.test(content)) return 'breadcrumb';
  if (EXIT_DIALOG.test(content)) return 'widget';
  if (length <= 200 && SITE_FOOTER.test(content) && !/[。！？]/.test(content)) return 'footer';
  if (NEWSPAPER_TRAILER.test(content.replace(/\s/g, '')) || AUTHOR_NOTE.test(content)) return 'trailer';
  if (length <= 160 && LICENCE.test(content)) return 'licence';
  if (INTERRUPTION.test(content) && length <= 80 && INTERRUPTION_ACTOR.test(content) && INTERRUPTION_ACTION.test(content)) return 'transcript';
  if (DATE_BAR.test(content)) return 'meta';
  if (length <= 60 && !/[。！？!?]/.test(content) && isWidgetBar(content)) return 'widget';
  const fields = fieldsOf(content);
  if (fields) {
    const values = fields.every((f) => isShortValue(f.value) || (f.label === '标题' && !SENTENCE_END.test(f.value)));
    const footerFields = fields.filter((f) => FOOTER.has(f.label)).length;
    if (footerFields >= 2 && fields.every((f) => !SENTENCE_END.test(f.value))) return 'footer';
    if (values && fields.length >= 2 && new Set(fields.map((f) => f.label)).size >= 2 && fields.some((f) => ALL_LABELS.has(f.label))) return 'meta';
    if (values && fields.length === 1 && PAGE_ONLY.has(fields[0]!.label)) return 'meta';
  }
  return undefined;
}

/** "图一 全港人口…", "图2：…": a caption line, so the text carries its figures. */
const FIGURE_CAPTION = /^\s*图\s?[一二三四五六七八九十\d]{1,3}(?:[\s:：、.．]|$)/;
const FIGURE_REFERENCE = /[（(]图[一二三四五六七八九十\d]{1,3}[)）]/g;

/** "(图一)" in a text that has no figures: the page's figure is gone, its reference left. */
function figureReferences(lines: readonly ChromeLine[], facts: LineFacts[]): void {
  for (const fact of facts) {
    if (fact.kind) continue;
    const line = lines[fact.index]!;
    FIGURE_REFERENCE.lastIndex = 0;
    for (let m = FIGURE_REFERENCE.exec(line.folded); m; m = FIGURE_REFERENCE.exec(line.folded)) {
      const range = { start: line.start + m.index, end: line.start + m.index + m[0].length };
      fact.spans.push({ ...range, kind: 'figure', evidence: [range] });
    }
  }
}

/** The nearest non-blank line before (-1) or after (1) `index`. */
function neighbour(facts: readonly LineFacts[], index: number, direction: -1 | 1): LineFacts | undefined {
  for (let i = index + direction; i >= 0 && i < facts.length; i += direction) {
    if (facts[i]!.content !== '') return facts[i];
  }
  return undefined;
}

const CHROME_BLOCK: ReadonlySet<ChromeKind> = new Set(['meta', 'widget', 'footer', 'breadcrumb', 'menu', 'links']);
const isChrome = (fact: LineFacts | undefined) => !!fact && !!fact.kind && CHROME_BLOCK.has(fact.kind);
const isLoneStrongLabel = (fact: LineFacts | undefined) => !!fact?.loneLabel && PAGE_ONLY.has(fact.loneLabel);
/**
 * A page that sets each value on the line right under its label ("索 引 号：⏎014742224A/…"):
 * the line directly below (no blank line between) a lone label of the information bar.
 */
const valueUnder = (label: LineFacts | undefined) => !!label && label.kind === 'meta' && !!label.loneLabel && (PAGE_ONLY.has(label.loneLabel) || label.loneLabel === '分类');

const MAX_CONTEXT_PASSES = 4;

/**
 * Lines that are chrome by what they are *and* where they stand: the value under a lone
 * page-only label ("索 引 号：" then "014742224A/2023-0043406"), a lone label ("附件：",
 * "主 题 词：") or close button ("X") beside other chrome. Each line still needs its own shape.
 */
function contextualLines(facts: LineFacts[]): void {
  // Passes alternate direction, so a block is taken from either end in two; the cap keeps the
  // work linear whatever the text.
  for (let pass = 0, changed = true; changed && pass < MAX_CONTEXT_PASSES; pass++) {
    changed = false;
    const order = pass % 2 === 0 ? facts : [...facts].reverse();
    for (const fact of order) {
      if (fact.kind || fact.content === '') continue;
      const before = neighbour(facts, fact.index, -1);
      const after = neighbour(facts, fact.index, 1);
      let kind: ChromeKind | undefined;
      if (isLoneStrongLabel(fact)) kind = 'meta';
      else if (fact.loneLabel && (isChrome(before) || isChrome(after))) kind = 'meta';
      else if (valueUnder(facts[fact.index - 1]) && isShortValue(fact.content) && [...fact.content].length <= 30) kind = 'meta';
      else if (fact.field && ALL_LABELS.has(fact.field.label) && !SENTENCE_END.test(fact.field.value) && isChrome(before) && isChrome(after)) kind = 'meta';
      else if (LICENCE_METADATA.test(fact.content) && (before?.kind === 'licence' || after?.kind === 'licence')) kind = 'licence';
      else if (CLOSE_BUTTON.test(fact.content) && (isChrome(before) || isChrome(after))) kind = 'widget';
      if (kind) {
        fact.kind = kind;
        fact.spans = [];
        changed = true;
      }
    }
  }
}

/** Short lines of a link list end with these ("江西省人民政府", "上级政府网站", "中国政府网"). */
const SITE_NAME = /(?:人民政府|政府网站?|门户网站?|网站|政府)$/;
const MENU_HOME = /^(?:网站首页|首页)$/;
const MIN_RUN = 4;

/**
 * Runs of at least four short lines with no punctuation: a site's link list (each a site
 * name, "南昌市人民政府" …) or its menu (one of them "网站首页"). A signature block has one or
 * two such names, never four in a row.
 */
function listRuns(facts: LineFacts[]): void {
  const flush = (run: LineFacts[], kind: ChromeKind) => {
    if (run.length >= MIN_RUN) for (const fact of run) if (!fact.kind) ((fact.kind = kind), (fact.spans = []));
  };
  const scan = (member: (fact: LineFacts) => boolean, kind: ChromeKind, accept: (run: LineFacts[]) => boolean) => {
    let run: LineFacts[] = [];
    for (const fact of facts) {
      if (fact.content === '') continue;
      if (!fact.kind && member(fact)) run.push(fact);
      else {
        if (accept(run)) flush(run, kind);
        run = [];
      }
    }
    if (accept(run)) flush(run, kind);
  };
  const bare = (fact: LineFacts) => !/[，。、；：！？,.;:!?“”"（）()《》]/.test(fact.content);
  scan(
    (f) => bare(f) && [...f.content].length <= 30 && f.content.split(/[ \u3000]+/).every((name) => [...name].length <= 12 && SITE_NAME.test(name)),
    'links',
    () => true,
  );
  scan((f) => bare(f) && [...f.content].length <= 6 && !/\d/.test(f.content), 'menu', (run) => run.some((f) => MENU_HOME.test(f.content)));
}

/**
 * A running header: the same short line at least three times, at least two of them next to
 * a page-number line ("- 12 -"), which is chrome itself.
 */
function runningHeaders(facts: LineFacts[]): void {
  const pageLine = (fact: LineFacts | undefined) => !!fact && PAGE_NUMBER_LINE.test(fact.content);
  const byText = new Map<string, LineFacts[]>();
  for (const fact of facts) {
    if (fact.kind || fact.content === '' || [...fact.content].length > 40 || SENTENCE_END.test(fact.content)) continue;
    const list = byText.get(fact.content);
    if (list) list.push(fact);
    else byText.set(fact.content, [fact]);
  }
  for (const list of byText.values()) {
    if (list.length < 3) continue;
    const besidePage = list.filter((f) => pageLine(neighbour(facts, f.index, -1)) || pageLine(neighbour(facts, f.index, 1)));
    if (besidePage.length < 2) continue;
    for (const fact of list) ((fact.kind = 'header'), (fact.spans = []));
  }
}
