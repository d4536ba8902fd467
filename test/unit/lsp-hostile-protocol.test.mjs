// What the language server fuzz (scripts/fuzz/lsp.mjs) found, kept as regression tests: requests whose params are
// not objects or hold fields of the wrong type are answered with InvalidParams (not an internal error that quotes a
// TypeError), and malformed text document notifications are dropped whole with one clear warning, so a document
// keeps the text and version it had instead of taking the changes before the bad one without the new version.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './support.mjs';
import { lint } from './lint-support.mjs';
import { LspClient, fileUri, killClients } from './lsp-client.mjs';

test.after(killClients);

const file = path.join(root, 'examples', 'faulty/bce-on-sigmoid-unclipped.ts');
const text = readFileSync(file, 'utf8');
const uri = fileUri(file);
const logged = (client, type) => client.notifications.filter((n) => n.method === 'window/logMessage' && n.params.type === type).map((n) => n.params.message);

test('requests with params of the wrong shape are answered with InvalidParams, never an internal error', async () => {
  const client = new LspClient();
  await client.initialize({ textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } } });
  client.open(uri, 'typescript', text);
  await client.diagnostics(uri, 1);
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const cases = [];
  for (const method of ['textDocument/hover', 'textDocument/codeAction', 'textDocument/codeLens', 'codeAction/resolve', 'lossLens/preview', 'workspace/executeCommand']) {
    for (const params of [null, 42, 'x', true]) cases.push([method, params]);
  }
  cases.push(
    ['textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: 7 } }],
    ['textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: [7, null] } }],
    ['workspace/executeCommand', { command: 'lossLens.preview', arguments: 42 }],
    ['workspace/executeCommand', { command: 'lossLens.preview', arguments: 'file:///x.ts' }],
    ['codeAction/resolve', { title: 'Fix all', kind: 'source.fixAll.lossLens', data: null }],
  );
  for (const [method, params] of cases) {
    const outcome = await client.request(method, params).then(
      (result) => ({ result }),
      (err) => ({ code: err.code, message: err.message }),
    );
    assert.notEqual(outcome.code, -32603, `${method} ${JSON.stringify(params)}: ${outcome.message}`);
    if ('code' in outcome) assert.equal(outcome.code, -32602, `${method} ${JSON.stringify(params)}: ${outcome.message}`);
  }
  assert.ok(Array.isArray(await client.request('textDocument/codeLens', { textDocument: { uri } })), 'still serving');
  await client.stop();
});

test('a malformed didChange is dropped whole: the document keeps its text and version, and the log says why', async () => {
  const client = new LspClient();
  await client.initialize({});
  client.open(uri, 'typescript', text);
  await client.diagnostics(uri, 1);
  const before = await client.request('textDocument/codeLens', { textDocument: { uri } });
  assert.ok(before.length > 0);
  const start = { line: 0, character: 0 };
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start, end: start }, text: '// inserted\n' }, { range: null, text: 'x' }] });
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 'a' }, end: {} }, text: 'x' }] });
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: 'x' });
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 42 }] });
  client.notify('textDocument/didChange', { textDocument: { uri }, contentChanges: [{ text: 'no version' }] });
  client.notify('textDocument/didSave', null);
  client.notify('textDocument/didSave', {});
  client.notify('textDocument/didClose', { textDocument: null });
  client.notify('textDocument/didOpen', { textDocument: { uri: 'file:///w/x.ts', languageId: 'typescript', version: 'one', text: 'x' } });
  client.notify('$/setTrace', null);
  client.notify('$/setTrace', { value: 42 });
  assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri } }), before, 'the lenses are where they were: none of the changes was applied');
  await assert.rejects(client.request('textDocument/hover', { textDocument: { uri: 'file:///w/x.ts' }, position: start }), /not open/);
  assert.deepEqual(logged(client, 1), [], 'no errors logged');
  const warnings = logged(client, 2);
  assert.ok(warnings.some((m) => /ignored a malformed textDocument\/didChange notification: params\.contentChanges\[1\]\.range/.test(m)), warnings.join('\n'));
  assert.ok(warnings.some((m) => /ignored a malformed textDocument\/didChange notification: params\.contentChanges is not an array/.test(m)));
  assert.ok(warnings.some((m) => /ignored a malformed textDocument\/didSave notification: params\.textDocument\.uri is not a string/.test(m)));

  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start, end: start }, text: '// inserted\n' }] });
  await client.diagnostics(uri, 2);
  const after = await client.request('textDocument/codeLens', { textDocument: { uri } });
  assert.deepEqual(after.map((l) => l.range.start.line), before.map((l) => l.range.start.line + 1), 'a well-formed change still applies');
  assert.deepEqual(await client.stop(), { code: 0, signal: null });
  assert.equal(client.stderr, '');
});

