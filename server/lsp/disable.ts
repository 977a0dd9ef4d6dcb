import type { TextDocumentEdit, CreateFile, WorkspaceEdit } from 'vscode-languageserver/node';
import type { Finding, TextEdit } from '../../rules/index.js';

/** Markdown: `<!-- speechlint-disable-next-line rule -->` on its own line above the finding's line. */
export function disableLineEdit(text: string, finding: Finding): TextEdit {
  const lineStart = Math.max(text.lastIndexOf('\n', finding.range.start - 1), text.lastIndexOf('\r', finding.range.start - 1)) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const eol = /\r\n/.test(text) ? '\r\n' : /\r(?!\n)/.test(text) ? '\r' : '\n';
  return { range: { start: lineStart, end: lineStart }, text: `${indent}<!-- speechlint-disable-next-line ${finding.ruleId} -->${eol}` };
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
