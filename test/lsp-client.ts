// A minimal LSP client for end-to-end tests: spawns dist/server.js and speaks JSON-RPC over
// its stdio, answering the requests a real editor answers (configuration, applyEdit).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams, WorkspaceEdit } from 'vscode-languageserver-protocol';

export interface Status {
  uri: string;
  version: number;
  state: 'busy' | 'ready';
  errors: number;
  warnings: number;
}

type Event = { kind: 'diagnostics'; params: PublishDiagnosticsParams } | { kind: 'status'; params: Status } | { kind: 'message'; params: { type: number; message: string } };

export class LspTestClient {
  readonly events: Event[] = [];
  settings: Record<string, unknown> = {};
  private waiters: { test: (e: Event) => boolean; resolve: (e: Event) => void }[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
    readonly stderr: string[],
  ) {}

  static start(env: Record<string, string> = {}): LspTestClient {
    const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'server.js'), '--stdio'], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const stderr: string[] = [];
    child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
    child.on('exit', (code, signal) => stderr.push(`[server exited: ${code ?? signal}]`));
    const reader = new StreamMessageReader(child.stdout!);
    // A server stopped in the middle of a message leaves the reader with a partial one, and
    // vscode-jsonrpc re-arms a 10 s "partial message" timer for it forever (dispose does not
    // clear it): the test process then never exits. Nothing here needs that warning.
    reader.partialMessageTimeout = 0;
    const connection = createMessageConnection(reader, new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(child, connection, stderr);
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => client.push({ kind: 'diagnostics', params }));
    connection.onNotification('speechlint/status', (params: Status) => client.push({ kind: 'status', params }));
    connection.onNotification('window/showMessage', (params: { type: number; message: string }) => client.push({ kind: 'message', params }));
    connection.onNotification('window/logMessage', (params: { type: number; message: string }) => void client.log.push(params.message));
    connection.onRequest('window/showMessageRequest', (params: { type: number; message: string }) => {
      client.push({ kind: 'message', params });
      return null;
    });
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => client.settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
      client.appliedEdits.push(params.edit);
      return { applied: true };
    });
    connection.listen();
    return client;
  }

  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly log: string[] = [];

  private push(event: Event): void {
    this.events.push(event);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(event)) return true;
      w.resolve(event);
      return false;
    });
  }

  /**
   * Resolves with the first event (already seen or future) that passes `test`. The timeout only
   * turns a hang into a failure: generous, so that a busy machine never reaches it.
   */
  waitFor(test: (e: Event) => boolean, timeoutMs = 60_000): Promise<Event> {
    const seen = this.events.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for an LSP event; stderr: ${this.stderr.join('')}; log: ${this.log.slice(-5).join(' | ')}`)), timeoutMs);
      this.waiters.push({ test, resolve: (e) => { clearTimeout(timer); resolve(e); } });
    });
  }

  /** Waits until the server says it finished linting `version` of `uri`; returns the diagnostics it published for it. */
  async ready(uri: string, version: number): Promise<Diagnostic[]> {
    await this.waitFor((e) => e.kind === 'status' && e.params.uri === uri && e.params.version === version && e.params.state === 'ready');
    return this.lastDiagnostics(uri)!;
  }

  lastDiagnostics(uri: string): Diagnostic[] | undefined {
    const published = this.events.filter((e): e is Extract<Event, { kind: 'diagnostics' }> => e.kind === 'diagnostics' && e.params.uri === uri);
    return published[published.length - 1]?.params.diagnostics;
  }

  async initialize(rootPath: string, options: { resolveEdits?: boolean; initializationOptions?: unknown } = {}): Promise<Record<string, unknown>> {
    const rootUri = `file://${rootPath}`;
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'test' }],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, applyEdit: true, workspaceEdit: { documentChanges: true } },
        textDocument: {
          publishDiagnostics: { versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true },
          ...(options.resolveEdits ? { codeAction: { resolveSupport: { properties: ['edit'] }, dataSupport: true } } : {}),
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result as Record<string, unknown>;
  }

  open(uri: string, text: string, languageId = 'plaintext', version = 1): void {
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async stop(): Promise<void> {
    const exited = new Promise((r) => (this.child.exitCode !== null ? r(undefined) : this.child.once('exit', r)));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      // Awaited: a write still pending when the stream is destroyed rejects after the test ends.
      await this.connection.sendNotification('exit');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    } catch {
      // already gone
    }
    this.connection.dispose();
    this.child.kill();
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) stream?.destroy();
  }
}

/** Applies LSP text edits (line/character, UTF-16) to a text, as an editor does. */
export function applyLspEdits(text: string, edits: readonly { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') continue;
    if (text[i] === '\n' || text[i] === '\r') lineStarts.push(i + 1);
  }
  const offset = (p: { line: number; character: number }) => (lineStarts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
