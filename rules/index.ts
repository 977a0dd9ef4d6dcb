/**
 * The public entry of the SpeechLint engine: text in, findings out. The CLI and the language
 * server import only from here.
 */
import { fixUntilStable, type FixResult, type FixSelection } from './engine/apply-fixes.js';
import { mergeConfigs, validateConfig, type ConfigProblem } from './engine/config.js';
import { IncrementalLinter } from './engine/incremental.js';
import { lintWith } from './engine/lint.js';
import type { ConfigFile, DocumentLanguage, Finding, LintConfig, LintOptions } from './engine/types.js';
import { RULES } from './registry.js';
import { SourceDocument } from './engine/document.js';
import { convertScript, type Script } from './text/script.js';

export * from './engine/types.js';
export { applyEdits, applyFixes, fixUntilStable, selectedEdits, MAX_FIX_PASSES, type FixPassResult, type FixRefusal, type FixResult, type FixSelection, type FixSummary } from './engine/apply-fixes.js';
export { MAX_HAN_LOSS_SHARE, HAN_LOSS_ALLOWANCE } from './engine/fix-safety.js';
export { type ConfigProblem } from './engine/config.js';
export { INTERNAL_ERROR, formatMessage, withoutLineBreaks } from './engine/lint.js';
export { LineIndex } from './engine/line-index.js';
export { checkUserRegex, isRegexEntry } from './engine/user-patterns.js';
export { IncrementalLinter } from './engine/incremental.js';
export { RULES, findRule } from './registry.js';
export { convertScript, type Script } from './text/script.js';
export { loadSegmenter, isSegmenterLoaded } from './text/segmenter.js';
export { formatChineseNumber } from './text/numerals.js';

/** Lints `text` with every registered rule, configured by `options.config`. */
export function lint(text: string, options: LintOptions = {}): Finding[] {
  return lintWith(RULES, text, options);
}

/** An incremental linter over the registered rules, for editors (one per open document). */
export function createIncrementalLinter(): IncrementalLinter {
  return new IncrementalLinter(RULES);
}

/**
 * Applies fixes pass after pass until the text is stable (see `fixUntilStable`): by default
 * the safe and residue fixes; never more than the damage net allows.
 */
export function fix(text: string, options: LintOptions = {}, selection: FixSelection = {}): FixResult {
  const resolved = { ...options, config: resolveConfig(options.config) };
  return fixUntilStable(text, (current) => lint(current, resolved), selection);
}

/**
 * Converts a whole document to one script, leaving alone what linting leaves alone: in
 * markdown, code, link targets, URLs, comments and front matter keep their characters.
 */
export function convertDocument(text: string, target: Script, language: DocumentLanguage = 'plaintext'): string {
  const { masked } = new SourceDocument(text, language);
  if (masked.length === 0) return convertScript(text, target);
  const parts: string[] = [];
  let cursor = 0;
  for (const range of masked) {
    parts.push(convertScript(text.slice(cursor, range.start), target), text.slice(range.start, range.end));
    cursor = range.end;
  }
  parts.push(convertScript(text.slice(cursor), target));
  return parts.join('');
}

/** Validates a parsed config file against the schema and the registered rules. */
export function checkConfig(raw: unknown): { config: ConfigFile; problems: ConfigProblem[] } {
  return validateConfig(raw, RULES);
}

/** Rule defaults < each layer in order (user settings, project file, command line). */
export function resolveConfig(...layers: (ConfigFile | undefined)[]): LintConfig {
  return mergeConfigs(RULES, ...layers);
}

/** Documentation URL of a rule, pinned to the released version. */
export function ruleDocsUrl(id: string, version: string): string {
  return `https://github.com/speechlint/speechlint/blob/v${version}/rules/${id}/README.md`;
}
