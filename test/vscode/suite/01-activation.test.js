'use strict';

const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { test, suite } = require('../runner/suite.cjs');
const { EXTENSION_ID, FAULTY, CORRECT, NOTEBOOKS } = require('./expected.cjs');
const { waitForActivation, workspaceRoot, showDocument } = require('./helpers.cjs');

suite('activation', () => {
  test('the workspace is a copy of examples/ with every example listed in expected.cjs', async () => {
    const root = workspaceRoot();
    assert.equal(root.scheme, 'file');
    const repoExamples = path.resolve(__dirname, '..', '..', '..', 'examples');
    assert.notEqual(path.resolve(root.fsPath), repoExamples, 'the suite must never edit the repository examples');
    const list = (dir) =>
      fs
        .readdirSync(path.join(root.fsPath, dir))
        .filter((f) => f.endsWith('.ts') || f.endsWith('.py'))
        .map((f) => `${dir}/${f}`)
        .sort();
    assert.deepEqual(list('faulty'), Object.keys(FAULTY).sort());
    assert.deepEqual(list('correct'), [...CORRECT].sort());
    const notebooks = fs.readdirSync(path.join(root.fsPath, 'faulty')).filter((f) => f.endsWith('.ipynb')).map((f) => `faulty/${f}`);
    assert.deepEqual(notebooks.sort(), Object.keys(NOTEBOOKS).sort());
  });

  test('opening a TypeScript file activates the extension', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded (extensionDevelopmentPath)`);
    const { document } = await showDocument('faulty/bce-on-sigmoid-unclipped.ts');
    assert.equal(document.languageId, 'typescript');
    await waitForActivation();
    assert.equal(extension.packageJSON.main, './dist/extension.js');
  });

  test('its commands are registered, with the titles the palette shows', async () => {
    await waitForActivation();
    const all = await vscode.commands.getCommands(true);
    for (const id of ['lossLens.preview', 'lossLens.previewExpression', 'lossLens.showLog', 'lossLens.togglePreviewLock']) {
      assert.ok(all.includes(id), `command ${id} is registered`);
    }
    const contributed = vscode.extensions.getExtension(EXTENSION_ID).packageJSON.contributes.commands;
    const titles = Object.fromEntries(contributed.map((c) => [c.command, `${c.category}: ${c.title}`]));
    assert.deepEqual(titles, {
      'lossLens.preview': 'Loss: Preview',
      'lossLens.previewExpression': 'Loss: Preview Expression…',
      'lossLens.showLog': 'Loss: Show Log',
      'lossLens.togglePreviewLock': 'Loss: Toggle Preview Lock',
    });
  });

  test('Loss: Show Log runs', async () => {
    await waitForActivation();
    await vscode.commands.executeCommand('lossLens.showLog');
  });
});
