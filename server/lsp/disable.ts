import type { TextDocumentEdit, CreateFile, WorkspaceEdit } from 'vscode-languageserver/node';
import type { Finding, TextEdit } from '../../rules/index.js';

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
 * Plain text has no comment syntax: the phrase goes into the project's allow list instead,
 * creating `.speechlintrc.json` if there is none (or the `speechlint` key of package.json).
 */
export function allowListEdit(uri: string, current: string | undefined, phrase: string, isPackageJson: boolean): WorkspaceEdit {
  if (current === undefined) {
    const create: CreateFile = { kind: 'create', uri, options: { ignoreIfExists: true } };
    const content = JSON.stringify({ allow: [phrase] }, null, 2) + '\n';
    const insert: TextDocumentEdit = { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: content }] };
    return { documentChanges: [create, insert] };
  }
  const parsed = JSON.parse(current.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  const config = (isPackageJson ? ((parsed.speechlint ??= {}) as Record<string, unknown>) : parsed);
  const allow = Array.isArray(config.allow) ? (config.allow as string[]) : [];
  if (!allow.includes(phrase)) allow.push(phrase);
  config.allow = allow;
  const lines = current.split(/\r\n|\r|\n/);
  const end = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
  const replace: TextDocumentEdit = { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end }, newText: JSON.stringify(parsed, null, 2) + '\n' }] };
  return { documentChanges: [replace] };
}
