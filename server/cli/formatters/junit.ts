import type { Formatter } from './types.js';

const LABEL = { error: '错误 Error', warning: '警告 Warning', info: '提示 Info', hint: '建议 Hint' } as const;

/**
 * JUnit XML (GitLab `artifacts:reports:junit`, Jenkins, Azure): one testsuite per file, one
 * failing testcase per finding, as ESLint's junit formatter writes it; a file without
 * findings is one passing testcase. Streamed: each file's suite is written when it is linted.
 */
export const junit: Formatter = () => {
  let started = false;
  const open = () => {
    if (started) return '';
    started = true;
    return '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n';
  };
  return {
    file(result, write) {
      const name = xml(result.displayPath.split('\\').join('/'));
      // A finding is a failure; a file that could not be linted is an error (JUnit's two kinds).
      const tests = result.findings.length + (result.fatal ? 1 : 0);
      write(`${open()}<testsuite package="speechlint" time="0" tests="${Math.max(1, tests)}" errors="${result.fatal ? 1 : 0}" failures="${result.findings.length}" name="${name}">\n`);
      if (result.fatal) {
        write(`<testcase time="0" name="speechlint" classname="${name}"><error message="${xml(result.fatal)}" type="fatal">${xml(result.fatal)}</error></testcase>\n`);
      }
      for (const f of result.findings) {
        const where = `第 ${f.start.line} 行第 ${f.start.column} 列 / line ${f.start.line}, col ${f.start.column}`;
        const text = `${where}, ${LABEL[f.severity]} - ${f.message} (${f.ruleId})`;
        write(
          `<testcase time="0" name="${xml(`${f.ruleId} ${f.start.line}:${f.start.column}`)}" classname="${name}">` +
            `<failure message="${xml(f.message)}" type="${f.severity}">${xml(text)}</failure></testcase>\n`,
        );
      }
      if (tests === 0) write(`<testcase time="0" name="${name}" classname="${name}" />\n`);
      write('</testsuite>\n');
    },
    end: () => `${open()}</testsuites>\n`,
  };
};

/**
 * Text made safe for an XML attribute or element: the five specials escaped, and what XML 1.0
 * cannot carry at all (control characters, lone surrogates, U+FFFE/FFFF) shown as \uXXXX.
 */
export function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}
