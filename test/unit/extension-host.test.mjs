// The extension's glue driven through the fake `vscode` (fake-vscode.cjs) with the real lint, core and
// renderer bundles from dist/: activation, lint as you type, quick fixes, CodeLenses, hovers and previews.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './support.mjs';
import { loadTsModule } from './extension-support.mjs';

const extension = await loadTsModule('src/extension/extension.ts');
const vscode = (await import('./fake-vscode.cjs')).default;
const { fake } = vscode;

const example = (name) => readFileSync(path.join(root, 'examples', name), 'utf8');
const context = { extensionUri: vscode.Uri.file(root), subscriptions: [] };
const token = { isCancellationRequested: false, onCancellationRequested: () => new vscode.Disposable(() => {}) };

async function until(condition, what, ms = 10_000) {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const codes = (document) => fake.diagnostics(document.uri).map((d) => d.code.value).sort();

test('activation registers the commands, providers and serializer, and loads none of the heavy bundles', async () => {
  extension.activate(context);
  assert.deepEqual([...fake.commands.keys()].sort(), ['lossLens.preview', 'lossLens.previewExpression', 'lossLens.showLog', 'lossLens.togglePreviewLock']);
  assert.equal(fake.providers.hover.length, 1);
  assert.equal(fake.providers.codeLens.length, 1);
  assert.deepEqual(fake.providers.codeActions[0].metadata.providedCodeActionKinds.map((k) => k.value), ['quickfix', 'source.fixAll.lossLens']);
  assert.deepEqual(fake.providers.codeActions[0].selector.map((s) => s.language).sort(), ['html', 'javascript', 'javascriptreact', 'python', 'svelte', 'typescript', 'typescriptreact', 'vue']);
  assert.ok(fake.serializers.has('lossLens.preview'));
  assert.equal(fake.collections.length, 1);
  assert.equal(fake.collections[0].name, 'loss-lens');
  assert.ok(!fake.log.some(([, m]) => /loaded/.test(m)), `nothing loaded yet: ${JSON.stringify(fake.log)}`);
});

test('lint as you type: problems appear for the current version, carry source, code and README link, and go when the file closes', async () => {
  const document = fake.open('/w/faulty/bce.ts', example('faulty/bce-on-sigmoid-unclipped.ts'));
  await until(() => fake.diagnostics(document.uri).length > 0, 'diagnostics');
  const [first] = fake.diagnostics(document.uri);
  assert.equal(first.source, 'loss-lens');
  assert.equal(first.code.target.toString(), `https://github.com/loss-lens/loss-lens#${first.code.value}`);
  assert.ok(codes(document).includes('log-of-zero'), codes(document).join());
  assert.ok(first.message.length <= 110, `a short message: ${first.message}`);
  fake.close(document);
  assert.deepEqual(fake.diagnostics(document.uri), []);
});

test('a file without TF.js or @loss gets no problems; other languages are not read', async () => {
  const plain = fake.open('/w/plain.ts', 'export const add = (a: number, b: number) => a + b;\n');
  const markdown = fake.open('/w/notes.md', '```python\nloss = torch.log(torch.sigmoid(z))\n```\n', 'markdown');
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(fake.diagnostics(plain.uri), []);
  assert.deepEqual(fake.diagnostics(markdown.uri), []);
  fake.close(plain);
  fake.close(markdown);
});

test('Python files are linted too: a Keras model compiled with MSE on a sigmoid classifier', async () => {
  const python = fake.open('/w/train.py', "from tensorflow.keras.models import Sequential\nfrom tensorflow.keras.layers import Dense\nmodel = Sequential([Dense(1, activation='sigmoid')])\nmodel.compile(loss='mse', metrics=['accuracy'])\n", 'python');
  await until(() => codes(python).includes('activation-mismatch'), 'activation-mismatch on the Python file');
  fake.close(python);
});

test('a notebook code cell is linted after the code cells above it, and again when one of them changes', async () => {
  const model = "from tensorflow.keras.models import Sequential\nfrom tensorflow.keras.layers import Dense\nmodel = Sequential([Dense(1, activation='sigmoid')])\n";
  const notebook = fake.openNotebook('/w/explore.ipynb', [
    { kind: 'code', text: model },
    { kind: 'markdown', text: '# Training\n' },
    { kind: 'code', text: "model.compile(loss='mse', metrics=['accuracy'])\n" },
  ]);
  const [modelCell, notes, compileCell] = notebook.cells.map((c) => c.document);
  assert.equal(compileCell.uri.scheme, 'vscode-notebook-cell');
  await until(() => codes(compileCell).includes('activation-mismatch'), 'activation-mismatch on the compile cell, which reads the model cell');
  assert.deepEqual(codes(modelCell), []);
  assert.deepEqual(codes(notes), []);
  const at = model.indexOf('sigmoid');
  fake.edit(modelCell, at, at + 'sigmoid'.length, 'linear');
  await until(() => codes(compileCell).length === 0, 'the compile cell linted again after the model cell above it changed');
  fake.closeNotebook(notebook);
});

test('a burst of edits is linted once more after it pauses, and only the last version is published', async () => {
  fake.configure({ 'lossLens.lint.debounceMs': 40 });
  const text = example('faulty/unknown-loss-mse.ts');
  const document = fake.open('/w/faulty/mse.ts', text);
  await until(() => codes(document).includes('unknown-loss'), 'unknown-loss');
  const at = text.lastIndexOf("loss: 'mse'") + 'loss: '.length;
  fake.edit(document, at, at + 5, "'meanSquaredError'");
  fake.edit(document, at, at + 18, "'mae'");
  fake.edit(document, at, at + 5, "'meanAbsoluteError'");
  const published = [];
  const collection = fake.collections[0];
  const set = collection.set.bind(collection);
  collection.set = (uri, diagnostics) => {
    published.push(document.version);
    set(uri, diagnostics);
  };
  await until(() => published.length > 0, 'a publication after the burst');
  await new Promise((r) => setTimeout(r, 100));
  collection.set = set;
  assert.deepEqual(published, [4]);
  assert.ok(!codes(document).includes('unknown-loss'));
  fake.close(document);
  fake.configure({ 'lossLens.lint.debounceMs': 300 });
});

test('severity overrides change what is shown without re-linting; "off" hides a code; lint.enable false clears', async () => {
  const document = fake.open('/w/faulty/mse2.ts', example('faulty/unknown-loss-mse.ts'));
  await until(() => codes(document).includes('unknown-loss'), 'unknown-loss');
  fake.configure({ 'lossLens.severity': { 'unknown-loss': 'hint' } });
  assert.equal(fake.diagnostics(document.uri).find((d) => d.code.value === 'unknown-loss').severity, vscode.DiagnosticSeverity.Hint);
  fake.configure({ 'lossLens.severity': { 'unknown-loss': 'off' } });
  assert.ok(!codes(document).includes('unknown-loss'));
  fake.configure({ 'lossLens.severity': {}, 'lossLens.lint.enable': false });
  assert.deepEqual(fake.diagnostics(document.uri), []);
  fake.configure({ 'lossLens.lint.enable': true });
  assert.ok(codes(document).includes('unknown-loss'));
  fake.close(document);
});

test('each lint fix is offered as a quick fix on its problem, and applying the preferred one removes the problem', async () => {
  const document = fake.open('/w/faulty/bce2.ts', example('faulty/bce-on-sigmoid-unclipped.ts'));
  await until(() => codes(document).includes('log-of-zero'), 'log-of-zero');
  const problem = fake.diagnostics(document.uri).find((d) => d.code.value === 'log-of-zero');
  const provider = fake.providers.codeActions[0].provider;
  const offered = await provider.provideCodeActions(document, problem.range, { diagnostics: [problem], only: undefined, triggerKind: 1 }, token);
  assert.equal(offered.at(-1).kind.value, 'source.fixAll.lossLens', 'fix all comes last');
  const actions = offered.filter((a) => a.kind.value === 'quickfix');
  assert.ok(actions.length >= 1, 'at least one fix');
  for (const a of actions) {
    assert.equal(a.kind.value, 'quickfix');
    assert.deepEqual(a.diagnostics, [problem]);
  }
  const refactorOnly = await provider.provideCodeActions(document, problem.range, { diagnostics: [problem], only: vscode.CodeActionKind.Refactor }, token);
  assert.deepEqual(refactorOnly, []);
  const preferred = actions.find((a) => a.isPreferred) ?? actions[0];
  const before = fake.diagnostics(document.uri).filter((d) => d.code.value === 'log-of-zero').length;
  await vscode.workspace.applyEdit(preferred.edit);
  await until(() => fake.diagnostics(document.uri).filter((d) => d.code.value === 'log-of-zero').length < before, 'fewer log-of-zero problems after the fix');
  fake.close(document);
});

test('Fix all (source.fixAll.lossLens) is one edit that leaves no fixable problem in the file', async () => {
  const document = fake.open('/w/faulty/fixall.ts', example('faulty/bce-on-sigmoid-unclipped.ts'));
  await until(() => codes(document).includes('log-of-zero'), 'log-of-zero');
  const provider = fake.providers.codeActions[0].provider;
  const fixable = (result) => result.diagnostics.filter((d) => d.fixes.length > 0);
  const lint = (await import('./lint-support.mjs')).lint;
  assert.ok(fixable(lint.lintText(document.getText(), 'a.ts')).length >= 2, 'the example has several fixable problems');
  const [action, ...others] = await provider.provideCodeActions(document, new vscode.Range(document.positionAt(0), document.positionAt(0)), { diagnostics: [], only: vscode.CodeActionKind.SourceFixAll, triggerKind: 1 }, token);
  assert.deepEqual(others, []);
  assert.equal(action.title, 'Fix all Loss Lens problems');
  assert.equal(action.edit, undefined, 'computed only when chosen');
  const resolved = await provider.resolveCodeAction(action, token);
  assert.equal(resolved.edit.entries().length, 1, 'one replacement: one undo step');
  await vscode.workspace.applyEdit(resolved.edit);
  assert.deepEqual(fixable(lint.lintText(document.getText(), 'a.ts')).map((d) => d.code), []);
  await until(() => !codes(document).includes('log-of-zero'), 'the problems gone');
  const after = await provider.provideCodeActions(document, new vscode.Range(document.positionAt(0), document.positionAt(0)), { diagnostics: [], only: vscode.CodeActionKind.SourceFixAll, triggerKind: 1 }, token);
  assert.deepEqual(after, [], 'nothing left to fix');
  fake.close(document);
});

test('CodeLenses sit on each loss site and open the preview for it', async () => {
  const document = fake.open('/w/faulty/mse3.ts', example('faulty/mse-on-sigmoid-classifier.ts'));
  const lenses = await fake.providers.codeLens[0].provider.provideCodeLenses(document, token);
  assert.ok(lenses.length >= 1);
  for (const lens of lenses) {
    assert.equal(lens.command.command, 'lossLens.preview');
    assert.equal(lens.command.arguments[0], document.uri);
    assert.match(lens.command.title, /^\$\(graph-line\) Preview loss: /);
  }
  fake.configure({ 'lossLens.codeLens.enable': false });
  assert.deepEqual(await fake.providers.codeLens[0].provider.provideCodeLenses(document, token), []);
  fake.configure({ 'lossLens.codeLens.enable': true });
  fake.close(document);
});

test('CodeLenses are answered at once after an edit, moved with the text, and refreshed when the analysis lands', async () => {
  const document = fake.open('/w/faulty/lens-edit.ts', example('faulty/bce-on-sigmoid-unclipped.ts'));
  const provider = fake.providers.codeLens[0].provider;
  const first = await provider.provideCodeLenses(document, token);
  const analysed = document.version;
  let refreshed = 0;
  const listening = provider.onDidChangeCodeLenses(() => refreshed++);
  fake.edit(document, 0, 0, '// one\n// two\n');
  const moved = await provider.provideCodeLenses(document, token);
  assert.equal(fake.providers.codeLens[0].provider, provider);
  assert.notEqual(document.version, analysed);
  assert.deepEqual(moved.map((l) => l.range.start.line), first.map((l) => l.range.start.line + 2), 'two lines down, without waiting for the lint');
  assert.deepEqual(moved.map((l) => l.command.title), first.map((l) => l.command.title));
  await until(() => refreshed > 0, 'a refresh when the new analysis lands');
  const fresh = await provider.provideCodeLenses(document, token);
  assert.deepEqual(fresh.map((l) => l.range.start.line), moved.map((l) => l.range.start.line));
  listening.dispose();
  fake.close(document);
});

test('the hover on a site shows images, a plot and a trusted preview link, is cached per version, and stays under 100,000 characters', async () => {
  const text = example('faulty/bce-on-sigmoid-unclipped.ts');
  const document = fake.open('/w/faulty/bce3.ts', text);
  const lens = (await fake.providers.codeLens[0].provider.provideCodeLenses(document, token))[0];
  const provider = fake.providers.hover[0].provider;
  const hover = await provider.provideHover(document, lens.range.start, token);
  const markdown = hover.contents;
  assert.ok(markdown.value.length < 100_000, `${markdown.value.length} characters`);
  assert.match(markdown.value, /!\[loss\]\(data:image\/svg\+xml;base64,/);
  assert.match(markdown.value, /!\[loss and gradient plot\]\(data:image\/svg\+xml;base64,/);
  assert.match(markdown.value, /\(command:lossLens\.preview\?/);
  assert.deepEqual(markdown.isTrusted, { enabledCommands: ['lossLens.preview'] });
  assert.equal((await provider.provideHover(document, lens.range.start, token)).contents, markdown, 'served from the cache: the same object');
  const importLine = document.positionAt(text.indexOf('@tensorflow/tfjs'));
  assert.equal(await provider.provideHover(document, importLine, token), undefined);
  fake.close(document);
});

test('Loss: Preview opens a CSP-guarded webview for the site, follows edits, and applies a fix from the page as an edit', async () => {
  const text = example('faulty/bce-on-sigmoid-unclipped.ts');
  const document = fake.open('/w/faulty/bce4.ts', text);
  const anchor = text.indexOf('binaryCrossEntropy(');
  fake.showEditor(document, anchor);
  const returned = await vscode.commands.executeCommand('lossLens.preview');
  assert.equal(returned, undefined);
  const panel = fake.panels.at(-1);
  assert.equal(panel.viewType, 'lossLens.preview');
  assert.equal(panel.showOptions.viewColumn, vscode.ViewColumn.Beside);
  assert.deepEqual(panel.webview.options.localResourceRoots.map(String), [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview').toString()]);
  assert.match(panel.webview.html, /Content-Security-Policy" content="default-src &#39;none&#39;/);
  assert.doesNotMatch(panel.webview.html, /unsafe-inline/);
  const state = JSON.parse(/data-state="([^"]*)"/.exec(panel.webview.html)[1].replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c))));
  assert.equal(state.title, 'binaryCrossEntropy');
  assert.equal(state.source.uri, document.uri.toString());
  assert.ok(state.sourceDiagnostics.some((d) => d.code === 'log-of-zero' && d.fixes.length > 0));

  await vscode.commands.executeCommand('lossLens.preview', document.uri, anchor);
  assert.equal(fake.panels.at(-1), panel, 'the same loss reuses its panel');
  assert.equal(panel.revealed, 1);

  const index = state.sourceDiagnostics.findIndex((d) => d.code === 'log-of-zero');
  const versionBefore = document.version;
  panel.receive({ type: 'applySourceFix', diagnostic: index, fix: 0 });
  await until(() => document.version > versionBefore, 'the fix to be applied');
  assert.notEqual(document.getText(), text);
  await until(() => panel.posted.some((m) => m.type === 'show' && m.state.sourceDiagnostics.length < state.sourceDiagnostics.length), 'the preview to follow the fixed source');

  panel.receive({ type: 'copy', text: 'L = -\\log p', what: 'loss TeX' });
  await until(() => fake.clipboard === 'L = -\\log p', 'the clipboard');
  fake.saveDialogAnswer = vscode.Uri.file('/w/plot.svg');
  panel.receive({ type: 'saveImage', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' });
  await until(() => fake.written.length === 1, 'the SVG file');
  panel.receive({ type: 'saveImage', format: 'png', data: 'data:image/png;base64,AAAA' });
  await until(() => fake.messages.some(([kind, m]) => kind === 'error' && /not a PNG/.test(m)), 'a refusal');
  assert.equal(fake.written.length, 1);
  panel.dispose();
  fake.close(document);
});

test('one preview follows the active loss: three losses previewed in one tab, the cursor moves it, a locked one stays', async () => {
  const openPanels = () => fake.panels.filter((p) => !p.disposed);
  const stateOf = (panel) => {
    const posted = panel.posted.filter((m) => m.type === 'show').at(-1)?.state;
    const html = /data-state="([^"]*)"/.exec(panel.webview.html);
    return posted ?? (html ? JSON.parse(html[1].replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c)))) : {});
  };
  const before = openPanels().length;
  const bceText = example('faulty/bce-on-sigmoid-unclipped.ts');
  const bce = fake.open('/w/tabs/bce.ts', bceText);
  const mseText = example('faulty/unknown-loss-mse.ts');
  const mse = fake.open('/w/tabs/mse.ts', mseText);
  const rmseText = example('faulty/rmse-sqrt-at-zero.ts');
  const rmse = fake.open('/w/tabs/rmse.ts', rmseText);
  const rmseAt = rmseText.indexOf('rootMeanSquaredError(');
  for (const d of [bce, mse, rmse]) await until(() => fake.diagnostics(d.uri).length > 0, d.uri.path);
  await vscode.commands.executeCommand('lossLens.preview', bce.uri, bceText.indexOf('binaryCrossEntropy('));
  const panel = fake.panels.at(-1);
  await vscode.commands.executeCommand('lossLens.preview', mse.uri, mseText.lastIndexOf("loss: 'mse'"));
  await vscode.commands.executeCommand('lossLens.preview', rmse.uri, rmseAt);
  assert.equal(openPanels().length, before + 1, 'one preview tab after previewing three losses');
  await until(() => panel.title === 'Loss: rootMeanSquaredError', `the tab follows the last loss (${panel.title})`);

  await vscode.commands.executeCommand('lossLens.preview', mse.uri, mseText.lastIndexOf("loss: 'mse'"));
  await until(() => stateOf(panel).title === 'mse in model.compile', 'the compile site with an unknown name');
  const mseState = stateOf(panel);
  assert.match(mseState.expression, /\^ ?2/, `the loss 'mse' means is previewed (${mseState.expression})`);
  assert.match(mseState.note, /'mse'.*meanSquaredError/s);
  assert.deepEqual(mseState.sourceDiagnostics.map((d) => d.code), ['unknown-loss']);

  fake.showEditor(bce, bceText.indexOf('binaryCrossEntropy('));
  await until(() => stateOf(panel).title === 'binaryCrossEntropy', 'the preview follows the cursor into another loss');

  await vscode.commands.executeCommand('lossLens.togglePreviewLock');
  assert.match(panel.title, /^Loss \(locked\): binaryCrossEntropy$/);
  await vscode.commands.executeCommand('lossLens.preview', mse.uri, mseText.lastIndexOf("loss: 'mse'"));
  assert.equal(openPanels().length, before + 2, 'a new following preview next to the locked one');
  const follower = fake.panels.at(-1);
  fake.showEditor(rmse, rmseAt);
  await until(() => stateOf(follower).title === 'rootMeanSquaredError', 'the follower follows the cursor');
  fake.showEditor(bce, bceText.indexOf('binaryCrossEntropy('));
  await until(() => stateOf(follower).title === 'binaryCrossEntropy', 'the follower moves');
  assert.equal(stateOf(panel).title, 'binaryCrossEntropy');
  await vscode.commands.executeCommand('lossLens.preview', bce.uri, bceText.indexOf('binaryCrossEntropy('));
  assert.ok(panel.revealed > 0, 'the locked preview of that loss is revealed');
  follower.active = false;
  await vscode.commands.executeCommand('lossLens.togglePreviewLock');
  assert.ok(follower.disposed, 'unlocking the locked preview makes it the follower; the old follower goes');
  assert.equal(panel.title, 'Loss: binaryCrossEntropy');
  panel.dispose();
  for (const d of [bce, mse, rmse]) fake.close(d);
});

test('Loss: Preview outside any loss says so and offers the expression prompt instead of opening it', async () => {
  const text = example('faulty/bce-on-sigmoid-unclipped.ts');
  const document = fake.open('/w/outside.ts', text);
  await until(() => fake.diagnostics(document.uri).length > 0, 'the analysis');
  fake.showEditor(document, text.indexOf('@tensorflow/tfjs'));
  const boxes = fake.inputBoxes.length;
  const panels = fake.panels.length;
  await vscode.commands.executeCommand('lossLens.preview');
  assert.ok(fake.messages.some(([kind, m]) => kind === 'info' && /no loss at the cursor/.test(m)), JSON.stringify(fake.messages.slice(-2)));
  assert.equal(fake.inputBoxes.length, boxes, 'the expression prompt is offered, not opened');
  assert.equal(fake.panels.length, panels);
  fake.close(document);
});

test('a preview comes back after a reload from the state the page saved, bound to its source again', async () => {
  const text = example('faulty/mse-on-sigmoid-classifier.ts');
  const document = fake.open('/w/faulty/mse4.ts', text);
  const lens = (await fake.providers.codeLens[0].provider.provideCodeLenses(document, token))[0];
  const panel = vscode.window.createWebviewPanel('lossLens.preview', 'old', { viewColumn: 2 }, {});
  const saved = { expression: 'x', title: 'old', options: {}, source: { uri: document.uri.toString(), line: lens.range.start.line + 1, label: 'mse4.ts', siteId: 0 } };
  await fake.serializers.get('lossLens.preview').deserializeWebviewPanel(panel, saved);
  assert.match(panel.webview.html, /data-state=/);
  assert.ok(panel.webview.options.enableScripts);
  await until(() => panel.posted.some((m) => m.type === 'show' && m.state.source?.uri === document.uri.toString() && m.state.title !== 'old'), 'the restored preview to redraw from the source');
  const broken = vscode.window.createWebviewPanel('lossLens.preview', 'x', { viewColumn: 2 }, {});
  await fake.serializers.get('lossLens.preview').deserializeWebviewPanel(broken, 'garbage');
  assert.match(broken.webview.html, /could not be restored/);
  panel.dispose();
  fake.close(document);
});

test('Loss: Preview Expression validates as the person types and opens the preview', async () => {
  fake.inputBoxAnswer = '-log(p)';
  await vscode.commands.executeCommand('lossLens.previewExpression');
  const box = fake.inputBoxes.at(-1);
  assert.match(await box.validateInput('log(p'), /^Column \d+:/);
  assert.equal(await box.validateInput('(p - y)^2'), undefined);
  const panel = fake.panels.at(-1);
  assert.match(panel.webview.html, /-log\(p\)/);
  assert.equal(panel.title, 'Loss: -log(p)');
});

test('a file is linted again when an open file beside it changes what it says: targets fitted in the page\'s other script', async () => {
  const model = fake.open('/w/web/model.js', "const net = tf.sequential();\nnet.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));\nnet.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });\n", 'javascript');
  const sketchText = 'function setup() {\n  net.fit(tf.tensor2d([[0, 0], [1, 1]]), tf.tensor2d([[0.25], [0.75]]));\n}\n';
  const sketch = fake.open('/w/web/sketch.js', sketchText, 'javascript');
  await new Promise((r) => setTimeout(r, 400));
  assert.deepEqual(codes(model), [], 'continuous targets in [0, 1]: a regression');
  const at = sketchText.indexOf('[[0.25], [0.75]]');
  fake.edit(sketch, at, at + '[[0.25], [0.75]]'.length, '[[0], [1]]');
  await until(() => codes(model).includes('activation-mismatch'), 'model.js linted again after sketch.js fits it on 0/1 labels');
  fake.close(sketch);
  fake.close(model);
});

test('everything registered is disposed with the extension', () => {
  for (const d of context.subscriptions) d.dispose();
  assert.equal(fake.commands.size, 0);
  assert.equal(fake.collections.length, 0);
  assert.equal(fake.serializers.size, 0);
  assert.equal(fake.providers.hover.length + fake.providers.codeLens.length + fake.providers.codeActions.length, 0);
});
