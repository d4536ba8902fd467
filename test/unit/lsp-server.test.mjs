// The language server (`node dist/cli.js lsp --stdio`) spoken to over stdio with our own JSON-RPC framing:
// initialize, didOpen/didChange, pushed diagnostics, hovers with images, code actions whose edits really fix
// the code (checked by linting the edited text with the lint itself), CodeLens and the preview page, settings,
// bad input answered with errors, and a clean shutdown.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './support.mjs';
import { lint } from './lint-support.mjs';
import { loadTsModule } from './extension-support.mjs';
import { LspClient, fileUri, killClients } from './lsp-client.mjs';

const languages = await loadTsModule('src/service/languages.ts');
const example = (name) => path.join(root, 'examples', name);
const read = (file) => readFileSync(file, 'utf8');
const codes = (diagnostics) => diagnostics.map((d) => d.code).sort();

/** Applies LSP TextEdits (line/character, UTF-16) to a text. */
function applyTextEdits(text, edits) {
  const lines = text.split('\n');
  const offset = ({ line, character }) => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + character;
  const sorted = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  return sorted.reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}

test.after(killClients);

/** A started server with an example file open, and the diagnostics it first published for it. */
async function openExample(name, languageId = 'typescript') {
  const client = new LspClient();
  await client.initialize({});
  const file = example(name);
  const text = read(file);
  const uri = fileUri(file);
  client.open(uri, languageId, text);
  const published = await client.diagnostics(uri, 1);
  return { client, file, text, uri, published };
}

const fixable = (text, name) => lint.lintText(text, name).diagnostics.filter((d) => d.fixes.length > 0);

test('initialize: the capabilities, the languages the lint reads and the registry codes', async () => {
  const client = new LspClient();
  const { capabilities, serverInfo } = await client.initialize({});
  assert.equal(serverInfo.name, 'loss-lens');
  assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
  assert.equal(capabilities.hoverProvider, true);
  assert.deepEqual(capabilities.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.lossLens']);
  assert.ok(capabilities.codeLensProvider);
  assert.deepEqual(capabilities.executeCommandProvider.commands, ['lossLens.preview']);
  assert.deepEqual(capabilities.experimental.lossLens.diagnosticCodes, lint.RULE_META.map((m) => m.code));
  assert.deepEqual(capabilities.experimental.lossLens.languages, languages.languagesReading(lint.LINTABLE_EXTENSIONS));
  assert.equal(Boolean(capabilities.notebookDocumentSync), lint.LINTABLE_EXTENSIONS.includes('.py'));
  assert.deepEqual(await client.stop(), { code: 0, signal: null });
});

test('a hover inside a loss shows the piece under the pointer, typeset with its range over the domain, and its findings', async () => {
  const { client, text, uri } = await openExample('faulty/bce-on-sigmoid-unclipped.ts');
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('tf.log(yPred)'));
  const character = lines[line].indexOf('tf.log(yPred)') + 'tf.lo'.length;
  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  assert.ok(hover, 'a hover inside the loss');
  const start = lines[line].indexOf('tf.log(yPred)');
  assert.deepEqual(hover.range, { start: { line, character: start }, end: { line, character: start + 'tf.log(yPred)'.length } });
  assert.match(hover.contents.value, /^\*\*`tf\.log\(yPred\)`\*\* · part of \*\*binaryCrossEntropy\*\*/);
  assert.match(hover.contents.value, /!\[the piece of the loss and its range\]\(data:image\/svg\+xml;base64,/);
  assert.match(hover.contents.value, /Over the prediction's domain \\\[0, 1\\\] this piece ranges over \\\[−∞, 0\\\]\./);
  assert.match(hover.contents.value, /`log-of-zero`/, 'the finding on this log is listed');
  // Elsewhere in the body (the return line's tf.neg) the hover is the piece there; outside every loss there is none.
  const ret = lines.findIndex((l) => l.includes('return tf.neg('));
  const outer = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: ret, character: lines[ret].indexOf('tf.neg') + 3 } });
  assert.match(outer.contents.value, /part of \*\*binaryCrossEntropy\*\*/);
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 3 } }), null);
  assert.deepEqual(await client.stop(), { code: 0, signal: null });
});

