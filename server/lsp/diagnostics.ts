// Findings as LSP diagnostics, and document URIs as local paths.
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigError } from '../config-loader.js';
import { INTERNAL_ERROR, ruleDocsUrl, type Finding, type Severity } from '../../rules/index.js';
import { VERSION } from '../version.js';

/** VS Code shows at most this many problems per file (the rest vanish without a sign). */
export const DEFAULT_MAX_PROBLEMS = 1000;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Rules whose findings are text to remove: the editor greys them out. */
const UNNECESSARY = new Set(['template-residue', 'pinyin-annotation', 'repeated-phrase', 'duplicate-passage']);

export function toDiagnostic(document: TextDocument, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: { start: document.positionAt(finding.range.start), end: document.positionAt(finding.range.end) },
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId, VERSION) },
    source: 'speechlint',
    message: finding.message,
  };
  if (UNNECESSARY.has(finding.ruleId) && finding.messageId !== INTERNAL_ERROR) diagnostic.tags = [DiagnosticTag.Unnecessary];
  if (finding.related) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri: document.uri, range: { start: document.positionAt(r.range.start), end: document.positionAt(r.range.end) } },
      message: r.message,
    }));
  }
  return diagnostic;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Marks the note that counts the hidden problems (its `data`), for the code action that shows them all. */
const HIDDEN_NOTE = 'speechlint.hidden';

/**
 * Every finding when there are at most `max`; otherwise the most severe `max - 1` (errors
 * first, then warnings, then the rest, each in document order) and, at the top of the file,
 * one note that says how many are not shown, so the editor's own cap never drops problems
 * silently and no error is ever hidden behind warnings.
 */
export function diagnosticsOf(document: TextDocument, findings: readonly Finding[], max = DEFAULT_MAX_PROBLEMS): Diagnostic[] {
  if (findings.length <= max) return findings.map((f) => toDiagnostic(document, f));
  const shown = Math.max(0, max - 1);
  const bySeverity = [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.range.start - b.range.start);
  const kept = bySeverity.slice(0, shown).sort((a, b) => a.range.start - b.range.start);
  const start = { line: 0, character: 0 };
  const note: Diagnostic = {
    range: { start, end: start },
    severity: DiagnosticSeverity.Information,
    source: 'speechlint',
    message: `另有 ${findings.length - shown} 个问题未显示（共 ${findings.length} 个；每个文件最多显示 ${shown} 个，设置 speechlint.maxProblems）。用快速修复“查看全部”或命令行 speechlint 查看全部 / ${findings.length - shown} more problems not shown (${findings.length} in all)`,
    data: { [HIDDEN_NOTE]: findings.length - shown },
  };
  return [note, ...kept.map((f) => toDiagnostic(document, f))];
}

/** How many problems a note of diagnosticsOf says are hidden, or undefined for any other diagnostic. */
export function hiddenNoteOf(diagnostic: Diagnostic): number | undefined {
  const data = diagnostic.data as Record<string, unknown> | undefined;
  const hidden = data?.[HIDDEN_NOTE];
  return typeof hidden === 'number' ? hidden : undefined;
}

/**
 * The local path of a `file:` URI, or undefined for other schemes (vscode-vfs:, untitled:) and
 * for file URIs Node cannot map here (`file://host/…` on POSIX, an encoded `/` in a name).
 */
export function pathOfUri(uri: string): string | undefined {
  // A Word document's text view (speechlint-docx:) has the document's own path.
  const fileUri = uri.startsWith('speechlint-docx:') ? `file:${uri.slice('speechlint-docx:'.length)}` : uri;
  if (!fileUri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(fileUri);
  } catch {
    return undefined;
  }
}

/** A bad config file's problems as diagnostics in that file, at the key (or JSON error) they concern. */
export function configProblemDiagnostics(error: ConfigError): { uri: string; diagnostics: Diagnostic[] } {
  let text = '';
  try {
    text = readFileSync(error.path, 'utf8');
  } catch {
    // gone already: the message was shown, there is nothing to point into
  }
  const document = TextDocument.create(pathToFileURL(error.path).href, 'json', 0, text);
  const diagnostics: Diagnostic[] = error.problems.map((problem) => {
    let offset = 0;
    if (problem.line !== undefined) {
      offset = document.offsetAt({ line: problem.line - 1, character: (problem.column ?? 1) - 1 });
    } else {
      const keys = problem.path.split('.').reverse();
      const found = keys.map((k) => text.indexOf(`"${k}"`)).find((i) => i >= 0);
      offset = found ?? 0;
    }
    const start = document.positionAt(offset);
    const end = document.positionAt(Math.min(text.length, offset + Math.max(1, /^"[^"]*"/.exec(text.slice(offset))?.[0].length ?? 1)));
    return { range: { start, end }, severity: DiagnosticSeverity.Error, source: 'speechlint', message: `${problem.path}: ${problem.message}` };
  });
  return { uri: document.uri, diagnostics };
}
