// `--annotate`: a copy of a Word document with a comment (批注) anchored on each finding,
// written as Word writes comments: word/comments.xml, its relationship and content type, and
// commentRangeStart / commentRangeEnd / commentReference around the finding's text.
import { strToU8 } from 'fflate';
import type { Finding } from '../../rules/index.js';
import { DocumentEditors, type Revision } from './paragraph-editor.js';
import { escapeXml, nextAnnotationId, revisionDate, unzipPackage, zipPackage } from './package.js';
import { PART_NAMES, readDocx, type DocxParagraph } from './read-docx.js';
import { DocxError, entryText } from './wordml.js';
import { REVISION_AUTHOR } from './revise-docx.js';

export interface DocxComment {
  /** Offsets [start, end) in the document's linted text. */
  start: number;
  end: number;
  /** The comment's paragraphs. */
  paragraphs: string[];
}

export interface AnnotatedDocx {
  bytes: Uint8Array;
  /** Comments anchored on their own text, and those put on the first paragraph because Word keeps no comments there (headers, footers, text boxes). */
  anchored: number;
  atDocumentStart: number;
}

const COMMENTS_ENTRY = 'word/comments.xml';
const COMMENTS_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
const COMMENTS_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';
const RELS_ENTRY = 'word/_rels/document.xml.rels';
const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export function annotateDocx(bytes: Uint8Array, comments: readonly DocxComment[], options: { author?: string; date?: Date } = {}): AnnotatedDocx {
  const read = readDocx(bytes, { layout: true });
  const entries = unzipPackage(bytes);
  let id = nextAnnotationId(entries);
  const revision: Revision = { author: options.author ?? REVISION_AUTHOR, date: revisionDate(options.date ?? new Date()), nextId: () => id++ };
  const document = new DocumentEditors(read, revision);
  const { lines } = document;
  // Comments Word cannot hold where they point go on the document's first body paragraph, saying where they point.
  const firstBodyLine = read.paragraphs.findIndex((p) => p.part === 'body' || p.part === 'table');
  if (firstBodyLine < 0) throw new DocxError('Word 文档正文没有段落，无法加批注 / the body has no paragraph to anchor comments on');

  const commentXml: string[] = [];
  let anchored = 0;
  let atDocumentStart = 0;
  for (const comment of comments) {
    const line = document.lineOf(comment.start);
    const paragraph = read.paragraphs[line]!;
    const commentId = revision.nextId();
    let text = comment.paragraphs;
    if (holdsComments(paragraph)) {
      const lineStart = document.lineStart(line);
      const length = lines[line]!.length;
      let from = comment.start - lineStart;
      // Within the paragraph; an empty range is widened to a character, so there is text to mark.
      let to = Math.min(comment.end - lineStart, length);
      if (to <= from) [from, to] = from < length ? [from, from + 1] : [Math.max(0, length - 1), length];
      const editor = document.editor(line);
      editor.insertAnchor(from, 'start', `<w:commentRangeStart w:id="${commentId}"/>`);
      editor.insertAnchor(to, 'end', `<w:commentRangeEnd w:id="${commentId}"/><w:r><w:commentReference w:id="${commentId}"/></w:r>`);
      anchored++;
    } else {
      const editor = document.editor(firstBodyLine);
      text = [`【${PART_NAMES[paragraph.part]}第 ${paragraph.index} 段】${text[0] ?? ''}`, ...text.slice(1)];
      editor.insertAnchor(0, 'start', `<w:commentRangeStart w:id="${commentId}"/>`);
      editor.insertAnchor(Math.max(1, lines[firstBodyLine]!.length), 'end', `<w:commentRangeEnd w:id="${commentId}"/><w:r><w:commentReference w:id="${commentId}"/></w:r>`);
      atDocumentStart++;
    }
    commentXml.push(
      `<w:comment w:id="${commentId}" w:author="${escapeXml(revision.author)}" w:date="${revision.date}" w:initials="SL">` +
        text.map((p, i) => `<w:p>${i === 0 ? '<w:r><w:annotationRef/></w:r>' : ''}<w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`).join('') +
        '</w:comment>',
    );
  }

  for (const [entry, xml] of document.editedParts()) entries[entry] = strToU8(xml);
  if (commentXml.length > 0) addComments(entries, commentXml.join(''));
  return { bytes: comments.length > 0 ? zipPackage(entries) : bytes, anchored, atDocumentStart };
}

