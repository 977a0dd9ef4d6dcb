// The language server end to end: dist/server.js spawned as a process, spoken to over a real
// JSON-RPC stdio connection. Waits on events (status notifications), never on sleeps.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { lint, RULES } from '../rules/index.js';
import { loadConfigFile } from '../server/config-loader.js';
import { SERVER_COMMANDS, TRUST_GRANTED } from '../server/lsp/server.js';
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
    assert.ok(actions.some((a) => a.title.startsWith('在本文件中停用规则')), 'turn the rule off in this file');
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

  it('the standards rules offer their quick fixes: the weekday of a date, a letter O for 〇, an ASCII ellipsis', async () => {
    const uri = fileUri('standards.txt');
    client.open(uri, '会议定于2025年3月1日（星期五）召开，二O一一年的规定废止，问题很多......正在解决。');
    const diagnostics = await client.ready(uri, 1);
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['date-weekday', 'numeral-usage', 'punctuation-pairing']);
    const titles = async (code: string) => {
      const d = diagnostics.find((x) => x.code === code)!;
      const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
      return actions.map((a) => a.title);
    };
    assert.ok((await titles('date-weekday')).includes('改为“星期六”'));
    assert.ok((await titles('numeral-usage')).includes('修复：汉字数字中的“O”应为“〇”（U+3007）'));
    assert.ok((await titles('punctuation-pairing')).includes('修复：省略号应为“……”，不用“......”'));
  });

  it('a duplicated paragraph: the diagnostic on the later copy names the first as related information, deletion offered as a quick fix', async () => {
    const uri = fileUri('duplicate.txt');
    const title = '在全县优化营商环境工作推进会上的讲话';
    client.open(uri, `${title}\n\n同志们：\n\n今天召开推进会。\n\n${title}\n`);
    const diagnostics = await client.ready(uri, 1);
    const d = diagnostics.find((x) => x.code === 'duplicate-passage')!;
    assert.deepEqual(d.range, { start: { line: 6, character: 0 }, end: { line: 6, character: title.length } });
    assert.deepEqual(d.relatedInformation, [{ location: { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: title.length } } }, message: '首次出现' }]);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    assert.ok(actions.some((a) => a.title === '删除后一处重复的段落'), actions.map((a) => a.title).join(' | '));
  });

  it('a fixed formulation with an item missing: the quick fix writes the registry wording', async () => {
    const uri = fileUri('formulation.txt');
    const text = '全县党员干部要增强“四个意识”，即政治意识、大局意识、看齐意识。';
    client.open(uri, text);
    const diagnostics = await client.ready(uri, 1);
    const d = diagnostics.find((x) => x.code === 'fixed-formulation')!;
    assert.equal(d.message, '“四个意识”缺少“核心意识”，应为：政治意识、大局意识、核心意识、看齐意识');
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const fix = actions.find((a) => a.title === '改为“政治意识、大局意识、核心意识、看齐意识”')!;
    assert.equal(applyLspEdits(text, editsOf(fix)), '全县党员干部要增强“四个意识”，即政治意识、大局意识、核心意识、看齐意识。');
  });

  it('a Word document: its text view is read from the .docx, linted, and a quick fix or fix-all on it is written into the file as tracked changes; annotate writes a commented copy', async () => {
    const { zipSync, strToU8, unzipSync } = await import('fflate');
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const paragraph = (text: string) => `<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
    const path = join(workspace, '讲话.docx');
    writeFileSync(
      path,
      zipSync({
        '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>'),
        'word/document.xml': strToU8(`<?xml version="1.0"?><w:document ${W}><w:body>${paragraph('同志们:')}${paragraph('推进建设, 发展经济.')}</w:body></w:document>`),
      }),
    );
    const file = `file://${encodeURI(path)}`;
    const view = `speechlint-docx:${encodeURI(path)}`;
    const changed: string[] = [];
    client.connection.onNotification('speechlint/wordChanged', (params: { uri: string }) => void changed.push(params.uri));
    const read = (await client.connection.sendRequest('speechlint/wordText', { uri: file })) as { text?: string; error?: string };
    assert.equal(read.text, '同志们:\n推进建设, 发展经济.');
    client.open(view, read.text!);
    const diagnostics = await client.ready(view, 1);
    assert.deepEqual(diagnostics.map((d) => d.code), ['punctuation-width', 'punctuation-width', 'punctuation-width']);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: view }, range: diagnostics[0]!.range, context: { diagnostics: [diagnostics[0]] } })) as CodeAction[];
    const quickFix = actions.find((a) => a.title.startsWith('修复：'))!;
    assert.equal(quickFix.title, '修复：中文语境中的半角标点“:”应为全角“：”', 'the same title as in a text file');
    assert.equal(quickFix.edit, undefined, 'no edit of the read-only view');
    assert.equal(quickFix.command!.command, SERVER_COMMANDS.reviseWord);
    assert.ok(!actions.some((a) => a.edit), 'nothing edits the view itself');
    const outcome = await client.connection.sendRequest('workspace/executeCommand', { command: quickFix.command!.command, arguments: quickFix.command!.arguments });
    assert.deepEqual(outcome, { applied: 1, skipped: 0 });
    const { readDocx } = await import('../server/docx/read-docx.js');
    assert.equal(readDocx(readFileSync(path)).text, '同志们：\n推进建设, 发展经济.');
    assert.match(Buffer.from(unzipSync(readFileSync(path))['word/document.xml']!).toString(), /<w:ins [^>]*w:author="SpeechLint"[^>]*><w:r><w:rPr><w:b\/><\/w:rPr><w:t xml:space="preserve">：<\/w:t>/);
    assert.deepEqual(changed, [file]);
    // The two findings left, as comments in a copy beside it.
    const annotated = await client.connection.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.annotateWord, arguments: [file] });
    assert.equal(annotated, join(workspace, '讲话.批注.docx'));
    assert.equal([...Buffer.from(unzipSync(readFileSync(annotated as string))['word/comments.xml']!).toString().matchAll(/<w:comment /g)].length, 2);
    // The view shows the file again (as the client does on wordChanged); fix-all writes the rest.
    client.change(view, 2, readDocx(readFileSync(path)).text);
    await client.ready(view, 2);
    assert.deepEqual(await client.connection.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.fixAll, arguments: [view] }), { applied: 2, skipped: 0 });
    assert.equal(readDocx(readFileSync(path)).text, '同志们：\n推进建设，发展经济。');
    // A stale quick fix (the view was at version 1) writes nothing.
    assert.equal(await client.connection.sendRequest('workspace/executeCommand', { command: quickFix.command!.command, arguments: quickFix.command!.arguments }), false);
    assert.match(((await client.connection.sendRequest('speechlint/wordText', { uri: fileUri('missing.docx') })) as { error: string }).error, /不存在|无法读取/);
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
      const before = readyCount();
      rmSync(join(workspace, '.speechlintrc.json'));
      void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri('.speechlintrc.json'), type: 3 }] });
      // Settled before the next test: a config change arriving later re-reads every config, and
      // the next test's bad config would be reported a second time.
      await client.waitFor(() => readyCount() > before);
    }
  });

  it('turning linting off while a lint is running clears the findings, and the running lint publishes nothing', async () => {
    const own = LspTestClient.start();
    try {
      await own.initialize(workspace);
      const uri = fileUri('toggle-while-running.txt');
      // Long enough that the lint yields many times, so the settings change lands inside it.
      own.open(uri, '围绕X科技城, 推进发展。\n'.repeat(4000));
      await own.waitFor((e) => e.kind === 'status' && e.params.uri === uri && e.params.state === 'busy');
      own.settings = { enable: false };
      void own.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      const cleared = own.events.length;
      await own.waitFor((e) => e.kind === 'diagnostics' && e.params.uri === uri && e.params.diagnostics.length === 0);
      // While linting is off, nothing may bring findings back: a round trip later, the last publish is still empty.
      await own.connection.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.report, arguments: [uri] });
      const published = own.events.slice(cleared).filter((e) => e.kind === 'diagnostics' && e.params.uri === uri);
      assert.ok(published.length >= 1);
      assert.deepEqual(own.lastDiagnostics(uri), []);
      own.settings = {};
      const enabled = own.events.length;
      void own.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      await own.waitFor((e) => own.events.indexOf(e) >= enabled && e.kind === 'status' && e.params.uri === uri && e.params.state === 'ready');
      assert.ok(own.lastDiagnostics(uri)!.length > 0, 'findings again once linting is back on');
    } finally {
      await own.stop();
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
      const allow = actions.find((a) => a.title.startsWith('在整个项目中停用规则'))!;
      assert.equal(allow.command!.command, SERVER_COMMANDS.editConfig, 'the config file is written by the server, not by a WorkspaceEdit');
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

describe('language server: ignoring a phrase, turning a rule off, filling a placeholder', () => {
  let client: LspTestClient;
  let root: string;
  const uriOf = (name: string) => `file://${join(root, name)}`;
  const actionsAt = async (uri: string, d: Diagnostic) =>
    (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
  const run = (action: CodeAction) => client.connection.sendRequest('workspace/executeCommand', { command: action.command!.command, arguments: action.command!.arguments });
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'speechlint-suppress-'));
    client = LspTestClient.start();
    await client.initialize(root, { initializationOptions: { clientCommands: true } });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('ignores the exact text of a whole-line finding in the project config, written whole, comments kept', async () => {
    writeFileSync(join(root, '.speechlintrc.json'), '{\n  // 项目配置\n  "rules": {},\n}\n');
    const uri = uriOf('banner.txt');
    const text = '各单位：\n请扫码关注我们的公众号\n下周一开会。\n';
    client.open(uri, text);
    const [banner] = await client.ready(uri, 1);
    assert.equal(banner!.code, 'template-residue');
    const actions = await actionsAt(uri, banner!);
    const ignore = actions.find((a) => a.title.includes('写入项目配置'))!;
    assert.match(ignore.title, /^忽略“请扫码关注我们的公众号”/);
    assert.ok(actions.some((a) => a.command?.command === 'speechlint.allowInUserSettings' && a.command.arguments![0] === '请扫码关注我们的公众号'));
    assert.ok(await run(ignore));
    const written = readFileSync(join(root, '.speechlintrc.json'), 'utf8');
    assert.match(written, /\/\/ 项目配置/, 'the comment is kept');
    assert.deepEqual(JSON.parse(written.replace(/\/\/.*$/m, '').replace(/,(\s*})/g, '$1')).allow, ['请扫码关注我们的公众号']);
    await client.waitFor((e) => e.kind === 'diagnostics' && e.params.uri === uri && e.params.diagnostics.length === 0);
    assert.deepEqual(readdirSync(root).filter((n) => n.includes('.tmp')), [], 'no temporary file left behind');
    assert.ok(!client.events.some((e) => e.kind === 'message' && /配置文件有误/.test(e.params.message)), 'the server never read a half-written config');
  });

  it('turns a rule off for the project, and only in this file with a directive line that plain text honours', async () => {
    const uri = uriOf('comma.txt');
    const text = '新年伊始, 我们共聚一堂。\n';
    client.open(uri, text);
    const [comma] = await client.ready(uri, 1);
    const actions = await actionsAt(uri, comma!);
    assert.ok(!actions.some((a) => a.title.startsWith('忽略“,”')), 'punctuation alone is no phrase to ignore');
    const inFile = actions.find((a) => a.title.startsWith('在本文件中停用规则“punctuation-width”'))!;
    const edited = applyLspEdits(text, editsOf(inFile));
    assert.equal(edited, '<!-- speechlint-disable punctuation-width -->\n' + text);
    client.change(uri, 2, edited);
    assert.deepEqual(await client.ready(uri, 2), []);
    const other = uriOf('other.txt');
    client.open(other, '我们, 他们。\n');
    const [d] = await client.ready(other, 1);
    const inProject = (await actionsAt(other, d!)).find((a) => a.title.startsWith('在整个项目中停用规则“punctuation-width”'))!;
    await run(inProject);
    assert.match(readFileSync(join(root, '.speechlintrc.json'), 'utf8'), /"punctuation-width": "off"/);
    await client.waitFor((e) => e.kind === 'diagnostics' && e.params.uri === other && e.params.diagnostics.length === 0);
  });

  it('ignores a phrase only in this file, and fills a placeholder everywhere from the value given', async () => {
    const uri = uriOf('placeholder.txt');
    const text = '围绕X科技城建设，\n推进X科技城发展，XX亿元。\n';
    client.open(uri, text);
    const diagnostics = await client.ready(uri, 1);
    const x = diagnostics.find((d) => d.code === 'placeholder')!;
    const actions = await actionsAt(uri, x);
    const onlyHere = actions.find((a) => a.title.startsWith('只在本文件中忽略“X”'))!;
    assert.equal(applyLspEdits(text, editsOf(onlyHere)), '<!-- speechlint-allow X -->\n' + text);
    const fill = actions.find((a) => a.command?.command === 'speechlint.fillPlaceholder')!;
    const request = fill.command!.arguments![0] as { uri: string; token: string; key: string };
    assert.deepEqual(request, { uri, token: 'X', key: 'X科技城' });
    // What the client sends once the user typed the value.
    client.appliedEdits.length = 0;
    await client.connection.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.editConfig, arguments: [uri, { kind: 'placeholder', key: request.key, value: '攀枝花科技城' }] });
    assert.match(readFileSync(join(root, '.speechlintrc.json'), 'utf8'), /"X科技城": "攀枝花科技城"/);
    const edit = client.appliedEdits[0]!;
    assert.equal(applyLspEdits(text, (edit.documentChanges![0] as TextDocumentEdit).edits as TextEdit[]), '围绕攀枝花科技城建设，\n推进攀枝花科技城发展，XX亿元。\n');
  });

  it('refuses what a client should not send, and a config it cannot parse, without writing', async () => {
    const uri = uriOf('placeholder.txt');
    const bad = [{ kind: 'rule', ruleId: 'no-such-rule', severity: 'off' }, { kind: 'allow', phrase: 'a\nb' }, { kind: 'placeholder', key: 'X', value: 'XX' }, null];
    for (const change of bad) {
      assert.equal(await client.connection.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.editConfig, arguments: [uri, change] }), false);
    }
    writeFileSync(join(root, '.speechlintrc.json'), '{ "allow": [');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.speechlintrc.json'), type: 2 }] });
    assert.equal(await client.connection.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.editConfig, arguments: [uri, { kind: 'allow', phrase: '科技城' }] }), false);
    assert.equal(readFileSync(join(root, '.speechlintrc.json'), 'utf8'), '{ "allow": [', 'a broken config is left as it is');
  });
});

