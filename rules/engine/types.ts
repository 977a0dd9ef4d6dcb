/**
 * Public types of the SpeechLint engine. Everything here is plain data: the
 * engine knows nothing of files, editors or protocols.
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeverityOrOff = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** Half-open range of UTF-16 offsets `[start, end)` into the linted text. */
export interface OffsetRange {
  start: number;
  end: number;
}

/** A minimal replacement: `text` replaces `[range.start, range.end)`. */
export interface TextEdit {
  range: OffsetRange;
  text: string;
}

/** 1-based line and column, both counted in UTF-16 code units as in LSP. */
export interface Position {
  line: number;
  column: number;
}

export interface Suggestion {
  /** Simplified Chinese description of what applying the suggestion does. */
  message: string;
  edits: TextEdit[];
  /**
   * The suggestion a writer would usually pick (renumber the list, convert to the dominant
   * script). Shown first in the editor; applied only when the user opts in with
   * `--fix-level suggestion`, never by default.
   */
  preferred?: boolean;
}

/**
 * How certain an automatic fix is (see README, "修复的级别"). Anything less certain than these —
 * renumbering, converting a character's script, deleting a repeat, filling a blank — is a
 * Suggestion, which no fix-all applies by default.
 * - `safe`: local and meaning-preserving (full-width punctuation, a converter's pinyin run,
 *   的的 → 的, a placeholder filled from the user's own map). Applied by `--fix`, the fix-all
 *   command and `source.fixAll.speechlint` on save.
 * - `residue`: deletes website residue, never more than the lines holding its evidence.
 *   Applied by `--fix` and the fix-all command, not on save.
 */
export type FixLevel = 'safe' | 'residue';

/** What a fix run applies: `safe` < `residue` (the default) < `suggestion` (preferred suggestions too). */
export type FixScope = FixLevel | 'suggestion';
export const FIX_SCOPES: readonly FixScope[] = ['safe', 'residue', 'suggestion'];

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Message in Simplified Chinese. */
  message: string;
  messageId: string;
  range: OffsetRange;
  start: Position;
  end: Position;
  /** Certain, local edits applied by `--fix` and "fix all" (see `fixLevel`). */
  fix?: TextEdit[];
  /** Set whenever `fix` is. */
  fixLevel?: FixLevel;
  /**
   * For residue deletions: the spans that prove the text is residue (a banner phrase, a page
   * counter). A residue fix may only delete within the lines holding its evidence, and the
   * fix applier refuses to delete a whole sentence that holds none.
   */
  evidence?: OffsetRange[];
  /** Alternatives the writer chooses from; never applied automatically. */
  suggestions?: Suggestion[];
  /** Other places the finding is about (the first copy of a duplicated paragraph). */
  related?: RelatedLocation[];
}

/** A second place a finding points at: shown beside it (LSP relatedInformation, SARIF relatedLocations). */
export interface RelatedLocation {
  range: OffsetRange;
  start: Position;
  end: Position;
  /** Simplified Chinese: what is there, e.g. “首次出现”. */
  message: string;
}

export type RuleCategory = 'template' | 'script' | 'punctuation' | 'structure' | 'style';

/** JSON-schema-like description of one rule option (kept small on purpose). */
export interface OptionSchema {
  type: 'boolean' | 'number' | 'string' | 'string[]' | 'record' | 'object[]';
  description: string;
  default: unknown;
  /** For `type: 'string'`: the allowed values. */
  enum?: readonly string[];
  minimum?: number;
  /** For `type: 'object[]'`: the fields of each object (no others are allowed). */
  properties?: Record<string, FieldSchema>;
}

/** One field of the objects of an `object[]` option. */
export interface FieldSchema {
  type: 'boolean' | 'string' | 'string[]';
  description: string;
  required?: boolean;
  /** For strings: a pattern the value must match (kept simple: anchored, no repetition of groups). */
  pattern?: string;
  /** For `string[]`: the fewest strings allowed. */
  minItems?: number;
}

