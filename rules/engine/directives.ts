import type { SourceDocument } from './document.js';
import { CoveringSet } from './intervals.js';
import type { Finding } from './types.js';

/**
 * Inline directives in markdown HTML comments (plain text has no comment syntax; use the
 * config's `allow` list there):
 *
 *   <!-- speechlint-disable [rule …] -->    until the matching enable (or the end)
 *   <!-- speechlint-enable [rule …] -->
 *   <!-- speechlint-disable-line [rule …] -->
 *   <!-- speechlint-disable-next-line [rule …] -->
 *
 * Without rule ids a directive covers every rule; ids are separated by spaces or commas.
 */
export interface DisabledRange {
  start: number;
  end: number;
  /** Undefined means all rules. */
  rules?: string[];
}

/**
 * A directive is `<!--\s*speechlint-(kind)\b([^]*?)-->`; the head is matched at each `<!--` and
 * the end found with indexOf, since the lazy `[^]*?-->` rescans to the end of the text from
 * every unclosed `<!-- speechlint-…` (quadratic in their number).
 */
const DIRECTIVE_HEAD = /<!--\s*speechlint-(disable-next-line|disable-line|disable|enable)\b/y;

export function findDisabledRanges(text: string, document: SourceDocument): DisabledRange[] {
  const ranges: DisabledRange[] = [];
  const open = new Map<string, number>(); // '*' or rule id → start offset
  for (let at = text.indexOf('<!--'); at >= 0; ) {
    DIRECTIVE_HEAD.lastIndex = at;
    const m = DIRECTIVE_HEAD.exec(text);
    if (!m) {
      at = text.indexOf('<!--', at + 1);
      continue;
    }
    const close = text.indexOf('-->', at + m[0].length);
    if (close < 0) break; // no directive can close after this one either
    at = text.indexOf('<!--', close + 3);
    const kind = m[1]!;
    const ids = text.slice(m.index + m[0].length, close).split(/[\s,，]+/).filter(Boolean);
    const rules = ids.length > 0 ? ids : undefined;
    const line = document.lines.lineAt(m.index);
    if (kind === 'disable-line' || kind === 'disable-next-line') {
      const target = kind === 'disable-line' ? line : line + 1;
      if (target >= document.lines.lineCount) continue;
      ranges.push({ start: document.lines.lineStarts[target]!, end: document.lines.lineEndAt(target), ...(rules ? { rules } : {}) });
    } else if (kind === 'disable') {
      for (const key of rules ?? ['*']) if (!open.has(key)) open.set(key, m.index);
    } else {
      for (const key of rules ?? [...open.keys()]) {
        const start = open.get(key);
        if (start === undefined) continue;
        ranges.push({ start, end: m.index, ...(key === '*' ? {} : { rules: [key] }) });
        open.delete(key);
      }
    }
  }
  for (const [key, start] of open) ranges.push({ start, end: text.length, ...(key === '*' ? {} : { rules: [key] }) });
  return ranges;
}

/** Whether a range of `ranges` covering the finding applies to its rule. */
export function isDisabled(ranges: readonly DisabledRange[], finding: Finding): boolean {
  if (ranges.length === 0) return false;
  let index = INDEXES.get(ranges);
  if (!index) INDEXES.set(ranges, (index = indexRanges(ranges)));
  return !!index.get('*')?.covers(finding.range) || !!index.get(finding.ruleId)?.covers(finding.range);
}

/**
 * The ranges by rule id ('*': all rules), built once per result of findDisabledRanges, so that
 * a finding is checked in O(log n) — a some() over every range per finding was O(findings ×
 * directives).
 */
const INDEXES = new WeakMap<readonly DisabledRange[], Map<string, CoveringSet>>();

function indexRanges(ranges: readonly DisabledRange[]): Map<string, CoveringSet> {
  const byRule = new Map<string, DisabledRange[]>();
  for (const range of ranges) {
    for (const key of range.rules ?? ['*']) {
      const list = byRule.get(key);
      if (list) list.push(range);
      else byRule.set(key, [range]);
    }
  }
  return new Map([...byRule].map(([key, list]) => [key, new CoveringSet(list)]));
}
