// What the CLI does to one text once it is read and its config known: lint, fix or convert.
// Pure (text and options in, findings and output out), so it runs alike on the main thread and
// on a worker thread (lint-pool.ts).
import { convertDocument, fix, lint, MAX_FIX_PASSES, type Finding, type FixResult, type FixScope, type FixSelection, type LintOptions } from '../../rules/index.js';
import { plural } from './formatters/stylish.js';

/** The command-line options that decide what is done to a text (a structured-cloneable subset). */
export interface ProcessMode {
  convertTo?: 'simplified' | 'traditional';
  fix: boolean;
  fixDryRun: boolean;
  fixLevel: FixScope;
  quiet: boolean;
}

export interface TextJob {
  text: string;
  lintOptions: LintOptions;
  mode: ProcessMode;
}

export interface ProcessedText {
  findings: Finding[];
  output?: string;
  /** One line saying what the fix run changed (absent when it changed nothing). */
  summary?: string;
  /** Why the damage net refused the fix run. */
  refused?: string;
}

export function processText({ text, lintOptions, mode }: TextJob): ProcessedText {
  if (mode.convertTo) {
    const output = convertDocument(text, mode.convertTo, lintOptions.language);
    return { output, findings: lint(output, lintOptions) };
  }
  if (mode.fix || mode.fixDryRun) {
    // --quiet fixes errors only, as ESLint's does.
    const selection: FixSelection = { scope: mode.fixLevel, ...(mode.quiet ? { accept: (f: Finding) => f.severity === 'error' } : {}) };
    const result = fix(text, lintOptions, selection);
    return {
      output: result.output,
      findings: lint(result.output, lintOptions),
      ...(result.refused ? { refused: result.refused.message } : {}),
      ...(result.fixed.length > 0 ? { summary: describeFixes(result) } : {}),
    };
  }
  return { findings: lint(text, lintOptions) };
}

/** "已修复 5 处（punctuation-width 3，template-residue 2），删除 12 字" */
function describeFixes(result: FixResult): string {
  const byRule = Object.entries(result.summary.byRule)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([id, n]) => `${id} ${n}`)
    .join('，');
  const removed = result.summary.charsRemoved > 0 ? `，删除 ${result.summary.charsRemoved} 字符（其中汉字 ${result.summary.hanRemoved} 个）` : '';
  const limit = result.passLimitReached ? `；已达 ${MAX_FIX_PASSES} 轮上限，仍有未修复的问题 / pass limit reached, fixes remain` : '';
  return `已修复 ${result.fixed.length} 处（${byRule}）${removed} / ${plural(result.fixed.length, 'fix', 'fixes')} applied${limit}`;
}
