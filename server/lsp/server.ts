import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  convertDocument,
  IncrementalLinter,
  INTERNAL_ERROR,
  isSegmenterLoaded,
  loadSegmenter,
  RULES,
  type DocumentLanguage,
  type Finding,
  type LintConfig,
  type LintOptions,
  type Rule,
} from '../../rules/index.js';
import { VERSION } from '../version.js';
import { CONFIG_FILE_NAME, ConfigError, effectiveConfig, findConfig, type LoadedConfig } from '../config-loader.js';
import { isRegexEntry } from '../../rules/index.js';
import { CLIENT_COMMANDS, parseConfigChange } from './code-actions.js';
import { ConfigEditError, writeConfigChange } from './config-edits.js';
import { starterConfigText } from '../starter-config.js';
import { configProblemDiagnostics, diagnosticsOf, pathOfUri } from './diagnostics.js';
import { minimalEdit } from './document-edits.js';
import { lintClosedFiles } from './workspace-lint.js';
import { isWordView } from './word-documents.js';
import { WORD_COMMANDS, WordCommands } from './word-commands.js';
import { FIX_ALL_KIND, QuickFixes, versionedEdit } from './quick-fixes.js';
import { FORMATTERS, formatAll } from '../cli/formatters/index.js';
import { createFileAtomic, MB } from '../cli/file-access.js';
import { DEFAULT_SETTINGS, normalizeSettings, settingsLayer, type SpeechLintSettings } from './settings.js';

/** Commands the server executes; the client wraps them for the command palette. */
export const SERVER_COMMANDS = {
  fixAll: 'speechlint.server.fixAll',
  convert: 'speechlint.server.convert',
  lintWorkspace: 'speechlint.server.lintWorkspace',
  /** [uri, ConfigChange]: writes the project's config file (allow, a rule off, a placeholder's value). */
  editConfig: 'speechlint.server.editConfig',
  /** [uri]: every finding of the document as the CLI's stylish report (no cap). */
  report: 'speechlint.server.report',
  /** [uri]: the path of the config file in force there, after creating a commented starter if there is none. */
  openConfig: 'speechlint.server.openConfig',
  ...WORD_COMMANDS,
} as const;

/** Milliseconds the config watcher waits for a burst of file events (a save is several) to end. */
const CONFIG_SETTLE_MS = 150;

/** `source.fixAll.speechlint`: lets `editor.codeActionsOnSave` run our fix-all. */
/** Client → server: the user has trusted the workspace (VS Code onDidGrantWorkspaceTrust). */
export const TRUST_GRANTED = 'speechlint/trustGranted';

/** Busy/ready and counts for the client's status bar. */
export const STATUS_NOTIFICATION = 'speechlint/status';

/** What a lazily resolved code action will edit (sent as the action's `data`). */

interface DocumentState {
  linter: IncrementalLinter;
  timer?: NodeJS.Timeout;
  /** Last version whose full results were published, and the one being linted now. */
  lintedVersion?: number;
  runningVersion?: number;
  /** The settings generation the running lint read its settings in (see SpeechLintServer.generation). */
  runningGeneration?: number;
  findings: Finding[];
  findingsVersion?: number;
}

/**
 * The SpeechLint language server: a thin adapter from LSP to the engine. It takes a
 * connection (stdio, IPC or an in-memory pair in tests) and never writes to stdout itself.
 */
export class SpeechLintServer {
  readonly documents = new TextDocuments(TextDocument);
  private readonly states = new Map<string, DocumentState>();
  private readonly settingsCache = new Map<string, Promise<SpeechLintSettings>>();
  private configCache = new Map<string, LoadedConfig | null>();
  private readonly reported = new Set<string>();
  private readonly configProblemUris = new Set<string>();
  private workspaceFolders: string[] = [];
  /**
   * VS Code workspace trust (initializationOptions.trusted, then TRUST_GRANTED). Untrusted
   * (Restricted Mode): built-in rules and literal phrases only; regexes from the settings and
   * the workspace's config files are not run. Nothing in a config runs code or names a program.
   */
  private trusted = true;
  private canPullConfiguration = false;
  private canWatchFiles = false;
  /** The client fills in an action's edit lazily (codeAction/resolve): costly edits wait until chosen. */
  private canResolveEdits = false;
  private segmenterRequested = false;
  /** The VS Code client runs CLIENT_COMMANDS (user settings, the placeholder input box). */
  private clientCommands = false;
  private configTimer?: NodeJS.Timeout;
  /**
   * Bumped whenever settings, config files or trust change. A lint that read its settings in
   * an older generation is stale: it publishes nothing, and a new run is not skipped for it
   * (otherwise turning linting off during a run left the old findings up).
   */
  private generation = 0;

