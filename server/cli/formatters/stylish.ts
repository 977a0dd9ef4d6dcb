import type { Finding } from '../../../rules/index.js';
import { countFindings, locationOf, type Formatter, type LintResult } from './types.js';

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
  const file = (result: LintResult, write: (text: string) => void): void => {
    if (!result.fatal && result.findings.length === 0) return;
    const counts = countFindings(result);
    errors += counts.errorCount;
    warnings += counts.warningCount;
    fixable += counts.fixableErrorCount + counts.fixableWarningCount;
    write(`${paint.underline(printable(result.displayPath))}\n`);
    if (result.fatal) write(`  ${paint.red(LABEL.error)}  ${result.fatal}\n`);
    let positionWidth = 0; // (a loop: spreading a million findings into Math.max overflows the stack)
    for (const f of result.findings) positionWidth = Math.max(positionWidth, displayWidth(locationOf(result, f)));
    for (const f of result.findings) {
      const location = locationOf(result, f);
      const position = location + ' '.repeat(positionWidth - displayWidth(location));
      const label = f.severity === 'error' ? paint.red(LABEL.error) : f.severity === 'warning' ? paint.yellow(LABEL.warning) : paint.blue(LABEL[f.severity]);
      let text = `  ${paint.dim(position)}  ${label}  ${printable(f.message)}  ${paint.dim(f.ruleId)}\n`;
      const excerpt = excerptOf(result.source, f);
      if (excerpt) {
        const indent = ' '.repeat(positionWidth + 4);
        text += `${indent}${excerpt.before}${paint.bold(excerpt.match)}${excerpt.after}\n`;
        text += `${indent}${' '.repeat(displayWidth(excerpt.before))}${paint.red('^'.repeat(Math.max(1, displayWidth(excerpt.match))))}\n`;
      }
      write(text);
    }
    write('\n'); // a blank line after each file
  };
  const end = (): string => {
    const total = errors + warnings;
    if (total === 0) return '';
    const mark = errors > 0 ? paint.red('✖') : paint.yellow('⚠');
    const out = [paint.bold(`${mark} 共 ${total} 个问题（${errors} 个错误，${warnings} 个警告）/ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`)];
    if (fixable > 0) out.push(`  其中 ${fixable} 个可用 --fix 自动修复 / ${fixable} fixable with --fix`);
    return out.map((line) => `${line}\n`).join('');
  };
  return { file, end };
};

/** "1 problem", "2 problems", "0 warnings", "3 fixes". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/**
 * The finding's text on its line, with a little context, line breaks shown as ↵. Looks only at
 * a few dozen code units around the finding: a file may be one line of megabytes, with a
 * finding every few characters.
 */
function excerptOf(source: string, f: Finding): { before: string; match: string; after: string } | undefined {
  const visible = (s: string) => printable(s.replace(/\r\n|\r|\n/g, '↵').replace(/\t/g, ' '));
  // Enough UTF-16 units for the characters shown (surrogate pairs take two) and one more.
  const matchWindow = 2 * EXCERPT_MAX + 2;
  const contextWindow = 2 * EXCERPT_CONTEXT + 2;
  const matchChars = [...visible(source.slice(f.range.start, Math.min(f.range.end, f.range.start + matchWindow)))];
  let matchText = matchChars.join('');
  if (matchChars.length > EXCERPT_MAX) matchText = matchChars.slice(0, EXCERPT_MAX - 1).join('') + '…';
  const head = source.slice(Math.max(0, f.range.start - contextWindow), f.range.start);
  const beforeChars = [...head.slice(Math.max(head.lastIndexOf('\n'), head.lastIndexOf('\r')) + 1)];
  const before = (beforeChars.length > EXCERPT_CONTEXT ? '…' : '') + beforeChars.slice(-EXCERPT_CONTEXT).join('');
  const tail = source.slice(f.range.end, f.range.end + contextWindow);
  const lineEnd = tail.search(/\r|\n/);
  const afterChars = [...(lineEnd < 0 ? tail : tail.slice(0, lineEnd))];
  const after = afterChars.slice(0, EXCERPT_CONTEXT).join('') + (afterChars.length > EXCERPT_CONTEXT ? '…' : '');
  if (!matchText && !before && !after) return undefined;
  return { before: visible(before), match: matchText || '∅', after: visible(after) };
}

/**
 * A draft's text made safe for a terminal: control characters (an ANSI escape could recolour
 * or rewrite the screen) and bidi overrides are shown as escapes, never sent raw.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
