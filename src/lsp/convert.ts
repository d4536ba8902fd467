/** The service's results (offsets, shown severities, offset edits) as LSP types, for one text document. */
import { DiagnosticSeverity, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE, type OffsetEdit, type OffsetRange, type ShownDiagnostic, type ShownSeverity } from '../service';

const SEVERITY: Record<ShownSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(document: TextDocument, range: OffsetRange): Range {
  return { start: document.positionAt(range.start), end: document.positionAt(range.end) };
}

export function toDiagnostic(document: TextDocument, d: ShownDiagnostic): Diagnostic {
  return {
    range: toRange(document, d),
    severity: SEVERITY[d.severity],
    source: DIAGNOSTIC_SOURCE,
    code: d.code,
    codeDescription: { href: d.href },
    message: d.message,
  };
}

export function toTextEdits(document: TextDocument, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: toRange(document, e), newText: e.text }));
}

/** A code action whose edit changes one document. */
export function editAction(document: TextDocument, title: string, kind: string, edits: readonly OffsetEdit[]): CodeAction {
  return { title, kind, edit: { changes: { [document.uri]: toTextEdits(document, edits) } } };
}

/** Whether a code action kind the client asked for (`only`) covers `kind` (a prefix match on dotted parts). */
export function kindRequested(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => o === kind || kind.startsWith(`${o}.`));
}
