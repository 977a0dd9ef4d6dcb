// A .docx written back: every entry of the original zip kept byte for byte except the parts
// edited, which are changed by splices (offset ranges replaced), so nothing the writer did
// not mean to touch moves.
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { DocxError, entryText, W } from './wordml.js';

/** All entries inflated together: well above any real document, and still a bound against a zip bomb. */
export const MAX_PACKAGE_BYTES = 512 * 1024 * 1024;

export function unzipPackage(bytes: Uint8Array): Record<string, Uint8Array> {
  let declaredTotal = 0;
  let tooLarge = false;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        declaredTotal += file.originalSize;
        if (declaredTotal > MAX_PACKAGE_BYTES) tooLarge = true;
        return !tooLarge;
      },
    });
  } catch (error) {
    throw new DocxError(`Word 文档已损坏，无法解压（${error instanceof Error ? error.message : String(error)}）/ a damaged .docx: the zip cannot be read`);
  }
  if (tooLarge) throw new DocxError(`Word 文档解压后超过 ${MAX_PACKAGE_BYTES / 1024 / 1024} MB，不写回 / the package inflates past the limit; nothing written`);
  return entries;
}

/** Media are stored as they are (already compressed); XML is deflated. */
export function zipPackage(entries: Record<string, Uint8Array>): Uint8Array {
  const zippable: Zippable = {};
  // [Content_Types].xml first, as Word writes it.
  const names = Object.keys(entries).sort((a, b) => Number(b === '[Content_Types].xml') - Number(a === '[Content_Types].xml'));
  for (const name of names) zippable[name] = [entries[name]!, { level: /\.(xml|rels)$/i.test(name) ? 6 : 0 }];
  return zipSync(zippable);
}

export interface Splice {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies non-overlapping splices. Insertions at the same offset keep the order they were
 * added in, and come before a replacement that starts there.
 */
export function applySplices(xml: string, splices: readonly Splice[]): string {
  const ordered = splices.map((splice, order) => ({ ...splice, order }));
  ordered.sort((a, b) => a.start - b.start || Number(a.end > a.start) - Number(b.end > b.start) || a.order - b.order);
  // One pass, joined once: a part with a thousand changes is not copied a thousand times.
  const pieces: string[] = [];
  let at = 0;
  for (const { start, end, text } of ordered) {
    if (start < at) throw new Error(`overlapping splices at ${start}`);
    pieces.push(xml.slice(at, start), text);
    at = end;
  }
  pieces.push(xml.slice(at));
  return pieces.join('');
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** The generated XML says "w:": a part that binds WordprocessingML to another prefix is not written to. */
export function assertWordPrefix(xml: string, entry: string): void {
  if (!rootTag(xml).includes(`xmlns:w="${W}"`)) {
    throw new DocxError(`${entry} 未按常规使用 w: 前缀，无法安全写回 / the part does not bind the w: prefix as Word does; nothing written`);
  }
}

/** The root element's open tag: after the XML declaration and any comments. */
function rootTag(xml: string): string {
  let at = xml.indexOf('<');
  while (at >= 0 && (xml.startsWith('<?', at) || xml.startsWith('<!', at))) {
    const end = xml.startsWith('<!--', at) ? xml.indexOf('-->', at) : xml.indexOf('>', at);
    at = end < 0 ? -1 : xml.indexOf('<', end);
  }
  return at < 0 ? '' : xml.slice(at, xml.indexOf('>', at) + 1);
}

/** Annotation ids (w:id of comments, insertions, deletions, bookmarks) must not repeat: the next free one. */
export function nextAnnotationId(entries: Record<string, Uint8Array>): number {
  let max = 0;
  for (const [name, bytes] of Object.entries(entries)) {
    if (!/\.xml$/i.test(name) || !name.startsWith('word/')) continue;
    for (const match of entryText(bytes).matchAll(/\bw:id="(-?\d+)"/g)) max = Math.max(max, Number(match[1]));
  }
  return max + 1;
}

/** Word's revision and comment date: ISO 8601 to the second, in UTC. */
export function revisionDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