test('a TypeScript file: diagnostics as the lint finds them, hover with images, quick fixes and fix all that fix, CodeLens, edits', async () => {
  const { client, file, text, uri, published } = await openExample('faulty/bce-on-sigmoid-unclipped.ts');
  const expected = lint.lintText(text, file).diagnostics;
  assert.deepEqual(codes(published.diagnostics), codes(expected));
  assert.ok(published.diagnostics.length >= 2);
  for (const d of published.diagnostics) {
    assert.equal(d.source, 'loss-lens');
    assert.equal(d.codeDescription.href, `https://github.com/loss-lens/loss-lens#${d.code}`);
    const lintD = expected.find((e) => e.code === d.code && e.line === d.range.start.line + 1 && e.column === d.range.start.character + 1);
    assert.ok(lintD, `${d.code} at ${JSON.stringify(d.range.start)} is where the lint puts it`);
    assert.equal(d.message, lintD.message, 'the problem is the one-sentence message, not the detail');
  }

  const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
  assert.equal(lenses.length, lint.lintText(text, file).sites.length);
  assert.match(lenses[0].command.title, /^Preview loss: binaryCrossEntropy · 2 errors$/);
  assert.deepEqual(lenses[0].command.arguments, [uri, text.indexOf('binaryCrossEntropy')]);

  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: lenses[0].range.start });
  assert.equal(hover.contents.kind, 'markdown');
  assert.match(hover.contents.value, /!\[loss\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/);
  assert.match(hover.contents.value, /!\[loss and gradient plot\]\(data:image\/svg\+xml;base64,/);
  assert.doesNotMatch(hover.contents.value, /command:/, 'no VS Code command links for other editors');
  assert.ok(expected[0].detail && !expected[0].message.includes('float32 saturates'));
  assert.match(hover.contents.value, /float32 saturates to exactly 0 and 1/, 'the hover lists a finding with its whole explanation (detail)');
  assert.deepEqual(hover.range, lenses[0].range);
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } }), null);

  const problem = published.diagnostics[0];
  const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: problem.range, context: { diagnostics: [problem] } });
  const quickFixes = actions.filter((a) => a.kind === 'quickfix');
  assert.ok(quickFixes.length >= 1);
  const preferred = quickFixes.find((a) => a.isPreferred) ?? quickFixes[0];
  assert.deepEqual(preferred.diagnostics, [problem]);
  const quickFixed = applyTextEdits(text, preferred.edit.changes[uri]);
  assert.ok(fixable(quickFixed, file).length < fixable(text, file).length, 'the quick fix removes a problem');

  const fixAll = actions.find((a) => a.kind === 'source.fixAll.lossLens');
  assert.equal(fixAll.title, 'Fix all Loss Lens problems');
  assert.equal(fixAll.edit.changes[uri].length, 1, 'one edit: one undo step');
  const allFixed = applyTextEdits(text, fixAll.edit.changes[uri]);
  assert.deepEqual(fixable(allFixed, file).map((d) => d.code), []);

  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: fixAll.edit.changes[uri].map((e) => ({ range: e.range, text: e.newText })) });
  const after = await client.diagnostics(uri, 2);
  assert.deepEqual(codes(after.diagnostics), codes(lint.lintText(allFixed, file).diagnostics));
  assert.ok(!codes(after.diagnostics).includes('log-of-zero'));
  const none = await client.request('textDocument/codeAction', { textDocument: { uri }, range: problem.range, context: { diagnostics: [], only: ['source.fixAll'] } });
  assert.deepEqual(none, [], 'nothing left to fix');

  client.notify('textDocument/didClose', { textDocument: { uri } });
  assert.deepEqual((await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.diagnostics.length === 0)).diagnostics, []);
  assert.deepEqual(await client.stop(), { code: 0, signal: null });
});

test('"Fix all" is resolved lazily for clients that resolve code actions', async () => {
  const client = new LspClient();
  await client.initialize({ textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } } });
  const file = example('faulty/bce-on-sigmoid-unclipped.ts');
  const uri = fileUri(file);
  client.open(uri, 'typescript', read(file));
  await client.diagnostics(uri, 1);
  const [action] = await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
  assert.equal(action.edit, undefined);
  const resolved = await client.request('codeAction/resolve', action);
  assert.deepEqual(fixable(applyTextEdits(read(file), resolved.edit.changes[uri]), file), []);
  await client.stop();
});

