/**
 * How the server's text documents take changes: each range edit is first clamped to the text as it is before it
 * (a character past the end of a line means the line's end, a line past the last means the end of the text, as LSP
 * says), then applied on its own. The text-document library clamps offsets itself, but updates its index of line
 * starts from the line numbers as sent: a range past the last line left holes in that index, after which positions
 * near the end came out as NaN and the next edit there replaced the wrong span (the whole text was doubled).
 */
import { TextDocument, type Range, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

function clamped(document: TextDocument, range: Range): Range {
  return { start: document.positionAt(document.offsetAt(range.start)), end: document.positionAt(document.offsetAt(range.end)) };
}

/** The configuration of the text document managers (plain documents and notebook cells). */
export const clampingTextDocuments = {
  create: TextDocument.create,
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    let updated = document;
    for (const change of changes) {
      const next = 'range' in change && change.range ? { range: clamped(updated, change.range), text: change.text } : change;
      updated = TextDocument.update(updated, [next], version);
    }
    return updated;
  },
};
