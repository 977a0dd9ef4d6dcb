// Edits to one paragraph of a .docx, given as characters of its line in the linted text and
// turned into XML splices: a run is split where an edit or a comment anchor falls inside it,
// each piece keeping the run's own properties (w:rPr), so the formatting stays as it was.
import type { DocxText, ParagraphLayout, RunLayout } from './read-docx.js';
import { applySplices, assertWordPrefix, escapeXml, type Splice } from './package.js';

/** Who and when, on every tracked change and comment; ids shared by the whole document. */
export interface Revision {
  author: string;
  date: string;
  nextId(): number;
}

interface RunEdits {
  /** Line-character ranges [from, to) written as tracked deletions. */
  deleted: [number, number][];
  /** XML put at a line offset inside (or at either end of) the run, in the order added. */
  inserts: { at: number; xml: string }[];
}

export class ParagraphEditor {
  private readonly runEdits = new Map<RunLayout, RunEdits>();
  /** XML put between runs or at the paragraph's ends (an XML offset into the part). */
  private readonly between: Splice[] = [];
  private markDeleted = false;

  constructor(
    private readonly xml: string,
    private readonly line: string,
    private readonly layout: ParagraphLayout,
    private readonly revision: Revision,
  ) {}

  /** Whether every character of [from, to) sits in a run that can be split (the numbering label never does). */
  canDelete(from: number, to: number): boolean {
    if (from < this.layout.labelLength) return from >= to;
    let at = from;
    for (const run of this.layout.runs) {
      if (at >= to) break;
      if (run.to <= at || run.from === run.to) continue;
      if (run.from > at || !run.editable) return false;
      at = run.to;
    }
    return at >= to;
  }

  /** The run an insertion at `at` joins: the one ending there (text typed after it), else the one starting there. */
  insertionHost(at: number): RunLayout | undefined {
    if (at < this.layout.labelLength) return undefined;
    const runs = this.layout.runs.filter((run) => run.editable);
    return runs.find((run) => run.from < at && at <= run.to) ?? runs.find((run) => run.from === at);
  }

  /** Whether the paragraph mark can be deleted, joining this paragraph to the next. */
  get canDeleteMark(): boolean {
    return !this.layout.lastInContainer && !this.layout.selfClosing && !/<w:del\b/.test(this.propertiesXml());
  }

  deleteTracked(from: number, to: number): void {
    for (const run of this.layout.runs) {
      const a = Math.max(from, run.from);
      const b = Math.min(to, run.to);
      if (a < b) this.editsOf(run).deleted.push([a, b]);
    }
  }

  insertTracked(at: number, text: string): void {
    const host = this.insertionHost(at);
    if (!host) throw new Error(`no run to insert into at ${at}`);
    const xml = `<w:ins ${this.stamp()}>${host.openTag}${host.properties}${textElement('t', text)}</w:r></w:ins>`;
    this.editsOf(host).inserts.push({ at, xml });
  }

  deleteMarkTracked(): void {
    this.markDeleted = true;
  }

  /**
   * Puts `xml` at line offset `at`: inside a run that can be split, else just before the run
   * holding `at` (`side` 'start') or just after it ('end'), else at the paragraph's start or end.
   */
  insertAnchor(at: number, side: 'start' | 'end', xml: string): void {
    const runs = this.layout.runs.filter((run) => run.from < run.to);
    const holds = (run: RunLayout) => (side === 'start' ? run.from <= at && at < run.to : run.from < at && at <= run.to);
    const run = runs.find(holds);
    if (run?.editable) this.editsOf(run).inserts.push({ at, xml });
    else if (run) this.between.push({ start: side === 'start' ? run.start : run.end, end: side === 'start' ? run.start : run.end, text: xml });
    else if (at < this.layout.labelLength || runs.length === 0 || at <= runs[0]!.from) this.between.push({ start: this.layout.contentStart, end: this.layout.contentStart, text: xml });
    else this.between.push({ start: this.contentEnd(), end: this.contentEnd(), text: xml });
  }

  /** The splices this paragraph's edits make in its part. */
  splices(): Splice[] {
    const { layout } = this;
    const markXml = this.markDeleted ? `<w:del ${this.stamp()}/>` : '';
    if (layout.selfClosing) {
      if (this.between.length === 0 && !markXml) return [];
      const openTag = `${this.xml.slice(layout.start, layout.end - 2).trimEnd()}>`;
      const properties = markXml ? `<w:pPr><w:rPr>${markXml}</w:rPr></w:pPr>` : '';
      return [{ start: layout.start, end: layout.end, text: `${openTag}${properties}${this.between.map((s) => s.text).join('')}</w:p>` }];
    }
    // The mark's new w:pPr (when there was none) goes first: properties lead the paragraph.
    const splices: Splice[] = markXml ? [this.markDeletionSplice(markXml), ...this.between] : [...this.between];
    for (const [run, edits] of this.runEdits) splices.push({ start: run.start, end: run.end, text: this.renderRun(run, edits) });
    return splices;
  }

