// Findings as LSP diagnostics, and document URIs as local paths.
import { fileURLToPath } from 'node:url';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { INTERNAL_ERROR, ruleDocsUrl, type Finding, type Severity } from '../../rules/index.js';
import { VERSION } from '../version.js';

/** Diagnostics sent per document; the rest are counted in one more (see `diagnosticsOf`). */
export const MAX_DIAGNOSTICS = 2000;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Rules whose findings are text to remove: the editor greys them out. */
const UNNECESSARY = new Set(['template-residue', 'pinyin-annotation', 'repeated-phrase']);

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
  return diagnostic;
}

/**
 * At most MAX_DIAGNOSTICS, the first in the document, then one that says how many more there
 * are: an editor cannot show 100,000 squiggles usefully, and sending them takes seconds.
 */
export function diagnosticsOf(document: TextDocument, findings: readonly Finding[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (let i = 0; i < findings.length && i < MAX_DIAGNOSTICS; i++) diagnostics.push(toDiagnostic(document, findings[i]!));
  const hidden = findings.length - diagnostics.length;
  if (hidden > 0) {
    const at = document.positionAt(findings[MAX_DIAGNOSTICS]!.range.start);
    diagnostics.push({
      range: { start: at, end: at },
      severity: DiagnosticSeverity.Information,
      source: 'speechlint',
      message: `另有 ${hidden} 个问题未显示（每个文件最多显示 ${MAX_DIAGNOSTICS} 个），可用命令行 speechlint 查看全部 / ${hidden} more problems not shown`,
    });
  }
  return diagnostics;
}

/**
 * The local path of a `file:` URI, or undefined for other schemes (vscode-vfs:, untitled:) and
 * for file URIs Node cannot map here (`file://host/…` on POSIX, an encoded `/` in a name).
 */
export function pathOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