/** Comments are anchored in the body and its tables; Word keeps none in headers, footers or text boxes, and footnotes are left whole. */
function holdsComments(paragraph: DocxParagraph): boolean {
  return paragraph.entry === 'word/document.xml' && (paragraph.part === 'body' || paragraph.part === 'table') && paragraph.layout !== undefined;
}

/** Appends to word/comments.xml, creating it with its relationship and content type when the document has none. */
function addComments(entries: Record<string, Uint8Array>, comments: string): void {
  const existing = entries[COMMENTS_ENTRY];
  if (existing) {
    const xml = entryText(existing);
    const close = xml.lastIndexOf('</w:comments>');
    if (close < 0) throw new DocxError(`${COMMENTS_ENTRY} 无法识别，未写批注 / the comments part is not as Word writes it`);
    entries[COMMENTS_ENTRY] = strToU8(xml.slice(0, close) + comments + xml.slice(close));
    return;
  }
  entries[COMMENTS_ENTRY] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${W_NS}">${comments}</w:comments>`);
  const rels = entries[RELS_ENTRY] ? entryText(entries[RELS_ENTRY]) : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  let relId = 'rIdSpeechLintComments';
  for (let n = 2; rels.includes(`Id="${relId}"`); n++) relId = `rIdSpeechLintComments${n}`;
  const relsClose = rels.lastIndexOf('</Relationships>');
  if (relsClose < 0) throw new DocxError(`${RELS_ENTRY} 无法识别，未写批注 / the relationships part is not as Word writes it`);
  entries[RELS_ENTRY] = strToU8(`${rels.slice(0, relsClose)}<Relationship Id="${relId}" Type="${COMMENTS_TYPE}" Target="comments.xml"/>${rels.slice(relsClose)}`);
  const typesName = '[Content_Types].xml';
  const types = entries[typesName] ? entryText(entries[typesName]) : '';
  const typesClose = types.lastIndexOf('</Types>');
  if (typesClose < 0) throw new DocxError(`${typesName} 无法识别，未写批注 / the content types part is not as Word writes it`);
  if (!types.includes('PartName="/word/comments.xml"')) {
    entries[typesName] = strToU8(`${types.slice(0, typesClose)}<Override PartName="/word/comments.xml" ContentType="${COMMENTS_CONTENT_TYPE}"/>${types.slice(typesClose)}`);
  }
}

const SEVERITY_WORDS: Record<string, string> = { error: '错误', warning: '警告', info: '提示', hint: '提示' };

/** One comment per finding: what is wrong (rule id), then the fix or the suggestions to choose from. */
export function findingComments(findings: readonly Finding[], text: string): DocxComment[] {
  return findings.map((finding) => {
    const paragraphs = [`${SEVERITY_WORDS[finding.severity] ?? finding.severity}：${finding.message}（${finding.ruleId}）`];
    const edits = finding.fix ?? [];
    if (edits.length === 1) {
      const [edit] = edits;
      const before = text.slice(edit!.range.start, edit!.range.end);
      paragraphs.push(edit!.text === '' ? `建议删除“${before}”` : before === '' ? `建议加上“${edit!.text}”` : `建议将“${before}”改为“${edit!.text}”`);
    } else if (edits.length > 1) {
      paragraphs.push('可自动修复：speechlint --fix 以修订写入');
    }
    for (const suggestion of (finding.suggestions ?? []).slice(0, 3)) paragraphs.push(`可选：${suggestion.message}`);
    return { start: finding.range.start, end: finding.range.end, paragraphs };
  });
}
