import { mergeConfigs } from './config.js';
import { SourceDocument } from './document.js';
import { findAllowDirectives, findDisabledRanges, isDisabled } from './directives.js';
import { CoveringSet, IntervalSubset } from './intervals.js';
import { compileUserPattern, findPattern } from './user-patterns.js';
import type { Finding, LintConfig, LintOptions, Memo, OffsetRange, ReportDescriptor, Rule, RuleContext, RuleOptions, Severity, TextEdit } from './types.js';

/** Message id of the finding that stands in for a rule that threw. */
export const INTERNAL_ERROR = 'internal-error';

/** A rule switched on by the config, with its severity and options. */
export interface RuleRun {
  rule: Rule;
  severity: Severity;
  options: RuleOptions;
}

/** The rules a config switches on, in registry order (restricted to `onlyRules` if given). */
export function activeRules(rules: readonly Rule[], config: LintConfig, onlyRules?: readonly string[]): RuleRun[] {
  const runs: RuleRun[] = [];
  for (const rule of rules) {
    const setting = config.rules[rule.meta.id];
    if (!setting || setting.severity === 'off') continue;
    if (onlyRules && !onlyRules.includes(rule.meta.id)) continue;
    runs.push({ rule, severity: setting.severity, options: setting.options ?? {} });
  }
  return runs;
}

/**
 * Runs `runs` over `document` and returns their validated findings, ranges shifted by
 * `offset` (a paragraph's place in the whole text). Positions are set by `finalize`.
 * A rule that throws yields one internal-error finding; the other rules still report.
 */
/** The memo of one-shot linting: keeps nothing. */
export const computeOnly: Memo = (_key, compute) => compute();

export function runRules(runs: readonly RuleRun[], document: SourceDocument, config: LintConfig, offset = 0, memo: Memo = computeOnly): Finding[] {
  const findings: Finding[] = [];
  for (const { rule, severity, options } of runs) {
    const reported: Finding[] = [];
    const context: RuleContext = {
      document,
      options,
      settings: { placeholders: config.placeholders },
      report(descriptor) {
        reported.push(toFinding(rule, severity, descriptor, document));
      },
      memo: (key, compute) => memo(`${rule.meta.id}\u0000${key}`, compute),
    };
    try {
      rule.check(context);
    } catch (error) {
      findings.push(shift(internalError(rule, error), offset));
      continue;
    }
    // The findings are this run's own: unmoved ones need no copy.
    for (const finding of reported) findings.push(offset === 0 ? finding : shift(finding, offset));
  }
  return findings;
}

/**
 * Turns raw findings over the whole text into the result: positions, nothing that touches
 * masked text, no allowed phrase, no finding disabled by a directive or hidden by a
 * deletion, sorted by position.
 */
export function finalize(rules: readonly Rule[], document: SourceDocument, config: LintConfig, raw: readonly Finding[]): Finding[] {
  const shadowing = new Set(rules.filter((r) => r.meta.shadowsContained).map((r) => r.meta.id));
  const findings = raw.filter((f) => !document.touchesMask(f.range));
  for (const f of findings) {
    f.start = document.lines.positionAt(f.range.start);
    f.end = document.lines.positionAt(f.range.end);
    for (const r of f.related ?? []) {
      r.start = document.lines.positionAt(r.range.start);
      r.end = document.lines.positionAt(r.range.end);
    }
  }
  const shadows = [...survivingShadows(findings.filter((f) => f.messageId !== INTERNAL_ERROR && shadowing.has(f.ruleId)))];
  const hidden = (f: Finding) => {
    for (const [ruleId, set] of shadows) if (ruleId !== f.ruleId && set.overlaps(f.range)) return true;
    return false;
  };
  const allowed = new CoveringSet(findAllowed(document.text, config.allow, findAllowDirectives(document.text, document)));
  const disabled = findDisabledRanges(document.text, document);
  return findings
    .filter(
      (f) =>
        // A whole-line finding ends with the line break, which no phrase on the line includes.
        !allowed.covers(withoutLineBreaks(document.text, f.range)) && !isDisabled(disabled, f) && !hidden(f),
    )
    .sort(compareFindings);
}

/** `range` without the line breaks at its ends (a finding that removes a whole line covers its break). */
export function withoutLineBreaks(text: string, range: { start: number; end: number }): { start: number; end: number } {
  let { start, end } = range;
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  while (start < end && (text[start] === '\n' || text[start] === '\r')) start++;
  return { start, end };
}

