// SpeechLint in a real VS Code: diagnostics, quick fixes, fix-all on save and commands,
// driven through the public API. Waits on events (onDidChangeDiagnostics), never on sleeps.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import * as vscode from 'vscode';

interface GoldenMessage {
  ruleId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const REPO = join(__dirname, '..', '..');
const golden = JSON.parse(readFileSync(join(REPO, 'test', 'golden', 'seeds.json'), 'utf8')) as { filePath: string; messages: GoldenMessage[] }[];

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Resolves once `predicate` holds for the document's SpeechLint diagnostics. */
function diagnosticsWhere(uri: vscode.Uri, predicate: (d: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  const current = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'speechlint');
  if (predicate(current())) return Promise.resolve(current());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out waiting for ${what}; have ${current().length} diagnostics`));
    }, 90_000);
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const diagnostics = current();
      if (!predicate(diagnostics)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(diagnostics);
    });
  });
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

describe('SpeechLint in VS Code', () => {
  before(() => {
    // The runner gives us a scratch copy of test/vscode/workspace; the seeds go in beside the drafts.
    const seeds = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'seeds').fsPath;
    mkdirSync(seeds, { recursive: true });
    for (const name of readdirSync(join(REPO, 'seeds'))) copyFileSync(join(REPO, 'seeds', name), join(seeds, name));
  });

  // README's pictures (first, so that the Problems panel holds this one file), taken of this
  // very workbench by the code-server harness
  // (test/vscode/code-server-electron.mjs), which captures the page when asked on the console.
  const screenshots = process.env.SPEECHLINT_SCREENSHOTS === 'code-server' ? it : it.skip;
  screenshots('shows the findings, the Problems panel and the quick-fix menu as README pictures them', async function () {
    this.timeout(120_000);
    const dir = process.env.SPEECHLINT_SCREENSHOT_DIR ?? join(REPO, '.vscode-test', 'screenshots');
    const take = async (name: string) => {
      const path = join(dir, name);
      rmSync(path, { force: true });
      await new Promise((resolve) => setTimeout(resolve, 1500)); // let the workbench paint
      console.log(`[speechlint-screenshot] ${path}`);
      for (let i = 0; i < 300 && !existsSync(path); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(existsSync(path), `${path} was taken`);
    };
    const seed = golden.find((g) => g.messages.some((m) => m.ruleId === 'placeholder'))!;
    const uri = workspaceFile(seed.filePath);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = await diagnosticsWhere(uri, (d) => d.length === seed.messages.length, 'the seed\'s findings');
    const target = diagnostics.filter((d) => codeOf(d) === 'placeholder').sort((a, b) => a.range.start.compareTo(b.range.start))[0]!;
    editor.selection = new vscode.Selection(target.range.start, target.range.start);
    editor.revealRange(target.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await take('editor.png');
    await vscode.commands.executeCommand('editor.action.quickFix');
    await take('quick-fix.png');
    await vscode.commands.executeCommand('hideCodeActionWidget').then(undefined, () => undefined);
  });

  for (const seed of golden) {
    const name = seed.filePath.replace(/^seeds\//, '');
    it(`reports the reviewed findings on ${name}`, async () => {
      const uri = workspaceFile(`seeds/${name}`);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const diagnostics = await diagnosticsWhere(uri, (d) => d.length === seed.messages.length, `${seed.messages.length} diagnostics`);
      const sorted = [...diagnostics].sort((a, b) => a.range.start.compareTo(b.range.start) || a.range.end.compareTo(b.range.end) || codeOf(a).localeCompare(codeOf(b)));
      sorted.forEach((d, i) => {
        const m = seed.messages[i]!;
        assert.equal(codeOf(d), m.ruleId);
        assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [m.line - 1, m.column - 1, m.endLine - 1, m.endColumn - 1]);
      });
      const residue = diagnostics.find((d) => codeOf(d) === 'template-residue');
      if (residue) assert.deepEqual(residue.tags, [vscode.DiagnosticTag.Unnecessary]);
    });
  }

  it('applies a quick fix from the code action provider', async () => {
    const uri = workspaceFile('drafts/quickfix.txt');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const before = await diagnosticsWhere(uri, (d) => d.some((x) => codeOf(x) === 'punctuation-width') && d.some((x) => codeOf(x) === 'placeholder'), 'punctuation and placeholder');
    const comma = before.find((d) => codeOf(d) === 'punctuation-width')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, comma.range, vscode.CodeActionKind.QuickFix.value);
    const preferred = actions.find((a) => a.isPreferred && a.title.includes('，'));
    assert.ok(preferred?.edit, 'a preferred quick fix with an edit');
    assert.ok(await vscode.workspace.applyEdit(preferred.edit));
    assert.equal(document.lineAt(0).text, '新年伊始，我们共聚一堂。围绕X科技城。');
    await diagnosticsWhere(uri, (d) => d.filter((x) => codeOf(x) === 'punctuation-width').length === before.filter((x) => codeOf(x) === 'punctuation-width').length - 1, 'one punctuation finding fewer');
  });

  it('fixes everything fixable on save through editor.codeActionsOnSave', async () => {
    const uri = workspaceFile('drafts/on-save.txt');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await diagnosticsWhere(uri, (d) => d.length === 1, 'the placeholder');
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '同志们:新年伊始, 我们共聚一堂.\n'));
    await diagnosticsWhere(uri, (d) => d.length === 4, 'three punctuation findings and the placeholder');
    assert.ok(await document.save());
    assert.equal(document.getText(), '同志们：新年伊始，我们共聚一堂。\n围绕X科技城。\n');
    await diagnosticsWhere(uri, (d) => d.length === 1 && codeOf(d[0]!) === 'placeholder', 'only the placeholder left');
  });

  it('converts a document to traditional with the command', async () => {
    const uri = workspaceFile('drafts/convert.txt');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('speechlint.convertToTraditional');
    assert.equal(document.getText(), '幹部隊伍建設。\n');
  });

  // ---- the actions users of Code Spell Checker and markdownlint expect -------------------

  const configPath = () => workspaceFile('.speechlintrc.json').fsPath;
  const removeConfig = () => rmSync(configPath(), { force: true });
  const actionsFor = async (uri: vscode.Uri, d: vscode.Diagnostic) =>
    (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value)).filter((a) => a.diagnostics?.some((x) => x.message === d.message) ?? true);
  const runAction = async (action: vscode.CodeAction, ...extra: unknown[]) => {
    if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit));
    if (action.command) return vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []), ...extra);
    return undefined;
  };
  const draft = async (name: string, text: string) => {
    const uri = workspaceFile(`drafts/${name}`);
    writeFileSync(uri.fsPath, text);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    return { uri, document };
  };

  it('shows at most 1000 problems in a long draft, errors first, with a note whose quick fix opens the full report', async () => {
    const { uri } = await draft('dense.txt', '我们, 围绕. '.repeat(700) + '\n\n' + '围绕X科技城。'.repeat(3) + '\n');
    const diagnostics = await diagnosticsWhere(uri, (d) => d.length === 1000, 'the capped 1000 diagnostics');
    const note = diagnostics.find((d) => /^另有 \d+ 个问题未显示（共 (\d+) 个/.test(d.message))!;
    assert.ok(note, 'the note counting the hidden problems');
    const total = Number(/共 (\d+) 个/.exec(note.message)![1]);
    assert.ok(total > 1400, String(total));
    assert.equal(diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length, 3, 'every error is shown');
    const [showAll] = (await actionsFor(uri, note)).filter((a) => a.title.startsWith('查看全部'));
    assert.ok(showAll?.command, 'the note offers the full report');
    const report = (await runAction(showAll)) as vscode.TextDocument;
    assert.equal(report.languageId, 'log');
    assert.equal(report.getText().split('\n').filter((l) => /^\s+\d+:\d+/.test(l)).length, total);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('ignores the exact finding text in the project config (written atomically, the finding gone, no config error)', async () => {
    removeConfig();
    const { uri } = await draft('banner.txt', '各单位：\n请扫码关注我们的公众号\n下周一开会。\n');
    const [banner] = await diagnosticsWhere(uri, (d) => d.some((x) => codeOf(x) === 'template-residue'), 'the banner');
    const ignore = (await actionsFor(uri, banner!)).find((a) => a.title.includes('写入项目配置'))!;
    assert.match(ignore.title, /^忽略“请扫码关注我们的公众号”/);
    await runAction(ignore);
    await diagnosticsWhere(uri, (d) => d.length === 0, 'no finding once the phrase is allowed');
    assert.deepEqual(JSON.parse(readFileSync(configPath(), 'utf8')).allow, ['请扫码关注我们的公众号']);
    // The config file itself must not be reported as broken (the empty-file race).
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(vscode.languages.getDiagnostics(vscode.Uri.file(configPath())).filter((d) => d.source === 'speechlint'), []);
    removeConfig();
  });

  it('ignores a phrase in the user settings, and only in this file with a directive line', async () => {
    const { uri, document } = await draft('phrase.txt', '围绕X科技城建设。\n');
    const [x] = await diagnosticsWhere(uri, (d) => d.length === 1, 'the placeholder');
    const actions = await actionsFor(uri, x!);
    await runAction(actions.find((a) => a.title.includes('写入用户设置'))!);
    assert.deepEqual(vscode.workspace.getConfiguration('speechlint').inspect<string[]>('allow')?.globalValue, ['X']);
    await diagnosticsWhere(uri, (d) => d.length === 0, 'silenced by the user settings');
    await vscode.workspace.getConfiguration('speechlint').update('allow', undefined, vscode.ConfigurationTarget.Global);
    await diagnosticsWhere(uri, (d) => d.length === 1, 'back once the setting is removed');
    await runAction(actions.find((a) => a.title.startsWith('只在本文件中忽略“X”'))!);
    assert.equal(document.getText(), '<!-- speechlint-allow X -->\n围绕X科技城建设。\n');
    await diagnosticsWhere(uri, (d) => d.length === 0, 'silenced in this file');
  });

  it('turns a rule off in this file and in the whole project', async () => {
    removeConfig();
    const { uri, document } = await draft('rule-off.txt', '新年伊始, 我们共聚一堂。\n');
    const [comma] = await diagnosticsWhere(uri, (d) => d.length === 1, 'the comma');
    const actions = await actionsFor(uri, comma!);
    assert.ok(!actions.some((a) => a.title.startsWith('忽略“,”')), 'a lone mark is no phrase to ignore');
    await runAction(actions.find((a) => a.title.startsWith('在本文件中停用规则“punctuation-width”'))!);
    assert.equal(document.lineAt(0).text, '<!-- speechlint-disable punctuation-width -->');
    await diagnosticsWhere(uri, (d) => d.length === 0, 'off in this file');
    const other = await draft('rule-off-2.txt', '我们, 他们。\n');
    const [d] = await diagnosticsWhere(other.uri, (x) => x.length === 1, 'the comma in another file');
    await runAction((await actionsFor(other.uri, d!)).find((a) => a.title.startsWith('在整个项目中停用规则“punctuation-width”'))!);
    await diagnosticsWhere(other.uri, (x) => x.length === 0, 'off in the project');
    assert.equal(JSON.parse(readFileSync(configPath(), 'utf8')).rules['punctuation-width'], 'off');
    removeConfig();
    await diagnosticsWhere(other.uri, (x) => x.length === 1, 'back once the config is gone');
  });

  it('fills a placeholder everywhere in the file from the value given, through placeholders', async () => {
    removeConfig();
    const { uri, document } = await draft('fill.txt', '围绕X科技城建设，\n推进X科技城发展。\n');
    const [x] = await diagnosticsWhere(uri, (d) => d.length === 2, 'two placeholders');
    const fill = (await actionsFor(uri, x!)).find((a) => a.command?.command === 'speechlint.fillPlaceholder')!;
    assert.match(fill.title, /^填写占位符“X”…/);
    // The value the input box would return (the box itself is VS Code's).
    await runAction(fill, '攀枝花科技城');
    await diagnosticsWhere(uri, (d) => d.length === 0, 'filled');
    assert.equal(document.getText(), '围绕攀枝花科技城建设，\n推进攀枝花科技城发展。\n');
    assert.deepEqual(JSON.parse(readFileSync(configPath(), 'utf8')).placeholders, { 'X科技城': '攀枝花科技城' });
    removeConfig();
  });

  it('commands: open (create) the config file, toggle linting for the workspace, show the output; the status bar shows errors as errors', async () => {
    removeConfig();
    const api = vscode.extensions.getExtension<{ status(): { text: string; visible: boolean } }>('speechlint.speechlint')!.exports;
    const { uri } = await draft('status.txt', '围绕X科技城, 建设。\n');
    await diagnosticsWhere(uri, (d) => d.length === 2, 'an error and a warning');
    for (let i = 0; i < 100 && !api.status().text.includes('$(error) 1'); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(api.status().text, '讲话稿校对 $(error) 1 $(warning) 1');
    const editor = (await vscode.commands.executeCommand('speechlint.openConfig')) as vscode.TextEditor;
    assert.equal(editor.document.uri.fsPath, configPath());
    assert.ok(existsSync(configPath()) && editor.document.getText().startsWith('// SpeechLint'));
    assert.equal(editor.document.languageId, 'jsonc', 'comments are allowed in .speechlintrc.json');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    removeConfig();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    assert.equal(await vscode.commands.executeCommand('speechlint.toggle'), false);
    await diagnosticsWhere(uri, (d) => d.length === 0, 'nothing while linting is off');
    assert.equal(api.status().text, '$(circle-slash) 讲话稿校对');
    assert.equal(await vscode.commands.executeCommand('speechlint.toggle'), true);
    await diagnosticsWhere(uri, (d) => d.length === 2, 'findings again');
    await vscode.commands.executeCommand('speechlint.showOutput');
  });

  it('opens a .docx as its text view with the findings; a quick fix there, and the commands, write the .docx as tracked changes and a commented copy', async () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const paragraph = (text: string) => `<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
    const file = workspaceFile('drafts/讲话稿.docx');
    writeFileSync(
      file.fsPath,
      zipSync({
        '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>'),
        'word/document.xml': strToU8(`<?xml version="1.0"?><w:document ${W}><w:body>${paragraph('同志们:')}${paragraph('推进建设, 发展经济.')}</w:body></w:document>`),
      }),
    );
    const documentXml = () => Buffer.from(unzipSync(readFileSync(file.fsPath))['word/document.xml']!).toString('utf8');
    // Opened as a user opens it (the Explorer's double-click): the custom editor hands over to the text view.
    await vscode.commands.executeCommand('vscode.open', file);
    const view = vscode.Uri.from({ scheme: 'speechlint-docx', path: file.path });
    const before = await diagnosticsWhere(view, (d) => d.length === 3, 'three findings in the Word view');
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === view.toString())!;
    assert.equal(document.getText(), '同志们:\n推进建设, 发展经济.');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), view.toString(), 'the view is shown');
    const colon = before.find((d) => d.range.start.line === 0)!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', view, colon.range, vscode.CodeActionKind.QuickFix.value);
    const quickFix = actions.find((a) => a.title === '修复：中文语境中的半角标点“:”应为全角“：”');
    assert.ok(quickFix?.command && !quickFix.edit, 'the quick fix of a text file, as a command that writes the .docx');
    await vscode.commands.executeCommand(quickFix.command.command, ...(quickFix.command.arguments ?? []));
    await diagnosticsWhere(view, (d) => d.length === 2, 'the view shown again with one finding fewer');
    assert.equal(document.getText(), '同志们：\n推进建设, 发展经济.');
    assert.match(documentXml(), /<w:ins [^>]*w:author="SpeechLint"[^>]*><w:r><w:rPr><w:b\/><\/w:rPr><w:t xml:space="preserve">：<\/w:t>/);
    const copy = await vscode.commands.executeCommand<string>('speechlint.annotateWord', file);
    assert.equal(copy, file.fsPath.replace(/\.docx$/, '.批注.docx'));
    assert.equal([...Buffer.from(unzipSync(readFileSync(copy))['word/comments.xml']!).toString('utf8').matchAll(/<w:comment /g)].length, 2);
    assert.deepEqual(await vscode.commands.executeCommand('speechlint.fixWord'), { applied: 2, skipped: 0 }, 'the active view\'s document');
    await diagnosticsWhere(view, (d) => d.length === 0, 'everything fixed');
    assert.equal(document.getText(), '同志们：\n推进建设，发展经济。');
    assert.equal([...documentXml().matchAll(/<w:ins /g)].length, 3);
  });
});
