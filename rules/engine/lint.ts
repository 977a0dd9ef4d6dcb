import { mergeConfigs } from './config.js';
import { SourceDocument } from './document.js';
import { findDisabledRanges, isDisabled } from './directives.js';
import type { Finding, LintOptions, OffsetRange, ReportDescriptor, Rule, RuleContext, TextEdit } from './types.js';

/** Message id of the finding that stands in for a rule that threw. */
export const INTERNAL_ERROR = 'internal-error';

/**
 * Lints `text` with `rules` (the registry by default, via the public entry) and returns the
 * findings sorted by position. A rule that throws yields one internal-error finding; the other
 * rules still report.
 */
export function lintWith(rules: readonly Rule[], text: string, options: LintOptions = {}): Finding[] {
  const config = mergeConfigs(rules, options.config);
  const document = new SourceDocument(text, options.language ?? 'plaintext');
  const findings: Finding[] = [];
  const shadowing: Finding[] = [];

  for (const rule of rules) {
    const setting = config.rules[rule.meta.id];
    if (!setting || setting.severity === 'off') continue;
    if (options.onlyRules && !options.onlyRules.includes(rule.meta.id)) continue;
    const severity = setting.severity;
    const reported: Finding[] = [];
    const context: RuleContext = {
      document,
      options: setting.options ?? {},
      settings: { placeholders: config.placeholders },
      report(descriptor) {
        reported.push(toFinding(rule, severity, descriptor, document));
      },
    };
    try {
      rule.check(context);
    } catch (error) {
      findings.push(internalError(rule, error, document));
      continue;
    }
    for (const finding of reported) {
      if (document.touchesMask(finding.range)) continue;
      findings.push(finding);
      if (rule.meta.shadowsContained) shadowing.push(finding);
    }
  }

  const shadows = survivingShadows(shadowing);
  const allowed = findAllowed(text, config.allow);
  const disabled = document.language === 'markdown' ? findDisabledRanges(text, document) : [];
  return findings
    .filter((f) => !allowed.some((a) => a.start <= f.range.start && f.range.end <= a.end))
    .filter((f) => !isDisabled(disabled, f))
    .filter((f) => !shadows.some((s) => s !== f && s.ruleId !== f.ruleId && overlaps(s.range, f.range)))
    .sort(compareFindings);
}

/**
 * Deletion findings (residue, pinyin) hide other rules' findings they overlap. When two of
 * them overlap, the longer one wins: a banner line hides the pinyin inside it, not vice versa.
 */
function survivingShadows(shadowing: Finding[]): Finding[] {
  const kept: Finding[] = [];
  const byLength = [...shadowing].sort((a, b) => b.range.end - b.range.start - (a.range.end - a.range.start));
  for (const s of byLength) {
    if (!kept.some((k) => k.ruleId !== s.ruleId && overlaps(k.range, s.range))) kept.push(s);
  }
  return kept;
}

function overlaps(a: OffsetRange, b: OffsetRange): boolean {
  return a.start < b.end && b.start < a.end;
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
    start: document.lines.positionAt(range.start),
    end: document.lines.positionAt(range.end),
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
  }
  if (descriptor.suggestions && descriptor.suggestions.length > 0) {
    if (!meta.hasSuggestions) throw new Error(`rule ${meta.id} is not marked hasSuggestions but reported suggestions`);
    for (const s of descriptor.suggestions) checkEdits(s.edits, document.text.length, meta.id);
    finding.suggestions = descriptor.suggestions.map((s) => ({ message: s.message, edits: s.edits.map(copyEdit) }));
  }
  return finding;
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
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (data && name in data ? String(data[name]) : whole));
}

function internalError(rule: Rule, error: unknown, document: SourceDocument): Finding {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ruleId: rule.meta.id,
    severity: 'error',
    message: `规则 ${rule.meta.id} 运行出错，本次未能检查：${reason}（内部错误，请报告）`,
    messageId: INTERNAL_ERROR,
    range: { start: 0, end: 0 },
    start: document.lines.positionAt(0),
    end: document.lines.positionAt(0),
  };
}

function findAllowed(text: string, phrases: readonly string[]): OffsetRange[] {
  const ranges: OffsetRange[] = [];
  for (const phrase of phrases) {
    if (!phrase) continue;
    for (let i = text.indexOf(phrase); i >= 0; i = text.indexOf(phrase, i + 1)) {
      ranges.push({ start: i, end: i + phrase.length });
    }
  }
  return ranges;
}
