// The VS Code extension: starts the SpeechLint language server and adds commands and a
// status bar item. It knows nothing of the rules: everything goes through LSP.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerWordDocuments, WORD_SCHEME } from './word-documents.js';

/** Server-side commands (the language client registers them from the server's capabilities). */
const SERVER = {
  fixAll: 'speechlint.server.fixAll',
  convert: 'speechlint.server.convert',
  lintWorkspace: 'speechlint.server.lintWorkspace',
  editConfig: 'speechlint.server.editConfig',
  report: 'speechlint.server.report',
  openConfig: 'speechlint.server.openConfig',
};

/** What the server's "填写占位符" quick fix passes (server/lsp/code-actions.ts FillPlaceholderRequest). */
interface FillPlaceholderRequest {
  uri: string;
  token: string;
  key: string;
}

interface Status {
  uri: string;
  state: 'busy' | 'ready';
  errors: number;
  warnings: number;
}

let client: LanguageClient | undefined;

/** What `vscode.extensions.getExtension('speechlint.speechlint').exports` offers other extensions (and the tests). */
export interface SpeechLintApi {
  /** The status bar item as shown now: its text (with $(icon) names) and tooltip. */
  status(): { text: string; tooltip: string; visible: boolean };
}

export async function activate(context: vscode.ExtensionContext): Promise<SpeechLintApi> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const output = vscode.window.createOutputChannel('SpeechLint', { log: true });
  const clientOptions: LanguageClientOptions = {
    // Drafts, and the text views of Word documents (word-documents.ts).
    documentSelector: [...['file', 'untitled'].flatMap((scheme) => ['plaintext', 'markdown'].map((language) => ({ scheme, language }))), { scheme: WORD_SCHEME }],
    outputChannel: output,
    // Restricted Mode: the server runs no regexes from settings or config files (see package.json).
    // clientCommands: the server may offer quick fixes that run this extension's commands
    // (user settings, the placeholder input box); other LSP clients are not offered them.
    initializationOptions: { trusted: vscode.workspace.isTrusted, clientCommands: true },
  };
  client = new LanguageClient('speechlint', 'SpeechLint 讲话稿校对', serverOptions, clientOptions);

  const statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  statusItem.command = 'speechlint.showOutput';
  const statuses = new Map<string, Status>();
  let statusVisible = false;
  const showStatus = () => {
    const editor = vscode.window.activeTextEditor;
    const status = editor ? statuses.get(editor.document.uri.toString()) : undefined;
    if (!vscode.workspace.getConfiguration('speechlint', editor?.document).get<boolean>('enable', true)) {
      statusItem.text = '$(circle-slash) 讲话稿校对';
      statusItem.tooltip = 'SpeechLint 已停用（命令“SpeechLint: 启用/停用本工作区的检查”可重新启用）';
      statusItem.command = 'speechlint.toggle';
      statusItem.show();
      statusVisible = true;
      return;
    }
    statusItem.command = 'speechlint.showOutput';
    if (!editor || !['plaintext', 'markdown'].includes(editor.document.languageId)) {
      statusItem.hide();
      statusVisible = false;
      return;
    }
    if (!status || status.state === 'busy') {
      statusItem.text = '$(sync~spin) 讲话稿校对';
      statusItem.tooltip = 'SpeechLint 正在检查…';
    } else {
      const counts = [status.errors > 0 ? `$(error) ${status.errors}` : '', status.warnings > 0 ? `$(warning) ${status.warnings}` : ''].filter(Boolean).join(' ');
      statusItem.text = counts === '' ? '$(check) 讲话稿校对' : `讲话稿校对 ${counts}`;
      statusItem.tooltip = `SpeechLint：${status.errors} 个错误，${status.warnings} 个警告或提示（点击查看输出）`;
    }
    statusItem.show();
    statusVisible = true;
  };

  const activeUri = (): string | undefined => vscode.window.activeTextEditor?.document.uri.toString();
  context.subscriptions.push(
    output,
    statusItem,
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('speechlint/trustGranted')),
    vscode.window.onDidChangeActiveTextEditor(showStatus),
    vscode.commands.registerCommand('speechlint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('speechlint.fixAll', () => {
      const uri = activeUri();
      return uri ? vscode.commands.executeCommand(SERVER.fixAll, uri) : undefined;
    }),
    vscode.commands.registerCommand('speechlint.convertToSimplified', () => {
      const uri = activeUri();
      return uri ? vscode.commands.executeCommand(SERVER.convert, uri, 'simplified') : undefined;
    }),
    vscode.commands.registerCommand('speechlint.convertToTraditional', () => {
      const uri = activeUri();
      return uri ? vscode.commands.executeCommand(SERVER.convert, uri, 'traditional') : undefined;
    }),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('speechlint.enable') && showStatus()),
    vscode.commands.registerCommand('speechlint.allowInUserSettings', allowInUserSettings),
    vscode.commands.registerCommand('speechlint.fillPlaceholder', fillPlaceholder),
    vscode.commands.registerCommand('speechlint.showReport', (uri?: string) => showReport(uri ?? activeUri())),
    vscode.commands.registerCommand('speechlint.openConfig', openConfig),
    vscode.commands.registerCommand('speechlint.toggle', toggle),
    vscode.commands.registerCommand('speechlint.lintWorkspace', async () => {
      const count = await vscode.commands.executeCommand<number>(SERVER.lintWorkspace);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      return count;
    }),
  );

  await client.start();
  registerWordDocuments(context, client);
  context.subscriptions.push(
    client.onNotification('speechlint/status', (status: Status) => {
      statuses.set(status.uri, status);
      if (status.uri === activeUri()) showStatus();
    }),
  );
  showStatus();
  return { status: () => ({ text: statusItem.text, tooltip: String(statusItem.tooltip ?? ''), visible: statusVisible }) };
}

