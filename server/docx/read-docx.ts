// Word documents (.docx, OOXML WordprocessingML) as the text the rules read: one paragraph per
// line, body first (tables in place), then text boxes, footnotes, endnotes, headers, footers.
// Tracked changes read as after acceptance (deleted text left out, inserted text kept); fields
// (page numbers, TOC) left out. Nothing is written here.
import { unzipSync, type UnzipFileInfo } from 'fflate';
import type { SaxesTagNS } from 'saxes';
import { Numbering, type NumberingRef } from './numbering.js';
import { attribute, DocxError, entryText, MC, parseWordml, W } from './wordml.js';

export { DocxError } from './wordml.js';

export type DocxPart = 'body' | 'table' | 'textbox' | 'footnote' | 'endnote' | 'header' | 'footer';

/** Each part as a reader names it: 正文第 3 段, 页眉第 1 段. */
export const PART_NAMES: Record<DocxPart, string> = { body: '正文', table: '表格', textbox: '文本框', footnote: '脚注', endnote: '尾注', header: '页眉', footer: '页脚' };

/** Where a line of the linted text comes from. */
export interface DocxParagraph {
  part: DocxPart;
  /** 1-based, counted within its part (body and table paragraphs share the count: 第 N 段 of the document). */
  index: number;
  /** The zip entry (word/document.xml, word/footnotes.xml, …). */
  entry: string;
  /** Where the paragraph's text sits in the entry's XML: only when read with `{ layout: true }`. */
  layout?: ParagraphLayout;
}

/**
 * A w:r of a paragraph and the characters of the line it holds. `editable` runs hold only
 * w:t (and w:rPr): their text can be split into tracked deletions, insertions and comment
 * anchors. Every other run (a tab, a break, a field, a drawing, text inside someone's tracked
 * insertion) is left whole.
 */
export interface RunLayout {
  /** Characters [from, to) of the line (numbering label included in the count). */
  from: number;
  to: number;
  /** The run element's XML: [start, end). */
  start: number;
  end: number;
  /** Its open tag, and its w:rPr element ('' when it has none), copied onto the pieces it is split into. */
  openTag: string;
  properties: string;
  editable: boolean;
}

export interface ParagraphLayout {
  /** The w:p element: [start, end); `selfClosing` for <w:p/>. */
  start: number;
  end: number;
  selfClosing: boolean;
  /** Where content may be put: right after the open tag or the paragraph's own w:pPr. */
  contentStart: number;
  /** The paragraph's own w:pPr element, if any: [start, end). */
  properties?: { start: number; end: number };
  /** Characters of the line that Word generates (the numbering label): never edited. */
  labelLength: number;
  runs: RunLayout[];
  /** Inside a table cell, a text box or a part's end: then its paragraph mark is not deleted. */
  lastInContainer: boolean;
}

export interface DocxText {
  /** The paragraphs joined by "\n": line k (0-based) is paragraphs[k]. */
  text: string;
  paragraphs: DocxParagraph[];
  /** With `{ layout: true }`: the XML of every text part read, by entry name. */
  parts?: Record<string, string>;
}

/** Largest inflated XML part, and all parts together: a zip bomb stops here, not in memory. */
export const MAX_PART_BYTES = 64 * 1024 * 1024;
export const MAX_TOTAL_BYTES = 128 * 1024 * 1024;

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** Parts read for what they say about the text parts: list numbering and the styles that carry it. */
const SUPPORT_PARTS = new Set(['word/numbering.xml', 'word/styles.xml']);

/** The parts read, in the order their paragraphs appear in the linted text (headers and footers by name). */
function partOf(name: string): { part: DocxPart; order: number } | undefined {
  if (name === 'word/document.xml') return { part: 'body', order: 0 };
  if (name === 'word/footnotes.xml') return { part: 'footnote', order: 2 };
  if (name === 'word/endnotes.xml') return { part: 'endnote', order: 3 };
  if (/^word\/header\d*\.xml$/.test(name)) return { part: 'header', order: 4 };
  if (/^word\/footer\d*\.xml$/.test(name)) return { part: 'footer', order: 5 };
  return undefined;
}