describe('language server: the config file command', () => {
  it('creates a commented starter that loads as the defaults, then opens the file in force (even a broken one)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'speechlint-open-'));
    const client = LspTestClient.start();
    try {
      await client.initialize(root);
      mkdirSync(join(root, 'sub'));
      const uri = `file://${join(root, 'sub', 'a.txt')}`;
      client.open(uri, '你好。\n');
      await client.ready(uri, 1);
      const open = () => client.connection.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.openConfig, arguments: [uri] });
      const created = (await open()) as string;
      assert.equal(created, join(root, '.speechlintrc.json'), 'in the workspace folder');
      const text = readFileSync(created, 'utf8');
      assert.match(text, /^\/\/ SpeechLint/);
      for (const rule of RULES) assert.ok(text.includes(`"${rule.meta.id}": "${rule.meta.defaultSeverity}"`), rule.meta.id);
      assert.deepEqual(loadConfigFile(created).config, { rules: Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.defaultSeverity])), ignore: [], allow: [], placeholders: {} });
      writeFileSync(join(root, 'sub', '.speechlintrc.json'), '{ broken');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${join(root, 'sub', '.speechlintrc.json')}`, type: 1 }] });
      assert.equal(await open(), join(root, 'sub', '.speechlintrc.json'));
      assert.equal(readFileSync(join(root, 'sub', '.speechlintrc.json'), 'utf8'), '{ broken');
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

  it('sends at most speechlint.maxProblems diagnostics (default 1000): errors first, then a note at the top counting the rest', async () => {
    const client = LspTestClient.start();
    try {
      await client.initialize(workspace);
      const uri = fileUri('dense.txt');
      // Over 3000 warnings (half-width punctuation), and near the end of the file 5 errors.
      const text = '我们, 围绕. '.repeat(1500) + '\n\n' + '围绕X科技城。'.repeat(5);
      const all = lint(text);
      assert.ok(all.length > 3000);
      const errors = all.filter((f) => f.severity === 'error');
      assert.equal(errors.length, 5);
      client.open(uri, text);
      const diagnostics = await client.ready(uri, 1);
      assert.equal(diagnostics.length, 1000);
      const [note, ...shown] = diagnostics;
      assert.deepEqual(note!.range.start, { line: 0, character: 0 });
      assert.equal(note!.severity, 3);
      assert.equal(String(note!.message).match(/^另有 (\d+) 个问题未显示（共 (\d+) 个/)?.slice(1).join(' '), `${all.length - 999} ${all.length}`);
      assert.equal(shown.filter((d) => d.severity === 1).length, 5, 'no error is hidden behind warnings');
      assert.ok(shown.every((d) => d.code !== undefined));
      client.settings = { maxProblems: 10 };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      await client.waitFor((e) => e.kind === 'diagnostics' && e.params.uri === uri && e.params.diagnostics.length === 10);
      // The note's quick fix (VS Code only) opens the full report; the report command gives every finding.
      const report = (await client.connection.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.report, arguments: [uri] })) as string;
      assert.equal(report.split('\n').filter((l) => /^\s+\d+:\d+/.test(l)).length, all.length);
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
