import * as vscode from 'vscode';
import type { LintDiagnostic } from '../../lint/index';
import type { Log } from '../log';
import { workspaceEditFor } from '../sourceFixes';
import { imageBytes, imageFileName } from './imageFile';

/** What the buttons of the preview page do in the editor: copy, save the plot, apply a fix, go to the source. */

export async function copyText(text: string, what: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(check) Loss Lens: copied the ${what}`, 3000);
}

export async function saveImage(format: 'svg' | 'png', data: string, title: string, near: vscode.Uri | undefined, log: Log): Promise<void> {
  const bytes = imageBytes(format, data);
  if (typeof bytes === 'string') {
    log.info(`refused to save the plot: ${bytes}`);
    void vscode.window.showErrorMessage(`Loss Lens: cannot save the plot: ${bytes}.`);
    return;
  }
  const folder = near ? vscode.Uri.joinPath(near, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = imageFileName(title, format);
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
    saveLabel: 'Save Plot',
    title: `Save the plot as ${format.toUpperCase()}`,
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, bytes);
  vscode.window.setStatusBarMessage(`$(check) Loss Lens: saved ${vscode.workspace.asRelativePath(target)}`, 4000);
}

/**
 * Applies fix `fixIndex` of a listed diagnostic to the source as one undoable WorkspaceEdit, provided the
 * document is still at the version the list was made for. Returns false when nothing was applied.
 */
export async function applySourceFix(
  document: vscode.TextDocument,
  listed: { version: number; diagnostics: readonly LintDiagnostic[] },
  diagnosticIndex: number,
  fixIndex: number,
): Promise<boolean> {
  const fix = listed.diagnostics[diagnosticIndex]?.fixes[fixIndex];
  if (!fix) return false;
  if (document.version !== listed.version) {
    void vscode.window.showWarningMessage('Loss Lens: the file changed after the preview listed this fix. The preview is updated; choose the fix again.');
    return false;
  }
  const edit = workspaceEditFor(document, fix.edits);
  if (!edit || !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Loss Lens: could not apply “${fix.title}” to ${vscode.workspace.asRelativePath(document.uri)}.`);
    return false;
  }
  await revealRange(document, fix.edits[0]?.start ?? 0, fix.edits[0]?.start ?? 0, true);
  return true;
}

/** Shows the document where it is already open (else in the first column) with the range selected. */
export async function revealRange(document: vscode.TextDocument, start: number, end: number, preserveFocus: boolean): Promise<void> {
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === document.uri.toString());
  const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus });
  const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
