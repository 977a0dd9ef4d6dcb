// Edits of the document for the editor actions: directive lines, and the minimal replacement of a whole-text fix.
import { withoutLineBreaks, type Finding, type TextEdit } from '../../rules/index.js';

/**
 * Markdown: `<!-- speechlint-disable-next-line rule -->` on its own line above the finding's line
 * when that line starts a block. Inside a block (a table row, a paragraph's second line, a list
 * item after another) a comment line would end the table or split the paragraph, so the
 * directive goes at the end of the line instead: `<!-- speechlint-disable-line rule -->` (after a
 * table row's last pipe it is an extra cell, which GFM drops).
 */
export function disableLineEdit(text: string, finding: Finding): TextEdit {
  const lineStart = Math.max(text.lastIndexOf('\n', finding.range.start - 1), text.lastIndexOf('\r', finding.range.start - 1)) + 1;
  const eol = /\r\n/.test(text) ? '\r\n' : /\r(?!\n)/.test(text) ? '\r' : '\n';
  const previousLine = text.slice(0, lineStart).replace(/(?:\r\n|\r|\n)$/, '');
  const previous = previousLine.slice(Math.max(previousLine.lastIndexOf('\n'), previousLine.lastIndexOf('\r')) + 1);
  if (lineStart === 0 || previous.trim() === '') {
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    return { range: { start: lineStart, end: lineStart }, text: `${indent}<!-- speechlint-disable-next-line ${finding.ruleId} -->${eol}` };
  }
  const lineEnd = /[\r\n]|$/.exec(text.slice(lineStart))!.index + lineStart;
  return { range: { start: lineEnd, end: lineEnd }, text: ` <!-- speechlint-disable-line ${finding.ruleId} -->` };
}

/**
 * A directive line at the top of the file (after a BOM, and in markdown after its front
 * matter), for the "only in this file" actions: `<!-- speechlint-disable rule -->` or
 * `<!-- speechlint-allow 短语 -->`. Plain text honours such a line only as a whole line.
 */
export function fileDirectiveEdit(text: string, language: 'plaintext' | 'markdown', directive: string): TextEdit {
  const eol = /\r\n/.test(text) ? '\r\n' : /\r(?!\n)/.test(text) ? '\r' : '\n';
  let at = text.startsWith('\uFEFF') ? 1 : 0;
  if (language === 'markdown') {
    const frontMatter = /^(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)[^]*?(?:\r\n|\r|\n)(?:\1|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)/.exec(text.slice(at));
    if (frontMatter) at += frontMatter[0].length;
  }
  const needsBreakBefore = at > 0 && at === text.length && !/[\r\n]$/.test(text);
  return { range: { start: at, end: at }, text: `${needsBreakBefore ? eol : ''}<!-- ${directive} -->${eol}` };
}

/**
 * The finding's own text, as an entry for an allow list ("忽略“X科技城”"), or undefined when
 * it makes no sensible entry: empty, across lines, punctuation only (ignoring every "," of a
 * project is turning the rule off: that action is offered too), very long, or text a config
 * or a directive would read otherwise (`/…/` is a regex entry; `-->` would end the comment).
 */
export function findingPhrase(text: string, finding: Finding): string | undefined {
  const { start, end } = withoutLineBreaks(text, finding.range);
  const phrase = text.slice(start, end).trim();
  if (phrase === '' || /[\r\n]/.test(phrase) || phrase.length > MAX_PHRASE_LENGTH) return undefined;
  if (!/[\p{L}\p{N}]/u.test(phrase) || phrase.includes('-->') || /^\/.+\/[a-z]*$/s.test(phrase)) return undefined;
  return phrase;
}

const MAX_PHRASE_LENGTH = 200;

/** One replacement covering only what changed between `before` and `after`. */
export function minimalEdit(before: string, after: string): TextEdit {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  // Never split a surrogate pair or a CRLF.
  while (prefix > 0 && /[\uDC00-\uDFFF\n]/.test(before[prefix] ?? '')) prefix--;
  while (suffix > 0 && /[\uD800-\uDBFF\r]/.test(before[before.length - suffix - 1] ?? '')) suffix--;
  return { range: { start: prefix, end: before.length - suffix }, text: after.slice(prefix, after.length - suffix) };
}