test('the preview: lossLens/preview returns the page state; the CodeLens command writes the standalone page and asks to show it', async () => {
  const client = new LspClient();
  await client.initialize({ window: { showDocument: { support: true } } });
  const file = example('faulty/unknown-loss-mse.ts');
  const text = read(file);
  const uri = fileUri(file);
  client.open(uri, 'typescript', text);
  await client.diagnostics(uri, 1);
  const at = text.lastIndexOf("loss: 'mse'");
  const position = { line: text.slice(0, at).split('\n').length - 1, character: at - text.lastIndexOf('\n', at) - 1 };
  const preview = await client.request('lossLens/preview', { textDocument: { uri }, position });
  assert.equal(preview.state.title, 'mse in model.compile');
  assert.match(preview.state.expression, /\^ ?2|square/, 'the loss the name means: mean squared error');
  assert.match(preview.state.note, /'mse'.*meanSquaredError/s);
  assert.deepEqual(preview.state.sourceDiagnostics.map((d) => d.code), ['unknown-loss']);
  assert.equal(preview.line, position.line + 1);
  assert.equal(await client.request('lossLens/preview', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);

  const [lens] = await client.request('textDocument/codeLens', { textDocument: { uri } });
  const page = await client.request('workspace/executeCommand', { command: lens.command.command, arguments: lens.command.arguments });
  assert.ok(existsSync(page.file));
  assert.match(read(page.file), /^<!DOCTYPE html>/i);
  const shown = await waitUntil(() => client.serverRequests.find((r) => r.method === 'window/showDocument'));
  assert.deepEqual(shown.params, { uri: page.url, external: true });
  await client.stop();
  assert.ok(!existsSync(page.file), 'the page is removed at shutdown');
});

test('settings come from initializationOptions and workspace/configuration, with the extension’s names', async () => {
  const file = example('faulty/bce-on-sigmoid-unclipped.ts');
  const uri = fileUri(file);
  const client = new LspClient({ configuration: { severity: { 'log-of-zero': 'hint' } } });
  await client.initialize({}, { severity: { 'log-of-zero': 'off' }, codeLens: { enable: false } });
  client.open(uri, 'typescript', read(file));
  assert.deepEqual((await client.diagnostics(uri, 1)).diagnostics, [], 'log-of-zero turned off by the initialization options');
  assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri } }), []);
  await client.stop();

  const pulling = new LspClient({ configuration: { severity: { 'log-of-zero': 'hint' } } });
  await pulling.initialize({ workspace: { configuration: true } }, { severity: { 'log-of-zero': 'off' } });
  pulling.open(uri, 'typescript', read(file));
  const shown = await pulling.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.diagnostics.length > 0);
  assert.ok(shown.diagnostics.every((d) => d.code !== 'log-of-zero' || d.severity === 4), 'the pulled section wins: hint');
  assert.ok(pulling.serverRequests.some((r) => r.method === 'workspace/configuration' && r.params.items[0].section === 'lossLens'));
  pulling.configuration = { severity: { 'log-of-zero': 'error' } };
  pulling.clearNotifications();
  pulling.notify('workspace/didChangeConfiguration', { settings: null });
  const again = await pulling.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'log-of-zero' && d.severity === 1));
  assert.ok(again.diagnostics.length > 0);
  await pulling.stop();
});

