import { locationOf, paragraphOf, type Formatter } from './types.js';

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
      // A Word document has no lines for GitHub to point at: the annotation is on the file and says the paragraph.
      const inWord = paragraphOf(result, f) !== undefined;
      const where = inWord ? `file=${file}` : `file=${file},line=${f.start.line},col=${f.start.column},endLine=${f.end.line},endColumn=${f.end.column}`;
      const message = inWord ? `${locationOf(result, f)} ${f.message}` : f.message;
      write(`::${COMMAND[f.severity]} ${where},title=${escapeProperty(`speechlint(${f.ruleId})`)}::${escapeData(message)}\n`);
    }
  },
  end: () => '',
});