/** Appends the phrase to `speechlint.allow` in the user settings (every workspace of this user). */
async function allowInUserSettings(phrase: unknown): Promise<boolean> {
  if (typeof phrase !== 'string' || phrase === '') return false;
  const config = vscode.workspace.getConfiguration('speechlint');
  const current = config.inspect<string[]>('allow')?.globalValue ?? [];
  if (!current.includes(phrase)) await config.update('allow', [...current, phrase], vscode.ConfigurationTarget.Global);
  return true;
}

/**
 * Asks for the value of a placeholder in context ("X科技城" → "攀枝花科技城", the X selected
 * so that typing replaces it), writes it into the project's `placeholders` and fills every
 * occurrence in the file. `value` answers the question without the input box (scripts, tests).
 */
async function fillPlaceholder(request: FillPlaceholderRequest, value?: string): Promise<unknown> {
  const at = request.key.indexOf(request.token);
  const answer =
    value ??
    (await vscode.window.showInputBox({
      title: `填写占位符“${request.token}”`,
      prompt: `“${request.key}”应写作（写入项目配置的 placeholders，本文件中所有“${request.key}”一并填写）`,
      value: request.key,
      valueSelection: at >= 0 ? [at, at + request.token.length] : undefined,
      validateInput: (v) => (v.trim() === '' ? '请填写实际内容' : v.includes(request.key) ? `填写的内容不能包含“${request.key}”本身` : undefined),
    }));
  if (answer === undefined || answer.trim() === '' || answer.includes(request.key)) return undefined;
  return vscode.commands.executeCommand(SERVER.editConfig, request.uri, { kind: 'placeholder', key: request.key, value: answer });
}

/** Every finding of the document, uncapped, as the CLI prints them (a read-only log view, not linted). */
async function showReport(uri: string | undefined): Promise<vscode.TextDocument | undefined> {
  if (!uri) return undefined;
  const report = await vscode.commands.executeCommand<string>(SERVER.report, uri);
  if (typeof report !== 'string') return undefined;
  const document = await vscode.workspace.openTextDocument({ content: report, language: 'log' });
  await vscode.window.showTextDocument(document, { preview: true });
  return document;
}

/** Opens the config file in force for the active file (or the workspace), creating a commented starter if there is none. */
async function openConfig(): Promise<vscode.TextEditor | undefined> {
  const target = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!target) {
    void vscode.window.showWarningMessage('SpeechLint：请先打开一个文件夹或文件 / open a folder first');
    return undefined;
  }
  const path = await vscode.commands.executeCommand<string | false>(SERVER.openConfig, target.toString());
  if (!path) return undefined;
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(path)));
}

/** Turns linting off or on for this workspace (`speechlint.enable` in the workspace settings). */
async function toggle(): Promise<boolean> {
  const config = vscode.workspace.getConfiguration('speechlint');
  const enabled = !config.get<boolean>('enable', true);
  const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('enable', enabled, target);
  void vscode.window.setStatusBarMessage(enabled ? 'SpeechLint：已启用本工作区的检查' : 'SpeechLint：已停用本工作区的检查', 3000);
  return enabled;
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