export function readDocx(bytes: Uint8Array, options: { layout?: boolean } = {}): DocxText {
  if (startsWith(bytes, OLE_SIGNATURE)) {
    // An OLE compound file: Word's old binary format, or an encrypted .docx (its package sits in an "EncryptedPackage" stream).
    const encrypted = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from('EncryptedPackage', 'utf16le'));
    throw new DocxError(
      encrypted
        ? '这是加密（设了打开密码）的 Word 文档，无法读取；请在 Word 中取消密码后再检查 / an encrypted Word document; remove the password first'
        : '这是旧版 Word（.doc）文件，不是 .docx；请在 Word 或 WPS 中另存为 .docx / a legacy .doc file, not .docx',
    );
  }
  if (!startsWith(bytes, ZIP_SIGNATURE)) throw new DocxError('不是 Word 文档（.docx 应为 zip 压缩包）/ not a .docx (not a zip archive)');
  let entries: Record<string, Uint8Array>;
  let declaredTotal = 0;
  let tooLarge: string | undefined;
  try {
    entries = unzipSync(bytes, {
      // Only the text parts are inflated (never media), each within the caps by its declared
      // size; an entry that lies about its size is cut there and then fails to parse.
      filter: (file: UnzipFileInfo) => {
        if (!partOf(file.name) && !SUPPORT_PARTS.has(file.name)) return false;
        declaredTotal += file.originalSize;
        if (file.originalSize > MAX_PART_BYTES || declaredTotal > MAX_TOTAL_BYTES) {
          tooLarge = file.name;
          return false;
        }
        return true;
      },
    });
  } catch (error) {
    throw new DocxError(`Word 文档已损坏，无法解压（${error instanceof Error ? error.message : String(error)}）/ a damaged .docx: the zip cannot be read`);
  }
  if (tooLarge) throw new DocxError(`Word 文档中的 ${tooLarge} 解压后过大（超过 ${MAX_PART_BYTES / 1024 / 1024} MB），未读取 / a part inflates past the limit`);
  if (!entries['word/document.xml']) throw new DocxError('Word 文档缺少正文（word/document.xml）/ a .docx without word/document.xml');

  const support = (name: string) => (entries[name] ? entryText(entries[name]) : undefined);
  const numbering = new Numbering(support('word/numbering.xml'), support('word/styles.xml'));
  const names = Object.keys(entries)
    .filter((name) => partOf(name))
    .map((name) => ({ name, ...partOf(name)! }))
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'en', { numeric: true }));
  const lines: string[] = [];
  const paragraphs: DocxParagraph[] = [];
  const textboxes: { text: string; entry: string; layout: ParagraphLayout | undefined }[] = [];
  const counts = new Map<DocxPart, number>();
  const parts: Record<string, string> = {};
  const add = (part: DocxPart, entry: string, text: string, layout: ParagraphLayout | undefined) => {
    // Body and table paragraphs are numbered together, as a reader counts the document's paragraphs.
    const counter = part === 'table' ? 'body' : part;
    const index = (counts.get(counter) ?? 0) + 1;
    counts.set(counter, index);
    lines.push(text);
    paragraphs.push({ part, index, entry, ...(layout ? { layout } : {}) });
  };
  for (const { name, part } of names) {
    const xml = entryText(entries[name]!);
    if (options.layout) parts[name] = xml;
    for (const p of joinDeletedMarks(paragraphsOf(xml, name, options.layout === true))) {
      // Automatic numbering as the reader sees it, counted in reading order.
      const label = numbering.next(p.numbering);
      // A line break written inside w:t (one character for one) would split the paragraph into two lines: one paragraph stays one line.
      const text = label + p.text.replace(/[\r\n]/g, ' ');
      const layout = p.layout && { ...p.layout, labelLength: label.length, runs: p.layout.runs.map((run) => ({ ...run, from: run.from + label.length, to: run.to + label.length })) };
      if (p.inTextbox) textboxes.push({ text, entry: name, layout });
      else add(part === 'body' && p.inTable ? 'table' : part, name, text, layout);
    }
    // Text boxes of the body come right after it; those of a header stay with the header.
    if (part === 'body' || textboxes.length > 0) {
      for (const t of textboxes) add('textbox', t.entry, t.text, t.layout);
      textboxes.length = 0;
    }
  }
  return { text: lines.join('\n'), paragraphs, ...(options.layout ? { parts } : {}) };
}

/**
 * Paragraphs whose mark is deleted, joined to the paragraph after them (in the same container),
 * as they read once the deletion is accepted. A joined paragraph's layout holds the runs of both.
 */
function joinDeletedMarks(paragraphs: RawParagraph[]): RawParagraph[] {
  const joined: RawParagraph[] = [];
  for (const p of paragraphs) {
    const previous = joined[joined.length - 1];
    if (previous?.markDeleted && previous.inTable === p.inTable && previous.inTextbox === p.inTextbox) {
      const offset = previous.text.length;
      if (previous.layout && p.layout) {
        previous.layout.runs.push(...p.layout.runs.map((run) => ({ ...run, from: run.from + offset, to: run.to + offset })));
        previous.layout.lastInContainer = p.layout.lastInContainer;
      }
      previous.text += p.text;
      previous.markDeleted = p.markDeleted === true;
    } else joined.push(p);
  }
  return joined;
}