export interface RuleMeta {
  id: string;
  description: { zh: string; en: string };
  category: RuleCategory;
  defaultSeverity: Severity;
  fixable: boolean;
  /** The level of the rule's fixes unless a report says otherwise (default `safe`). */
  fixLevel?: FixLevel;
  hasSuggestions: boolean;
  /** Message templates by id; `{name}` is replaced by report data. */
  messages: Record<string, string>;
  options: Record<string, OptionSchema>;
  /**
   * The rule's fixes delete junk (site banners, pinyin): findings of other rules that overlap
   * such a finding are dropped, since the text they point at goes away with it.
   */
  shadowsContained?: boolean;
  /** Whether the rule needs the word segmenter (slow to load). */
  needsSegmenter?: boolean;
  /**
   * 'paragraph': the rule only looks inside a paragraph (text between blank lines), so an
   * editor may re-run it on the paragraphs an edit touched. Default 'document'.
   */
  scope?: 'paragraph' | 'document';
}

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  range: OffsetRange;
  fix?: TextEdit[];
  /** Overrides the rule's `meta.fixLevel` for this fix. */
  fixLevel?: FixLevel;
  /** Required with a `residue` fix: see `Finding.evidence`. */
  evidence?: OffsetRange[];
  suggestions?: Suggestion[];
  /** See `Finding.related`; positions are filled in by the engine. */
  related?: { range: OffsetRange; message: string }[];
}

export type RuleOptions = Record<string, unknown>;

export interface RuleContext {
  readonly document: import('./document.js').SourceDocument;
  /** The rule's options, defaults filled in and validated. */
  readonly options: RuleOptions;
  readonly settings: SharedSettings;
  report(descriptor: ReportDescriptor): void;
  /**
   * A result worth keeping between runs on the same document in an editor (work on one piece
   * of the text, keyed by that piece): computed once and reused while the key recurs. In
   * one-shot linting (CLI) it simply computes.
   */
  memo<T>(key: string, compute: () => T): T;
}

/** Keeps rules' `memo` results; the engine prefixes keys with the rule id. */
export type Memo = <T>(key: string, compute: () => T) => T;

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** Settings several rules read; they come from the project config. */
export interface SharedSettings {
  /** Placeholder in context → value, e.g. `{"X科技城": "攀枝花科技城"}`. */
  placeholders: Record<string, string>;
}

export type DocumentLanguage = 'plaintext' | 'markdown';

export interface RuleSetting {
  severity: SeverityOrOff;
  options?: RuleOptions;
}

/** A fully resolved configuration as `lint` consumes it. */
export interface LintConfig {
  rules: Record<string, RuleSetting>;
  /** Phrases never to flag: a finding inside an occurrence is dropped. */
  allow: string[];
  placeholders: Record<string, string>;
}

/**
 * The configuration file format (`.speechlintrc.json`, or the `speechlint` key of package.json):
 *
 * ```json
 * {
 *   "rules": { "punctuation-width": "off", "placeholder": ["error", {"extraTokens": ["YY"]}] },
 *   "ignore": ["archive/**"],
 *   "allow": ["X光机"],
 *   "placeholders": {"X科技城": "攀枝花科技城"}
 * }
 * ```
 * A rule entry is a severity (`"error" | "warning" | "info" | "hint" | "off"`), a tuple
 * `[severity, options]`, or an object `{"severity": …, "options": {…}}`. A resolved
 * LintConfig is itself a valid ConfigFile.
 */
export interface ConfigFile {
  rules?: Record<string, RuleEntry>;
  ignore?: string[];
  allow?: string[];
  placeholders?: Record<string, string>;
}

export type RuleEntry =
  | SeverityOrOff
  | [SeverityOrOff]
  | [SeverityOrOff, RuleOptions]
  | { severity?: SeverityOrOff; options?: RuleOptions };

export interface LintOptions {
  language?: DocumentLanguage;
  config?: ConfigFile;
  /** Restrict the run to these rule ids (after config); used by tests and the editor. */
  onlyRules?: readonly string[];
}
