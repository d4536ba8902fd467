'use strict';

// Python in the real editor: a .py file's hover images, and a Jupyter notebook opened as a notebook (code cells
// are `vscode-notebook-cell` documents of language python): each cell's problems, read after the cells above it,
// its CodeLens, its preferred quick fix (applied and undone), its hover, and Loss: Preview from a cell.

const assert = require('assert');
const vscode = require('vscode');
const { test, suite } = require('../runner/suite.cjs');
const { NOTEBOOKS } = require('./expected.cjs');
const { waitFor, fileUri, openDocument, lossDiagnostics, describeDiagnostics, sameCodes, codeOf, waitForActivation, waitForAnalysis, hoverMarkdown, svgImages, previewTabs } = require('./helpers.cjs');

async function lossHover(document, position) {
  return waitFor(
    async () => {
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, position);
      const markdown = hoverMarkdown(hovers);
      return markdown.includes('data:image/svg+xml;base64,') ? markdown : null;
    },
    { message: `a Loss Lens hover at ${position.line + 1}:${position.character + 1} of ${document.uri.toString(true)}` },
  );
}

async function openNotebook(relative) {
  const notebook = await vscode.workspace.openNotebookDocument(fileUri(relative));
  await vscode.window.showNotebookDocument(notebook);
  const cells = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
  return { notebook, cells };
}

suite('python', () => {
  test('hovering a Python loss shows the typeset formula, the gradient and a plot as SVG images', async () => {
    const document = await openDocument('correct/numpy-bce-clip.py');
    await waitForActivation();
    await waitForAnalysis(document);
    const position = document.positionAt(document.getText().indexOf('def binary_cross_entropy') + 6);
    const markdown = await lossHover(document, position);
    const images = svgImages(markdown);
    assert.ok(images.length >= 3, `formula, gradient and plot images (${images.map((i) => i.alt).join(', ')})`);
    for (const image of images) assert.match(image.svg, /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/, `${image.alt} decodes to SVG`);
  });

  for (const [file, expected] of Object.entries(NOTEBOOKS)) {
    test(`${file}: code cells are Python documents, linted after the cells above them`, async () => {
      const { cells } = await openNotebook(file);
      assert.ok(cells.every((c) => c.document.languageId === 'python' && c.document.uri.scheme === 'vscode-notebook-cell'), 'python cells');
      await waitForActivation();
      for (const [index, codes] of Object.entries(expected.cells)) {
        const document = cells[Number(index)].document;
        const lenses = await waitForAnalysis(document, { timeout: 60000 });
        assert.ok(lenses[0].command.title.includes(`Preview loss: ${expected.firstSite[index]}`), `cell ${index}: first CodeLens ${lenses[0].command.title}`);
        await waitFor(() => sameCodes(lossDiagnostics(document.uri), codes), {
          message: `cell ${index}: ${codes.join(', ')}`,
          describe: () => describeDiagnostics(lossDiagnostics(document.uri)),
        });
      }
      for (const [index, cell] of cells.entries()) {
        if (expected.cells[index]) continue;
        assert.deepEqual(describeDiagnostics(lossDiagnostics(cell.document.uri)), '[]', `cell ${index} has no problems`);
      }
    });

    test(`${file}: a cell's preferred quick fix removes its problem, undo restores the cell`, async () => {
      const { cells } = await openNotebook(file);
      await waitForActivation();
      const [index] = Object.keys(expected.cells);
      const document = cells[Number(index)].document;
      const original = document.getText();
      const target = await waitFor(() => lossDiagnostics(document.uri)[0], { message: `a problem in cell ${index}` });
      let offered = [];
      const fix = await waitFor(
        async () => {
          offered = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, target.range, vscode.CodeActionKind.QuickFix.value)) || [];
          return offered.find((a) => a.isPreferred && a.edit && a.title.startsWith(expected.fix[index]));
        },
        { message: `the preferred fix in cell ${index}`, describe: () => JSON.stringify(offered.map((a) => a.title)) },
      );
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
      await waitFor(() => !lossDiagnostics(document.uri).some((d) => codeOf(d) === codeOf(target)), {
        message: `${codeOf(target)} gone from cell ${index}`,
        describe: () => describeDiagnostics(lossDiagnostics(document.uri)),
      });
      const editor = await vscode.window.showTextDocument(document);
      assert.equal(editor.document, document);
      await vscode.commands.executeCommand('undo');
      await waitFor(() => document.getText() === original, { message: `cell ${index} restored by undo` });
      await waitFor(() => lossDiagnostics(document.uri).some((d) => codeOf(d) === codeOf(target)), { message: `${codeOf(target)} back after undo` });
    });

    test(`${file}: hover and Loss: Preview work in a code cell`, async () => {
      const { cells } = await openNotebook(file);
      await waitForActivation();
      const index = Object.keys(expected.cells).pop();
      const document = cells[Number(index)].document;
      await waitForAnalysis(document, { timeout: 60000 });
      const name = expected.firstSite[index];
      const at = document.positionAt(document.getText().indexOf(`def ${name}`) + 5);
      const markdown = await lossHover(document, at);
      assert.ok(svgImages(markdown).length >= 3, 'formula, gradient and plot in the cell hover');
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(at, at);
      const before = previewTabs().length;
      await vscode.commands.executeCommand('lossLens.preview');
      const tabs = await waitFor(() => (previewTabs().length > before ? previewTabs() : null), { message: 'a preview tab from the cell' });
      assert.ok(tabs.some(({ tab }) => tab.label === `Loss: ${name}`), `a "Loss: ${name}" tab (${tabs.map(({ tab }) => tab.label).join(', ')})`);
    });
  }
});
