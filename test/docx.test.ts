// Word documents read as text (server/docx/read-docx.ts). The documents are built here, part by
// part, as Word writes them (WordprocessingML in a zip), so each case shows exactly what it holds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { zipSync, strToU8 } from 'fflate';
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
});
