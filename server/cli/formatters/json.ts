import type { Finding } from '../../../rules/index.js';
import { countFindings, mergedFix, numericSeverity, paragraphOf, type Formatter, type LintResult } from './types.js';

/** ESLint's JSON formatter shape, so existing CI tooling can read it. */
interface EslintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  fatal?: true;
  level?: string;
  messageId?: string;
  endLine?: number;
  endColumn?: number;
  fix?: { range: [number, number]; text: string };
  /** How certain `fix` is (`safe` or `residue`; see README "Fix levels"). */
  fixLevel?: 'safe' | 'residue';
  suggestions?: { desc: string; fix: { range: [number, number]; text: string }; preferred?: true }[];
  /** Other places the finding is about (the first copy of a duplicate), 1-based like line/column. */
  related?: { message: string; line: number; column: number; endLine: number; endColumn: number }[];
  /** In a Word document: the paragraph (1-based, within its part) and the part, beside line and column of the linted text. */
  paragraph?: number;
  part?: string;
}

function paragraphFields(result: LintResult, f: Finding): { paragraph?: number; part?: string } {
  const paragraph = paragraphOf(result, f);
  return paragraph ? { paragraph: paragraph.index, part: paragraph.part } : {};
}

/** ESLint's JSON formatter shape, so existing CI tooling can read it. */
export function toEslintJson(result: LintResult) {
  {
    const messages: EslintMessage[] = result.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: numericSeverity(f),
      level: f.severity,
      message: f.message,
      messageId: f.messageId,
      line: f.start.line,
      column: f.start.column,
      endLine: f.end.line,
      endColumn: f.end.column,
      ...(f.fix ? { fix: mergedFix(result.source, f.fix), ...(f.fixLevel ? { fixLevel: f.fixLevel } : {}) } : {}),
      ...(f.suggestions ? { suggestions: f.suggestions.map((s) => ({ desc: s.message, fix: mergedFix(result.source, s.edits), ...(s.preferred ? { preferred: true as const } : {}) })) } : {}),
      ...(f.related ? { related: f.related.map((r) => ({ message: r.message, line: r.start.line, column: r.start.column, endLine: r.end.line, endColumn: r.end.column })) } : {}),
      ...paragraphFields(result, f),
    }));
    // As in ESLint, a file that could not be linted carries one fatal message without a rule.
    if (result.fatal) messages.unshift({ ruleId: null, severity: 2, fatal: true, message: result.fatal, line: 1, column: 1 });
    return {
      filePath: result.filePath,
      messages,
      suppressedMessages: [],
      ...countFindings(result),
      usedDeprecatedRules: [],
      ...(result.output !== undefined ? { output: result.output } : {}),
    };
  }
}

/**
 * One JSON array, written a message at a time: the same bytes as JSON.stringify of the whole
 * (key order as in toEslintJson: filePath, messages, then the rest). Each message is spelt out
 * here rather than built as an object and stringified: a long draft has tens of thousands.
 */
export const json: Formatter = () => {
  let count = 0;
  return {
    file: (result, write) => {
      const { filePath, messages, ...rest } = toEslintJson({ ...result, findings: [] });
      write(`${count++ === 0 ? '[' : ','}{"filePath":${JSON.stringify(filePath)},"messages":[`);
      let first = true;
      for (const m of messages) {
        write(`${first ? '' : ','}${JSON.stringify(m)}`);
        first = false;
      }
      for (const f of result.findings) {
        write(`${first ? '' : ','}${messageJson(f, result.source, paragraphOf(result, f))}`);
        first = false;
      }
      write(`],${JSON.stringify({ ...rest, ...countFindings(result) }).slice(1)}`);
    },
    end: () => `${count === 0 ? '[' : ''}]\n`,
  };
};

const str = JSON.stringify;

/** JSON.stringify(toEslintJson(…).messages[i]) for one finding, without the object. */
export function messageJson(f: Finding, source: string, paragraph?: { index: number; part: string }): string {
  let out = `{"ruleId":${str(f.ruleId)},"severity":${numericSeverity(f)},"level":${str(f.severity)},"message":${str(f.message)},"messageId":${str(f.messageId)},"line":${f.start.line},"column":${f.start.column},"endLine":${f.end.line},"endColumn":${f.end.column}`;
  if (f.fix) {
    out += `,"fix":${fixJson(mergedFix(source, f.fix))}`;
    if (f.fixLevel) out += `,"fixLevel":${str(f.fixLevel)}`;
  }
  if (f.suggestions) {
    out += ',"suggestions":[';
    f.suggestions.forEach((s, i) => {
      out += `${i === 0 ? '' : ','}{"desc":${str(s.message)},"fix":${fixJson(mergedFix(source, s.edits))}${s.preferred ? ',"preferred":true' : ''}}`;
    });
    out += ']';
  }
  if (f.related) {
    out += `,"related":[${f.related.map((r) => `{"message":${str(r.message)},"line":${r.start.line},"column":${r.start.column},"endLine":${r.end.line},"endColumn":${r.end.column}}`).join(',')}]`;
  }
  if (paragraph) out += `,"paragraph":${paragraph.index},"part":${str(paragraph.part)}`;
  return `${out}}`;
}

function fixJson(fix: { range: [number, number]; text: string }): string {
  return `{"range":[${fix.range[0]},${fix.range[1]}],"text":${str(fix.text)}}`;
}
