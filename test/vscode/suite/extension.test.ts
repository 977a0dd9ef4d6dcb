// SpeechLint in a real VS Code: diagnostics, quick fixes, fix-all on save and commands,
// driven through the public API. Waits on events (onDidChangeDiagnostics), never on sleeps.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
});
