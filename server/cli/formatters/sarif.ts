import { pathToFileURL } from 'node:url';
import { ruleDocsUrl } from '../../../rules/index.js';
import { locationOf, paragraphOf, type Formatter, type LintResult } from './types.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

/**
 * SARIF 2.1.0 for code scanning. Columns are UTF-16 code units, as in the engine. One JSON
 * document, streamed: the head (tool and rules) before the first result, each result on a line
 * of its own as its file is linted, and the invocation (with the notifications about files that
 * could not be linted) at the end.
 */
export const sarif: Formatter = (context) => {
  const rules = context.rules.map((rule) => ({
    id: rule.meta.id,
    name: rule.meta.id,
    shortDescription: { text: rule.meta.description.zh },
    fullDescription: { text: `${rule.meta.description.zh} / ${rule.meta.description.en}` },
    helpUri: ruleDocsUrl(rule.meta.id, context.version),
    defaultConfiguration: { level: LEVEL[rule.meta.defaultSeverity] },
    properties: { category: rule.meta.category, fixable: rule.meta.fixable },
  }));
  const srcRoot = pathToFileURL(context.cwd.endsWith('/') ? context.cwd : `${context.cwd}/`).href;
  const notifications: unknown[] = [];
  let count = 0;
  let started = false;
  const head = () => {
    started = true;
    const tool = { driver: { name: 'speechlint', version: context.version, informationUri: 'https://github.com/speechlint/speechlint', rules } };
    return (
      `{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",\n  "runs": [{\n` +
      `    "tool": ${JSON.stringify(tool)},\n    "columnKind": "utf16CodeUnits",\n` +
      `    "originalUriBaseIds": ${JSON.stringify({ '%SRCROOT%': { uri: srcRoot } })},\n    "results": [`
    );
  };
  const file = (result: LintResult, write: (text: string) => void) => {
    if (!started) write(head());
    const uri = result.filePath === '<stdin>' ? 'stdin' : result.displayPath.split('\\').join('/');
    // Each path segment escaped whole: encodeURI would leave "#" and "?" to end the path.
    const artifactLocation = { uri: uri.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
    if (result.fatal) {
      notifications.push({ level: 'error', message: { text: result.fatal }, locations: [{ physicalLocation: { artifactLocation } }] });
    }
    for (const f of result.findings) {
      const region = {
        startLine: f.start.line,
        startColumn: f.start.column,
        endLine: f.end.line,
        endColumn: f.end.column,
        charOffset: f.range.start,
        charLength: f.range.end - f.range.start,
      };
      const paragraph = paragraphOf(result, f);
      // In a Word document, lines and offsets are those of the linted text, not of the file: the
      // location names the paragraph instead, and no fix is offered on the file's bytes.
      const sarifResult = {
        ruleId: f.ruleId,
        ruleIndex: context.rules.findIndex((r) => r.meta.id === f.ruleId),
        level: LEVEL[f.severity],
        message: { text: paragraph ? `${locationOf(result, f)} ${f.message}` : f.message },
        locations: [
          paragraph
            ? { physicalLocation: { artifactLocation }, logicalLocations: [{ name: locationOf(result, f), kind: 'text' }] }
            : { physicalLocation: { artifactLocation, region } },
        ],
        ...(f.related && !paragraph
          ? {
              relatedLocations: f.related.map((r, id) => ({
                id,
                message: { text: r.message },
                physicalLocation: {
                  artifactLocation,
                  region: { startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column, charOffset: r.range.start, charLength: r.range.end - r.range.start },
                },
              })),
            }
          : {}),
        ...(paragraph ? { properties: { paragraph: paragraph.index, part: paragraph.part, line: f.start.line, column: f.start.column } } : {}),
        ...(f.fix && !paragraph
          ? {
              fixes: [{
                description: { text: f.message },
                artifactChanges: [{
                  artifactLocation,
                  replacements: f.fix.map((e) => ({
                    deletedRegion: { charOffset: e.range.start, charLength: e.range.end - e.range.start },
                    insertedContent: { text: e.text },
                  })),
                }],
              }],
            }
          : {}),
      };
      write(`${count++ === 0 ? '\n' : ',\n'}      ${JSON.stringify(sarifResult)}`);
    }
  };
  const end = () => {
    const invocations = [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }];
    return `${started ? '' : head()}${count > 0 ? '\n    ' : ''}],\n    "invocations": ${JSON.stringify(invocations)}\n  }]\n}\n`;
  };
  return { file, end };
};
