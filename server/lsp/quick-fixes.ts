// Quick fixes and fix-all for the language server: the code actions a finding offers (its fix,
// its suggestions, fixing the whole rule, silencing it), edits computed lazily where the client
// can resolve them, and the fix-all edit under the engine's damage net. server.ts owns the
// documents, settings and config and hands them over through QuickFixHost.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Connection, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixUntilStable, IncrementalLinter, INTERNAL_ERROR, type Finding, type FixScope, type LintConfig, type LintOptions, type Rule, type TextEdit } from '../../rules/index.js';
import { CLIENT_COMMANDS, suppressionActions } from './code-actions.js';
import { hiddenNoteOf, toDiagnostic } from './diagnostics.js';
import { minimalEdit } from './document-edits.js';

/** The kind of our fix-all: editors run it on save when `source.fixAll.speechlint` is on. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.speechlint`;

/** An edit computed when the action is chosen (codeAction/resolve), not on every cursor move. */
type LazyEdit = { kind: 'fixRule'; uri: string; version: number; ruleId: string };

export interface QuickFixHost {
  readonly connection: Connection;
  readonly rules: readonly Rule[];
  /** Whether the client runs CLIENT_COMMANDS (the full report, the placeholder input box): known after initialize. */
  runsClientCommands(): boolean;
  /** Whether the client fills in an action's edit lazily (codeAction/resolve): known after initialize. */
  resolvesEdits(): boolean;
  /** The server command that writes the project's config (a suppression action runs it). */
  readonly editConfigCommand: string;
  document(uri: string): TextDocument | undefined;
  /** Findings for the document's current version. */
  currentFindings(document: TextDocument): Promise<Finding[]>;
  lintOptions(document: TextDocument): Promise<LintOptions & { config: LintConfig }>;
  /** The config file in force for the document, if any. */
  configPath(uri: string): string | undefined;
  /** The actions as the document's kind needs them (a Word view writes tracked changes). */
  wordActions(document: TextDocument, actions: CodeAction[]): CodeAction[];
}

export class QuickFixes {
  constructor(private readonly host: QuickFixHost) {}

  async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const document = this.host.document(params.textDocument.uri);
    if (!document) return [];
    const only = params.context.only;
    // Only our own kind: a global `source.fixAll` on save must not run a linter's deletions.
    // On save, safe fixes only (no residue deletion): the writer did not ask for this fix.
    if (only && only.some((kind) => kind === FIX_ALL_KIND)) {
      const edit = await this.fixAllEdit(document, undefined, 'safe');
      return edit ? [{ title: '修复全部可自动修复的问题（SpeechLint）', kind: FIX_ALL_KIND, edit }] : [];
    }
    const findings = await this.host.currentFindings(document);
    const actions: CodeAction[] = [];
    const hiddenNote = params.context.diagnostics.find((d) => hiddenNoteOf(d) !== undefined);
    if (hiddenNote && this.host.runsClientCommands()) {
      const title = `查看全部 ${findings.length} 个问题（命令行报告）`;
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [hiddenNote], isPreferred: true, command: { title, command: CLIENT_COMMANDS.showReport, arguments: [document.uri] } });
    }
    const start = document.offsetAt(params.range.start);
    const end = document.offsetAt(params.range.end);
    const fixAllRules = new Set<string>();
    const configPath = this.host.configPath(document.uri);
    const suppressions: CodeAction[] = [];
    for (const finding of findings) {
      if (finding.range.end < start || finding.range.start > end || finding.messageId === INTERNAL_ERROR) continue;
      const diagnostic = toDiagnostic(document, finding);
      if (finding.fix) {
        actions.push({ title: `修复：${finding.message}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: versionedEdit(document, finding.fix) });
      }
      for (const suggestion of finding.suggestions ?? []) {
        actions.push({ title: suggestion.message, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], ...(suggestion.preferred && !finding.fix ? { isPreferred: true } : {}), edit: versionedEdit(document, suggestion.edits) });
      }
      if (finding.fix && !fixAllRules.has(finding.ruleId) && findings.filter((f) => f.ruleId === finding.ruleId && f.fix).length > 1) {
        fixAllRules.add(finding.ruleId);
        const action: CodeAction = { title: `修复本文件中所有“${finding.ruleId}”问题`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
        const lazy: LazyEdit = { kind: 'fixRule', uri: document.uri, version: document.version, ruleId: finding.ruleId };
        actions.push(await this.withEdit(action, lazy));
      }
      const context = { document, finding, diagnostic, configPath, clientCommands: this.host.runsClientCommands(), editConfigCommand: this.host.editConfigCommand, versionedEdit: (edits: readonly TextEdit[]) => versionedEdit(document, edits) };
      for (const action of suppressionActions(context)) if (!suppressions.some((a) => a.title === action.title)) suppressions.push(action);
    }
    // A rule's own fixes first, then the ways to silence it.
    const all = [...actions.filter((a) => a.edit || a.data || a.command), ...suppressions];
    return this.host.wordActions(document, all);
  }

  /**
   * Editors ask for code actions on every cursor move: edits that cost a full fix pass or a
   * disk read are computed only when the action is chosen, where the client can resolve them.
   */
  private async withEdit(action: CodeAction, lazy: LazyEdit): Promise<CodeAction> {
    if (this.host.resolvesEdits()) return { ...action, data: lazy };
    const edit = await this.lazyEdit(lazy);
    return edit ? { ...action, edit } : action;
  }

  async resolve(action: CodeAction): Promise<CodeAction> {
    const lazy = action.data as LazyEdit | undefined;
    if (!lazy || action.edit) return action;
    const edit = await this.lazyEdit(lazy);
    return edit ? { ...action, edit } : action;
  }

  private async lazyEdit(lazy: LazyEdit): Promise<WorkspaceEdit | undefined> {
    const document = this.host.document(lazy.uri);
    if (!document || document.version !== lazy.version) return undefined; // the text moved on
    return this.fixAllEdit(document, lazy.ruleId);
  }

  /**
   * Fixes for the whole text, recomputed now, sent as one minimal edit tied to the version.
   * `scope` as in the CLI's --fix-level: the fix-all command applies safe and residue fixes,
   * fix-on-save safe ones only. A run the damage net refuses is shown, not applied.
   */
  async fixAllEdit(document: TextDocument, ruleId?: string, scope: FixScope = 'residue'): Promise<WorkspaceEdit | undefined> {
    const options = await this.host.lintOptions(document);
    const linter = new IncrementalLinter(this.host.rules);
    const text = document.getText();
    const result = fixUntilStable(text, (t) => linter.lint(t, ruleId ? { ...options, onlyRules: [ruleId] } : options), { scope });
    if (result.refused) {
      void this.host.connection.window.showErrorMessage(`SpeechLint：${result.refused.message}`);
      return undefined;
    }
    return result.output === text ? undefined : versionedEdit(document, [minimalEdit(text, result.output)]);
  }
}

/** Edits of the engine as one LSP edit of `document`'s current version (refused by the client if the text moved on). */
export function versionedEdit(document: TextDocument, edits: readonly TextEdit[]): WorkspaceEdit {
  const lspEdits: LspTextEdit[] = edits.map((e) => ({ range: { start: document.positionAt(e.range.start), end: document.positionAt(e.range.end) }, newText: e.text }));
  return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: lspEdits }] };
}
