import type { SourceDocument } from './document.js';
import { CoveringSet } from './intervals.js';
import type { Finding, OffsetRange } from './types.js';

/**
 * Inline directives in HTML comments:
 *
 *   <!-- speechlint-disable [rule …] -->    until the matching enable (or the end)
 *   <!-- speechlint-enable [rule …] -->
 *   <!-- speechlint-disable-line [rule …] -->
 *   <!-- speechlint-disable-next-line [rule …] -->
 *   <!-- speechlint-allow 短语 -->          this file never flags the phrase (literal)
 *
 * Without rule ids a directive covers every rule; ids are separated by spaces or commas.
 * In markdown a directive may stand anywhere a comment can. Plain text has no comment syntax,
 * so there a directive counts only when it is a whole line by itself (the editor's "only in
 * this file" actions write one at the top): `<!--` inside a sentence stays prose, and the
 * directive lines themselves are masked, so no rule reads them and no fix touches them.
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
const DIRECTIVE_HEAD = /<!--\s*speechlint-(disable-next-line|disable-line|disable|enable|allow)\b/y;

interface Directive {
  kind: string;
  /** Offset of the `<!--`. */
  at: number;
  /** What stands between the keyword and `-->`. */
  body: string;
}

/** The directives of `text`, in order; in plain text only those that are a line by themselves. */
function directivesOf(text: string, document: SourceDocument): Directive[] {
  const found: Directive[] = [];
  for (let at = text.indexOf('<!--'); at >= 0; ) {
    DIRECTIVE_HEAD.lastIndex = at;
    const m = DIRECTIVE_HEAD.exec(text);
    if (!m) {
      at = text.indexOf('<!--', at + 1);
      continue;
    }
    const close = text.indexOf('-->', at + m[0].length);
    if (close < 0) break; // no directive can close after this one either
    const next = text.indexOf('<!--', close + 3);
    if (document.language === 'markdown' || isWholeLine(text, document, at, close + 3)) {
      found.push({ kind: m[1]!, at, body: text.slice(at + m[0].length, close) });
    }
    at = next;
  }
  return found;
}

function isWholeLine(text: string, document: SourceDocument, start: number, end: number): boolean {
  const line = document.lines.lineAt(start);
  if (document.lines.lineAt(end) !== line && end !== document.lines.lineEndAt(line)) return false;
  const before = text.slice(document.lines.lineStarts[line]!, start);
  const after = text.slice(end, document.lines.lineEndAt(line));
  return /^[ \t\u3000\uFEFF]*$/.test(before) && /^[ \t\u3000]*$/.test(after);
}

/** Plain text: the ranges of its directive lines (without their line breaks), to be masked. */
export function plainTextDirectiveLines(text: string, document: SourceDocument): OffsetRange[] {
  if (!text.includes('<!--')) return [];
  return directivesOf(text, document).map((d) => {
    const line = document.lines.lineAt(d.at);
    return { start: document.lines.lineStarts[line]!, end: document.lines.lineEndAt(line) };
  });
}

/** The phrases of `<!-- speechlint-allow 短语 -->` directives: literal, never regexes. */
export function findAllowDirectives(text: string, document: SourceDocument): string[] {
  if (!text.includes('<!--')) return [];
  return directivesOf(text, document)
    .filter((d) => d.kind === 'allow')
    .map((d) => d.body.trim())
    .filter((phrase) => phrase !== '');
}

export function findDisabledRanges(text: string, document: SourceDocument): DisabledRange[] {
  const ranges: DisabledRange[] = [];
  if (!text.includes('<!--')) return ranges;
  const open = new Map<string, number>(); // '*' or rule id → start offset
  for (const { kind, at, body } of directivesOf(text, document)) {
    if (kind === 'allow') continue;
    const ids = body.split(/[\s,，]+/).filter(Boolean);
    const rules = ids.length > 0 ? ids : undefined;
    const line = document.lines.lineAt(at);
    if (kind === 'disable-line' || kind === 'disable-next-line') {
      const target = kind === 'disable-line' ? line : line + 1;
      if (target >= document.lines.lineCount) continue;
      ranges.push({ start: document.lines.lineStarts[target]!, end: document.lines.lineEndAt(target), ...(rules ? { rules } : {}) });
    } else if (kind === 'disable') {
      for (const key of rules ?? ['*']) if (!open.has(key)) open.set(key, at);
    } else {
      for (const key of rules ?? [...open.keys()]) {
        const start = open.get(key);
        if (start === undefined) continue;
        ranges.push({ start, end: at, ...(key === '*' ? {} : { rules: [key] }) });
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