/** Lints `text` with `rules` and returns the findings sorted by position. */
export function lintWith(rules: readonly Rule[], text: string, options: LintOptions = {}): Finding[] {
  const config = mergeConfigs(rules, options.config);
  const document = new SourceDocument(text, options.language ?? 'plaintext');
  return finalize(rules, document, config, runRules(activeRules(rules, config, options.onlyRules), document, config));
}

/**
 * Deletion findings (residue, pinyin) hide other rules' findings they overlap. When two of
 * them overlap, the longer one wins: a banner line hides the pinyin inside it, not vice versa.
 */
function survivingShadows(shadowing: Finding[]): Map<string, IntervalSubset> {
  const byRule = new Map<string, OffsetRange[]>();
  for (const s of shadowing) {
    if (!byRule.has(s.ruleId)) byRule.set(s.ruleId, []);
    byRule.get(s.ruleId)!.push(s.range);
  }
  // Added longest first, so in no order of position: an IntervalSet would splice each in.
  const kept = new Map([...byRule].map(([ruleId, ranges]) => [ruleId, new IntervalSubset(ranges)]));
  const byLength = [...shadowing].sort((a, b) => b.range.end - b.range.start - (a.range.end - a.range.start));
  for (const s of byLength) {
    if ([...kept].some(([ruleId, set]) => ruleId !== s.ruleId && set.overlaps(s.range))) continue;
    kept.get(s.ruleId)!.add(s.range);
  }
  return kept;
}

function compareFindings(a: Finding, b: Finding): number {
  return a.range.start - b.range.start || a.range.end - b.range.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

function toFinding(rule: Rule, severity: Finding['severity'], descriptor: ReportDescriptor, document: SourceDocument): Finding {
  const { meta } = rule;
  const template = meta.messages[descriptor.messageId];
  if (template === undefined) throw new Error(`rule ${meta.id} reported unknown messageId "${descriptor.messageId}"`);
  const { range } = descriptor;
  checkRange(range, document.text.length, `rule ${meta.id} reported`);
  const finding: Finding = {
    ruleId: meta.id,
    severity,
    message: formatMessage(template, descriptor.data),
    messageId: descriptor.messageId,
    range: { start: range.start, end: range.end },
    start: UNSET,
    end: UNSET,
  };
  if (descriptor.fix && descriptor.fix.length > 0) {
    if (!meta.fixable) throw new Error(`rule ${meta.id} is not marked fixable but reported a fix`);
    checkEdits(descriptor.fix, document.text.length, meta.id);
    for (const edit of descriptor.fix) {
      if (edit.range.start < range.start || edit.range.end > range.end) {
        throw new Error(`rule ${meta.id}: a fix must stay inside its finding's range`);
      }
    }
    finding.fix = descriptor.fix.map(copyEdit);
    finding.fixLevel = descriptor.fixLevel ?? meta.fixLevel ?? 'safe';
    if (finding.fixLevel === 'residue') finding.evidence = checkedEvidence(meta.id, descriptor, document);
  }
  if (descriptor.suggestions && descriptor.suggestions.length > 0) {
    if (!meta.hasSuggestions) throw new Error(`rule ${meta.id} is not marked hasSuggestions but reported suggestions`);
    for (const s of descriptor.suggestions) checkEdits(s.edits, document.text.length, meta.id);
    finding.suggestions = descriptor.suggestions.map((s) => ({ message: s.message, edits: s.edits.map(copyEdit), ...(s.preferred ? { preferred: true } : {}) }));
  }
  if (descriptor.related && descriptor.related.length > 0) {
    for (const r of descriptor.related) checkRange(r.range, document.text.length, `rule ${meta.id} gave a related location with`);
    finding.related = descriptor.related.map((r) => ({ range: { start: r.range.start, end: r.range.end }, start: UNSET, end: UNSET, message: r.message }));
  }
  return finding;
}

/**
 * A residue deletion must say what proves it is residue, and may delete only within the lines
 * that hold that evidence (and blank lines between them): a neighbouring line swept along by context is refused here, for
 * every rule, rather than trusted rule by rule.
 */
function checkedEvidence(ruleId: string, descriptor: ReportDescriptor, document: SourceDocument): OffsetRange[] {
  const evidence = descriptor.evidence ?? [];
  if (evidence.length === 0) throw new Error(`rule ${ruleId}: a residue fix must name its evidence`);
  const { lines } = document;
  const evidenceLines = new Set<number>();
  for (const span of evidence) {
    checkRange(span, document.text.length, `rule ${ruleId} gave evidence with`);
    if (span.start < descriptor.range.start || span.end > descriptor.range.end) throw new Error(`rule ${ruleId}: evidence must lie inside its finding's range`);
    for (let line = lines.lineAt(span.start), last = lines.lineAt(Math.max(span.start, span.end - 1)); line <= last; line++) evidenceLines.add(line);
  }
  for (const edit of descriptor.fix!) {
    for (let line = lines.lineAt(edit.range.start), last = lines.lineAt(Math.max(edit.range.start, edit.range.end - 1)); line <= last; line++) {
      // A blank line between two evidence lines holds nothing to lose.
      if (!evidenceLines.has(line) && !isBlankLine(document, line)) throw new Error(`rule ${ruleId}: a residue fix may only delete on the lines holding its evidence (line ${line + 1} holds none)`);
    }
  }
  return evidence.map((r) => ({ start: r.start, end: r.end }));
}

function isBlankLine(document: SourceDocument, line: number): boolean {
  return document.text.slice(document.lines.lineStarts[line]!, document.lines.lineEndAt(line)).trim() === '';
}

function copyEdit(edit: TextEdit): TextEdit {
  return { range: { start: edit.range.start, end: edit.range.end }, text: edit.text };
}

function checkRange(range: OffsetRange, length: number, what: string): void {
  if (!Number.isInteger(range.start) || !Number.isInteger(range.end) || range.start < 0 || range.end > length || range.start > range.end) {
    throw new Error(`${what} an invalid range [${range.start}, ${range.end}) for a text of length ${length}`);
  }
}

function checkEdits(edits: readonly TextEdit[], length: number, ruleId: string): void {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start);
  sorted.forEach((edit, i) => {
    checkRange(edit.range, length, `rule ${ruleId} proposed an edit with`);
    const previous = sorted[i - 1];
    if (previous && previous.range.end > edit.range.start) throw new Error(`rule ${ruleId} proposed overlapping edits`);
  });
}

