// `--fix` on a Word document: the fixed text is written back as tracked changes (w:del /
// w:ins, author SpeechLint), never as silent rewrites, so the writer accepts or rejects each
// one in Word or WPS. The edits are the difference between the linted text and the fixed text,
// so accepting them all reads exactly as `--fix` on the same text.
import { diffArrays, diffChars } from 'diff';
import { strToU8 } from 'fflate';
import { DocumentEditors, type Revision } from './paragraph-editor.js';
import { nextAnnotationId, revisionDate, unzipPackage, zipPackage } from './package.js';
import { readDocx } from './read-docx.js';

export interface TextChange {
  /** Offsets in the original text: [start, end) replaced by `insert`. */
  start: number;
  end: number;
  insert: string;
}

export interface RevisedDocx {
  bytes: Uint8Array;
  /** Changes written as tracked changes, and those left out because Word holds that text in a way that cannot be split (a field, numbering, a text box). */
  applied: number;
  skipped: number;
  /** The document's text once every tracked change is accepted. */
  acceptedText: string;
}

export interface RevisionOptions {
  author?: string;
  date?: Date;
}

export const REVISION_AUTHOR = 'SpeechLint';

/**
 * The changes that turn `before` into `after`, character by character: lines are matched
 * first, so the character diff only runs inside the blocks that differ.
 */
export function textChanges(before: string, after: string): TextChange[] {
  const oldLines = before.split('\n');
  const newLines = after.split('\n');
  const changes: TextChange[] = [];
  const lineStarts: number[] = [];
  for (let i = 0, at = 0; i < oldLines.length; i++) {
    lineStarts.push(at);
    at += oldLines[i]!.length + 1;
  }
  let oldIndex = 0;
  let newIndex = 0;
  const blocks = diffArrays(oldLines, newLines);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (!block.added && !block.removed) {
      oldIndex += block.count!;
      newIndex += block.count!;
      continue;
    }
    // A run of removed and added lines is one block, diffed by character.
    let removed = 0;
    let added = 0;
    while (i < blocks.length && (blocks[i]!.added || blocks[i]!.removed)) {
      if (blocks[i]!.removed) removed += blocks[i]!.count!;
      else added += blocks[i]!.count!;
      i++;
    }
    i--;
    const start = lineStarts[oldIndex] ?? before.length + 1;
    let oldBlock = oldLines.slice(oldIndex, oldIndex + removed).join('\n');
    let newBlock = newLines.slice(newIndex, newIndex + added).join('\n');
    let offset = start;
    if (added === 0 || removed === 0) {
      // Whole lines removed (or added): the line break next to them goes too.
      if (oldIndex + removed < oldLines.length) {
        oldBlock += '\n';
        newBlock += added > 0 ? '\n' : '';
      } else {
        oldBlock = `\n${oldBlock}`;
        newBlock = added > 0 ? `\n${newBlock}` : '';
        offset -= 1;
      }
    }
    let at = offset;
    let pending: TextChange | undefined;
    for (const part of diffChars(oldBlock, newBlock)) {
      if (!part.added && !part.removed) {
        if (pending) changes.push(pending);
        pending = undefined;
        at += part.value.length;
      } else {
        pending ??= { start: at, end: at, insert: '' };
        if (part.removed) {
          pending.end += part.value.length;
          at += part.value.length;
        } else pending.insert += part.value;
      }
    }
    if (pending) changes.push(pending);
    oldIndex += removed;
    newIndex += added;
  }
  return changes;
}

/** Writes `fixedText` (the linted text of `bytes`, fixed) into the document as tracked changes. */
export function reviseDocx(bytes: Uint8Array, fixedText: string, options: RevisionOptions = {}): RevisedDocx {
  const read = readDocx(bytes, { layout: true });
  const entries = unzipPackage(bytes);
  let id = nextAnnotationId(entries);
  const revision: Revision = { author: options.author ?? REVISION_AUTHOR, date: revisionDate(options.date ?? new Date()), nextId: () => id++ };
  const changes = textChanges(read.text, fixedText);
  const document = new DocumentEditors(read, revision);
  const { lines } = document;

  let applied = 0;
  let skipped = 0;
  const accepted: TextChange[] = [];
  for (const change of changes) {
    const plan = planChange(change);
    if (!plan) {
      skipped++;
      continue;
    }
    for (const step of plan) step();
    applied++;
    accepted.push(change);
  }

  /** The steps that write one change, or undefined when some part of it cannot be written. */
  function planChange(change: TextChange): (() => void)[] | undefined {
    if (change.insert.includes('\n')) return undefined; // a new paragraph: not made by a fix
    const steps: (() => void)[] = [];
    const first = document.lineOf(change.start);
    const last = document.lineOf(Math.max(change.start, change.end - 1));
    for (let line = first; line <= last && change.end > change.start; line++) {
      const lineStart = document.lineStart(line);
      const from = Math.max(change.start, lineStart) - lineStart;
      const to = Math.min(change.end, lineStart + lines[line]!.length) - lineStart;
      const paragraph = read.paragraphs[line];
      if (!paragraph?.layout || paragraph.part === 'textbox') return undefined;
      const editor = document.editor(line);
      if (from < to) {
        if (!editor.canDelete(from, to)) return undefined;
        steps.push(() => editor.deleteTracked(from, to));
      }
      // The line break after this line is deleted: its paragraph joins the next.
      if (change.end > lineStart + lines[line]!.length) {
        const next = read.paragraphs[line + 1];
        if (!editor.canDeleteMark || next?.entry !== paragraph.entry) return undefined;
        steps.push(() => editor.deleteMarkTracked());
      }
    }
    if (change.insert !== '') {
      // The inserted text follows the deleted text, in the line where the change ends.
      const line = document.lineOf(change.end);
      const paragraph = read.paragraphs[line];
      if (!paragraph?.layout || paragraph.part === 'textbox') return undefined;
      const editor = document.editor(line);
      const at = change.end - document.lineStart(line);
      if (!editor.insertionHost(at)) return undefined;
      steps.push(() => editor.insertTracked(at, change.insert));
    }
    return steps;
  }

  for (const [entry, xml] of document.editedParts()) entries[entry] = strToU8(xml);
  return { bytes: applied > 0 ? zipPackage(entries) : bytes, applied, skipped, acceptedText: applyChanges(read.text, accepted) };
}

export function applyChanges(text: string, changes: readonly TextChange[]): string {
  let out = '';
  let at = 0;
  for (const change of changes) {
    out += text.slice(at, change.start) + change.insert;
    at = change.end;
  }
  return out + text.slice(at);
}


