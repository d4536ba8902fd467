'use strict';

const assert = require('assert');
const vscode = require('vscode');
const { test, suite } = require('../runner/suite.cjs');
const { waitFor, showDocument, openDocument, waitForActivation, waitForAnalysis, previewTabs } = require('./helpers.cjs');

const describeTabs = () =>
  JSON.stringify(
    vscode.window.tabGroups.all.map((g) =>
      g.tabs.map((t) => `${t.label} [${t.input && (t.input.viewType || (t.input.uri && t.input.uri.path) || t.input.constructor.name)}]`),
    ),
  );

suite('preview', () => {
  test('Loss: Preview on the loss at the cursor opens a webview panel beside the editor', async () => {
    const { document, editor } = await showDocument('faulty/bce-on-sigmoid-unclipped.ts');
    await waitForActivation();
    await waitForAnalysis(document);
    const at = document.positionAt(document.getText().indexOf('binaryCrossEntropy(yTrue') + 4);
    editor.selection = new vscode.Selection(at, at);
    const before = previewTabs().length;

    await vscode.commands.executeCommand('lossLens.preview');
    const tabs = await waitFor(() => (previewTabs().length > before ? previewTabs() : null), {
      message: 'a lossLens.preview webview tab',
      describe: describeTabs,
    });
    const { tab, group } = tabs.find(({ tab: t }) => t.label === 'Loss: binaryCrossEntropy') || {};
    assert.ok(tab, `a tab labelled "Loss: binaryCrossEntropy" (tabs: ${describeTabs()})`);
    assert.notEqual(group.viewColumn, editor.viewColumn, 'opened beside the editor');
    assert.equal(vscode.window.activeTextEditor && vscode.window.activeTextEditor.document, document, 'the editor keeps the focus');
  });

  test('the CodeLens command opens the preview of its site, and reveals an open one instead of a second', async () => {
    const document = await openDocument('faulty/poisson-exp-overflow.ts');
    await waitForActivation();
    const lenses = await waitForAnalysis(document);
    const lens = lenses.find((l) => /poissonLogRateLoss/.test(l.command.title));
    assert.ok(lens, `a CodeLens for poissonLogRateLoss (${lenses.map((l) => l.command.title).join(' / ')})`);
    assert.match(lens.command.title, /Preview loss/);
    const count = () => previewTabs().filter(({ tab }) => tab.label === 'Loss: poissonLogRateLoss').length;
    assert.equal(count(), 0);

    await vscode.commands.executeCommand(lens.command.command, ...lens.command.arguments);
    await waitFor(() => count() === 1, { message: 'the poissonLogRateLoss preview tab', describe: describeTabs });

    const total = previewTabs().length;
    await vscode.commands.executeCommand(lens.command.command, ...lens.command.arguments);
    await waitFor(
      () => {
        const active = vscode.window.tabGroups.all.map((g) => g.activeTab).filter(Boolean);
        return active.some((t) => t.label === 'Loss: poissonLogRateLoss');
      },
      { message: 'the open preview to be revealed', describe: describeTabs },
    );
    assert.equal(count(), 1, 'no second panel for the same loss');
    assert.equal(previewTabs().length, total);
  });
});
