import type Iconv from 'iconv-lite';

/**
 * iconv-lite (GBK/Big5 encoding, Big5 decoding) is loaded on the first file that needs it: its
 * tables are half a megabyte that every CLI run parsed at start-up when bundled. The CLI bundle
 * leaves it out (a runtime dependency, see scripts/build.mjs); the language server's bundle
 * keeps it, and this `require` runs it only when called.
 */
let iconvModule: typeof Iconv | undefined;
const iconv = {
  decode: (buffer: Buffer, encoding: string) => loadIconv().decode(buffer, encoding),
  encode: (text: string, encoding: string) => loadIconv().encode(text, encoding),
};
function loadIconv(): typeof Iconv {
  return (iconvModule ??= require('iconv-lite') as typeof Iconv);
}

export type TextEncodingName = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030' | 'big5';

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
 * Decodes UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM), and the two legacy Chinese
 * encodings: GB18030/GBK (mainland documents saved on Windows) and Big5 (Big5-HKSCS; Taiwan and
 * Hong Kong). Most Big5 files also decode without error as GB18030, into plausible-looking
 * characters (意 → 笱), so a legacy encoding is taken only when the bytes decode without error,
 * encode back to the very same bytes (so `--fix` can write the file in its own encoding), and read
 * as Chinese text — its non-ASCII characters mostly Han, and those mostly common characters —
 * and only when exactly one of the two passes. Both passing is refused as ambiguous: never guessed.
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
    const readings = LEGACY_ENCODINGS.flatMap((encoding) => {
      const text = decodeLegacy(buffer, encoding);
      return text === undefined ? [] : [{ text, encoding, bom: false }];
    });
    if (readings.length === 1) return readings[0]!;
    if (readings.length > 1) {
      throw new TextFileError('编码无法确定：既能读作 GB18030/GBK，也能读作 Big5，请另存为 UTF-8 / ambiguous encoding: reads as both GB18030 and Big5 text; save it as UTF-8; skipped');
    }
  }
  const at = firstInvalidUtf8(buffer);
  throw new TextFileError(`编码无法识别：第 ${at} 字节起既不是有效的 UTF-8，也不是 GB18030/GBK 或 Big5 文本 / invalid byte sequence at byte ${at} (neither UTF-8 nor GB18030 nor Big5); skipped`);
}

/** UTF-16 text must use whole code units (else writing it back would drop the last byte) and hold no NUL. */
function checkedUtf16(text: string, byteLength: number, encoding: 'utf16le' | 'utf16be'): DecodedText {
  if (byteLength % 2 !== 0) {
    throw new TextFileError(`有字节序标记却不是完整的 UTF-16 文本（字节数 ${byteLength} 为奇数） / byte-order mark but not whole UTF-16 text (odd length, ${byteLength} bytes); skipped`);
  }
  if (text.includes('\0')) throw new TextFileError('看起来是二进制文件，已跳过 / looks like a binary file; skipped');
  return { text, encoding, bom: true };
}

const LEGACY_ENCODINGS = ['gb18030', 'big5'] as const;
type LegacyEncoding = (typeof LEGACY_ENCODINGS)[number];
/** iconv-lite's names; its Big5 is Big5-HKSCS, which includes the Hong Kong characters. */
const ICONV_NAME: Record<LegacyEncoding, string> = { gb18030: 'gb18030', big5: 'big5hkscs' };
/** Among the Han characters of real Chinese text (measured: 99.5–100 %); a wrong decoding gives 30–60 %. */
const MIN_COMMON_SHARE = 0.8;
/** Among the non-ASCII characters (real text: 86–97 %; the rest punctuation). */
const MIN_HAN_SHARE = 0.6;

function decodeLegacy(buffer: Buffer, encoding: LegacyEncoding): string | undefined {
  let text: string;
  try {
    text = encoding === 'gb18030' ? GB18030_DECODER.decode(buffer) : iconv.decode(buffer, ICONV_NAME.big5);
  } catch {
    return undefined;
  }
  // iconv-lite writes U+FFFD for what it cannot decode instead of throwing.
  if (encoding === 'big5' && text.includes('\uFFFD')) return undefined;
  let nonAscii = 0;
  let han = 0;
  let common = 0;
  for (const c of text) {
    if (c.charCodeAt(0) <= 0x7f) continue;
    nonAscii++;
    if (!HAN.test(c)) continue;
    han++;
    if (isCommonCharacter(c)) common++;
  }
  // Random bytes also decode; real Chinese text is mostly Han, and mostly common characters.
  if (han === 0 || han < nonAscii * MIN_HAN_SHARE || common < han * MIN_COMMON_SHARE) return undefined;
  return iconv.encode(text, ICONV_NAME[encoding]).equals(buffer) ? text : undefined;
}

const HAN = /^\p{Script=Han}$/u;
const commonCharacters = new Map<string, boolean>();

/**
 * A character of the first level of GB 2312 (the 3,755 commonest simplified characters) or of
 * Big5 (the 5,401 commonest traditional ones), found by where the standard encodes it.
 */
function isCommonCharacter(c: string): boolean {
  let known = commonCharacters.get(c);
  if (known === undefined) {
    const gb = iconv.encode(c, 'gb18030');
    const big5 = iconv.encode(c, 'big5hkscs');
    known =
      (gb.length === 2 && gb[0]! >= 0xb0 && gb[0]! <= 0xd7 && gb[1]! >= 0xa1) ||
      (big5.length === 2 && iconv.decode(big5, 'big5hkscs') === c && big5[0]! >= 0xa4 && (big5[0]! < 0xc6 || (big5[0] === 0xc6 && big5[1]! <= 0x7e)));
    commonCharacters.set(c, known);
  }
  return known;
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
    case 'big5':
      return iconv.encode(text, ICONV_NAME[original.encoding]);
  }
}

function swapBytes(buffer: Buffer): Buffer {
  const copy = Buffer.from(buffer.subarray(0, buffer.length - (buffer.length % 2)));
  return copy.swap16();
}