interface RawParagraph {
  text: string;
  inTable: boolean;
  inTextbox: boolean;
  numbering: NumberingRef;
  /** Its paragraph mark is a tracked deletion: read as one line with the next paragraph. */
  markDeleted?: boolean;
  layout?: ParagraphLayout;
  /** The run being read, and how deep its element is. */
  run?: { layout: RunLayout; depth: number; propertiesStart: number };
}

/** The paragraphs of one WordprocessingML part, as read after accepting tracked changes. */
function paragraphsOf(xml: string, entry: string, withLayout: boolean): RawParagraph[] {
  const found: RawParagraph[] = [];
  /** Inside w:ins / w:moveTo: someone's tracked insertion, read but never split. */
  let insertedDepth = 0;
  /** The paragraph just closed, until its next sibling shows whether another paragraph follows it. */
  let previous: { layout: ParagraphLayout; depth: number } | undefined;
  /** Open paragraphs (a text box's paragraphs sit inside a body paragraph). */
  const open: (RawParagraph | null)[] = [];
  /** Inside a paragraph's own w:pPr (not a w:pPrChange's record of the old properties). */
  let propertiesDepth = 0;
  let changeDepth = 0;
  /** Inside mc:Fallback: a copy of what mc:Choice holds (a text box drawn again in VML), never read. */
  let fallbackDepth = 0;
  let tableDepth = 0;
  let textboxDepth = 0;
  /** Inside w:del / w:moveFrom (deleted when accepted) or a computed field's w:fldSimple. */
  let skipDepth = 0;
  let inText = false;
  let inInstruction = false;
  /** Open complex fields (w:fldChar begin … separate … end, nested): the instruction so far, and whether the result is shown. */
  const fields: { instruction: string; result: boolean }[] = [];
  const elements: string[] = [];
  const isSkipping = () => skipDepth > 0 || fallbackDepth > 0 || fields.some((f) => !f.result);

  const onOpen = (node: SaxesTagNS, end: number) => {
    readOpen(node);
    if (withLayout) recordOpen(node, end);
  };
  const readOpen = (node: SaxesTagNS) => {
    const key = `${node.uri}|${node.local}`;
    elements.push(key);
    if (node.uri === MC && node.local === 'Fallback') fallbackDepth++;
    if (node.uri !== W) return;
    switch (node.local) {
      case 'p':
        open.push(fallbackDepth > 0 ? null : { text: '', inTable: tableDepth > 0, inTextbox: textboxDepth > 0, numbering: {} });
        break;
      case 'pPr':
        if (elements[elements.length - 2] === `${W}|p`) propertiesDepth++;
        break;
      case 'pPrChange':
        changeDepth++;
        break;
      case 'pStyle':
      case 'numId':
      case 'ilvl': {
        const p = open[open.length - 1];
        const val = attribute(node, 'val');
        if (!p || propertiesDepth === 0 || changeDepth > 0 || val === undefined) break;
        if (node.local === 'pStyle') p.numbering.styleId = val;
        else if (node.local === 'numId') p.numbering.numId = val;
        else p.numbering.ilvl = Number(val);
        break;
      }
      case 'tbl':
        tableDepth++;
        break;
      case 'txbxContent':
        textboxDepth++;
        break;
      case 'del':
      case 'moveFrom': {
        skipDepth++;
        // A deleted paragraph mark (w:del in the mark's w:rPr): accepted, the paragraph joins the next.
        const p = open[open.length - 1];
        if (p && node.local === 'del' && propertiesDepth > 0 && changeDepth === 0 && elements[elements.length - 2] === `${W}|rPr` && elements[elements.length - 3] === `${W}|pPr`) p.markDeleted = true;
        break;
      }
      case 'fldSimple':
        if (isComputedField(attribute(node, 'instr') ?? '')) skipDepth++;
        break;
      case 'instrText':
        inInstruction = true;
        break;
      case 'fldChar': {
        const type = attribute(node, 'fldCharType');
        const field = fields[fields.length - 1];
        // Until "separate" the field is its instruction (never read); then its result, read unless computed (PAGE, TOC…).
        if (type === 'begin') fields.push({ instruction: '', result: false });
        else if (type === 'separate' && field) field.result = !isComputedField(field.instruction);
        else if (type === 'end') fields.pop();
        break;
      }
      case 't':
        inText = true;
        break;
      case 'tab':
        // w:tab is also a tab stop inside w:tabs (paragraph properties): only a run's counts.
        if (!isSkipping() && elements[elements.length - 2] === `${W}|r`) append('\t');
        break;
      case 'br':
      case 'cr':
        // A line break inside a paragraph: one paragraph stays one line.
        if (!isSkipping()) append(' ');
        break;
      case 'noBreakHyphen':
        if (!isSkipping()) append('-');
        break;
    }
  };
  const onText = (text: string) => {
    if (inInstruction) {
      const field = fields[fields.length - 1];
      if (field) field.instruction += text;
    } else if (inText && !isSkipping()) append(text);
  };
  const onClose = (tag: SaxesTagNS, end: number) => {
    elements.pop();
    if (withLayout) recordClose(tag, end);
    if (tag.uri === MC && tag.local === 'Fallback') fallbackDepth--;
    if (tag.uri !== W) return;
    switch (tag.local) {
      case 'p': {
        const p = open.pop();
        if (p) found.push(p);
        break;
      }
      case 'tbl':
        tableDepth--;
        break;
      case 'txbxContent':
        textboxDepth--;
        break;
      case 'pPr':
        if (propertiesDepth > 0 && elements[elements.length - 1] === `${W}|p`) propertiesDepth--;
        break;
      case 'pPrChange':
        changeDepth--;
        break;
      case 'del':
      case 'moveFrom':
        skipDepth--;
        break;
      case 'fldSimple':
        if (isComputedField(attribute(tag, 'instr') ?? '')) skipDepth--;
        break;
      case 'instrText':
        inInstruction = false;
        break;
      case 't':
        inText = false;
        break;
    }
  };

  function append(text: string): void {
    const p = open[open.length - 1];
    if (p) p.text += text; // null: a paragraph of a fallback
  }

  /** Layout: where each paragraph, its properties and its runs sit in the XML (open tags, after they are read). */
  function recordOpen(node: SaxesTagNS, end: number): void {
    const depth = elements.length;
    const start = xml.lastIndexOf('<', end - 1);
    const parent = elements[depth - 2];
    const local = node.uri === W ? node.local : '';
    if (previous && depth <= previous.depth) {
      if (depth === previous.depth && local === 'p') previous.layout.lastInContainer = false;
      previous = undefined;
    }
    if (local === 'ins' || local === 'moveTo') insertedDepth++;
    const p = open[open.length - 1];
    if (!p) return;
    if (local === 'p') {
      p.layout = { start, end: -1, selfClosing: xml[end - 2] === '/', contentStart: end, labelLength: 0, runs: [], lastInContainer: true };
    } else if (!p.layout) {
      return;
    } else if (local === 'pPr' && parent === `${W}|p` && !p.layout.properties && !p.run) {
      p.layout.properties = { start, end: -1 };
    } else if (local === 'r' && !p.run) {
      const editable = (parent === `${W}|p` || parent === `${W}|hyperlink`) && insertedDepth === 0 && !isSkipping() && fields.length === 0 && fallbackDepth === 0;
      p.run = { layout: { from: p.text.length, to: -1, start, end: -1, openTag: xml.slice(start, end), properties: '', editable }, depth, propertiesStart: -1 };
    } else if (p.run && depth === p.run.depth + 1) {
      // A run's own children: w:rPr is copied, w:t is text, a rendered page break only a hint; anything else keeps the run whole.
      if (local === 'rPr') p.run.propertiesStart = start;
      else if (local !== 't' && local !== 'lastRenderedPageBreak') p.run.layout.editable = false;
    }
  }

  /** Layout at a close tag, before the reader pops a closed paragraph. */
  function recordClose(node: SaxesTagNS, end: number): void {
    const depth = elements.length + 1; // the closed element's own depth (already popped)
    const local = node.uri === W ? node.local : '';
    if (local === 'ins' || local === 'moveTo') insertedDepth--;
    if (previous && depth < previous.depth) previous = undefined;
    const p = open[open.length - 1];
    const layout = p?.layout;
    if (!p || !layout) return;
    if (local === 'p') {
      layout.end = end;
      previous = { layout, depth };
    } else if (p.run && depth === p.run.depth) {
      p.run.layout.to = p.text.length;
      p.run.layout.end = end;
      layout.runs.push(p.run.layout);
      p.run = undefined;
    } else if (p.run && depth === p.run.depth + 1 && local === 'rPr') {
      p.run.layout.properties = xml.slice(p.run.propertiesStart, end);
    } else if (local === 'pPr' && layout.properties?.end === -1 && elements[elements.length - 1] === `${W}|p`) {
      layout.properties.end = end;
      layout.contentStart = end;
    }
  }

  parseWordml(xml, entry, { open: onOpen, close: onClose, text: onText }, withLayout);
  // Paragraph text from a w:p inside a text box belongs to the box; the body paragraph holding the box keeps its own runs.
  return found;
}

/**
 * Fields whose result Word computes (page numbers, tables of contents, cross-reference page
 * numbers, sequence numbers, dates): not the writer's prose, so not linted. A hyperlink's or a
 * reference's visible text is.
 */
function isComputedField(instruction: string): boolean {
  return /^\s*(PAGE|NUMPAGES|SECTIONPAGES|TOC|PAGEREF|SEQ|DATE|TIME|CREATEDATE|SAVEDATE|PRINTDATE|FILENAME|NUMWORDS|NUMCHARS)\b/i.test(instruction);
}
