import type { SourceDocument } from './document.js';
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

const DIRECTIVE = /<!--\s*speechlint-(disable-next-line|disable-line|disable|enable)\b([^]*?)-->/g;

export function findDisabledRanges(text: string, document: SourceDocument): DisabledRange[] {
  const ranges: DisabledRange[] = [];
  const open = new Map<string, number>(); // '*' or rule id → start offset
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
    const kind = m[1]!;
    const ids = m[2]!.split(/[\s,，]+/).filter(Boolean);
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

export function isDisabled(ranges: readonly DisabledRange[], finding: Finding): boolean {
  return ranges.some(
    (r) => r.start <= finding.range.start && finding.range.end <= r.end && (!r.rules || r.rules.includes(finding.ruleId)),
  );
}
