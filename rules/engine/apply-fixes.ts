import { DamageTracker, evidenceOf, type FixRefusal } from './fix-safety.js';
import { IntervalSet } from './intervals.js';
import type { Finding, FixScope, TextEdit } from './types.js';

export type { FixRefusal } from './fix-safety.js';

export interface FixPassResult {
  output: string;
  /** Findings whose fixes were applied. */
  applied: Finding[];
  /** Fixable findings skipped because they overlapped an applied fix (left for the next pass). */
  deferred: Finding[];
  /** The edits applied, sorted by position in the pass's input. */
  edits: TextEdit[];
}

/** Which fixes a run applies. */
export interface FixSelection {
  /** `safe`, `residue` (default: safe and residue fixes) or `suggestion` (preferred suggestions too). */
  scope?: FixScope;
  /** Further restricts the findings whose fixes apply (e.g. errors only, one rule). */
  accept?: (finding: Finding) => boolean;
}

/**
 * The edits a run with `selection` would apply for `finding`, or undefined: its fix if the
 * fix's level is in scope, else (scope `suggestion`) its preferred suggestion.
 */
export function selectedEdits(finding: Finding, selection: FixSelection = {}): readonly TextEdit[] | undefined {
  if (selection.accept && !selection.accept(finding)) return undefined;
  const scope = selection.scope ?? 'residue';
  if (finding.fix && finding.fix.length > 0 && (scope !== 'safe' || finding.fixLevel !== 'residue')) return finding.fix;
  if (scope === 'suggestion') return finding.suggestions?.find((s) => s.preferred)?.edits;
  return undefined;
}

/**
 * Applies the selected fixes of `findings` to `text` in one pass (ESLint's source-code-fixer):
 * each finding's edits apply together or not at all; a finding whose edits collide with an
 * already accepted edit (overlap, or an insertion touching it) is deferred to the next pass.
 * Adjacent replacements are independent and apply in the same pass.
 */
export function applyFixes(text: string, findings: readonly Finding[], selection: FixSelection = {}): FixPassResult {
  const candidates: { finding: Finding; edits: readonly TextEdit[]; first: number; last: number }[] = [];
  for (const finding of findings) {
    const edits = selectedEdits(finding, selection);
    if (!edits || edits.length === 0) continue;
    let first = Infinity;
    let last = -Infinity;
    for (const e of edits) {
      first = Math.min(first, e.range.start);
      last = Math.max(last, e.range.end);
    }
    candidates.push({ finding, edits, first, last });
  }
  candidates.sort((a, b) => a.first - b.first || a.last - b.last);
  const accepted: TextEdit[] = [];
  const taken = new IntervalSet();
  const applied: Finding[] = [];
  const deferred: Finding[] = [];
  for (const { finding, edits } of candidates) {
    if (edits.some((e) => taken.collides(e.range))) {
      deferred.push(finding);
      continue;
    }
    for (const edit of edits) {
      taken.add(edit.range);
      accepted.push(edit);
    }
    applied.push(finding);
  }
  const sorted = sortEdits(accepted);
  return { output: applySortedEdits(text, sorted), applied, deferred, edits: sorted };
}

/** Applies non-overlapping edits in one pass over the text (linear in text and edits). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return applySortedEdits(text, sortEdits(edits));
}

function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

function applySortedEdits(text: string, sorted: readonly TextEdit[]): string {
  if (sorted.length === 0) return text;
  const parts: string[] = [];
  let cursor = 0;
  for (const edit of sorted) {
    parts.push(text.slice(cursor, edit.range.start), edit.text);
    cursor = edit.range.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

export interface FixSummary {
  /** Fixes applied, by rule id. */
  byRule: Record<string, number>;
  /** Han characters removed (net of those inserted). */
  hanRemoved: number;
  /** Characters removed (net of those inserted). */
  charsRemoved: number;
}

export interface FixResult {
  /** The fixed text, or the input unchanged when the run was refused. */
  output: string;
  /** Number of lint passes that applied at least one fix. */
  passes: number;
  /** All findings fixed, across passes (positions refer to the text of their pass). Empty when refused. */
  fixed: Finding[];
  summary: FixSummary;
  /** Set when the net refused the run (see fix-safety.ts): nothing is applied then. */
  refused?: FixRefusal;
  /** True when MAX_FIX_PASSES ran out with fixes still left to apply. */
  passLimitReached: boolean;
}

/** Maximum lint-and-fix passes, as in ESLint: enough for cascades, bounded against cycles. */
export const MAX_FIX_PASSES = 10;

/**
 * Lints and fixes repeatedly until nothing fixable is left, a pass changes nothing, a text
 * repeats (a cycle between rules), or MAX_FIX_PASSES is reached; then checks the whole run
 * against the damage net and refuses it (returning `text` unchanged) if it would delete prose.
 */
export function fixUntilStable(text: string, lintText: (text: string) => Finding[], selection: FixSelection = {}): FixResult {
  const seen = new Set<string>([text]);
  const fixed: Finding[] = [];
  const damage = new DamageTracker(text);
  let output = text;
  let passes = 0;
  let passLimitReached = false;
  for (;;) {
    const result = applyFixes(output, lintText(output), selection);
    if (result.applied.length === 0 || result.output === output || seen.has(result.output)) break;
    if (passes === MAX_FIX_PASSES) {
      passLimitReached = true;
      break;
    }
    damage.recordPass(output, result.edits, evidenceOf(result.applied));
    seen.add(result.output);
    for (const f of result.applied) fixed.push(f);
    output = result.output;
    passes++;
  }
  const summary: FixSummary = { byRule: {}, hanRemoved: damage.hanRemoved, charsRemoved: damage.charsRemoved };
  const refused = damage.refusal();
  if (refused) return { output: text, passes: 0, fixed: [], summary: { byRule: {}, hanRemoved: 0, charsRemoved: 0 }, refused, passLimitReached };
  for (const f of fixed) summary.byRule[f.ruleId] = (summary.byRule[f.ruleId] ?? 0) + 1;
  return { output, passes, fixed, summary, passLimitReached };
}
