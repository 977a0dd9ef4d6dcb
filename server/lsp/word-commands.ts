// The language server's side of Word documents: the text view's requests, its code actions
// (edits become tracked changes in the .docx) and the Word commands. server.ts hands over
// what it owns through WordHost: the open documents, the lint options and the connection.
import type { CodeAction, Connection, TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintOptions, Rule } from '../../rules/index.js';
import { fileUriOfView, isWordView, WORD_CHANGED_NOTIFICATION, WORD_SCHEME, WORD_TEXT_REQUEST, WordDocuments, type WordOutcome } from './word-documents.js';

/** Commands the server executes for Word documents (part of SERVER_COMMANDS). */
export const WORD_COMMANDS = {
  /** [view uri, version, LSP edits | { ruleId }]: a quick fix on a Word document's text view, written into the .docx as tracked changes. */
  reviseWord: 'speechlint.server.reviseWord',
  /** [.docx or view uri]: every fix written into the .docx as tracked changes → { applied, skipped } | false. */
  fixWord: 'speechlint.server.fixWord',
  /** [.docx or view uri]: a copy beside it with a comment on each finding → its path | false. */
  annotateWord: 'speechlint.server.annotateWord',
} as const;

export interface WordHost {
  readonly connection: Connection;
  /** An open document (a text view included). */
  document(uri: string): TextDocument | undefined;
  lintOptions(document: TextDocument): Promise<LintOptions>;
}

export class WordCommands {
  private readonly words: WordDocuments;

  constructor(
    rules: readonly Rule[],
    private readonly host: WordHost,
  ) {
    this.words = new WordDocuments(rules, (uri) => void host.connection.sendNotification(WORD_CHANGED_NOTIFICATION, { uri }));
    host.connection.onRequest(WORD_TEXT_REQUEST, (params: { uri?: unknown }): { text?: string; error?: string } => (typeof params?.uri === 'string' ? this.words.text(params.uri) : { error: 'no uri' }));
  }

  /** Runs one of WORD_COMMANDS; undefined for any other command. */
  execute(command: string, args: unknown[]): Promise<unknown> | undefined {
    const uri = typeof args[0] === 'string' ? args[0] : undefined;
    switch (command) {
      case WORD_COMMANDS.reviseWord: {
        const document = uri ? this.host.document(uri) : undefined;
        return document ? this.reviseWord(document, args[1], args[2]) : Promise.resolve(false);
      }
      case WORD_COMMANDS.fixWord:
        return uri ? this.fixAll(uri) : Promise.resolve(false);
      case WORD_COMMANDS.annotateWord:
        return uri ? this.annotate(uri) : Promise.resolve(false);
      default:
        return undefined;
    }
  }

  /** The view's text changed as a whole (a script conversion): written as tracked changes. */
  revise(view: TextDocument, newText: string): WordOutcome | false {
    return this.reportOutcome(this.words.revise(view, newText));
  }

  /** Fix all on a .docx (its view open or not). */
  async fixAll(uri: string): Promise<WordOutcome | false> {
    const document = this.view(uri);
    if (!document) return false;
    return this.reportOutcome(this.words.fixAll(document, await this.host.lintOptions(document)));
  }

  /**
   * Code actions on a Word document's text view: an edit of the view becomes a command that
   * writes it into the .docx as tracked changes (same title); a comment line in the file, which
   * a .docx cannot hold as text, is not offered.
   */
  codeActions(document: TextDocument, actions: readonly CodeAction[]): CodeAction[] {
    const revise = (title: string, edits: unknown) => ({ title, command: WORD_COMMANDS.reviseWord, arguments: [document.uri, document.version, edits] });
    const result: CodeAction[] = [];
    for (const action of actions) {
      const lazy = action.data as { kind?: string; ruleId?: string } | undefined;
      if (lazy?.kind === 'fixRule') {
        result.push({ ...action, data: undefined, command: revise(action.title, { ruleId: lazy.ruleId }) });
        continue;
      }
      const change = action.edit?.documentChanges?.[0];
      const edits = change && 'edits' in change && change.textDocument.uri === document.uri ? change.edits : undefined;
      if (!action.edit) result.push(action);
      else if (edits && edits.every((e) => 'newText' in e && !e.newText.includes('\n'))) result.push({ ...action, edit: undefined, command: revise(action.title, edits) });
    }
    return result;
  }

  /** A quick fix chosen on a text view: its edits (or all of one rule's fixes) as tracked changes. */
  private async reviseWord(document: TextDocument, version: unknown, change: unknown): Promise<WordOutcome | false> {
    if (version !== document.version) return false; // the view moved on
    if (Array.isArray(change)) return this.revise(document, TextDocument.applyEdits(document, change as LspTextEdit[]));
    const ruleId = (change as { ruleId?: unknown } | undefined)?.ruleId;
    if (typeof ruleId !== 'string') return false;
    const options = await this.host.lintOptions(document);
    return this.reportOutcome(this.words.fixAll(document, { ...options, onlyRules: [ruleId] }));
  }

  private async annotate(uri: string): Promise<string | false> {
    const view = viewUriOf(uri);
    const file = isWordView(uri) ? fileUriOfView(uri) : uri;
    // The options as for the view (settings and config by its path); the text is the file's.
    const options = await this.host.lintOptions(TextDocument.create(view, 'plaintext', 0, ''));
    const annotated = this.words.annotate(file, options);
    if ('error' in annotated) {
      void this.host.connection.window.showErrorMessage(`SpeechLint：${annotated.error}`);
      return false;
    }
    return annotated.path;
  }

  /** The open view of a .docx, or one made from the file for a command on a file that is not open. */
  private view(uri: string): TextDocument | undefined {
    const view = viewUriOf(uri);
    const open = this.host.document(view);
    if (open) return open;
    const read = this.words.text(fileUriOfView(view));
    if ('error' in read) {
      void this.host.connection.window.showErrorMessage(`SpeechLint：${read.error}`);
      return undefined;
    }
    return TextDocument.create(view, 'plaintext', 0, read.text);
  }

  /** Says what was written (and what could not be); false on failure. */
  private reportOutcome(outcome: WordOutcome | { error: string }): WordOutcome | false {
    if ('error' in outcome) {
      void this.host.connection.window.showErrorMessage(`SpeechLint：${outcome.error}`);
      return false;
    }
    if (outcome.skipped > 0) {
      void this.host.connection.window.showWarningMessage(`SpeechLint：已以修订写入 ${outcome.applied} 处；另有 ${outcome.skipped} 处在域、自动编号或文本框中，无法以修订写入，未改动`);
    }
    return outcome;
  }
}

function viewUriOf(uri: string): string {
  return isWordView(uri) ? uri : `${WORD_SCHEME}:${new URL(uri).pathname}`;
}
