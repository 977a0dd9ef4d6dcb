// Word documents in VS Code. A .docx opens as SpeechLint's read-only text view of it (scheme
// speechlint-docx, the file's own path): the server reads the text from the file and lints it
// like any draft, with diagnostics, the Problems panel and quick fixes, which the server writes
// into the .docx as tracked changes. Two commands write Word files: a commented copy, and
// every fix as tracked changes.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** Shared with the server (server/lsp/word-documents.ts, server/lsp/server.ts). */
export const WORD_SCHEME = 'speechlint-docx';
const WORD_TEXT_REQUEST = 'speechlint/wordText';
const WORD_CHANGED_NOTIFICATION = 'speechlint/wordChanged';
const SERVER_FIX_WORD = 'speechlint.server.fixWord';
const SERVER_ANNOTATE_WORD = 'speechlint.server.annotateWord';
export const WORD_EDITOR_VIEW_TYPE = 'speechlint.wordDocument';

/** The text view of a .docx file. */
export function wordViewOf(file: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: WORD_SCHEME, path: file.path });
}

/** Call once the client has started. */
export function registerWordDocuments(context: vscode.ExtensionContext, client: LanguageClient): void {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    async provideTextDocumentContent(uri) {
      const file = vscode.Uri.file(uri.path);
      const read = await client.sendRequest<{ text?: string; error?: string }>(WORD_TEXT_REQUEST, { uri: file.toString() });
      if (read.text !== undefined) return read.text;
      void vscode.window.showErrorMessage(`SpeechLint：${read.error ?? '无法读取 Word 文档'}`);
      return '';
    },
  };
  // A .docx saved in Word (or written by a fix) shows again.
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.docx');
  const refresh = (file: vscode.Uri) => {
    const view = wordViewOf(file);
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === view.toString())) changed.fire(view);
  };
  context.subscriptions.push(
    changed,
    watcher,
    watcher.onDidChange(refresh),
    vscode.workspace.registerTextDocumentContentProvider(WORD_SCHEME, provider),
    vscode.window.registerCustomEditorProvider(WORD_EDITOR_VIEW_TYPE, new WordEditorProvider(), { supportsMultipleEditorsPerDocument: false }),
    vscode.commands.registerCommand('speechlint.openWordText', (uri?: vscode.Uri) => {
      const file = wordFile(uri);
      return file ? openWordView(file) : undefined;
    }),
    vscode.commands.registerCommand('speechlint.annotateWord', async (uri?: vscode.Uri) => {
      const file = wordFile(uri);
      if (!file) return undefined;
      const path = await vscode.commands.executeCommand<string | false>(SERVER_ANNOTATE_WORD, file.toString());
      if (path) void vscode.window.showInformationMessage(`SpeechLint：已写入带批注的副本 ${vscode.workspace.asRelativePath(path)}（原文件未改动）`);
      return path;
    }),
    vscode.commands.registerCommand('speechlint.fixWord', async (uri?: vscode.Uri) => {
      const file = wordFile(uri);
      if (!file) return undefined;
      const outcome = await vscode.commands.executeCommand<{ applied: number; skipped: number } | false>(SERVER_FIX_WORD, file.toString());
      if (outcome) {
        void vscode.window.showInformationMessage(
          outcome.applied > 0 ? `SpeechLint：已以修订写入 ${outcome.applied} 处修改（作者 SpeechLint），请在 Word 或 WPS 中逐条接受或拒绝` : 'SpeechLint：没有可自动修复的问题',
        );
      }
      return outcome;
    }),
  );
  context.subscriptions.push(client.onNotification(WORD_CHANGED_NOTIFICATION, (params: { uri: string }) => refresh(vscode.Uri.parse(params.uri))));
}

/** The .docx a command is for: the one named (Explorer's context menu), else the active view's. */
function wordFile(uri: vscode.Uri | undefined): vscode.Uri | undefined {
  if (uri?.scheme === 'file' && /\.docx$/i.test(uri.path)) return uri;
  const active = uri ?? vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === WORD_SCHEME) return vscode.Uri.file(active.path);
  void vscode.window.showWarningMessage('SpeechLint：请先打开或选中一个 Word 文档（.docx）/ open or select a .docx first');
  return undefined;
}

async function openWordView(file: vscode.Uri, column?: vscode.ViewColumn): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(wordViewOf(file));
  if (document.languageId !== 'plaintext') await vscode.languages.setTextDocumentLanguage(document, 'plaintext');
  return vscode.window.showTextDocument(document, { preview: false, ...(column ? { viewColumn: column } : {}) });
}

/**
 * Opening a .docx (double-click in the Explorer) shows the text view in its place: Word's
 * zip is no text VS Code can show, and this custom editor only hands over to the view.
 */
class WordEditorProvider implements vscode.CustomReadonlyEditorProvider {
  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.html = '<!DOCTYPE html><html><body><p>SpeechLint 正在打开 Word 文档的文本视图…</p></body></html>';
    await openWordView(document.uri, panel.viewColumn);
    panel.dispose();
  }
}
