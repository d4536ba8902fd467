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

/**
 * Shows a code cell in its notebook editor: scrolls the notebook to it, waits until the editor renders it, and
 * focuses its editor. The workbench keeps a text model only for the cells its notebook editor renders, and the
 * provider commands (vscode.executeCodeLensProvider, vscode.executeCodeActionProvider) look that model up without
 * loading it: for a cell out of view they throw "Illegal argument" however long one waits, and showTextDocument
 * cannot open it. After the other suites the notebook opens in a narrower editor group (a preview is open beside
 * it), its long lines wrap, and the last cells are out of view.
 */
async function showCell(cell) {
  const inView = () =>
    vscode.window.visibleNotebookEditors.find((e) => e.notebook === cell.notebook && e.visibleRanges.some((r) => r.start <= cell.index && cell.index < r.end));
  const notebookEditor = vscode.window.visibleNotebookEditors.find((e) => e.notebook === cell.notebook);
  assert.ok(notebookEditor, `${vscode.workspace.asRelativePath(cell.notebook.uri)} is shown`);
  notebookEditor.revealRange(new vscode.NotebookRange(cell.index, cell.index + 1), vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
  await waitFor(inView, {
    message: `cell ${cell.index} of ${vscode.workspace.asRelativePath(cell.notebook.uri)} in view`,
    describe: () => JSON.stringify(notebookEditor.visibleRanges.map((r) => [r.start, r.end])),
  });
  const editor = await waitFor(() => vscode.window.showTextDocument(cell.document), { message: `the editor of cell ${cell.index}` });
  assert.equal(editor.document, cell.document);
  return editor;
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
        await showCell(cells[Number(index)]);
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
      await showCell(cells[Number(index)]);
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
      await showCell(cells[Number(index)]);
      await vscode.commands.executeCommand('undo');
      await waitFor(() => document.getText() === original, { message: `cell ${index} restored by undo` });
      await waitFor(() => lossDiagnostics(document.uri).some((d) => codeOf(d) === codeOf(target)), { message: `${codeOf(target)} back after undo` });
    });

    test(`${file}: hover and Loss: Preview work in a code cell`, async () => {
      const { cells } = await openNotebook(file);
      await waitForActivation();
      const index = Object.keys(expected.cells).pop();
      const document = cells[Number(index)].document;
      await showCell(cells[Number(index)]);
      await waitForAnalysis(document, { timeout: 60000 });
      const name = expected.firstSite[index];
      const at = document.positionAt(document.getText().indexOf(`def ${name}`) + 5);
      const markdown = await lossHover(document, at);
      assert.ok(svgImages(markdown).length >= 3, 'formula, gradient and plot in the cell hover');
      // Loss: Preview from the cell must open one: the one an earlier test left open (which follows the cursor
      // into the cell's loss) is closed first.
      await vscode.window.tabGroups.close(previewTabs().map(({ tab }) => tab));
      assert.deepEqual(previewTabs(), [], 'no preview open before');
      const editor = await showCell(cells[Number(index)]);
      editor.selection = new vscode.Selection(at, at);
      const shown = () => previewTabs().filter(({ tab }) => tab.label === `Loss: ${name}`);
      await vscode.commands.executeCommand('lossLens.preview');
      await waitFor(() => shown().length === 1, {
        message: `a "Loss: ${name}" preview tab from the cell`,
        describe: () => previewTabs().map(({ tab }) => tab.label).join(', '),
      });
    });
  }
});
