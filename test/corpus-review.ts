// The reviewed findings on the development corpus (../shared/corpus, or SPEECHLINT_CORPUS):
// lints every text, matches each finding with its line in test/corpus/review.tsv (real or false,
// and why), and counts the listed residue of test/corpus/listed.tsv that was found. Shared by
// `npm run corpus` (scripts/corpus.ts), which prints the tables, and test/corpus-review.test.ts,
// which fails when the findings change without the review changing with them.
// The corpus texts stay outside the project: the review names files, ranges and reasons only.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lint, type Finding } from '../rules/index.js';

export const CORPUS = resolve(process.env.SPEECHLINT_CORPUS ?? join('..', 'shared', 'corpus'));
export const REVIEW_FILE = join('test', 'corpus', 'review.tsv');
export const LISTED_FILE = join('test', 'corpus', 'listed.tsv');

export type Verdict = 'real' | 'false' | 'unreviewed';

export interface ReviewRow {
  /** The text's number, the two digits its file name starts with (or the whole name, README.md). */
  file: string;
  /** `line:column-endLine:endColumn`, 1-based, UTF-16 columns. */
  range: string;
  rule: string;
  messageId: string;
  verdict: Verdict;
  why: string;
}

export interface CorpusFinding {
  file: string;
  range: string;
  rule: string;
  messageId: string;
  line: number;
  endLine: number;
}

export interface Listed {
  file: string;
  from: number;
  to: number;
  kind: string;
  what: string;
}

export function corpusFiles(dir: string = CORPUS): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(txt|md)$/.test(f))
    .sort();
}

export interface CorpusRun {
  findings: CorpusFinding[];
  /** Unicode code points of all texts. */
  chars: number;
  files: number;
}

export function lintCorpus(dir: string = CORPUS): CorpusRun {
  const findings: CorpusFinding[] = [];
  let chars = 0;
  const files = corpusFiles(dir);
  for (const name of files) {
    const text = readFileSync(join(dir, name), 'utf8');
    chars += [...text].length;
    // "08" for 08_govcn_….txt; the corpus's own README.md (English notes quoting the defects) by name.
    const file = /^\d\d_/.test(name) ? name.slice(0, 2) : name;
    for (const f of lint(text, { language: name.endsWith('.md') ? 'markdown' : 'plaintext' })) findings.push(toCorpusFinding(file, f));
  }
  return { findings, chars, files: files.length };
}

function toCorpusFinding(file: string, f: Finding): CorpusFinding {
  const range = `${f.start.line}:${f.start.column}-${f.end.line}:${f.end.column}`;
  return { file, range, rule: f.ruleId, messageId: f.messageId, line: f.start.line, endLine: f.end.column === 1 && f.end.line > f.start.line ? f.end.line - 1 : f.end.line };
}

export const keyOf = (f: { file: string; range: string; rule: string; messageId: string }) => `${f.file}\t${f.range}\t${f.rule}\t${f.messageId}`;

const HEADER = '# file\trange\trule\tmessageId\tverdict\twhy';

export function readReview(path: string = REVIEW_FILE): ReviewRow[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [file = '', range = '', rule = '', messageId = '', verdict = 'unreviewed', why = ''] = line.split('\t');
      return { file, range, rule, messageId, verdict: verdict as Verdict, why };
    });
}

export function formatReview(rows: readonly ReviewRow[], preamble: readonly string[]): string {
  const sorted = [...rows].sort((a, b) => a.file.localeCompare(b.file) || a.rule.localeCompare(b.rule) || compareRange(a.range, b.range));
  return [...preamble, HEADER, ...sorted.map((r) => [r.file, r.range, r.rule, r.messageId, r.verdict, r.why].join('\t'))].join('\n') + '\n';
}

/** The comment lines at the top of the review, kept when it is rewritten. */
export function reviewPreamble(path: string = REVIEW_FILE): string[] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n');
  const preamble: string[] = [];
  for (const line of lines) {
    if (!line.startsWith('#') || line === HEADER) break;
    preamble.push(line);
  }
  return preamble;
}

function compareRange(a: string, b: string): number {
  const [la, ca] = a.split(/[:-]/).map(Number);
  const [lb, cb] = b.split(/[:-]/).map(Number);
  return la! - lb! || ca! - cb!;
}

