// Hostile protocol input for the language server fuzz: requests with params of the wrong types, the server's command
// with hostile arguments, unknown methods, stray notifications, documents opened twice or never, malformed changes,
// malformed notebook notifications and settings of the wrong types. Each must be answered (requests) or survived
// (notifications) without an internal error, a logged error or a text that differs from the client's.
import { hostileSettings, randomChange } from './lspInputs.mjs';

const NOWHERE_NOTEBOOK = 'file:///nowhere/never.ipynb';
const NOWHERE_CELL = 'vscode-notebook-cell:/nowhere#c0';
const origin = { line: 0, character: 0 };

function wrongParams(r, uri) {
  return r.pick([
    null,
    [],
    42,
    'x',
    { textDocument: { uri: 42 }, position: 'x' },
    { textDocument: { uri }, position: { line: 'a', character: null } },
    { textDocument: { uri }, range: null, context: { diagnostics: 'x', only: 7 } },
    { textDocument: { uri }, range: { start: origin, end: { line: 1, character: 0 } }, context: { diagnostics: [], only: r.pick([7, 'quickfix', [null], {}]) } },
    { textDocument: { uri }, range: { start: { line: 2 }, end: 5 } },
    { title: 'x', kind: 'source.fixAll.lossLens', data: { uri: 42 } },
    { title: 'x', kind: 'source.fixAll.lossLens', data: { uri, version: -1 } },
  ]);
}

function hostileCommand(r, uri) {
  const preview = (args) => ({ command: 'lossLens.preview', arguments: args });
  return r.pick([
    preview([uri, -1]),
    preview([uri, 1e308]),
    preview([uri, '3']),
    preview([42, 0]),
    preview(null),
    preview(r.pick([42, uri, { 0: uri, 1: 0 }])),
    preview(['file:///nowhere/x.ts', 0]),
    { command: 42 },
    { command: 'lossLens.nothing', arguments: [uri] },
  ]);
}

function malformedNotebookParams(r, notebookUri) {
  return r.pick([
    null,
    {},
    42,
    { notebookDocument: null },
    { notebookDocument: { uri: notebookUri } },
    { notebookDocument: { uri: NOWHERE_NOTEBOOK, version: 'x', cells: 'x' }, cellTextDocuments: [null] },
    { notebookDocument: { uri: NOWHERE_NOTEBOOK, version: 2 }, change: { cells: { structure: { array: { start: -1, deleteCount: 99, cells: [null] } } } } },
  ]);
}

/** Notifications about documents and notebooks that were never opened. */
function neverOpened(r, uri) {
  if (r.chance(0.5)) return ['textDocument/didChange', { textDocument: { uri: `${uri}.never-opened.ts`, version: 3 }, contentChanges: [{ range: { start: origin, end: { line: 9, character: 9 } }, text: 'x' }] }];
  return [
    r.pick(['textDocument/didClose', 'notebookDocument/didClose', 'notebookDocument/didChange']),
    {
      textDocument: { uri: `${uri}.never-opened.py` },
      notebookDocument: { uri: NOWHERE_NOTEBOOK, version: 2 },
      cellTextDocuments: [{ uri: NOWHERE_CELL }],
      change: { cells: { textContent: [{ document: { uri: NOWHERE_CELL, version: 2 }, changes: [{ text: 'x' }] }] } },
    },
  ];
}

const MALFORMED_CHANGES = ['x', null, [{ text: 42 }], [{ range: null, text: 'x' }], [{ range: { start: { line: 'a' }, end: {} }, text: 'x' }], [null]];

/** Sends one to three pieces of hostile input about the case's documents. */
export async function hostile(session, r, documents) {
  const document = r.pick(documents);
  const uri = document.uri;
  const notify = (method, params) => session.connection.notify(method, params);
  const steps = [
    () => session.ask(r.pick(['textDocument/hover', 'textDocument/codeAction', 'textDocument/codeLens', 'lossLens/preview', 'codeAction/resolve']), wrongParams(r, uri), 'wrong params'),
    () => session.ask('workspace/executeCommand', hostileCommand(r, uri), 'hostile executeCommand'),
    () => session.ask(r.pick(['textDocument/documentSymbol', 'textDocument/completion', 'textDocument/definition', 'lossLens/nothing', '$/nothing']), { textDocument: { uri }, position: origin }, 'unknown method'),
    () => notify(r.pick(['lossLens/whatever', '$/setTrace', 'textDocument/didSave', 'workspace/didChangeWatchedFiles']), r.pick([{}, null, { value: 42 }, { changes: 'x' }, { textDocument: { uri } }])),
    () => session.configure(hostileSettings(r)),
    () => notify(...neverOpened(r, uri)),
    () => notify(r.pick(['notebookDocument/didOpen', 'notebookDocument/didChange', 'notebookDocument/didSave', 'notebookDocument/didClose']), malformedNotebookParams(r, document.notebook?.uri ?? uri)),
  ];
  const texts = documents.filter((d) => !d.notebook && session.documents.get(d.uri) === d);
  if (texts.length) {
    const text = r.pick(texts);
    steps.push(
      () => session.openText(text.uri, text.languageId, text.mirror.applyChange(randomChange(r, text.mirror)).text, { version: text.version + 1, reopen: true }),
      () => {
        notify('textDocument/didChange', { textDocument: { uri: text.uri, version: text.version + 1 }, contentChanges: r.pick(MALFORMED_CHANGES) });
        session.unknownVersion(text);
        session.change(text, [{ text: text.mirror.text }]);
      },
    );
  }
  for (let n = r.int(1, 3); n > 0; n--) await r.pick(steps)();
}
