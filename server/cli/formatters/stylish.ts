import type { Finding } from '../../../rules/index.js';
import { countFindings, type Formatter, type LintResult } from './types.js';

const LABEL = { error: '错误', warning: '警告', info: '提示', hint: '建议' } as const;
const EXCERPT_CONTEXT = 12;
const EXCERPT_MAX = 24;

interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

const ansi = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
const COLORS: Paint = { red: ansi(31, 39), yellow: ansi(33, 39), blue: ansi(34, 39), dim: ansi(2, 22), bold: ansi(1, 22), underline: ansi(4, 24) };
const PLAIN: Paint = { red: (s) => s, yellow: (s) => s, blue: (s) => s, dim: (s) => s, bold: (s) => s, underline: (s) => s };

/** Terminal width of a string: CJK and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    width += /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) || code >= 0x20000 ? 2 : 1;
  }
  return width;
}

/** Grouped by file: position, severity, Chinese message, rule id, then the excerpt with a caret line. */
export const stylish: Formatter = (context) => {
  const paint = context.color ? COLORS : PLAIN;
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  const file = (result: LintResult): string => {
    const out: string[] = [];
    if (!result.fatal && result.findings.length === 0) return '';
    const counts = countFindings(result);
    errors += counts.errorCount;
    warnings += counts.warningCount;
    fixable += counts.fixableErrorCount + counts.fixableWarningCount;
    out.push(paint.underline(result.displayPath));
    if (result.fatal) out.push(`  ${paint.red(LABEL.error)}  ${result.fatal}`);
    const positionWidth = Math.max(0, ...result.findings.map((f) => `${f.start.line}:${f.start.column}`.length));
    for (const f of result.findings) {
      const position = `${f.start.line}:${f.start.column}`.padEnd(positionWidth);
      const label = f.severity === 'error' ? paint.red(LABEL.error) : f.severity === 'warning' ? paint.yellow(LABEL.warning) : paint.blue(LABEL[f.severity]);
      out.push(`  ${paint.dim(position)}  ${label}  ${f.message}  ${paint.dim(f.ruleId)}`);
      const excerpt = excerptOf(result.source, f);
      if (excerpt) {
        const indent = ' '.repeat(positionWidth + 4);
        out.push(`${indent}${excerpt.before}${paint.bold(excerpt.match)}${excerpt.after}`);
        out.push(`${indent}${' '.repeat(displayWidth(excerpt.before))}${paint.red('^'.repeat(Math.max(1, displayWidth(excerpt.match))))}`);
      }
    }
    out.push(''); // a blank line after each file
    return out.map((line) => `${line}\n`).join('');
  };
  const end = (): string => {
    const total = errors + warnings;
    if (total === 0) return '';
    const mark = errors > 0 ? paint.red('✖') : paint.yellow('⚠');
    const out = [paint.bold(`${mark} 共 ${total} 个问题（${errors} 个错误，${warnings} 个警告）/ ${total} problems (${errors} errors, ${warnings} warnings)`)];
    if (fixable > 0) out.push(`  其中 ${fixable} 个可用 --fix 自动修复 / ${fixable} fixable with --fix`);
    return out.map((line) => `${line}\n`).join('');
  };
  return { file, end };
};

/** The finding's text on its line, with a little context, line breaks shown as ↵. */
function excerptOf(source: string, f: Finding): { before: string; match: string; after: string } | undefined {
  const visible = (s: string) => s.replace(/\r\n|\r|\n/g, '↵').replace(/\t/g, ' ');
  let matchText = visible(source.slice(f.range.start, f.range.end));
  if ([...matchText].length > EXCERPT_MAX) matchText = [...matchText].slice(0, EXCERPT_MAX - 1).join('') + '…';
  const lineStart = Math.max(source.lastIndexOf('\n', f.range.start - 1), source.lastIndexOf('\r', f.range.start - 1)) + 1;
  const beforeChars = [...source.slice(lineStart, f.range.start)];
  const before = (beforeChars.length > EXCERPT_CONTEXT ? '…' : '') + beforeChars.slice(-EXCERPT_CONTEXT).join('');
  const rest = source.slice(f.range.end);
  const lineEnd = rest.search(/\r|\n/);
  const afterChars = [...(lineEnd < 0 ? rest : rest.slice(0, lineEnd))];
  const after = afterChars.slice(0, EXCERPT_CONTEXT).join('') + (afterChars.length > EXCERPT_CONTEXT ? '…' : '');
  if (!matchText && !before && !after) return undefined;
  return { before: visible(before), match: matchText || '∅', after: visible(after) };
}
