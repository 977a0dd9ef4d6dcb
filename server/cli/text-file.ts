import { chmodSync, closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type TextEncodingName = 'utf8' | 'utf16le' | 'utf16be';

export interface DecodedText {
  /** The text without its byte-order mark. */
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
}

/** A file that cannot be read as text; the CLI reports it and exits with 2. */
export class TextFileError extends Error {}

const UTF8_DECODER = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes UTF-8 (with or without BOM) and UTF-16 LE/BE (with BOM); refuses binary and invalid bytes. */
export function decodeText(buffer: Buffer): DecodedText {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) {
    return { text: buffer.subarray(2).toString('utf16le'), encoding: 'utf16le', bom: true };
  }
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    return { text: swapBytes(buffer.subarray(2)).toString('utf16le'), encoding: 'utf16be', bom: true };
  }
  if (buffer.includes(0)) {
    throw new TextFileError('看起来是二进制文件，已跳过 / looks like a binary file; skipped');
  }
  const bom = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  try {
    return { text: UTF8_DECODER.decode(bom ? buffer.subarray(3) : buffer), encoding: 'utf8', bom };
  } catch {
    throw new TextFileError('不是有效的 UTF-8 文本（可能是 GBK/GB18030 编码，请先转换为 UTF-8）/ not valid UTF-8 text (GBK?); skipped');
  }
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
  }
}

function swapBytes(buffer: Buffer): Buffer {
  const copy = Buffer.from(buffer.subarray(0, buffer.length - (buffer.length % 2)));
  return copy.swap16();
}

/**
 * Writes through a temporary file in the same folder and renames it over the target, so a
 * crash leaves either the old or the new file, never half of one. Keeps the file's mode.
 */
export function writeFileAtomic(path: string, data: Buffer): void {
  const temp = join(dirname(path), `.${basename(path)}.speechlint-${process.pid}-${Date.now()}.tmp`);
  const mode = statSync(path).mode;
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  try {
    chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (error) {
    try { unlinkSync(temp); } catch { /* already gone */ }
    throw error;
  }
}
