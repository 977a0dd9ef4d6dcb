import { pathToFileURL } from 'node:url';
import { ruleDocsUrl } from '../../../rules/index.js';
import type { Formatter, LintResult } from './types.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

/**
 * SARIF 2.1.0 for code scanning. Columns are UTF-16 code units, as in the engine. One JSON
 * document: the results are kept (without the files' text) and written at the end.
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
  const sarifResults: unknown[] = [];
  const notifications: unknown[] = [];
  const file = (result: LintResult) => {
    const uri = result.filePath === '<stdin>' ? 'stdin' : result.displayPath.split('\\').join('/');
    const artifactLocation = { uri: encodeURI(uri), uriBaseId: '%SRCROOT%' };
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
      sarifResults.push({
        ruleId: f.ruleId,
        ruleIndex: context.rules.findIndex((r) => r.meta.id === f.ruleId),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation, region } }],
        ...(f.fix
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
      });
    }
    return '';
  };
  const end = () => {
    const log = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{
        tool: { driver: { name: 'speechlint', version: context.version, informationUri: 'https://github.com/speechlint/speechlint', rules } },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: srcRoot } },
        results: sarifResults,
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
      }],
    };
    return JSON.stringify(log, null, 2) + '\n';
  };
  return { file, end };
};
