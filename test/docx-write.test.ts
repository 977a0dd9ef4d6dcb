// Word documents written back: fixes as tracked changes (server/docx/revise-docx.ts) and
// findings as comments (server/docx/annotate-docx.ts). Documents are generated here with the
// `docx` package, as an application writing .docx would, or part by part where a case needs
// markup the package does not write (fields, numbering, text boxes, someone's own revisions).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Document, Footer, Packer, Paragraph, TextRun } from 'docx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { fix, lint } from '../rules/index.js';
import { annotateDocx, findingComments } from '../server/docx/annotate-docx.js';
import { readDocx } from '../server/docx/read-docx.js';
import { applyChanges, reviseDocx, textChanges } from '../server/docx/revise-docx.js';

const DATE = new Date('2026-12-03T08:00:00Z');

async function generated(paragraphs: Paragraph[], footer?: string): Promise<Uint8Array> {
  const doc = new Document({
    sections: [{ children: paragraphs, ...(footer ? { footers: { default: new Footer({ children: [new Paragraph(footer)] }) } } : {}) }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

function entry(bytes: Uint8Array, name: string): string {
  const found = unzipSync(bytes, { filter: (f) => f.name === name })[name];
  return found ? Buffer.from(found).toString('utf8') : '';
}

const NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
function handmade(body: string, extra: Record<string, string> = {}): Uint8Array {
  const parts: Record<string, string> = {
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    'word/_rels/document.xml.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>',
    'word/document.xml': `<?xml version="1.0"?><w:document ${NS}><w:body>${body}</w:body></w:document>`,
    ...extra,
  };
  return zipSync(Object.fromEntries(Object.entries(parts).map(([name, xml]) => [name, strToU8(xml)])));
}
const run = (text: string, props = '') => `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;

describe('text changes between the linted text and the fixed text', () => {
  it('finds each change by character inside a line, and line breaks removed when paragraphs join or a line goes', () => {
    const cases: [string, string][] = [
      ['同志们:今天开会.', '同志们：今天开会。'],
      ['第一页完\n2、接着写', '第一页完接着写'],
      ['正文\n来源：某网站\n下文', '正文\n下文'],
      ['正文\n末行残留', '正文'],
      ['没有变化', '没有变化'],
    ];
    for (const [before, after] of cases) assert.equal(applyChanges(before, textChanges(before, after)), after, before);
    assert.deepEqual(textChanges('同志们:今天开会.', '同志们：今天开会。'), [
      { start: 3, end: 4, insert: '：' },
      { start: 8, end: 9, insert: '。' },
    ]);
    assert.deepEqual(textChanges('正文\n来源：某网站\n下文', '正文\n下文'), [{ start: 3, end: 10, insert: '' }]);
  });
});

describe('--fix on a Word document: tracked changes', () => {
  it('writes each fix as w:del + w:ins by SpeechLint, splitting runs and keeping their formatting; accepted, it reads as the fixed text', async () => {
    const bytes = await generated([
      new Paragraph({ children: [new TextRun({ text: '同志们:', bold: true })] }),
      new Paragraph({ children: [new TextRun('今天召开会议,'), new TextRun({ text: '主要任务是', italics: true }), new TextRun('总结工作.')] }),
      new Paragraph('这一段没有问题。'),
    ]);
    const original = readDocx(bytes).text;
    const fixed = fix(original, { language: 'plaintext' }).output;
    assert.notEqual(fixed, original);
    const revised = reviseDocx(bytes, fixed, { date: DATE });
    assert.deepEqual([revised.applied, revised.skipped], [3, 0]);
    assert.equal(revised.acceptedText, fixed);
    assert.equal(readDocx(revised.bytes).text, fixed, 'read as accepted');
    const xml = entry(revised.bytes, 'word/document.xml');
    assert.match(xml, /<w:del w:id="\d+" w:author="SpeechLint" w:date="2026-12-03T08:00:00Z"><w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:delText xml:space="preserve">:<\/w:delText><\/w:r><\/w:del>/);
    assert.match(xml, /<w:ins w:id="\d+" w:author="SpeechLint" w:date="2026-12-03T08:00:00Z"><w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">：<\/w:t><\/w:r><\/w:ins>/);
    // The untouched italic run and paragraph stay byte for byte.
    const italicRun = /<w:r>(?:(?!<w:r>).)*?主要任务是<\/w:t><\/w:r>/.exec(entry(bytes, 'word/document.xml'))![0];
    assert.match(italicRun, /<w:i\/>/);
    assert.ok(xml.includes(italicRun));
    assert.ok(xml.includes('这一段没有问题。'));
    const ids = [...xml.matchAll(/w:id="(\d+)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length, 'annotation ids are unique');
    // Every other part is carried over unchanged.
    for (const name of ['word/styles.xml', 'word/settings.xml', '[Content_Types].xml']) assert.equal(entry(revised.bytes, name), entry(bytes, name), name);
  });

  it('joins paragraphs by deleting the paragraph mark, and removes a residue line whole', () => {
    const bytes = handmade(
      `<w:p>${run('第一页的最后半句')}</w:p><w:p>${run('2、')}${run('接着是第二页。')}</w:p>` + `<w:p><w:pPr><w:jc w:val="both"/></w:pPr>${run('正文。')}</w:p><w:p>${run('末段。')}</w:p>`,
    );
    const original = readDocx(bytes).text;
    const fixedText = '第一页的最后半句接着是第二页。\n正文。\n末段。';
    const revised = reviseDocx(bytes, fixedText, { date: DATE });
    assert.equal(revised.skipped, 0);
    assert.equal(readDocx(revised.bytes).text, fixedText);
    const xml = entry(revised.bytes, 'word/document.xml');
    assert.match(xml, /<w:p><w:pPr><w:rPr><w:del w:id="\d+" w:author="SpeechLint"[^>]*\/><\/w:rPr><\/w:pPr>/, 'a w:pPr made for the deleted mark');
    assert.notEqual(original, fixedText);
  });

  it('leaves out, and counts, changes to text Word generates or holds whole: numbering labels, fields, text boxes, others\' insertions', () => {
    const numbering = `<?xml version="1.0"?><w:numbering ${NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:suff w:val="nothing"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
    const field = `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "https://example.org"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>链接,文字</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    const bytes = handmade(
      `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>${run('编号段')}</w:p>` +
        `<w:p>${field}</w:p><w:p><w:ins w:id="7" w:author="张三">${run('别人插入的,')}</w:ins>${run('自己的,')}</w:p>`,
      { 'word/numbering.xml': numbering },
    );
    const original = readDocx(bytes).text;
    assert.equal(original, '1.编号段\n链接,文字\n别人插入的,自己的,');
    const revised = reviseDocx(bytes, '1、编号段\n链接，文字\n别人插入的，自己的，', { date: DATE });
    assert.deepEqual([revised.applied, revised.skipped], [1, 3]);
    assert.equal(revised.acceptedText, '1.编号段\n链接,文字\n别人插入的,自己的，');
    assert.equal(readDocx(revised.bytes).text, revised.acceptedText);
    assert.match(entry(revised.bytes, 'word/document.xml'), /w:author="张三"/, 'their revision kept');
    // Ids continue after the highest one in the document.
    assert.ok([...entry(revised.bytes, 'word/document.xml').matchAll(/w:author="SpeechLint"/g)].length === 2);
    assert.doesNotMatch(entry(revised.bytes, 'word/document.xml'), /w:id="7" w:author="SpeechLint"/);
  });

  it('escapes what it writes and keeps the document as it was when nothing can be written', () => {
    const bytes = handmade(`<w:p>${run('A&amp;B,')}</w:p>`);
    assert.equal(readDocx(bytes).text, 'A&B,');
    const revised = reviseDocx(bytes, 'A&B<，', { date: DATE });
    assert.equal(readDocx(revised.bytes).text, 'A&B<，');
    const unchanged = reviseDocx(bytes, 'A&B,', { date: DATE });
    assert.equal(unchanged.bytes, bytes);
  });
});

describe('--annotate: Word comments on findings', () => {
  it('anchors a comment on each finding\'s text, creating comments.xml, its relationship and content type; the text stays as it was', async () => {
    const bytes = await generated([new Paragraph({ children: [new TextRun({ text: '同志们:', bold: true })] }), new Paragraph('推进X科技城建设。')], '页脚,文字');
    const text = readDocx(bytes).text;
    const findings = lint(text);
    assert.ok(findings.length >= 3, `findings: ${findings.map((f) => f.ruleId).join(', ')}`);
    const annotated = annotateDocx(bytes, findingComments(findings, text), { date: DATE });
    assert.equal(readDocx(annotated.bytes).text, text, 'comments do not change the text');
    const xml = entry(annotated.bytes, 'word/document.xml');
    const comments = entry(annotated.bytes, 'word/comments.xml');
    assert.equal([...comments.matchAll(/<w:comment /g)].length, findings.length);
    assert.match(comments, /警告：中文语境中的半角标点“:”应为全角“：”（punctuation-width）/);
    assert.match(comments, /建议将“:”改为“：”/);
    assert.match(entry(annotated.bytes, 'word/_rels/document.xml.rels'), /relationships\/comments" Target="comments.xml"/);
    assert.match(entry(annotated.bytes, '[Content_Types].xml'), /PartName="\/word\/comments.xml" ContentType="application\/vnd.openxmlformats-officedocument.wordprocessingml.comments\+xml"/);
    // The anchored text of the punctuation finding is exactly ":", still bold.
    const id = /<w:comment w:id="(\d+)"[^>]*><w:p><w:r><w:annotationRef\/><\/w:r><w:r><w:t xml:space="preserve">警告：中文语境中的半角标点“:”/.exec(comments)![1];
    const anchored = new RegExp(`<w:commentRangeStart w:id="${id}"/>(.*?)<w:commentRangeEnd w:id="${id}"/>`).exec(xml)![1]!;
    assert.equal(anchored, '<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">:</w:t></w:r>');
    assert.ok(xml.includes(`<w:r><w:commentReference w:id="${id}"/></w:r>`));
    // The footer's finding is on the first paragraph, saying where it points.
    assert.equal(annotated.atDocumentStart, findings.filter((f) => f.start.line === text.split('\n').length).length);
    assert.match(comments, /【页脚第 1 段】/);
  });

  it('adds to comments a document already has, with ids no other annotation uses', () => {
    const comments = `<?xml version="1.0"?><w:comments ${NS}><w:comment w:id="4" w:author="李四"><w:p>${run('原有批注')}</w:p></w:comment></w:comments>`;
    const bytes = handmade(`<w:p><w:commentRangeStart w:id="4"/>${run('已有批注的段落,')}<w:commentRangeEnd w:id="4"/><w:r><w:commentReference w:id="4"/></w:r></w:p><w:p/>`, {
      'word/comments.xml': comments,
    });
    const text = readDocx(bytes).text;
    const annotated = annotateDocx(bytes, [{ start: text.indexOf(','), end: text.indexOf(',') + 1, paragraphs: ['一条'] }, { start: text.length, end: text.length, paragraphs: ['空段'] }], { date: DATE });
    const written = entry(annotated.bytes, 'word/comments.xml');
    assert.match(written, /李四/);
    assert.deepEqual([...written.matchAll(/<w:comment w:id="(\d+)"/g)].map((m) => m[1]), ['4', '5', '6']);
    assert.equal(entry(annotated.bytes, 'word/_rels/document.xml.rels'), entry(bytes, 'word/_rels/document.xml.rels'), 'no second relationship');
    // The empty paragraph <w:p/> holds its comment too.
    assert.match(entry(annotated.bytes, 'word/document.xml'), /<w:p><w:commentRangeStart w:id="6"\/><w:commentRangeEnd w:id="6"\/><w:r><w:commentReference w:id="6"\/><\/w:r><\/w:p>/);
    assert.equal(readDocx(annotated.bytes).text, text);
  });
});
