// What both readers of a .docx share: WordprocessingML's namespaces, its attributes, and one
// XML parse that refuses a DTD and reports a malformed part by name.
import { SaxesParser, type SaxesTagNS } from 'saxes';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** A file that cannot be read as a Word document: the CLI reports the message and exits with 2. */
export class DocxError extends Error {}

/** A w:-namespaced attribute of `node` (w:val, w:numId…). */
export function attribute(node: SaxesTagNS, local: string): string | undefined {
  for (const a of Object.values(node.attributes)) if (a.uri === W && a.local === local) return a.value;
  return undefined;
}

/** An inflated zip entry as text. */
export function entryText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/**
 * Parses one part (`entry` names it in messages), calling back for every element and text.
 * With `positions`, each callback also gets the offset in `xml` just past the tag: an open
 * tag starts at the last "<" before it, since "<" cannot occur in an attribute value.
 */
export function parseWordml(
  xml: string,
  entry: string,
  on: { open: (node: SaxesTagNS, end: number) => void; close: (node: SaxesTagNS, end: number) => void; text?: (text: string) => void },
  positions = false,
): void {
  const parser = new SaxesParser({ xmlns: true, position: positions });
  parser.on('doctype', () => {
    throw new DocxError(`${entry} 含有 DTD（<!DOCTYPE>），Word 不会这样写，拒绝读取 / a DTD in the document is refused`);
  });
  parser.on('opentag', (node) => on.open(node, parser.position));
  parser.on('closetag', (node) => on.close(node as SaxesTagNS, parser.position));
  if (on.text) parser.on('text', on.text);
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof DocxError) throw error;
    throw new DocxError(`${entry} 不是有效的 XML（${error instanceof Error ? error.message.split('\n')[0] : String(error)}）/ the part is not well-formed XML`);
  }
}
