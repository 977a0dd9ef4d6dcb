import { IntervalSet } from './intervals.js';
import type { Finding, TextEdit } from './types.js';

export interface FixPassResult {
  output: string;
  /** Findings whose fixes were applied. */
  applied: Finding[];
  /** Fixable findings skipped because they overlapped an applied fix (left for the next pass). */
  deferred: Finding[];
}

/**
 * Applies the fixes of `findings` to `text` in one pass (ESLint's source-code-fixer): each
 * finding's edits apply together or not at all; a finding whose edits collide with an
 * already accepted edit (overlap, or an insertion touching it) is deferred to the next pass.
 * Adjacent replacements are independent and apply in the same pass.
 */
export function applyFixes(text: string, findings: readonly Finding[]): FixPassResult {
  const fixable = findings.filter((f) => f.fix && f.fix.length > 0);
  const ordered = [...fixable].sort((a, b) => firstStart(a) - firstStart(b) || lastEnd(a) - lastEnd(b));
  const accepted: TextEdit[] = [];
  const taken = new IntervalSet();
  const applied: Finding[] = [];
  const deferred: Finding[] = [];
  for (const finding of ordered) {
    const edits = finding.fix!;
    if (edits.some((e) => taken.collides(e.range))) {
      deferred.push(finding);
      continue;
    }
    for (const edit of edits) taken.add(edit.range);
    accepted.push(...edits);
    applied.push(finding);
  }
  return { output: applyEdits(text, accepted), applied, deferred };
}

/** Applies non-overlapping edits; later edits first so that offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start - a.range.start || b.range.end - a.range.end);
  let output = text;
  for (const edit of sorted) output = output.slice(0, edit.range.start) + edit.text + output.slice(edit.range.end);
  return output;
}

function firstStart(f: Finding): number {
  return Math.min(...f.fix!.map((e) => e.range.start));
}

function lastEnd(f: Finding): number {
  return Math.max(...f.fix!.map((e) => e.range.end));
}

export interface FixResult {
  output: string;
  /** Number of lint passes that applied at least one fix. */
  passes: number;
  /** All findings fixed, across passes (positions refer to the text of their pass). */
  fixed: Finding[];
}

/** Maximum lint-and-fix passes, as in ESLint: enough for cascades, bounded against cycles. */
export const MAX_FIX_PASSES = 10;

/**
 * Lints and fixes repeatedly until nothing fixable is left, a pass changes nothing, a text
 * repeats (a cycle between rules), or MAX_FIX_PASSES is reached.
 */
export function fixUntilStable(text: string, lintText: (text: string) => Finding[]): FixResult {
  const seen = new Set<string>([text]);
  const fixed: Finding[] = [];
  let output = text;
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const result = applyFixes(output, lintText(output));
    if (result.applied.length === 0 || result.output === output || seen.has(result.output)) break;
    seen.add(result.output);
    fixed.push(...result.applied);
    output = result.output;
    passes++;
  }
  return { output, passes, fixed };
}