export interface ReviewDiff {
  /** Findings with no line in the review. */
  unreviewed: CorpusFinding[];
  /** Review lines whose finding is gone. */
  vanished: ReviewRow[];
}

export function diffReview(findings: readonly CorpusFinding[], review: readonly ReviewRow[]): ReviewDiff {
  const reviewed = new Set(review.map(keyOf));
  const found = new Set(findings.map(keyOf));
  return { unreviewed: findings.filter((f) => !reviewed.has(keyOf(f))), vanished: review.filter((r) => !found.has(keyOf(r))) };
}

/** The review updated to the findings: verdicts kept, new findings `unreviewed`, vanished ones dropped. */
export function updatedReview(findings: readonly CorpusFinding[], review: readonly ReviewRow[]): ReviewRow[] {
  const byKey = new Map(review.map((r) => [keyOf(r), r]));
  return findings.map((f) => byKey.get(keyOf(f)) ?? { ...f, verdict: 'unreviewed' as const, why: '' });
}

export function readListed(path: string = LISTED_FILE): Listed[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [file = '', lines = '', kind = '', what = ''] = line.split('\t');
      const [from, to = from] = lines.split('-').map(Number);
      return { file, from: from!, to: to!, kind, what };
    });
}

/** Residue classes of the listed instances and the messageIds that report them. */
export const RESIDUE_CLASSES: Record<string, { label: string; findings: string[] }> = {
  chrome: { label: 'portal page chrome 网页元素', findings: ['template-residue/meta', 'template-residue/widget', 'template-residue/breadcrumb', 'template-residue/menu', 'template-residue/links', 'template-residue/footer', 'template-residue/navigation', 'template-residue/banner'] },
  news: { label: 'news residue 新闻稿残留', findings: ['template-residue/dateline', 'template-residue/caption', 'template-residue/byline', 'template-residue/trailer'] },
  markup: { label: 'markup and converters 网页代码与转换残留', findings: ['template-residue/markup', 'template-residue/converter', 'template-residue/figure', 'template-residue/transcript'] },
  licence: { label: 'licence footers 版权声明', findings: ['template-residue/licence'] },
  layout: { label: 'PDF and wrap layout 页眉页码与断行', findings: ['template-residue/header', 'template-residue/page', 'template-residue/split', 'template-residue/chunk'] },
  glyph: { label: 'lost glyphs 缺字', findings: ['placeholder/lostGlyph'] },
};

export interface ClassCount {
  kind: string;
  label: string;
  listed: number;
  found: number;
  /** Findings of the class's messageIds reviewed false. */
  falseFindings: number;
  missed: Listed[];
}

/** Per class: how many listed instances a finding of the class covers (any line of the instance). */
export function countListed(listed: readonly Listed[], findings: readonly CorpusFinding[], review: readonly ReviewRow[]): ClassCount[] {
  const verdict = new Map(review.map((r) => [keyOf(r), r.verdict]));
  return Object.entries(RESIDUE_CLASSES).map(([kind, { label, findings: ids }]) => {
    const ofClass = findings.filter((f) => ids.includes(`${f.rule}/${f.messageId}`));
    const instances = listed.filter((l) => l.kind === kind);
    const missed = instances.filter((l) => !ofClass.some((f) => f.file === l.file && f.line <= l.to && f.endLine >= l.from));
    return { kind, label, listed: instances.length, found: instances.length - missed.length, falseFindings: ofClass.filter((f) => verdict.get(keyOf(f)) === 'false').length, missed };
  });
}

export interface RuleCount {
  rule: string;
  findings: number;
  real: number;
  false: number;
  unreviewed: number;
}

export function countByRule(findings: readonly CorpusFinding[], review: readonly ReviewRow[]): RuleCount[] {
  const verdict = new Map(review.map((r) => [keyOf(r), r.verdict]));
  const counts = new Map<string, RuleCount>();
  for (const f of findings) {
    const count = counts.get(f.rule) ?? { rule: f.rule, findings: 0, real: 0, false: 0, unreviewed: 0 };
    counts.set(f.rule, count);
    count.findings++;
    const v = verdict.get(keyOf(f)) ?? 'unreviewed';
    if (v === 'real') count.real++;
    else if (v === 'false') count.false++;
    else count.unreviewed++;
  }
  return [...counts.values()].sort((a, b) => a.rule.localeCompare(b.rule));
}