test('malformed notebook notifications are dropped whole with a clear warning; the notebook goes on being served', async () => {
  const client = new LspClient();
  await client.initialize({});
  const notebook = 'file:///w/hostile.ipynb';
  const cell = (n) => `vscode-notebook-cell:/w/hostile.ipynb#c${n}`;
  const model = "from tensorflow.keras.models import Sequential\nfrom tensorflow.keras.layers import Dense\nmodel = Sequential([Dense(1, activation='sigmoid')])\n";
  const compile = "model.compile(loss='mse', metrics=['accuracy'])\n";
  for (const method of ['notebookDocument/didOpen', 'notebookDocument/didChange', 'notebookDocument/didSave', 'notebookDocument/didClose']) client.notify(method, null);
  client.notify('notebookDocument/didOpen', { notebookDocument: { uri: 'file:///w/half.ipynb', notebookType: 'jupyter-notebook', version: 1, cells: [{ kind: 2, document: 'vscode-notebook-cell:/w/half.ipynb#c0' }] }, cellTextDocuments: 'x' });
  client.notify('notebookDocument/didOpen', {
    notebookDocument: { uri: notebook, notebookType: 'jupyter-notebook', version: 1, cells: [{ kind: 2, document: cell(0) }, { kind: 2, document: cell(1) }] },
    cellTextDocuments: [
      { uri: cell(0), languageId: 'python', version: 1, text: model },
      { uri: cell(1), languageId: 'python', version: 1, text: compile },
    ],
  });
  assert.deepEqual((await client.diagnostics(cell(1), 1)).diagnostics.map((d) => d.code), ['activation-mismatch']);
  client.notify('notebookDocument/didChange', { notebookDocument: { uri: notebook, version: 2 } });
  client.notify('notebookDocument/didChange', { notebookDocument: { uri: notebook, version: 2 }, change: { cells: { data: [{ kind: 2, document: cell(7) }] } } });
  client.notify('notebookDocument/didChange', { notebookDocument: { uri: notebook, version: 2 }, change: { cells: { structure: { array: { start: -1, deleteCount: 99 } } } } });
  client.notify('notebookDocument/didChange', { notebookDocument: { uri: notebook, version: 2 }, change: { cells: { textContent: [{ document: { uri: cell(0), version: 2 }, changes: [{ range: null, text: 'x' }] }] } } });
  client.notify('notebookDocument/didClose', { notebookDocument: { uri: notebook }, cellTextDocuments: 'x' });
  await assert.rejects(client.request('textDocument/codeLens', { textDocument: { uri: 'vscode-notebook-cell:/w/half.ipynb#c0' } }), /not open/);
  const [lens] = await client.request('textDocument/codeLens', { textDocument: { uri: cell(1) } });
  assert.match(lens.command.title, /'mse' in model\.compile/, 'the notebook is still open with both cells');
  assert.deepEqual(logged(client, 1), [], 'no errors logged');
  const warnings = logged(client, 2).join('\n');
  assert.match(warnings, /ignored a malformed notebookDocument\/didOpen notification: params\.cellTextDocuments is not an array/);
  assert.match(warnings, /ignored a malformed notebookDocument\/didChange notification: params\.change is not an object/);
  assert.match(warnings, /notebookDocument\/didChange notification: params\.change\.cells\.data changes .*#c7, which is not a cell of the notebook/);
  assert.match(warnings, /notebookDocument\/didChange notification: params\.change\.cells\.textContent\[0\]\.changes\[0\]\.range is not/);

  const at = model.split('\n')[2].indexOf('sigmoid');
  client.notify('notebookDocument/didChange', {
    notebookDocument: { uri: notebook, version: 2 },
    change: { cells: { textContent: [{ document: { uri: cell(0), version: 2 }, changes: [{ range: { start: { line: 2, character: at }, end: { line: 2, character: at + 7 } }, text: 'linear' }] }] } },
  });
  assert.deepEqual((await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === cell(1) && p.diagnostics.length === 0)).diagnostics, [], 'a well-formed change still applies');
  assert.deepEqual(await client.stop(), { code: 0, signal: null });
  assert.equal(client.stderr, '');
});

test('range edits past the last line (which clients send) are clamped to the end, and positions stay right after them', async () => {
  const client = new LspClient();
  await client.initialize({});
  client.open(uri, 'typescript', text);
  const before = await client.diagnostics(uri, 1);
  assert.ok(before.diagnostics.length > 0);
  const lines = text.split('\n').length;
  const past = (line) => ({ line, character: 0 });
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: past(lines + 5), end: past(lines + 6) }, text: '\n// appended' }] });
  client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: past(lines), end: past(lines) }, text: 'const x = 1; ' }] });
  const after = await client.diagnostics(uri, 3);
  assert.deepEqual(after.diagnostics.map((d) => d.range), before.diagnostics.map((d) => d.range), 'the text only grew at its end: a comment line, then code at its start');
  const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
  const expected = `${text}\nconst x = 1; // appended`;
  assert.deepEqual(lenses.map((l) => l.command.arguments[1]), lint.lintText(expected, file).sites.map((site) => site.anchorStart), 'the server has the text the client has');
  await client.stop();
});
