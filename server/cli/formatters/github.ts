import type { Formatter } from './types.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;

// Workflow-command escaping: data escapes %, CR, LF; properties also , and :.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions annotations: `::error file=…,line=…,col=…::message`. */
export const github: Formatter = () => ({
  file(result, write) {
    const file = escapeProperty(result.displayPath);
    if (result.fatal) write(`::error file=${file},title=speechlint::${escapeData(result.fatal)}\n`);
    for (const f of result.findings) {
      const where = `file=${file},line=${f.start.line},col=${f.start.column},endLine=${f.end.line},endColumn=${f.end.column}`;
      write(`::${COMMAND[f.severity]} ${where},title=${escapeProperty(`speechlint(${f.ruleId})`)}::${escapeData(f.message)}\n`);
    }
  },
  end: () => '',
});