test('bad input is answered with errors, never a crash: closed documents, malformed messages and documents, a huge file', async () => {
  const client = new LspClient();
  await client.initialize({});
  const closed = { textDocument: { uri: 'file:///nowhere/closed.ts' }, position: { line: 0, character: 0 } };
  for (const [method, params] of [
    ['textDocument/hover', closed],
    ['textDocument/codeLens', { textDocument: closed.textDocument }],
    ['textDocument/codeAction', { ...closed, range: { start: closed.position, end: closed.position }, context: { diagnostics: [] } }],
    ['lossLens/preview', closed],
    ['workspace/executeCommand', { command: 'lossLens.preview', arguments: ['file:///nowhere/closed.ts', 0] }],
  ]) {
    await assert.rejects(client.request(method, params), (err) => err.code === -32602 && /not open/.test(err.message), method);
  }
  await assert.rejects(client.request('workspace/executeCommand', { command: 'lossLens.other', arguments: [] }), { code: -32602 });
  await assert.rejects(client.request('no/such/method', {}), { code: -32601 });

  client.notify('textDocument/didOpen', { textDocument: { uri: 'file:///w/no-text.ts', languageId: 'typescript', version: 1, text: 42 } });
  client.notify('textDocument/didOpen', null);
  client.writeRaw('Content-Length: 5\r\n\r\n{bad}');
  await assert.rejects(client.request('textDocument/hover', { textDocument: { uri: 'file:///w/no-text.ts' }, position: { line: 0, character: 0 } }), { code: -32602 });

  const garbage = 'import * as tf from "@tensorflow/tfjs";\nexport function loss(yTrue, yPred) { return tf.log(( ((( ;;; }\n\u0000\uffff';
  client.open('file:///w/garbage.ts', 'typescript', garbage);
  const broken = await client.diagnostics('file:///w/garbage.ts', 1);
  assert.ok(Array.isArray(broken.diagnostics));
  const opened = 'file:///w/garbage.ts';
  await assert.rejects(client.request('textDocument/hover', { textDocument: { uri: opened }, position: { line: -1, character: 0.5 } }), { code: -32602 });
  await assert.rejects(client.request('textDocument/codeAction', { textDocument: { uri: opened } }), { code: -32602 });

  const huge = `import * as tf from '@tensorflow/tfjs';\n${'export const w = tf.log(tf.sigmoid(tf.scalar(1)));\n'.repeat(60_000)}`;
  client.open('file:///w/huge.ts', 'typescript', huge);
  const hugeResult = await client.diagnostics('file:///w/huge.ts', 1);
  assert.deepEqual(hugeResult.diagnostics, [], `a ${huge.length}-character file is not analysed`);

  const file = example('faulty/bce-on-sigmoid-unclipped.ts');
  client.open(fileUri(file), 'typescript', read(file));
  assert.ok((await client.diagnostics(fileUri(file), 1)).diagnostics.length > 0, 'still serving after all that');
  assert.deepEqual(await client.stop(), { code: 0, signal: null });
  assert.doesNotMatch(client.stderr, /at .*\.js:\d+/, 'no stack trace on stderr');
});

test('a Python file: diagnostics as the lint finds them, hover with images, fix all that fixes', async () => {
  const client = new LspClient();
  await client.initialize({});
  const text = 'import tensorflow as tf\n\ndef bce(y_true, y_pred):\n    return -tf.reduce_mean(y_true * tf.math.log(y_pred) + (1 - y_true) * tf.math.log(1 - y_pred))\n';
  const uri = 'file:///w/train.py';
  client.open(uri, 'python', text);
  const published = await client.diagnostics(uri, 1);
  assert.deepEqual(codes(published.diagnostics), codes(lint.lintText(text, '/w/train.py').diagnostics));
  assert.ok(codes(published.diagnostics).includes('log-of-zero'));
  const [lens] = await client.request('textDocument/codeLens', { textDocument: { uri } });
  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: lens.range.start });
  assert.match(hover.contents.value, /!\[loss\]\(data:image\/svg\+xml;base64,/);
  const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: published.diagnostics[0].range, context: { diagnostics: published.diagnostics } });
  const fixAll = actions.find((a) => a.kind === 'source.fixAll.lossLens');
  assert.deepEqual(fixable(applyTextEdits(text, fixAll.edit.changes[uri]), '/w/train.py'), []);
  await client.stop();
});

