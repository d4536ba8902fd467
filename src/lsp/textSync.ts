/**
 * The text document notifications as the text document manager receives them: one whose params are not what LSP
 * says (no uri, a change that is neither a whole text nor a range edit, a position that is not two numbers) is
 * dropped whole with one clear warning. Passed on, the manager would throw halfway through it, after applying the
 * changes before the bad one but without the new version, and the log would only say "Cannot read properties of
 * null".
 */
import type { Disposable, NotificationHandler, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { changeProblem, documentProblem, listProblem, type Params } from './paramChecks';

/** What the text document manager listens to (the library does not export the interface's name). */
type TextDocumentConnection = Parameters<TextDocuments<TextDocument>['listen']>[0];

/** A handler registration whose handler only sees params that `problemOf` finds well-formed; `warn` hears of the others. */
export function checkedRegistration<P>(method: string, problemOf: (params: Params) => string | undefined, register: (handler: NotificationHandler<P>) => Disposable, warn: (message: string) => void) {
  return (handler: NotificationHandler<P>): Disposable =>
    register((params) => {
      const problem = problemOf(params as Params);
      if (problem) warn(`ignored a malformed ${method} notification: ${problem}`);
      else handler(params);
    });
}

/** The connection with the text document notifications checked before the manager sees them. */
export function checkedTextSync(connection: TextDocumentConnection, warn: (message: string) => void): TextDocumentConnection {
  const uriOnly = (p: Params) => documentProblem(p?.textDocument, 'params.textDocument');
  return {
    onDidOpenTextDocument: checkedRegistration('textDocument/didOpen', (p) => documentProblem(p?.textDocument, 'params.textDocument', { item: true }), (h) => connection.onDidOpenTextDocument(h), warn),
    onDidChangeTextDocument: checkedRegistration(
      'textDocument/didChange',
      (p) => documentProblem(p?.textDocument, 'params.textDocument', { version: true }) ?? listProblem(p?.contentChanges, 'params.contentChanges', changeProblem),
      (h) => connection.onDidChangeTextDocument(h),
      warn,
    ),
    onDidCloseTextDocument: checkedRegistration('textDocument/didClose', uriOnly, (h) => connection.onDidCloseTextDocument(h), warn),
    onWillSaveTextDocument: checkedRegistration('textDocument/willSave', uriOnly, (h) => connection.onWillSaveTextDocument(h), warn),
    onWillSaveTextDocumentWaitUntil: (handler) => connection.onWillSaveTextDocumentWaitUntil(handler),
    onDidSaveTextDocument: checkedRegistration('textDocument/didSave', uriOnly, (h) => connection.onDidSaveTextDocument(h), warn),
  };
}
