// The quick fixes that are not a rule's own fix: ignore a phrase, turn a rule off, fill a
// placeholder. Each says where it writes: the project's config file (shared through git with
// the CLI), the user's settings, or a directive line at the top of this file.
import { basename } from 'node:path';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, TextEdit } from '../../rules/index.js';
import type { ConfigChange } from './config-edits.js';
import { disableLineEdit, fileDirectiveEdit, findingPhrase } from './document-edits.js';

/** Commands the VS Code client runs itself (other LSP clients are not offered them). */
export const CLIENT_COMMANDS = {
  allowInUserSettings: 'speechlint.allowInUserSettings',
  fillPlaceholder: 'speechlint.fillPlaceholder',
  showReport: 'speechlint.showReport',
} as const;

/** What `speechlint.fillPlaceholder` receives: it asks for the value, then edits the config. */
export interface FillPlaceholderRequest {
  uri: string;
  /** The placeholder as reported ("X"). */
  token: string;
  /** The placeholder with the words around it, the key written into `placeholders` ("X科技城"). */
  key: string;
}

export interface SuppressionContext {
  document: TextDocument;
  finding: Finding;
  diagnostic: Diagnostic;
  /** The config file in force for the document (a change goes there), if any. */
  configPath: string | undefined;
  /** Whether the client runs CLIENT_COMMANDS (the VS Code extension says so at initialize). */
  clientCommands: boolean;
  /** The server command that writes a ConfigChange: arguments [uri, change]. */
  editConfigCommand: string;
  versionedEdit: (edits: readonly TextEdit[]) => CodeAction['edit'];
}

/** The actions for one finding, after its fixes and suggestions. */
export function suppressionActions(context: SuppressionContext): CodeAction[] {
  const { document, finding, diagnostic } = context;
  const text = document.getText();
  const language = document.languageId === 'markdown' ? 'markdown' : 'plaintext';
  const configName = basename(context.configPath ?? '.speechlintrc.json');
  const editConfig = (title: string, change: ConfigChange): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title, command: context.editConfigCommand, arguments: [document.uri, change] },
  });
  const actions: CodeAction[] = [];

  if (context.clientCommands && finding.ruleId === 'placeholder' && finding.messageId === 'placeholder') {
    const token = text.slice(finding.range.start, finding.range.end);
    const key = placeholderKey(text, finding);
    const request: FillPlaceholderRequest = { uri: document.uri, token, key };
    const title = `填写占位符“${token}”…（写入 ${configName} 的 placeholders，本文件中所有“${key}”一并填写）`;
    actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: CLIENT_COMMANDS.fillPlaceholder, arguments: [request] } });
  }

  const phrase = findingPhrase(text, finding);
  if (phrase !== undefined) {
    const shown = phrase.length > 24 ? `${phrase.slice(0, 23)}…` : phrase;
    actions.push(editConfig(`忽略“${shown}”：写入项目配置 ${configName} 的 allow`, { kind: 'allow', phrase }));
    if (context.clientCommands) {
      const title = `忽略“${shown}”：写入用户设置 speechlint.allow`;
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: CLIENT_COMMANDS.allowInUserSettings, arguments: [phrase] } });
    }
    actions.push(fileAction(context, `只在本文件中忽略“${shown}”（在文件开头加一行 speechlint-allow）`, fileDirectiveEdit(text, language, `speechlint-allow ${phrase}`)));
  }
  if (language === 'markdown') {
    actions.push(fileAction(context, `在下一行禁用“${finding.ruleId}”`, disableLineEdit(text, finding)));
  }
  actions.push(fileAction(context, `在本文件中停用规则“${finding.ruleId}”（在文件开头加一行 speechlint-disable）`, fileDirectiveEdit(text, language, `speechlint-disable ${finding.ruleId}`)));
  actions.push(editConfig(`在整个项目中停用规则“${finding.ruleId}”：写入 ${configName}`, { kind: 'rule', ruleId: finding.ruleId, severity: 'off' }));
  return actions;
}

function fileAction(context: SuppressionContext, title: string, edit: TextEdit): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [context.diagnostic], edit: context.versionedEdit([edit]) };
}

const HAN = /\p{Script=Han}/u;
const CONTEXT_CHARS = 3;

/**
 * The placeholder with up to three Han characters after it ("X科技城"), or before it when
 * none follow ("攀枝花市X"): specific enough that filling it leaves other placeholders alone.
 * A placeholder that is words itself (【请填写单位名称】) is its own key.
 */
export function placeholderKey(text: string, finding: Finding): string {
  const { start, end } = finding.range;
  const token = text.slice(start, end);
  if (HAN.test(token)) return token;
  let after = end;
  while (after < text.length && after - end < CONTEXT_CHARS && HAN.test(text[after]!)) after++;
  if (after > end) return text.slice(start, after);
  let before = start;
  while (before > 0 && start - before < CONTEXT_CHARS && HAN.test(text[before - 1]!)) before--;
  return text.slice(before, end);
}

/** A ConfigChange from a client's arguments, or undefined if they are not one (a client may send anything). */
export function parseConfigChange(value: unknown, ruleIds: readonly string[]): ConfigChange | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const isText = (s: unknown): s is string => typeof s === 'string' && s.trim() !== '' && !/[\r\n]/.test(s) && s.length <= 1000;
  if (v.kind === 'allow' && isText(v.phrase)) return { kind: 'allow', phrase: v.phrase };
  if (v.kind === 'rule' && typeof v.ruleId === 'string' && ruleIds.includes(v.ruleId) && v.severity === 'off') return { kind: 'rule', ruleId: v.ruleId, severity: 'off' };
  if (v.kind === 'placeholder' && isText(v.key) && typeof v.value === 'string' && !/[\r\n]/.test(v.value) && !v.value.includes(v.key)) {
    return { kind: 'placeholder', key: v.key, value: v.value };
  }
  return undefined;
}
