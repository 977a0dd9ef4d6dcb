import { countHan } from '../text/chinese.js';
import { IntervalSet } from './intervals.js';
import type { Finding, OffsetRange, TextEdit } from './types.js';

/**
 * The net under every fix run, which no rule can bypass: a fix may change how a draft reads,
 * never what it says. A run is refused whole when it would delete a sentence of prose (one
 * ending in 。！？) that holds no residue evidence, or more than a small share of the draft's
 * Han characters.
 */

/** A run may remove at most this share of the draft's Han characters (net of insertions)… */
export const MAX_HAN_LOSS_SHARE = 0.03;
/** …but a short draft may always lose this many (one banner line in a 200-character notice). */
export const HAN_LOSS_ALLOWANCE = 24;
/** A removed stretch ending in 。！？ with at least this many Han characters is a sentence of prose. */
const MIN_SENTENCE_HAN = 2;

const SENTENCE_END = new Set(['。', '！', '？', '!', '?']);
const BOUNDARY = new Set([...SENTENCE_END, '\n', '\r', '；', ';']);

export interface FixRefusal {
  /** Why the run was refused, in Simplified Chinese then English. */
  message: string;
  /** Han characters the run would have removed (outside residue evidence). */
  hanRemoved: number;
  /** A sentence it would have deleted, when that was the reason. */
  sentence?: string;
}

/** Counts what a run removes and spots the first sentence of prose it would delete. */
export class DamageTracker {
  readonly originalHan: number;
  hanRemoved = 0;
  charsRemoved = 0;
  private lostSentence: string | undefined;

  constructor(original: string) {
    this.originalHan = countHan(original, 0, original.length);
  }

  /**
   * Records one pass: `edits` (sorted, non-overlapping) are applied to `text`; `evidence` are
   * the residue findings' proofs, within which a sentence may go.
   */
  recordPass(text: string, edits: readonly TextEdit[], evidence: readonly OffsetRange[]): void {
    // Han characters inside residue evidence (a truncation notice, a navigation bar) are the
    // residue itself, not prose: they do not count against the bound.
    const proofs = mergeRanges(evidence);
    let next = 0;
    for (const edit of edits) {
      while (next < proofs.length && proofs[next]!.end <= edit.range.start) next++;
      let removedHan = countHan(text, edit.range.start, edit.range.end);
      for (let k = next; k < proofs.length && proofs[k]!.start < edit.range.end; k++) {
        removedHan -= countHan(text, Math.max(edit.range.start, proofs[k]!.start), Math.min(edit.range.end, proofs[k]!.end));
      }
      const addedHan = countHan(edit.text, 0, edit.text.length);
      this.hanRemoved += Math.max(0, removedHan - addedHan);
      this.charsRemoved += Math.max(0, edit.range.end - edit.range.start - edit.text.length);
    }
    if (this.lostSentence === undefined) this.lostSentence = findDeletedSentence(text, deletedStretches(text, edits), evidence);
  }

  /** The refusal for what was recorded, if any. */
  refusal(): FixRefusal | undefined {
    if (this.lostSentence !== undefined) {
      const sentence = excerpt(this.lostSentence);
      return {
        message: `修复将删除整句正文“${sentence}”，已拒绝，文件未改动 / the fix would delete a sentence of prose; refused, file unchanged`,
        hanRemoved: this.hanRemoved,
        sentence: this.lostSentence,
      };
    }
    const bound = Math.max(HAN_LOSS_ALLOWANCE, Math.floor(this.originalHan * MAX_HAN_LOSS_SHARE));
    if (this.hanRemoved > bound) {
      return {
        message: `修复将删除 ${this.hanRemoved} 字正文（超过 ${bound} 字的上限），已拒绝，文件未改动 / the fix would delete ${this.hanRemoved} Han characters (limit ${bound}); refused, file unchanged`,
        hanRemoved: this.hanRemoved,
      };
    }
    return undefined;
  }
}


/**
 * The deleted text of a pass as stretches of the old text: what an edit replaces, less what
 * it keeps (a replacement that ends with the old text's end keeps that). Touching deletions
 * join, so a sentence removed in two pieces by two findings is still seen whole.
 */
function deletedStretches(text: string, edits: readonly TextEdit[]): OffsetRange[] {
  const stretches: OffsetRange[] = [];
  for (const { range, text: inserted } of edits) {
    if (range.end === range.start) continue;
    // A replacement that keeps what it replaces (renumbering, conversion) deletes nothing; only
    // a net removal of Han characters is treated as a deletion.
    if (inserted.length > 0 && countHan(inserted, 0, inserted.length) >= countHan(text, range.start, range.end)) continue;
    const last = stretches[stretches.length - 1];
    if (last && last.end === range.start) last.end = range.end;
    else stretches.push({ start: range.start, end: range.end });
  }
  return stretches;
}

/** The first sentence ending in 。！？ that lies wholly inside a deleted stretch and holds no evidence. */
function findDeletedSentence(text: string, stretches: readonly OffsetRange[], evidence: readonly OffsetRange[]): string | undefined {
  const proofs = new IntervalSet();
  for (const span of evidence) proofs.add(span);
  for (const stretch of stretches) {
    // The sentence under way at the stretch's start began inside it only if a boundary (or the
    // start of the text) comes right before, spaces aside.
    let before = stretch.start;
    while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t' || text[before - 1] === '\u3000')) before--;
    let sentenceStart = before === 0 || BOUNDARY.has(text[before - 1]!) ? stretch.start : -1;
    for (let i = stretch.start; i < stretch.end; i++) {
      const char = text[i]!;
      if (!BOUNDARY.has(char)) continue;
      if (SENTENCE_END.has(char) && sentenceStart >= 0) {
        let end = i + 1;
        while (end < stretch.end && (text[end] === '”' || text[end] === '’' || text[end] === '）' || text[end] === ')')) end++;
        const range = { start: sentenceStart, end };
        if (countHan(text, range.start, range.end) >= MIN_SENTENCE_HAN && !proofs.overlaps(range)) return text.slice(range.start, range.end).trim();
      }
      sentenceStart = i + 1;
    }
  }
  return undefined;
}

/** `ranges` sorted by start, overlapping and touching ones united. */
function mergeRanges(ranges: readonly OffsetRange[]): OffsetRange[] {
  const merged: OffsetRange[] = [];
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ start: r.start, end: r.end });
  }
  return merged;
}

function excerpt(sentence: string): string {
  const chars = [...sentence.replace(/\s+/g, ' ')];
  return chars.length <= 30 ? chars.join('') : `${chars.slice(0, 20).join('')}…${chars.slice(-6).join('')}`;
}

/** The evidence of the residue findings among `applied`. */
export function evidenceOf(applied: readonly Finding[]): OffsetRange[] {
  const spans: OffsetRange[] = [];
  for (const finding of applied) if (finding.fixLevel === 'residue' && finding.evidence) for (const span of finding.evidence) spans.push(span);
  return spans;
}
