// The language server end to end: dist/server.js spawned as a process, spoken to over a real
// JSON-RPC stdio connection. Waits on events (status notifications), never on sleeps.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { lint } from '../rules/index.js';
import { allowPhraseOf, TRUST_GRANTED } from '../server/lsp/server.js';
import { applyLspEdits, LspTestClient } from './lsp-client.js';

const ROOT = process.cwd();
const workspace = mkdtempSync(join(tmpdir(), 'speechlint-lsp-'));
after(() => rmSync(workspace, { recursive: true, force: true }));

function fileUri(name: string): string {
  return `file://${join(workspace, name)}`;
}

function editsOf(action: CodeAction): TextEdit[] {
  const change = action.edit!.documentChanges![0] as TextDocumentEdit;
  return change.edits as TextEdit[];
}

describe('language server over stdio', () => {
  let client: LspTestClient;
  let capabilities: Record<string, unknown>;
  before(async () => {
    client = LspTestClient.start();
    capabilities = (await client.initialize(workspace)).capabilities as Record<string, unknown>;
  });
  after(async () => {
    await client.stop();
    if (client.stderr.some((l) => l.includes('[server exited'))) console.error(client.stderr.join(''));
  });

  it('announces incremental sync, quick fixes, fix-all and its commands', () => {
    assert.equal((capabilities.textDocumentSync as { change: number }).change, 2);
    const kinds = (capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
    assert.ok(kinds.includes('quickfix') && kinds.includes('source.fixAll.speechlint'));
    assert.ok((capabilities.executeCommandProvider as { commands: string[] }).commands.includes('speechlint.server.fixAll'));
  });

  it('publishes the fast rules first, before the segmenter has loaded', async () => {
    const seed = readFileSync(join(ROOT, 'seeds', '001_dec61c6e8abe713a.txt'), 'utf8');
    const uri = fileUri('first.txt');
    client.open(uri, seed);
    const first = await client.waitFor((e) => e.kind === 'diagnostics' && e.params.uri === uri);
    const codes = (first.params as { diagnostics: Diagnostic[] }).diagnostics.map((d) => d.code);
    assert.ok(codes.includes('placeholder'));
    assert.ok(!codes.includes('repeated-phrase'), 'segmenter rules report in the second round');
    const final = await client.ready(uri, 1);
    assert.ok(final.some((d) => d.code === 'repeated-phrase'));
  });

  for (const name of readdirSync(join(ROOT, 'seeds')).filter((n) => n.endsWith('.txt'))) {
    it(`diagnoses seed ${name} exactly as the engine does`, async () => {
      const text = readFileSync(join(ROOT, 'seeds', name), 'utf8');
      const uri = fileUri(name);
      client.open(uri, text);
      const diagnostics = await client.ready(uri, 1);
      const expected = lint(text);
      assert.equal(diagnostics.length, expected.length);
      diagnostics.forEach((d, i) => {
        const f = expected[i]!;
        assert.equal(d.code, f.ruleId);
        assert.equal(d.source, 'speechlint');
        assert.equal(d.message, f.message);
        assert.deepEqual(d.range, { start: { line: f.start.line - 1, character: f.start.column - 1 }, end: { line: f.end.line - 1, character: f.end.column - 1 } });
        assert.equal(d.severity, { error: 1, warning: 2, info: 3, hint: 4 }[f.severity]);
        assert.match(d.codeDescription!.href, new RegExp(`/rules/${f.ruleId}/README\\.md$`));
        if (f.ruleId === 'template-residue') assert.deepEqual(d.tags, [1]);
      });
    });
  }

  it('counts positions in UTF-16 units (an Extension B character before the finding)', async () => {
    const uri = fileUri('ext-b.txt');
    client.open(uri, '𠀀字围绕X科技城。');
    const [d] = await client.ready(uri, 1);
    assert.deepEqual(d!.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 6 } });
  });

  it('offers quick fixes whose edits clear the finding when applied', async () => {
    const uri = fileUri('quickfix.txt');
    const text = '新年伊始, 我们共聚一堂。围绕X科技城。\n新年伊始, 我们再聚一堂。';
    client.open(uri, text);
    const diagnostics = await client.ready(uri, 1);
    const comma = diagnostics.find((d) => d.code === 'punctuation-width')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: comma.range,
      context: { diagnostics: [comma] },
    })) as CodeAction[];
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.equal(preferred.kind, 'quickfix');
    assert.equal((preferred.edit!.documentChanges![0] as TextDocumentEdit).textDocument.version, 1);
    assert.ok(actions.some((a) => a.title.includes('所有“punctuation-width”')), 'fix all of this rule');
    assert.ok(actions.some((a) => a.title.includes('allow')), 'disable by allow-list in plain text');
    const fixed = applyLspEdits(text, editsOf(preferred));
    assert.equal(fixed, '新年伊始，我们共聚一堂。围绕X科技城。\n新年伊始, 我们再聚一堂。');
    client.change(uri, 2, fixed);
    const after = await client.ready(uri, 2);
    assert.equal(after.filter((d) => d.code === 'punctuation-width').length, 1);
    assert.equal(after.filter((d) => d.code === 'placeholder').length, 1);
  });

  it('source.fixAll.speechlint fixes everything fixable, recomputed on the current text', async () => {
    const uri = fileUri('fixall.md');
    const text = '# 标题\n\n新年伊始, 我们共聚一堂. 调(diào)度(dù)\n\n`代码, 不动`\n';
    client.open(uri, text, 'markdown');
    await client.ready(uri, 1);
    const [action] = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.speechlint'] },
    })) as CodeAction[];
    const fixed = applyLspEdits(text, editsOf(action!));
    assert.equal(fixed, '# 标题\n\n新年伊始，我们共聚一堂。调度\n\n`代码, 不动`\n');
    client.change(uri, 2, fixed);
    assert.deepEqual(await client.ready(uri, 2), []);
  });

  it('answers only source.fixAll.speechlint, and on save applies safe fixes, never residue deletions', async () => {
    const uri = fileUri('fixall-safe.txt');
    const text = '新年伊始, 我们共聚一堂.\n下面是小编为大家整理的讲话稿，供大家参考。\n';
    client.open(uri, text, 'plaintext');
    await client.ready(uri, 1);
    const ask = (only: string[]) =>
      client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only },
      }) as Promise<CodeAction[]>;
    assert.deepEqual(await ask(['source.fixAll']), [], 'a global source.fixAll on save is not ours to answer');
    assert.deepEqual(await ask(['source']), []);
    const [action] = await ask(['source.fixAll.speechlint']);
    assert.equal(applyLspEdits(text, editsOf(action!)), '新年伊始，我们共聚一堂。\n下面是小编为大家整理的讲话稿，供大家参考。\n');
  });

  it('markdown: "disable for this line" inserts a directive that silences the finding, never splitting a table or a paragraph', async () => {
    const cases = [
      // A line that starts a block: the directive on its own line above.
      ['正文。\n\n围绕X科技城。\n', '正文。\n\n<!-- speechlint-disable-next-line placeholder -->\n围绕X科技城。\n'],
      // A paragraph's second line: at the end of the line (a comment line would split the paragraph).
      ['正文\n围绕X科技城。\n', '正文\n围绕X科技城。 <!-- speechlint-disable-line placeholder -->\n'],
      // A table row: after its last pipe (a comment line would end the table).
      ['| 项目 | 地点 |\n| --- | --- |\n| 建设 | X科技城 |\n', '| 项目 | 地点 |\n| --- | --- |\n| 建设 | X科技城 | <!-- speechlint-disable-line placeholder -->\n'],
    ];
    for (const [i, [text, expected]] of cases.entries()) {
      const uri = fileUri(`disable-${i}.md`);
      client.open(uri, text!, 'markdown');
      const [d] = await client.ready(uri, 1);
      const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d!.range, context: { diagnostics: [d] } })) as CodeAction[];
      const disable = actions.find((a) => a.title.includes('禁用'))!;
      const edited = applyLspEdits(text!, editsOf(disable));
      assert.equal(edited, expected);
      client.change(uri, 2, edited);
      assert.deepEqual(await client.ready(uri, 2), []);
    }
  });

  it('"不再报告" proposes a phrase that occurs, and the entry silences a whole-line finding', async () => {
    const text = '各单位：\n请扫码关注我们的公众号\n下周一开会。\n';
    const whole = lint(text).find((f) => f.range.end > f.range.start && text.slice(f.range.start, f.range.end).endsWith('\n'));
    assert.ok(whole, JSON.stringify(lint(text)));
    const phrase = allowPhraseOf(text, whole)!;
    assert.ok(text.includes(phrase) && !/[\r\n]/.test(phrase), phrase);
    assert.deepEqual(lint(text, { config: { allow: [phrase] } }).filter((f) => f.ruleId === whole.ruleId && f.range.start === whole.range.start), []);
    // Text across a line break is never proposed.
    assert.equal(allowPhraseOf('各单位：\n大家好', { ...whole, range: { start: 3, end: 6 } }), undefined);
  });

  it('lints only the newest of a burst of edits (debounced), versions in order', async () => {
    const uri = fileUri('burst.txt');
    client.open(uri, '围绕X科技城。');
    await client.ready(uri, 1);
    for (let v = 2; v <= 5; v++) client.change(uri, v, `围绕X科技城。${'，'.repeat(v)}新年伊始, 我们`);
    const diagnostics = await client.ready(uri, 5);
    assert.equal(diagnostics.length, 2);
    const readyVersions = client.events.filter((e) => e.kind === 'status' && e.params.uri === uri && e.params.state === 'ready').map((e) => (e.params as { version: number }).version);
    assert.deepEqual(readyVersions, [1, 5]);
    const published = client.events.filter((e) => e.kind === 'diagnostics' && e.params.uri === uri).map((e) => (e.params as { version?: number }).version!);
    assert.deepEqual(published, [...published].sort((a, b) => a - b));
  });

  it('commands: fix all in file and convert the script, through workspace/applyEdit', async () => {
    const uri = fileUri('commands.txt');
    client.open(uri, '干部队伍, 建设。');
    await client.ready(uri, 1);
    assert.equal(await client.connection.sendRequest('workspace/executeCommand', { command: 'speechlint.server.fixAll', arguments: [uri] }), true);
    assert.equal(applyLspEdits('干部队伍, 建设。', ((client.appliedEdits.at(-1)!.documentChanges![0]) as TextDocumentEdit).edits as TextEdit[]), '干部队伍，建设。');
    await client.connection.sendRequest('workspace/executeCommand', { command: 'speechlint.server.convert', arguments: [uri, 'traditional'] });
    assert.equal(applyLspEdits('干部队伍, 建设。', ((client.appliedEdits.at(-1)!.documentChanges![0]) as TextDocumentEdit).edits as TextEdit[]), '幹部隊伍, 建設。');
  });

  it('follows settings changes (pulled per document) and the project config file', async () => {
    const uri = fileUri('settings.txt');
    client.open(uri, '新年伊始, 我们围绕X科技城。');
    assert.equal((await client.ready(uri, 1)).length, 2);
    client.settings = { rules: { 'punctuation-width': 'off' } };
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const readyCount = () => client.events.filter((e) => e.kind === 'status' && e.params.uri === uri && e.params.state === 'ready').length;
    await client.waitFor(() => readyCount() === 2);
    assert.deepEqual(client.lastDiagnostics(uri)!.map((d) => d.code), ['placeholder']);
    client.settings = {};
    writeFileSync(join(workspace, '.speechlintrc.json'), JSON.stringify({ rules: { placeholder: 'off' } }));
    try {
      void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri('.speechlintrc.json'), type: 1 }] });
      const codes = () => client.lastDiagnostics(uri)!.map((d) => d.code).join();
      await client.waitFor(() => readyCount() >= 3 && codes() === 'punctuation-width');
    } finally {
      rmSync(join(workspace, '.speechlintrc.json'));
      void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri('.speechlintrc.json'), type: 3 }] });
    }
  });

  it('a bad config file is reported once, naming the file, and linting goes on with defaults', async () => {
    const dir = join(workspace, 'bad');
    mkdirSync(dir);
    writeFileSync(join(dir, '.speechlintrc.json'), '{ "rules": { "placeholder": "loud" } }');
    const uriA = `file://${join(dir, 'a.txt')}`;
    const uriB = `file://${join(dir, 'b.txt')}`;
    client.open(uriA, '围绕X科技城。');
    client.open(uriB, '围绕X科技城。');
    assert.equal((await client.ready(uriA, 1)).length, 1);
    assert.equal((await client.ready(uriB, 1)).length, 1);
    const messages = client.events.filter((e) => e.kind === 'message' && (e.params as { message: string }).message.includes(join(dir, '.speechlintrc.json')));
    assert.equal(messages.length, 1);
    assert.match((messages[0]!.params as { message: string }).message, /rules\.placeholder/);
    const located = client.lastDiagnostics(`file://${join(dir, '.speechlintrc.json')}`)!;
    assert.equal(located.length, 1);
    assert.deepEqual(located[0]!.range.start, { line: 0, character: 13 }, 'points at the "placeholder" key');
  });

  it('cancels a run in progress when a newer version arrives', async () => {
    const uri = fileUri('cancel.txt');
    const seeds = readdirSync(join(ROOT, 'seeds')).map((n) => readFileSync(join(ROOT, 'seeds', n), 'utf8'));
    const big = (salt: string) => Array.from({ length: 12 }, (_, i) => seeds.map((s) => s.replace(/\n/g, `${salt}${i}\n`)).join('\n\n')).join('\n\n');
    client.settings = { debounce: 0 };
    client.open(uri, big('甲'));
    await client.ready(uri, 1);
    client.change(uri, 2, big('乙'));
    await client.waitFor((e) => e.kind === 'status' && e.params.uri === uri && e.params.version === 2 && e.params.state === 'busy');
    client.change(uri, 3, big('丙'));
    await client.ready(uri, 3);
    const ready = client.events.filter((e) => e.kind === 'status' && e.params.uri === uri && e.params.state === 'ready').map((e) => (e.params as { version: number }).version);
    assert.ok(!ready.includes(2), 'version 2 was abandoned');
    const published = client.events.filter((e) => e.kind === 'diagnostics' && e.params.uri === uri).map((e) => (e.params as { version?: number }).version);
    assert.ok(!published.includes(2), 'nothing was published for version 2');
    client.settings = {};
  });
});

