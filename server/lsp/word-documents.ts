// Word documents in the editor. The client shows a .docx as a read-only text view (scheme
// speechlint-docx, same path), whose text this server reads from the file; it is linted like
// any plain text. Edits never go to the view: a quick fix or "fix all" on it is written into the
// .docx as tracked changes, and "annotate" writes a commented copy beside it.
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixUntilStable, IncrementalLinter, type FixScope, type LintOptions, type Rule } from '../../rules/index.js';
import { annotateDocx, findingComments } from '../docx/annotate-docx.js';
import { DocxError, readDocx } from '../docx/read-docx.js';
import { reviseDocx } from '../docx/revise-docx.js';
import { describeFileError, readFileLimited, writeFileAtomic, writeFileReplacing, MB } from '../cli/file-access.js';

/** The text view of a .docx: `speechlint-docx:` + the file's path. */
export const WORD_SCHEME = 'speechlint-docx';
/** Client → server: { uri } of a .docx file → { text } or { error }. */
export const WORD_TEXT_REQUEST = 'speechlint/wordText';
/** Server → client: { uri } of a .docx file whose text changed (tracked changes written): show it again. */
export const WORD_CHANGED_NOTIFICATION = 'speechlint/wordChanged';

/** Word documents read in the editor: larger than any real draft, smaller than trouble. */
const MAX_WORD_BYTES = 64 * MB;

export function isWordView(uri: string): boolean {
  return uri.startsWith(`${WORD_SCHEME}:`);
}

/** The .docx file a view shows: speechlint-docx:/a/b.docx → file:///a/b.docx. */
export function fileUriOfView(uri: string): string {
  return pathToFileURL(fileURLToPath(`file:${uri.slice(WORD_SCHEME.length + 1)}`)).href;
}

export interface WordOutcome {
  /** Tracked changes written, and changes that could not be (text Word holds whole). */
  applied: number;
  skipped: number;
}

export class WordDocuments {
  constructor(
    private readonly rules: readonly Rule[],
    private readonly notify: (fileUri: string) => void,
  ) {}

  /** The linted text of a .docx, or why it cannot be read. */
  text(fileUri: string): { text: string } | { error: string } {
    try {
      return { text: readDocx(this.read(fileUri).bytes).text };
    } catch (error) {
      return { error: this.describe(error, 'read') };
    }
  }

  /**
   * Writes `newText` (the view's text, edited) into the file as tracked changes. The file must
   * still read as the view shows it: if Word saved it meanwhile, nothing is written.
   */
  revise(view: TextDocument, newText: string): WordOutcome | { error: string } {
    const fileUri = fileUriOfView(view.uri);
    try {
      const snapshot = this.read(fileUri);
      if (readDocx(snapshot.bytes).text !== view.getText()) return { error: '文件已在别处修改，请重新打开后再修复 / the file changed on disk; reopen it' };
      const revised = reviseDocx(snapshot.bytes, newText);
      if (revised.applied > 0) {
        writeFileAtomic(fileURLToPath(fileUri), Buffer.from(revised.bytes), snapshot);
        this.notify(fileUri);
      }
      return { applied: revised.applied, skipped: revised.skipped };
    } catch (error) {
      return { error: this.describe(error, 'write') };
    }
  }

  /** Every fix of `scope` in the view's text, written as tracked changes. */
  fixAll(view: TextDocument, options: LintOptions, scope: FixScope = 'residue'): WordOutcome | { error: string } {
    const linter = new IncrementalLinter(this.rules);
    const result = fixUntilStable(view.getText(), (t) => linter.lint(t, options), { scope });
    if (result.refused) return { error: result.refused.message };
    return result.output === view.getText() ? { applied: 0, skipped: 0 } : this.revise(view, result.output);
  }

  /** A copy beside the file (<name>.批注.docx) with a comment on each finding; its path. */
  annotate(fileUri: string, options: LintOptions): { path: string; comments: number } | { error: string } {
    try {
      const { bytes } = this.read(fileUri);
      const text = readDocx(bytes).text;
      const findings = new IncrementalLinter(this.rules).lint(text, options);
      const target = fileURLToPath(fileUri).replace(/\.docx$/i, '.批注.docx');
      writeFileReplacing(target, Buffer.from(annotateDocx(bytes, findingComments(findings, text)).bytes));
      return { path: target, comments: findings.length };
    } catch (error) {
      return { error: this.describe(error, 'write') };
    }
  }

  private read(fileUri: string) {
    return readFileLimited(fileURLToPath(fileUri), MAX_WORD_BYTES);
  }

  private describe(error: unknown, action: 'read' | 'write'): string {
    return error instanceof DocxError ? error.message : describeFileError(error, action, MAX_WORD_BYTES / MB);
  }
}
