import type { Finding, Rule } from '../../../rules/index.js';
import { PART_NAMES, type DocxParagraph } from '../../docx/read-docx.js';

export interface LintResult {
  /** Absolute path, or "<stdin>". */
  filePath: string;
  /** Path as the user sees it: relative to the working folder. */
  displayPath: string;
  source: string;
  findings: Finding[];
  /** The fixed text, with --fix-dry-run (ESLint puts it in the JSON as `output`). */
  output?: string;
  /** Why the file could not be linted (unreadable, binary, bad config). */
  fatal?: string;
  /** A Word document's paragraphs: line k of `source` is paragraphs[k]. */
  paragraphs?: readonly DocxParagraph[];
}


/** A Word document's paragraph that holds a finding, or undefined for a text file. */
export function paragraphOf(result: LintResult, finding: Finding): DocxParagraph | undefined {
  return result.paragraphs?.[finding.start.line - 1];
}

/** Where a finding is, as the user reads it: "12:5", or in a Word document "正文第 3 段:5". */
export function locationOf(result: LintResult, finding: Finding): string {
  const paragraph = paragraphOf(result, finding);
  if (!paragraph) return `${finding.start.line}:${finding.start.column}`;
  return `${PART_NAMES[paragraph.part]}第 ${paragraph.index} 段:${finding.start.column}`;
}

export interface FormatContext {
  cwd: string;
  color: boolean;
  version: string;
  rules: readonly Rule[];
}

/**
 * Formatters stream: the CLI hands over each file's result as soon as it is linted and drops it,
 * so memory does not grow with the number of files. `file` writes one file's report through
 * `write` in pieces (a finding or so at a time: one file can hold a million findings, more text
 * than a JavaScript string can), `end` returns what comes after the last file (a summary,
 * closing brackets).
 */
export interface FormatStream {
  file(result: LintResult, write: (text: string) => void): void;
  end(): string;
}

export type Formatter = (context: FormatContext) => FormatStream;

/** Formats a whole list of results at once (tests, and callers that have them all). */
export function formatAll(formatter: Formatter, results: readonly LintResult[], context: FormatContext): string {
  const stream = formatter(context);
  const pieces: string[] = [];
  for (const result of results) stream.file(result, (text) => pieces.push(text));
  return pieces.join('') + stream.end();
}

/** ESLint's numeric severity: 2 error; 1 for warning, info and hint. */
export function numericSeverity(finding: Finding): 1 | 2 {
  return finding.severity === 'error' ? 2 : 1;
}

export interface Counts {
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  fatalErrorCount: number;
}

export function countFindings(result: LintResult): Counts {
  const counts: Counts = { errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, fatalErrorCount: result.fatal ? 1 : 0 };
  if (result.fatal) counts.errorCount++;
  for (const f of result.findings) {
    const fixable = !!f.fix && f.fix.length > 0;
    if (numericSeverity(f) === 2) {
      counts.errorCount++;
      if (fixable) counts.fixableErrorCount++;
    } else {
      counts.warningCount++;
      if (fixable) counts.fixableWarningCount++;
    }
  }
  return counts;
}

/** Merges a finding's edits into one ESLint-style `{range, text}` fix. */
export function mergedFix(source: string, edits: readonly { range: { start: number; end: number }; text: string }[]): { range: [number, number]; text: string } {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start);
  const start = sorted[0]!.range.start;
  const end = sorted[sorted.length - 1]!.range.end;
  let text = '';
  let cursor = start;
  for (const edit of sorted) {
    text += source.slice(cursor, edit.range.start) + edit.text;
    cursor = edit.range.end;
  }
  return { range: [start, end], text };
}
