import { firstIndex } from './sorted.js';
import type { OffsetRange } from './types.js';

/**
 * A set of ranges kept sorted by start, answering "does anything overlap this range?" in
 * O(log n). Used where findings hide or collide with one another, which would otherwise cost
 * O(n²) on large documents with thousands of findings.
 */
export class IntervalSet {
  private readonly ranges: OffsetRange[] = [];
  /** maxEnd[i] = the largest end among ranges[0..i]. */
  private maxEnd: number[] = [];
  private dirty = false;

  add(range: OffsetRange): void {
    const i = this.upperBound(range.start);
    if (i === this.ranges.length && !this.dirty) {
      // Appending (the usual case: callers go through the text in order) keeps maxEnd valid.
      this.ranges.push(range);
      this.maxEnd.push(Math.max(this.maxEnd[i - 1] ?? -Infinity, range.end));
      return;
    }
    this.ranges.splice(i, 0, range);
    this.dirty = true;
  }

  /** True when some range shares at least one character with `range` (touching is not enough). */
  overlaps(range: OffsetRange): boolean {
    return this.find(range, (r) => r.start < range.end && range.start < r.end);
  }

  /**
   * True when some range overlaps `range`, or touches it where one of the two is empty (an
   * insertion at the edge of a replacement), as applyFixes needs.
   */
  collides(range: OffsetRange): boolean {
    return this.find(range, (r) => {
      if (r.start < range.end && range.start < r.end) return true;
      const empty = r.start === r.end || range.start === range.end;
      return empty && r.start <= range.end && range.start <= r.end;
    });
  }

  private find(range: OffsetRange, test: (r: OffsetRange) => boolean): boolean {
    if (this.dirty) this.rebuild();
    // Candidates start at or before range.end; among them, only those ending at or after range.start.
    for (let i = this.upperBound(range.end) - 1; i >= 0 && this.maxEnd[i]! >= range.start; i--) {
      if (test(this.ranges[i]!)) return true;
    }
    return false;
  }

  private rebuild(): void {
    let max = -Infinity;
    this.maxEnd = this.ranges.map((r) => (max = Math.max(max, r.end)));
    this.dirty = false;
  }

  /** First index whose start is greater than `offset`. */
  private upperBound(offset: number): number {
    let low = 0;
    let high = this.ranges.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.ranges[mid]!.start <= offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

/**
 * A growing subset of ranges given in advance, added in any order, answering "does an added
 * range overlap this one?" in O(log n): over the candidates sorted by start, a Fenwick tree of
 * the largest end added. IntervalSet inserts out of order by splicing, O(n) each; this is for
 * callers that add by some other order (the longest first).
 */
export class IntervalSubset {
  private readonly starts: number[];
  /** Candidate → its 1-based position in start order. */
  private readonly position = new Map<OffsetRange, number>();
  /** Fenwick tree: tree[i] = the largest end added among the positions it covers. */
  private readonly tree: Float64Array;

  constructor(candidates: readonly OffsetRange[]) {
    const sorted = [...candidates].sort((a, b) => a.start - b.start);
    this.starts = sorted.map((r) => r.start);
    sorted.forEach((r, i) => this.position.set(r, i + 1));
    this.tree = new Float64Array(sorted.length + 1).fill(-Infinity);
  }

  /** Adds one of the candidates (the same object). */
  add(range: OffsetRange): void {
    const position = this.position.get(range);
    if (position === undefined) throw new Error('IntervalSubset.add: not a candidate');
    for (let i = position; i < this.tree.length; i += i & -i) this.tree[i] = Math.max(this.tree[i]!, range.end);
  }

  /** True when an added range shares at least one character with `range` (as IntervalSet.overlaps). */
  overlaps(range: OffsetRange): boolean {
    // Added ranges starting before range.end: overlapping if one of them ends after range.start.
    let max = -Infinity;
    for (let i = firstIndex(this.starts, (start) => start >= range.end); i > 0; i -= i & -i) max = Math.max(max, this.tree[i]!);
    return max > range.start;
  }
}

/**
 * Ranges (in any order, possibly overlapping) answering "does one of them contain this range?"
 * in O(log n): sorted by start with the running maximum end. Used for the allow list and
 * inline directives, where a some() over every range per finding was O(findings × ranges).
 */
export class CoveringSet {
  private readonly starts: number[];
  private readonly maxEnds: number[];

  constructor(ranges: readonly OffsetRange[]) {
    const sorted = [...ranges].sort((a, b) => a.start - b.start);
    let max = -Infinity;
    this.starts = sorted.map((r) => r.start);
    this.maxEnds = sorted.map((r) => (max = Math.max(max, r.end)));
  }

  /** True when some range has start <= range.start and range.end <= end. */
  covers(range: OffsetRange): boolean {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.starts[mid]! <= range.start) low = mid + 1;
      else high = mid;
    }
    return low > 0 && this.maxEnds[low - 1]! >= range.end;
  }
}