  private readonly words: WordCommands;
  private readonly fixes: QuickFixes;

  constructor(
    private readonly connection: Connection,
    private readonly rules: readonly Rule[] = RULES,
  ) {
    this.words = new WordCommands(rules, {
      connection,
      document: (uri) => this.documents.get(uri),
      lintOptions: async (document) => this.lintOptions(document, await this.settings(document.uri)),
    });
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => this.initialized());
    this.fixes = new QuickFixes({
      connection,
      rules,
      runsClientCommands: () => this.clientCommands,
      resolvesEdits: () => this.canResolveEdits,
      editConfigCommand: SERVER_COMMANDS.editConfig,
      document: (uri) => this.documents.get(uri),
      currentFindings: (document) => this.currentFindings(document),
      lintOptions: async (document) => this.lintOptions(document, await this.settings(document.uri)),
      configPath: (uri) => this.projectConfig(uri)?.path,
      wordActions: (document, actions) => (isWordView(document.uri) ? this.words.codeActions(document, actions) : actions),
    });
    connection.onCodeAction((params) => this.fixes.codeActions(params));
    connection.onCodeActionResolve((action) => this.fixes.resolve(action));
    connection.onExecuteCommand((params) => this.executeCommand(params.command, params.arguments ?? []));
    connection.onDidChangeConfiguration(() => {
      this.settingsCache.clear();
      this.relintAll();
    });
    connection.onNotification(TRUST_GRANTED, () => {
      this.trusted = true;
      this.relintAll();
    });
    // Debounced: an editor's save, or a tool's write, arrives as several events, and a file
    // read in the middle of one can be empty.
    connection.onDidChangeWatchedFiles(() => {
      clearTimeout(this.configTimer);
      this.configTimer = setTimeout(() => this.configChanged(), CONFIG_SETTLE_MS);
    });
    this.documents.onDidOpen((e) => this.schedule(e.document.uri, 0));
    this.documents.onDidChangeContent((e) => this.guarded('didChange', () => this.onChange(e.document.uri)));
    this.documents.onDidSave((e) => this.guarded('didSave', () => this.onSave(e.document.uri)));
    this.documents.onDidClose((e) => this.close(e.document.uri));
    this.documents.listen(connection);
  }

  listen(): void {
    this.connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    const capabilities = params.capabilities;
    this.canPullConfiguration = capabilities.workspace?.configuration === true;
    this.canWatchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.canResolveEdits = capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    const initializationOptions = params.initializationOptions as { trusted?: boolean; clientCommands?: boolean } | undefined;
    this.trusted = initializationOptions?.trusted !== false;
    this.clientCommands = initializationOptions?.clientCommands === true;
    // Folders with no local path (vscode-vfs://, a UNC host) are skipped: nothing to read there.
    this.workspaceFolders = (params.workspaceFolders ?? []).flatMap((f) => pathOfUri(f.uri) ?? []);
    if (this.workspaceFolders.length === 0 && params.rootUri) this.workspaceFolders = [pathOfUri(params.rootUri) ?? []].flat();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: 'speechlint', version: VERSION },
    };
  }

  private initialized(): void {
    if (this.canPullConfiguration) void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'speechlint' });
    if (this.canWatchFiles) {
      void this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/.speechlintrc.json' }, { globPattern: '**/package.json' }],
      });
    }
  }

  // ---- scheduling ---------------------------------------------------------------------

  private state(uri: string): DocumentState {
    let state = this.states.get(uri);
    if (!state) {
      state = { linter: new IncrementalLinter(this.rules), findings: [] };
      this.states.set(uri, state);
    }
    return state;
  }

  /** Notifications have no reply to carry an error: a failure is logged, never left to kill the process. */
  private guarded(what: string, run: () => Promise<void>): void {
    run().catch((error: unknown) => this.connection.console.error(`speechlint: ${what} 失败 / failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  }

  private async onChange(uri: string): Promise<void> {
    const settings = await this.settings(uri);
    if (settings.run === 'onType') this.schedule(uri, settings.debounce);
  }

  private async onSave(uri: string): Promise<void> {
    const settings = await this.settings(uri);
    if (settings.run === 'onSave') this.schedule(uri, 0);
  }

  private schedule(uri: string, delay: number): void {
    const state = this.state(uri);
    clearTimeout(state.timer);
    state.timer = setTimeout(() => this.guarded(`lint ${uri}`, () => this.lintDocument(uri)), delay);
  }

  /** A config file changed: read again, and show its problems again if it still has some. */
  private configChanged(): void {
    clearTimeout(this.configTimer);
    this.configCache = new Map();
    for (const uri of this.configProblemUris) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.configProblemUris.clear();
    for (const key of [...this.reported]) if (key.startsWith('config:')) this.reported.delete(key);
    this.relintAll();
  }

  private relintAll(): void {
    this.generation++;
    for (const document of this.documents.all()) {
      this.state(document.uri).lintedVersion = undefined;
      this.schedule(document.uri, 0);
    }
  }

  private close(uri: string): void {
    const state = this.states.get(uri);
    if (state) clearTimeout(state.timer);
    this.states.delete(uri);
    this.settingsCache.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /**
   * Lints the current version once. Rules that need the segmenter wait for it to load the
   * first time, after the others have reported; a newer version cancels a run in progress.
   */
  private async lintDocument(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    if (!document) return;
    const version = document.version;
    const generation = this.generation;
    const state = this.state(uri);
    if (state.lintedVersion === version) return;
    if (state.runningVersion === version && state.runningGeneration === generation) return;
    state.runningVersion = version;
    state.runningGeneration = generation;
    try {
      await this.lintVersion(document, state, generation);
    } finally {
      if (state.runningVersion === version && state.runningGeneration === generation) {
        state.runningVersion = undefined;
        state.runningGeneration = undefined;
      }
    }
  }

  private async lintVersion(document: TextDocument, state: DocumentState, generation: number): Promise<void> {
    const { uri, version } = document;
    const isStale = () => this.documents.get(uri)?.version !== version || this.generation !== generation;
    const settings = await this.settings(uri);
    if (isStale()) return;
    if (!settings.enable) {
      state.lintedVersion = version;
      state.findings = [];
      state.findingsVersion = version;
      void this.connection.sendDiagnostics({ uri, version, diagnostics: [] });
      this.status(uri, version, 'ready');
      return;
    }
    const text: unknown = document.getText();
    if (typeof text !== 'string') {
      this.once(`no-text:${uri}`, () => this.connection.console.error(`speechlint: ${uri} 没有文本内容（text 不是字符串），未检查 / the document has no text; not linted`));
      return;
    }
    const megabytes = Buffer.byteLength(text, 'utf8') / MB;
    if (settings.maxFileSize > 0 && megabytes > settings.maxFileSize) {
      // Linting would hold the server for seconds; say so once, in the file, and stop there.
      state.lintedVersion = version;
      state.findings = [];
      state.findingsVersion = version;
      const message = `文件过大（${megabytes.toFixed(1)} MB），超过 speechlint.maxFileSize（${settings.maxFileSize} MB），未检查 / file too large, not linted`;
      void this.connection.sendDiagnostics({ uri, version, diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: 'speechlint', message }] });
      this.status(uri, version, 'ready');
      return;
    }
    this.status(uri, version, 'busy');
    const options = this.lintOptions(document, settings);
    if (!isSegmenterLoaded() && this.needsSegmenter(options)) {
      const fast = this.rules.filter((r) => !r.meta.needsSegmenter).map((r) => r.meta.id);
      const partial = await state.linter.lintAsync(document.getText(), { ...options, onlyRules: fast }, isStale);
      if (!partial) return;
      this.publish(document, partial, settings.maxProblems);
      if (!this.segmenterRequested) {
        this.segmenterRequested = true;
        await new Promise((resolve) => setImmediate(resolve));
        const ms = loadSegmenter();
        this.connection.console.info(`segmenter loaded in ${Math.round(ms)} ms`);
      }
      if (isStale()) return;
    }
    const findings = await state.linter.lintAsync(document.getText(), options, isStale);
    if (!findings) return;
    state.lintedVersion = version;
    state.findings = findings;
    state.findingsVersion = version;
    this.publish(document, findings, settings.maxProblems);
    this.reportInternalErrors(findings);
    this.status(uri, version, 'ready', findings);
  }

  private needsSegmenter(options: { config: LintConfig }): boolean {
    return this.rules.some((r) => r.meta.needsSegmenter && options.config.rules[r.meta.id]?.severity !== 'off');
  }

  private publish(document: TextDocument, findings: readonly Finding[], maxProblems: number): void {
    void this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: diagnosticsOf(document, findings, maxProblems) });
  }

  private status(uri: string, version: number, state: 'busy' | 'ready', findings: readonly Finding[] = []): void {
    const errors = findings.filter((f) => f.severity === 'error').length;
    void this.connection.sendNotification(STATUS_NOTIFICATION, { uri, version, state, errors, warnings: findings.length - errors });
  }

  private reportInternalErrors(findings: readonly Finding[]): void {
    for (const f of findings) {
      if (f.messageId !== INTERNAL_ERROR) continue;
      this.once(`internal:${f.ruleId}`, () => {
        this.connection.console.error(f.message);
        void this.connection.window.showErrorMessage(`SpeechLint：${f.message}`);
      });
    }
  }

  private once(key: string, action: () => void): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    action();
  }

  // ---- configuration ------------------------------------------------------------------

  private settings(uri: string): Promise<SpeechLintSettings> {
    let settings = this.settingsCache.get(uri);
    if (!settings) {
      settings = this.canPullConfiguration
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'speechlint' }).then(normalizeSettings, () => DEFAULT_SETTINGS)
        : Promise.resolve(DEFAULT_SETTINGS);
      this.settingsCache.set(uri, settings);
    }
    return settings;
  }

  /** Settings and the project's config file, merged by the same function as the CLI. */
  private lintOptions(document: TextDocument, settings: SpeechLintSettings): LintOptions & { config: LintConfig } {
    const { layer, problems } = settingsLayer(settings);
    for (const p of problems) this.once(`settings:${p.path}:${p.message}`, () => this.connection.console.warn(`speechlint.${p.path}: ${p.message}`));
    const project = this.projectConfig(document.uri);
    const language: DocumentLanguage = document.languageId === 'markdown' ? 'markdown' : 'plaintext';
    const config = effectiveConfig({ settings: layer, project: project?.config });
    if (!this.trusted) {
      const regexes = config.allow.filter(isRegexEntry);
      if (regexes.length > 0) {
        config.allow = config.allow.filter((entry) => !isRegexEntry(entry));
        this.once(`restricted:${regexes.join('\u0000')}`, () =>
          this.connection.console.info(`受限模式（工作区未受信任）：allow 中的 ${regexes.length} 条正则表达式不生效 / Restricted Mode: regex entries of allow are ignored: ${regexes.join(', ')}`),
        );
      }
    }
    return { language, config };
  }

  private projectConfig(uri: string): LoadedConfig | undefined {
    const path = pathOfUri(uri);
    const dir = path === undefined ? this.workspaceFolders[0] : dirname(path);
    if (!dir) return undefined;
    try {
      return findConfig(dir, this.configCache);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.once(`config:${error.message}`, () => {
        this.connection.console.error(error.message);
        void this.connection.window.showErrorMessage(`SpeechLint：${error.message.split('\n').join(' ')}（暂按默认配置检查）`);
        this.publishConfigProblems(error);
      });
      return undefined; // keep linting with the settings alone
    }
  }

  private publishConfigProblems(error: ConfigError): void {
    const { uri, diagnostics } = configProblemDiagnostics(error);
    this.configProblemUris.add(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }

  // ---- code actions -------------------------------------------------------------------

  /** Findings for the document's current version (linted now if the published ones are stale). */
  private async currentFindings(document: TextDocument): Promise<Finding[]> {
    const state = this.state(document.uri);
    if (state.findingsVersion === document.version) return state.findings;
    const settings = await this.settings(document.uri);
    const findings = state.linter.lint(document.getText(), this.lintOptions(document, settings));
    state.findings = findings;
    state.findingsVersion = document.version;
    return findings;
  }

  private folderOf(uri: string): string | undefined {
    const path = pathOfUri(uri);
    if (path === undefined) return this.workspaceFolders[0];
    return this.workspaceFolders.find((f) => path.startsWith(f + '/')) ?? dirname(path);
  }

  // ---- commands -----------------------------------------------------------------------

  private async executeCommand(command: string, args: unknown[]): Promise<unknown> {
    const uri = typeof args[0] === 'string' ? args[0] : undefined;
    const document = uri ? this.documents.get(uri) : undefined;
    const word = this.words.execute(command, args);
    if (word) return word;
    switch (command) {
      case SERVER_COMMANDS.fixAll: {
        if (document && isWordView(document.uri)) return this.words.fixAll(document.uri);
        if (!document) return false;
        const edit = await this.fixes.fixAllEdit(document);
        return edit ? (await this.connection.workspace.applyEdit(edit)).applied : true;
      }
      case SERVER_COMMANDS.convert: {
        if (!document || (args[1] !== 'simplified' && args[1] !== 'traditional')) return false;
        const text = document.getText();
        const output = convertDocument(text, args[1], document.languageId === 'markdown' ? 'markdown' : 'plaintext');
        if (isWordView(document.uri)) return output === text || this.words.revise(document, output) !== false;
        return output === text ? true : (await this.connection.workspace.applyEdit(versionedEdit(document, [minimalEdit(text, output)]))).applied;
      }
      case SERVER_COMMANDS.lintWorkspace:
        return this.lintWorkspace();
      case SERVER_COMMANDS.editConfig:
        return uri ? this.editConfig(uri, args[1]) : false;
      case SERVER_COMMANDS.report:
        return document ? this.report(document) : undefined;
      case SERVER_COMMANDS.openConfig:
        return uri ? this.openConfig(uri) : false;
      default:
        return undefined;
    }
  }

  /**
   * Writes a change into the config file in force for the document (or a new .speechlintrc.json
   * in its workspace folder), reads it again at once, and for a placeholder's value fills every
   * occurrence in the document. Returns the path written, or false.
   */
  private async editConfig(uri: string, rawChange: unknown): Promise<string | false> {
    const change = parseConfigChange(rawChange, this.rules.map((r) => r.meta.id));
    const folder = this.folderOf(uri);
    if (!change || !folder) return false;
    let written: string;
    try {
      written = writeConfigChange(this.projectConfig(uri)?.path ?? join(folder, CONFIG_FILE_NAME), change);
    } catch (error) {
      const reason = error instanceof ConfigEditError ? error.message : `无法写入配置文件 / cannot write the config file: ${(error as Error).message}`;
      void this.connection.window.showErrorMessage(`SpeechLint：${reason}`);
      return false;
    }
    this.configChanged();
    const document = this.documents.get(uri);
    if (change.kind === 'placeholder' && document) {
      const edit = await this.fixes.fixAllEdit(document, 'placeholder', 'safe');
      if (edit) await this.connection.workspace.applyEdit(edit);
    }
    return written;
  }

  /** `uri` is the active file, or a workspace folder when no file is open. */
  private openConfig(uri: string): string | false {
    const path = pathOfUri(uri);
    const isFolder = path !== undefined && existsSync(path) && statSync(path).isDirectory();
    const folder = isFolder ? path : this.folderOf(uri);
    if (!folder) return false;
    try {
      // Read afresh: the user may have just created or broken one (the watcher waits for a burst to end).
      const existing = findConfig(isFolder ? path : dirname(path ?? join(folder, 'x')));
      if (existing) return existing.path;
    } catch (error) {
      if (error instanceof ConfigError) return error.path; // a broken file is opened to be mended
      throw error;
    }
    const target = join(folder, CONFIG_FILE_NAME);
    try {
      if (!existsSync(target)) createFileAtomic(target, starterConfigText());
    } catch (error) {
      void this.connection.window.showErrorMessage(`SpeechLint：无法创建 ${target} / cannot create the config file: ${(error as Error).message}`);
      return false;
    }
    this.configChanged();
    return target;
  }

  /** All findings of the document, as the CLI's stylish report prints them. */
  private async report(document: TextDocument): Promise<string> {
    const findings = await this.currentFindings(document);
    const path = pathOfUri(document.uri) ?? document.uri;
    const cwd = this.folderOf(document.uri) ?? dirname(path);
    const result = { filePath: path, displayPath: path.startsWith(cwd + '/') ? path.slice(cwd.length + 1) : path, source: document.getText(), findings };
    return formatAll(FORMATTERS.stylish, [result], { cwd, color: false, version: VERSION, rules: this.rules });
  }

  /** Lints every .txt/.md file of the workspace folders that is not open, for the Problems view. */
  private lintWorkspace(): Promise<number> {
    return lintClosedFiles(this.workspaceFolders, {
      isOpen: (uri) => this.documents.get(uri) !== undefined,
      configFor: (dir) => findConfig(dir, this.configCache),
      lint: async (document) => {
        const settings = await this.settings(document.uri);
        const findings = new IncrementalLinter(this.rules).lint(document.getText(), this.lintOptions(document, settings));
        void this.connection.sendDiagnostics({ uri: document.uri, diagnostics: diagnosticsOf(document, findings, settings.maxProblems) });
        return findings.length;
      },
    });
  }
}