/** Replaces `{name}` in a message template with report data. */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  // Templates are few and findings many: split each template once ("a{x}b" → ['a', 'x', 'b']).
  let parts = templateParts.get(template);
  if (!parts) templateParts.set(template, (parts = template.split(/\{(\w+)\}/)));
  let message = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    message += (data && name in data ? String(data[name]) : `{${name}}`) + parts[i + 1]!;
  }
  return message;
}

const templateParts = new Map<string, string[]>();

function internalError(rule: Rule, error: unknown): Finding {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ruleId: rule.meta.id,
    severity: 'error',
    message: `规则 ${rule.meta.id} 运行出错，本次未能检查：${reason}（内部错误，请报告）`,
    messageId: INTERNAL_ERROR,
    range: { start: 0, end: 0 },
    start: UNSET,
    end: UNSET,
  };
}

/** Positions are filled in by `finalize`, against the whole text. */
const UNSET = { line: 0, column: 0 };

/** A copy of `finding` moved by `offset` (fix and suggestion edits too). */
export function shift(finding: Finding, offset: number): Finding {
  const move = (r: OffsetRange) => ({ start: r.start + offset, end: r.end + offset });
  const moved: Finding = { ...finding, range: move(finding.range) };
  if (finding.fix) moved.fix = finding.fix.map((e) => ({ range: move(e.range), text: e.text }));
  if (finding.evidence) moved.evidence = finding.evidence.map(move);
  if (finding.suggestions) moved.suggestions = finding.suggestions.map((s) => ({ ...s, edits: s.edits.map((e) => ({ range: move(e.range), text: e.text })) }));
  if (finding.related) moved.related = finding.related.map((r) => ({ ...r, range: move(r.range) }));
  return moved;
}

/**
 * Where the allow list's entries occur: literal phrases, or checked `/…/` regexes (refused ones
 * match nothing); `literals` (a file's allow directives) are phrases even when written /…/.
 */
function findAllowed(text: string, entries: readonly string[], literals: readonly string[] = []): OffsetRange[] {
  const ranges: OffsetRange[] = [];
  for (const pattern of [...entries.map(compileUserPattern), ...literals]) {
    // A loop, not push(...): a phrase occurring some 100,000 times would overflow the stack.
    if (pattern !== undefined) for (const range of findPattern(text, pattern)) ranges.push(range);
  }
  return ranges;
}
