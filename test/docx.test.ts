// Word documents read as text (server/docx/read-docx.ts). The documents are built here, part by
// part, as Word writes them (WordprocessingML in a zip), so each case shows exactly what it holds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { zipSync, strToU8 } from 'fflate';
import { formatNumber } from '../server/docx/numbering.js';
import { DocxError, MAX_PART_BYTES, readDocx } from '../server/docx/read-docx.js';

const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"';

function part(root: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:${root} ${NS}>${body}</w:${root}>`;
}
const p = (...runs: string[]) => `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>${runs.join('')}</w:p>`;
const r = (text: string) => `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;

function docx(parts: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries([['[Content_Types].xml', strToU8('<Types/>')], ['word/media/image1.png', new Uint8Array(64)], ...Object.entries(parts).map(([name, xml]) => [name, strToU8(xml)])]));
}

describe('reading .docx', () => {
  it('reads the body in order, one paragraph per line, tables in place, then text boxes, footnotes and headers', () => {
    const body = part(
      'document',
      `<w:body>${p(r('同志们：'))}${p(r('今天'), r('召开会议。'))}<w:tbl><w:tr><w:tc>${p(r('单元格一'))}</w:tc><w:tc>${p(r('单元格二'))}</w:tc></w:tr></w:tbl>` +
        `${p(r('正文'), `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>${p(r('文本框里的字'))}</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>${p(r('文本框里的字'))}</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>`, r('继续。'))}` +
        `${p()}<w:sectPr/></w:body>`,
    );
    const read = readDocx(
      docx({
        'word/document.xml': body,
        'word/footnotes.xml': part('footnotes', `<w:footnote w:id="1">${p(r('脚注内容'))}</w:footnote>`),
        'word/header1.xml': part('hdr', p(r('页眉文字'))),
        'word/footer2.xml': part('ftr', p(r('页脚'))),
      }),
    );
    assert.deepEqual(read.text.split('\n'), ['同志们：', '今天召开会议。', '单元格一', '单元格二', '正文继续。', '', '文本框里的字', '脚注内容', '页眉文字', '页脚']);
    assert.deepEqual(
      read.paragraphs.map((x) => `${x.part} ${x.index}`),
      ['body 1', 'body 2', 'table 3', 'table 4', 'body 5', 'body 6', 'textbox 1', 'footnote 1', 'header 1', 'footer 1'],
    );
    assert.equal(read.paragraphs[7]!.entry, 'word/footnotes.xml');
  });

  it('reads tracked changes as accepted: inserted text in, deleted and moved-away text out', () => {
    const body = part(
      'document',
      `<w:body>${p(r('推进'), '<w:ins w:id="1" w:author="A"><w:r><w:t>科技城</w:t></w:r></w:ins>', '<w:del w:id="2" w:author="A"><w:r><w:delText>X科技城</w:delText></w:r></w:del>', r('建设。'))}` +
        `${p('<w:moveFrom w:id="3"><w:r><w:t>搬走的话</w:t></w:r></w:moveFrom>', r('留下'))}</w:body>`,
    );
    assert.equal(readDocx(docx({ 'word/document.xml': body })).text, '推进科技城建设。\n留下');
  });

  it('leaves out what Word computes (page numbers, a table of contents) and keeps a hyperlink field\'s text; tabs and breaks as spaces in the line', () => {
    const field = (instruction: string, result: string) =>
      `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ${instruction} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>${result}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    const body = part(
      'document',
      `<w:body>${p(r('第'), field('PAGE', '3'), r('页'))}${p(field('TOC \\o "1-3"', '一、总体要求…… 1'))}${p(r('见'), field('HYPERLINK "https://example.org"', '通知全文'), r('。'))}` +
        `${p('<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>9</w:t></w:r></w:fldSimple>', r('共'))}${p(r('甲'), '<w:r><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r>')}</w:body>`,
    );
    assert.deepEqual(readDocx(docx({ 'word/document.xml': body })).text.split('\n'), ['第页', '', '见通知全文。', '共', '甲\t乙 丙']);
    // A line break written into w:t itself stays inside the line.
    const raw = part('document', `<w:body>${p('<w:r><w:t>一行\n还是一行</w:t></w:r>')}${p(r('下一段'))}</w:body>`);
    assert.deepEqual(readDocx(docx({ 'word/document.xml': raw })).text.split('\n'), ['一行 还是一行', '下一段']);
  });

  it('says clearly what a file that is no .docx is, and never throws anything else', () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ['plain text', strToU8('同志们：这不是 Word 文档。'), /不是 Word 文档/],
      ['empty', new Uint8Array(0), /不是 Word 文档/],
      ['legacy .doc', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]), /旧版 Word（\.doc）/],
      ['encrypted', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Buffer.from('\0\0EncryptedPackage', 'utf16le')]), /加密/],
      ['a zip without a body', docx({ 'word/styles.xml': '<w:styles/>' }), /缺少正文/],
      ['truncated zip', docx({ 'word/document.xml': part('document', '<w:body/>') }).subarray(0, 40), /已损坏|缺少正文/],
      ['a DTD', docx({ 'word/document.xml': `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x "${'啊'.repeat(10)}">]><w:document ${NS}><w:body>${p(r('&x;'))}</w:body></w:document>` }), /DTD/],
      ['not XML', docx({ 'word/document.xml': '<w:document><w:body><w:p>' }), /不是有效的 XML/],
    ];
    for (const [what, bytes, message] of cases) {
      assert.throws(() => readDocx(bytes), (error: unknown) => error instanceof DocxError && message.test(error.message), what);
    }
  });

  it('refuses a part whose declared size passes the cap before inflating it, and a part that lies about its size fails to parse', () => {
    const bytes = docx({ 'word/document.xml': part('document', `<w:body>${p(r('正文'))}</w:body>`) });
    const central = Buffer.from(bytes).indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const withSize = (size: number) => {
      const copy = Buffer.from(bytes);
      // Which central-directory entry is word/document.xml: the one whose name follows.
      for (let at = central; at >= 0; at = copy.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
        const nameLength = copy.readUInt16LE(at + 28);
        if (copy.toString('utf8', at + 46, at + 46 + nameLength) === 'word/document.xml') copy.writeUInt32LE(size, at + 24);
      }
      return new Uint8Array(copy);
    };
    assert.throws(() => readDocx(withSize(MAX_PART_BYTES + 1)), /解压后过大/);
    assert.throws(() => readDocx(withSize(12)), DocxError);
    assert.equal(readDocx(bytes).text, '正文');
  });

  it('renders Word\'s automatic numbering as a reader sees it: from the paragraph or its style, levels restarting, numId 0 and bullets unnumbered, old properties of a tracked change ignored', () => {
    const lvl = (ilvl: number, format: string, text: string, extra = '') => `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
    const numbering = part(
      'numbering',
      `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'chineseCounting', '（%2）')}${lvl(2, 'decimal', '%3.', '<w:suff w:val="space"/>')}</w:abstractNum>` +
        `<w:abstractNum w:abstractNumId="1">${lvl(0, 'bullet', '•')}</w:abstractNum>` +
        `<w:abstractNum w:abstractNumId="2">${lvl(0, 'decimal', '%1')}</w:abstractNum>` +
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>' +
        '<w:num w:numId="3"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>',
    );
    const styles = part('styles', '<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="H1x"><w:basedOn w:val="H1"/></w:style>');
    const numbered = (props: string, text: string) => `<w:p><w:pPr>${props}</w:pPr>${r(text)}</w:p>`;
    const num = (numId: number, ilvl: number) => `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`;
    const body = part(
      'document',
      '<w:body>' +
        numbered('<w:pStyle w:val="H1"/>', '总体要求') +
        numbered(num(1, 1), '工作目标') +
        numbered(`${num(1, 1)}<w:pPrChange w:id="9"><w:pPr>${num(2, 0)}</w:pPr></w:pPrChange>`, '重点任务') +
        numbered(num(1, 2), '细项') +
        numbered('<w:pStyle w:val="H1x"/>', '保障措施') +
        numbered(num(1, 1), '加强领导') +
        numbered(`<w:pStyle w:val="H1"/><w:numPr><w:numId w:val="0"/></w:numPr>`, '不编号的标题') +
        numbered(num(2, 0), '要点') +
        numbered(num(3, 0), '第五项') +
        '</w:body>',
    );
    assert.deepEqual(readDocx(docx({ 'word/document.xml': body, 'word/numbering.xml': numbering, 'word/styles.xml': styles })).text.split('\n'), [
      '一、总体要求',
      '（一）工作目标',
      '（二）重点任务',
      '1. 细项',
      '二、保障措施',
      '（一）加强领导',
      '不编号的标题',
      '要点',
      '5 第五项',
    ]);
  });

  it('formats counters in Word\'s number formats', () => {
    const cases: [number, string, string][] = [
      [12, 'chineseCounting', '十二'], [3, 'ideographTraditional', '丙'], [2, 'decimalEnclosedCircle', '②'], [14, 'decimalFullWidth', '１４'],
      [28, 'upperLetter', 'BB'], [9, 'lowerRoman', 'ix'], [4, 'decimalZero', '04'], [7, 'someFutureFormat', '7'],
    ];
    for (const [value, format, expected] of cases) assert.equal(formatNumber(value, format), expected, format);
  });
});