describe('language server with a client that resolves code actions', () => {
  it('defers costly edits (fix all of a rule, allow list) until the action is resolved', async () => {
    const client = LspTestClient.start();
    try {
      await client.initialize(workspace, { resolveEdits: true });
      const uri = fileUri('resolve.txt');
      const text = '新年伊始, 我们共聚一堂, 围绕X科技城。';
      client.open(uri, text);
      const diagnostics = await client.ready(uri, 1);
      const comma = diagnostics.find((d) => d.code === 'punctuation-width')!;
      const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: comma.range, context: { diagnostics: [comma] } })) as CodeAction[];
      const fixRule = actions.find((a) => a.title.includes('所有“punctuation-width”'))!;
      assert.equal(fixRule.edit, undefined, 'no edit computed before it is chosen');
      assert.ok(actions.find((a) => a.isPreferred)!.edit, 'cheap quick fixes still carry their edit');
      const resolved = (await client.connection.sendRequest('codeAction/resolve', fixRule)) as CodeAction;
      assert.equal(applyLspEdits(text, editsOf(resolved)), '新年伊始，我们共聚一堂，围绕X科技城。');
      const allow = actions.find((a) => a.title.includes('allow'))!;
      const resolvedAllow = (await client.connection.sendRequest('codeAction/resolve', allow)) as CodeAction;
      assert.equal(resolvedAllow.edit!.documentChanges!.length, 2, 'creates .speechlintrc.json with the phrase');
    } finally {
      await client.stop();
    }
  });
});

