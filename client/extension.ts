// The VS Code extension: starts the SpeechLint language server and adds commands and a
// status bar item. It knows nothing of the rules: everything goes through LSP.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Server-side commands (the language client registers them from the server's capabilities). */
const SERVER = {
  fixAll: 'speechlint.server.fixAll',
  convert: 'speechlint.server.convert',
  lintWorkspace: 'speechlint.server.lintWorkspace',
};

interface Status {
  uri: string;
  state: 'busy' | 'ready';
  errors: number;
  warnings: number;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const output = vscode.window.createOutputChannel('SpeechLint', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['file', 'untitled'].flatMap((scheme) => ['plaintext', 'markdown'].map((language) => ({ scheme, language }))),
    outputChannel: output,
    // Restricted Mode: the server runs no regexes from settings or config files (see package.json).
    initializationOptions: { trusted: vscode.workspace.isTrusted },
  };
  client = new LanguageClient('speechlint', 'SpeechLint 讲话稿校对', serverOptions, clientOptions);

  const statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  statusItem.command = 'speechlint.showOutput';
  const statuses = new Map<string, Status>();
  const showStatus = () => {
    const editor = vscode.window.activeTextEditor;
    const status = editor ? statuses.get(editor.document.uri.toString()) : undefined;
    if (!editor || !['plaintext', 'markdown'].includes(editor.document.languageId)) {
      statusItem.hide();
      return;
    }
    if (!status || status.state === 'busy') {
      statusItem.text = '$(sync~spin) 讲话稿校对';
      statusItem.tooltip = 'SpeechLint 正在检查…';
    } else {
      const total = status.errors + status.warnings;
      statusItem.text = total === 0 ? '$(check) 讲话稿校对' : `$(warning) 讲话稿校对 ${total}`;
      statusItem.tooltip = `SpeechLint：${status.errors} 个错误，${status.warnings} 个警告或提示（点击查看输出）`;
    }
    statusItem.show();
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
    vscode.commands.registerCommand('speechlint.lintWorkspace', async () => {
      const count = await vscode.commands.executeCommand<number>(SERVER.lintWorkspace);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      return count;
    }),
  );

  await client.start();
  context.subscriptions.push(
    client.onNotification('speechlint/status', (status: Status) => {
      statuses.set(status.uri, status);
      if (status.uri === activeUri()) showStatus();
    }),
  );
  showStatus();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
