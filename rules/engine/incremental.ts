import { mergeConfigs } from './config.js';
import { SourceDocument } from './document.js';
import { activeRules, finalize, runRules, shift, type RuleRun } from './lint.js';
import type { Finding, LintConfig, LintOptions, Memo, Rule } from './types.js';

/**
 * Lints a document that changes a little at a time (an editor buffer). Paragraph-scoped
 * rules run per paragraph and their findings are cached by the paragraph's text, so an edit
 * re-runs them only on the paragraphs it touched; document-scoped rules (script-mix,
 * structure, residue blocks) run on the whole text. The result equals `lint()` on the text.
 */
export class IncrementalLinter {
  /** Paragraph findings (relative to the paragraph) by config and paragraph text. */
  private cache = new Map<string, Finding[]>();
  /** Document rules' `memo` results: what the last run used, and what this run has used. */
  private memoKept = new Map<string, unknown>();
  private memoUsed = new Map<string, unknown>();
  /** Rules' `memo`, kept between runs: entries the latest run did not use are dropped. */
  private readonly memo: Memo = <T>(key: string, compute: () => T): T => {
    if (this.memoUsed.has(key)) return this.memoUsed.get(key) as T;
    const value = this.memoKept.has(key) ? (this.memoKept.get(key) as T) : compute();
    this.memoUsed.set(key, value);
    return value;
  };

  constructor(private readonly rules: readonly Rule[]) {}

  lint(text: string, options: LintOptions = {}): Finding[] {
    const job = this.prepare(text, options);
    const raw = job.documentRuns.length ? runRules(job.documentRuns, job.document, job.config, 0, this.memo) : [];
    for (const paragraph of job.paragraphs) raw.push(...this.paragraphFindings(job, paragraph));
    return this.finish(job, raw);
  }

  /**
   * Like `lint`, but yields to the event loop between paragraphs and gives up (returns
   * undefined) as soon as `isStale()` says a newer version of the text has arrived.
   */
  async lintAsync(text: string, options: LintOptions, isStale: () => boolean): Promise<Finding[] | undefined> {
    const job = this.prepare(text, options);
    const raw: Finding[] = [];
    for (const paragraph of job.paragraphs) {
      if (!this.cache.has(job.key(paragraph))) {
        await yieldToEventLoop();
        if (isStale()) return undefined;
      }
      raw.push(...this.paragraphFindings(job, paragraph));
    }
    // Document rules one at a time, so that a newer version can cut in between them.
    for (const run of job.documentRuns) {
      await yieldToEventLoop();
      if (isStale()) return undefined;
      raw.push(...runRules([run], job.document, job.config, 0, this.memo));
    }
    await yieldToEventLoop();
    if (isStale()) return undefined;
    return this.finish(job, raw);
  }

  private prepare(text: string, options: LintOptions): Job {
    const config = mergeConfigs(this.rules, options.config);
    const document = new SourceDocument(text, options.language ?? 'plaintext');
    const runs = activeRules(this.rules, config, options.onlyRules);
    const paragraphRuns = runs.filter((r) => r.rule.meta.scope === 'paragraph');
    const configKey = JSON.stringify([paragraphRuns.map((r) => [r.rule.meta.id, r.severity, r.options]), config.placeholders]);
    return {
      config,
      document,
      documentRuns: runs.filter((r) => r.rule.meta.scope !== 'paragraph'),
      paragraphRuns,
      paragraphs: paragraphRuns.length ? splitParagraphRanges(document.prose) : [],
      key: (p) => `${configKey}\u0000${document.prose.slice(p.start, p.end)}`,
      used: new Map(),
    };
  }

  private paragraphFindings(job: Job, paragraph: { start: number; end: number }): Finding[] {
    const key = job.key(paragraph);
    let relative = this.cache.get(key) ?? job.used.get(key);
    if (!relative) {
      const prose = job.document.prose.slice(paragraph.start, paragraph.end);
      relative = runRules(job.paragraphRuns, new SourceDocument(prose), job.config);
    }
    job.used.set(key, relative);
    return relative.map((f) => shift(f, paragraph.start));
  }

  private finish(job: Job, raw: Finding[]): Finding[] {
    // Keep only what this version used: the caches never outgrow the document.
    this.cache = job.used;
    this.memoKept = this.memoUsed;
    this.memoUsed = new Map();
    return finalize(this.rules, job.document, job.config, raw);
  }
}

interface Job {
  config: LintConfig;
  document: SourceDocument;
  documentRuns: RuleRun[];
  paragraphRuns: RuleRun[];
  paragraphs: { start: number; end: number }[];
  key: (paragraph: { start: number; end: number }) => string;
  used: Map<string, Finding[]>;
}

/** Runs of non-blank lines, as offsets; line breaks inside a paragraph stay in it. */
function splitParagraphRanges(text: string): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  const blankLines = /(?:\r\n|\r|\n)(?:[ \t\u3000]*(?:\r\n|\r|\n))+/g;
  let start = 0;
  for (let m = blankLines.exec(text); m; m = blankLines.exec(text)) {
    if (m.index > start) ranges.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (text.length > start) ranges.push({ start, end: text.length });
  return ranges;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