  private editsOf(run: RunLayout): RunEdits {
    let edits = this.runEdits.get(run);
    if (!edits) this.runEdits.set(run, (edits = { deleted: [], inserts: [] }));
    return edits;
  }

  private stamp(): string {
    return `w:id="${this.revision.nextId()}" w:author="${escapeXml(this.revision.author)}" w:date="${this.revision.date}"`;
  }

  private renderRun(run: RunLayout, edits: RunEdits): string {
    const cuts = new Set<number>([run.from, run.to]);
    for (const [a, b] of edits.deleted) cuts.add(a).add(b);
    for (const insert of edits.inserts) cuts.add(insert.at);
    const offsets = [...cuts].sort((a, b) => a - b);
    const isDeleted = (at: number) => edits.deleted.some(([a, b]) => a <= at && at < b);
    let out = '';
    for (let i = 0; i < offsets.length; i++) {
      const at = offsets[i]!;
      for (const insert of edits.inserts) if (insert.at === at) out += insert.xml;
      const next = offsets[i + 1];
      if (next === undefined) break;
      const text = this.line.slice(at, next);
      out += isDeleted(at)
        ? `<w:del ${this.stamp()}>${run.openTag}${run.properties}${textElement('delText', text)}</w:r></w:del>`
        : `${run.openTag}${run.properties}${textElement('t', text)}</w:r>`;
    }
    return out;
  }

  private propertiesXml(): string {
    const p = this.layout.properties;
    return p ? this.xml.slice(p.start, p.end) : '';
  }

  /** The deleted-mark flag goes in the paragraph mark's w:rPr, which sits before w:sectPr and w:pPrChange. */
  private markDeletionSplice(markXml: string): Splice {
    const p = this.layout.properties;
    if (!p) return { start: this.layout.contentStart, end: this.layout.contentStart, text: `<w:pPr><w:rPr>${markXml}</w:rPr></w:pPr>` };
    const xml = this.propertiesXml();
    let changed: string;
    const markProperties = /<w:rPr\s*(\/)?>/.exec(xml);
    if (xml.endsWith('/>') && !xml.includes('</w:pPr>')) changed = `${xml.slice(0, -2).trimEnd()}><w:rPr>${markXml}</w:rPr></w:pPr>`;
    else if (markProperties?.[1]) changed = xml.replace(markProperties[0], `<w:rPr>${markXml}</w:rPr>`);
    else if (markProperties) {
      // w:ins comes before w:del in the mark's properties.
      const afterOpen = markProperties.index + markProperties[0].length;
      const inserted = /^<w:ins\b[^>]*\/>/.exec(xml.slice(afterOpen));
      const at = afterOpen + (inserted ? inserted[0].length : 0);
      changed = xml.slice(0, at) + markXml + xml.slice(at);
    } else {
      const before = ['<w:sectPr', '<w:pPrChange', '</w:pPr>'].map((tag) => xml.indexOf(tag)).filter((i) => i >= 0);
      const at = Math.min(...before);
      changed = `${xml.slice(0, at)}<w:rPr>${markXml}</w:rPr>${xml.slice(at)}`;
    }
    return { start: p.start, end: p.end, text: changed };
  }

  private contentEnd(): number {
    return this.xml.lastIndexOf('</', this.layout.end - 1);
  }
}

function textElement(name: 't' | 'delText', text: string): string {
  return `<w:${name} xml:space="preserve">${escapeXml(text)}</w:${name}>`;
}

/** The paragraphs of one document read with their layout: lines by offset, and an editor per paragraph edited. */
export class DocumentEditors {
  readonly lines: string[];
  private readonly lineStarts: number[] = [];
  private readonly editors = new Map<number, ParagraphEditor>();

  constructor(
    private readonly read: DocxText,
    private readonly revision: Revision,
  ) {
    this.lines = read.text.split('\n');
    for (let i = 0, at = 0; i < this.lines.length; i++) {
      this.lineStarts.push(at);
      at += this.lines[i]!.length + 1;
    }
  }

  lineStart(line: number): number {
    return this.lineStarts[line]!;
  }

  /** The line holding offset `offset` of the text (a line break belongs to the line it ends). */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  editor(line: number): ParagraphEditor {
    let editor = this.editors.get(line);
    if (!editor) {
      const paragraph = this.read.paragraphs[line]!;
      this.editors.set(line, (editor = new ParagraphEditor(this.read.parts![paragraph.entry]!, this.lines[line]!, paragraph.layout!, this.revision)));
    }
    return editor;
  }

  /** Every edited part's new XML, by entry name. */
  editedParts(): Map<string, string> {
    const byEntry = new Map<string, Splice[]>();
    for (const [line, editor] of this.editors) {
      const entry = this.read.paragraphs[line]!.entry;
      const list = byEntry.get(entry) ?? [];
      list.push(...editor.splices());
      byEntry.set(entry, list);
    }
    const parts = new Map<string, string>();
    for (const [entry, splices] of byEntry) {
      if (splices.length === 0) continue;
      const xml = this.read.parts![entry]!;
      assertWordPrefix(xml, entry);
      parts.set(entry, applySplices(xml, splices));
    }
    return parts;
  }
}
