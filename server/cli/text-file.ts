import iconv from 'iconv-lite';

export type TextEncodingName = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030';

export interface DecodedText {
  /** The text without its byte-order mark. */
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
}

/** A file that cannot be read as text; the CLI reports it and exits with 2. */
export class TextFileError extends Error {}

const UTF8_DECODER = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const GB18030_DECODER = new TextDecoder('gb18030', { fatal: true });

/**
 * Decodes UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM) and GB18030/GBK (common for
 * Chinese documents saved on Windows). GB18030 is taken only when the bytes are not UTF-8, decode
 * without error, read as Chinese text, and encode back to the very same bytes — so `--fix` can
 * write the file in its own encoding. Anything else is refused, never guessed.
 */
export function decodeText(buffer: Buffer): DecodedText {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) {
    return checkedUtf16(buffer.subarray(2).toString('utf16le'), buffer.length, 'utf16le');
  }
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    return checkedUtf16(swapBytes(buffer.subarray(2)).toString('utf16le'), buffer.length, 'utf16be');
  }
  if (buffer.includes(0)) {
    throw new TextFileError('看起来是二进制文件，已跳过 / looks like a binary file; skipped');
  }
  const bom = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  try {
    return { text: UTF8_DECODER.decode(bom ? buffer.subarray(3) : buffer), encoding: 'utf8', bom };
  } catch {
    // not UTF-8: perhaps GB18030/GBK
  }
  if (!bom) {
    const text = decodeGb18030(buffer);
    if (text !== undefined) return { text, encoding: 'gb18030', bom: false };
  }
  const at = firstInvalidUtf8(buffer);
  throw new TextFileError(`编码无法识别：第 ${at} 字节起既不是有效的 UTF-8，也不是 GB18030/GBK 文本 / invalid byte sequence at byte ${at} (neither UTF-8 nor GB18030); skipped`);
}

/** UTF-16 text must use whole code units (else writing it back would drop the last byte) and hold no NUL. */
function checkedUtf16(text: string, byteLength: number, encoding: 'utf16le' | 'utf16be'): DecodedText {
  if (byteLength % 2 !== 0) {
    throw new TextFileError(`有字节序标记却不是完整的 UTF-16 文本（字节数 ${byteLength} 为奇数） / byte-order mark but not whole UTF-16 text (odd length, ${byteLength} bytes); skipped`);
  }
  if (text.includes('\0')) throw new TextFileError('看起来是二进制文件，已跳过 / looks like a binary file; skipped');
  return { text, encoding, bom: true };
}

function decodeGb18030(buffer: Buffer): string | undefined {
  let text: string;
  try {
    text = GB18030_DECODER.decode(buffer);
  } catch {
    return undefined;
  }
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const nonAscii = [...text].filter((c) => c.charCodeAt(0) > 0x7f).length;
  // Random bytes also decode as GB18030; real Chinese text is mostly Han among its non-ASCII.
  if (han === 0 || han < nonAscii * 0.6) return undefined;
  return iconv.encode(text, 'gb18030').equals(buffer) ? text : undefined;
}

/** 1-based position of the first byte that breaks UTF-8 (a linear scan, for the message). */
function firstInvalidUtf8(buffer: Buffer): number {
  let i = 0;
  while (i < buffer.length) {
    const byte = buffer[i]!;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0) return i + 1;
    for (let k = 1; k < length; k++) {
      const next = buffer[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i + k + 1;
    }
    i += length;
  }
  return buffer.length;
}

/** Encodes `text` the way `original` was stored: same encoding, same BOM. */
export function encodeText(text: string, original: Pick<DecodedText, 'encoding' | 'bom'>): Buffer {
  switch (original.encoding) {
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), swapBytes(Buffer.from(text, 'utf16le'))]);
    case 'utf8':
      return Buffer.concat([original.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
  }
}

function swapBytes(buffer: Buffer): Buffer {
  const copy = Buffer.from(buffer.subarray(0, buffer.length - (buffer.length % 2)));
  return copy.swap16();
}