async function waitUntil(find, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('notebook cells (LSP 3.17 notebook sync): a code cell is linted after the cells above it, and again when one changes', async () => {
  const client = new LspClient();
  const { capabilities } = await client.initialize({});
  assert.deepEqual(capabilities.notebookDocumentSync.notebookSelector, [{ notebook: '*', cells: [{ language: 'python' }] }]);
  const model = "from tensorflow.keras.models import Sequential\nfrom tensorflow.keras.layers import Dense\nmodel = Sequential([Dense(1, activation='sigmoid')])\n";
  const compile = "model.compile(loss='mse', metrics=['accuracy'])\n";
  assert.deepEqual(codes(lint.lintText(compile, '/w/alone.py').diagnostics), [], 'alone, the compile cell has no model to check');
  const notebook = 'file:///w/explore.ipynb';
  const cell = (n) => `vscode-notebook-cell:/w/explore.ipynb#c${n}`;
  client.notify('notebookDocument/didOpen', {
    notebookDocument: { uri: notebook, notebookType: 'jupyter-notebook', version: 1, cells: [{ kind: 2, document: cell(0) }, { kind: 2, document: cell(1) }] },
    cellTextDocuments: [
      { uri: cell(0), languageId: 'python', version: 1, text: model },
      { uri: cell(1), languageId: 'python', version: 1, text: compile },
    ],
  });
  assert.deepEqual(codes((await client.diagnostics(cell(1), 1)).diagnostics), ['activation-mismatch']);
  assert.deepEqual(codes((await client.diagnostics(cell(0), 1)).diagnostics), []);
  const [lens] = await client.request('textDocument/codeLens', { textDocument: { uri: cell(1) } });
  assert.match(lens.command.title, /Preview loss: 'mse' in model\.compile/);

  client.clearNotifications();
  const at = model.split('\n')[2].indexOf('sigmoid');
  client.notify('notebookDocument/didChange', {
    notebookDocument: { uri: notebook, version: 2 },
    change: { cells: { textContent: [{ document: { uri: cell(0), version: 2 }, changes: [{ range: { start: { line: 2, character: at }, end: { line: 2, character: at + 7 } }, text: 'linear' }] }] } },
  });
  const again = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === cell(1));
  assert.deepEqual(codes(again.diagnostics), [], 'the compile cell read again after the model cell above it changed');
  await client.stop();
});

test('a hover on code a loss reads from outside its step (the loss computed above minimize) shows that piece of the loss', async () => {
  const client = new LspClient();
  await client.initialize({});
  const text = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
const xs = tf.tensor2d([[0, 1], [1, 0]]);
const ys = tf.tensor2d([[0.5], [1.5]]);
const optimizer = tf.train.sgd(0.1);
const loss = tf.mean(tf.abs(tf.sub(model.predict(xs), ys)));
optimizer.minimize(() => loss);
`;
  const uri = 'file:///tmp/untaped-hover.ts';
  client.open(uri, 'typescript', text);
  const published = await client.diagnostics(uri, 1);
  assert.ok(published.diagnostics.some((d) => d.code === 'no-gradient'), 'the untaped step is reported');
  const lines = text.split('\n');
  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: lines[5].indexOf('tf.abs') + 4 } });
  assert.ok(hover, 'a hover on the loss computed above the step');
  assert.match(hover.contents.value, /part of \*\*optimizer\.minimize/);
  assert.equal(hover.range.start.line, 5);
  // The data prepared for the loss is not a piece of it to show.
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 14 } }), null);
  assert.deepEqual(await client.stop(), { code: 0, signal: null });
});

test('a hover where a loss read by a name is given its value (a field, a const) shows the compile that reads it', async () => {
  const client = new LspClient();
  await client.initialize({});
  const text = `import * as tf from '@tensorflow/tfjs';
export class TextModel {
  model = tf.sequential();
  lossFunction: unknown;
  init() {
    this.model.add(tf.layers.dense({ units: 10, inputShape: [4], activation: 'softmax' }));
    this.lossFunction = tf.losses.softmaxCrossEntropy;
    this.model.compile({ optimizer: 'adam', loss: this.lossFunction as never });
  }
}
`;
  const uri = 'file:///tmp/held-loss-hover.ts';
  client.open(uri, 'typescript', text);
  const published = await client.diagnostics(uri, 1);
  assert.ok(published.diagnostics.some((d) => d.code === 'activation-mismatch'), 'the double softmax is reported at the compile');
  const lines = text.split('\n');
  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: lines[6].indexOf('softmaxCrossEntropy') + 3 } });
  assert.ok(hover, 'a hover where the field is given the loss');
  assert.match(hover.contents.value, /activation-mismatch/);
  assert.equal(hover.range.start.line, 6);
  // The line above, with no loss on it, has no hover.
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 4 } }), null);
  assert.deepEqual(await client.stop(), { code: 0, signal: null });
});