describe('language server in an untrusted workspace (Restricted Mode)', () => {
  it('runs no regex from the config until the workspace is trusted; literal phrases still apply', async () => {
    const root = mkdtempSync(join(tmpdir(), 'speechlint-untrusted-'));
    writeFileSync(join(root, '.speechlintrc.json'), JSON.stringify({ allow: ['/X{1,3}科技城/', 'XX亿元'] }));
    const client = LspTestClient.start();
    try {
      await client.initialize(root, { initializationOptions: { trusted: false } });
      const uri = `file://${join(root, 'draft.txt')}`;
      client.open(uri, '围绕X科技城，投资XX亿元。');
      const restricted = await client.ready(uri, 1);
      assert.deepEqual(restricted.map((d) => d.code), ['placeholder'], 'the regex entry is not applied; the literal one is');
      assert.ok(client.log.some((line) => line.includes('受限模式')), 'says why, in the log');
      await client.connection.sendNotification(TRUST_GRANTED);
      await client.waitFor(() => client.lastDiagnostics(uri)?.length === 0);
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('language server robustness', () => {
  it('does not lint a document over speechlint.maxFileSize, says so once in the file, and lints it again when it shrinks', async () => {
    const client = LspTestClient.start();
    try {
      await client.initialize(workspace);
      client.settings = { maxFileSize: 0.1 };
      const uri = fileUri('huge.txt');
      const line = '围绕X科技城建设，我们共聚一堂。'.repeat(3000); // ≈ 135 KB on one line
      client.open(uri, line);
      const refused = await client.ready(uri, 1);
      assert.equal(refused.length, 1);
      assert.match(String(refused[0]!.message), /文件过大.*maxFileSize/);
      client.change(uri, 2, '围绕X科技城建设。');
      assert.deepEqual((await client.ready(uri, 2)).map((d) => d.code), ['placeholder']);
    } finally {
      client.settings = {};
      await client.stop();
    }
  });

  it('survives odd text: NUL bytes, lone surrogates, RTL and zero-width marks, CR line ends, only punctuation', async () => {
    const client = LspTestClient.start();
    try {
      await client.initialize(workspace);
      const texts = ['\u0000\u0001围绕X科技城\u0000', '\ud800围绕\udc00X科技城\ud83d', '\u202e围绕\u200bX科技城\u200f', '一\r二\r\n三\nX科技城\r', '。。。，，，！！！\n……\n', ''];
      for (const [i, text] of texts.entries()) {
        const uri = fileUri(`odd-${i}.txt`);
        client.open(uri, text);
        const diagnostics = await client.ready(uri, 1);
        for (const d of diagnostics) assert.ok(d.range.start.line >= 0 && d.range.end.character >= 0, JSON.stringify(d));
      }
      // Still serving.
      assert.ok(Array.isArray(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: fileUri('odd-0.txt') }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: [] } })));
    } finally {
      await client.stop();
    }
  });

  it('survives URIs with no local path, text that is not a string, and workspace folders with no path', async () => {
    const client = LspTestClient.start();
    try {
      // Folders of a virtual file system and of a UNC host: skipped, not fatal.
      await client.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: 'vscode-vfs://github/owner/repo',
        workspaceFolders: [{ uri: 'vscode-vfs://github/owner/repo', name: 'vfs' }, { uri: 'file://wsl.localhost/Ubuntu/home/a', name: 'wsl' }],
        capabilities: {},
      });
      await client.connection.sendNotification('initialized', {});
      for (const uri of ['file://host/a.txt', 'file:///a%2Fb.txt', 'untitled:Untitled-1', 'vscode-vfs://github/owner/repo/b.txt']) {
        client.open(uri, '新年伊始, 我们围绕X科技城。');
        assert.deepEqual((await client.ready(uri, 1)).map((d) => d.code).sort(), ['placeholder', 'punctuation-width'], uri);
      }
      void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: fileUri('null.txt'), languageId: 'plaintext', version: 1, text: null } });
      // Still serving, and still alive.
      const uri = fileUri('after-null.txt');
      client.open(uri, '围绕X科技城。');
      assert.deepEqual((await client.ready(uri, 1)).map((d) => d.code), ['placeholder']);
      assert.ok(!client.stderr.some((l) => l.includes('[server exited')), client.stderr.join(''));
    } finally {
      await client.stop();
    }
  });

  it('sends at most 2000 diagnostics per document, then one that counts the rest', async () => {
    const client = LspTestClient.start();
    try {
      await client.initialize(workspace);
      const uri = fileUri('dense.txt');
      const text = '我们, 围绕. '.repeat(1500); // one paragraph, over 3000 findings
      const total = lint(text).length;
      assert.ok(total > 3000);
      client.open(uri, text);
      const diagnostics = await client.ready(uri, 1);
      assert.equal(diagnostics.length, 2001);
      assert.ok(diagnostics.slice(0, 2000).every((d) => d.code !== undefined));
      assert.equal(String(diagnostics[2000]!.message).match(/^另有 (\d+) 个问题未显示/)?.[1], String(total - 2000));
    } finally {
      await client.stop();
    }
  });

  it('contains a throwing rule: one internal-error diagnostic, shown once, the other rules still report', async () => {
    const client = LspTestClient.start({ SPEECHLINT_FAULT_RULE: 'placeholder' });
    try {
      await client.initialize(workspace);
      const uriA = fileUri('fault-a.txt');
      const uriB = fileUri('fault-b.txt');
      client.open(uriA, '新年伊始, 我们围绕X科技城。');
      client.open(uriB, '围绕X科技城。');
      const a = await client.ready(uriA, 1);
      await client.ready(uriB, 1);
      assert.deepEqual(a.map((d) => d.code).sort(), ['placeholder', 'punctuation-width']);
      assert.match(String(a.find((d) => d.code === 'placeholder')!.message), /injected fault/);
      assert.equal(client.events.filter((e) => e.kind === 'message').length, 1);
      // Still serving: another request is answered.
      const actions = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uriA }, range: a[0]!.range, context: { diagnostics: [] } });
      assert.ok(Array.isArray(actions));
    } finally {
      await client.stop();
    }
  });
});
