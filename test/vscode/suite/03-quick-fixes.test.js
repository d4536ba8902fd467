'use strict';

const assert = require('assert');
const vscode = require('vscode');
const { test, suite } = require('../runner/suite.cjs');
const { FAULTY, PREFERRED_FIX } = require('./expected.cjs');
const {
  waitFor,
  showDocument,
  lossDiagnostics,
  describeDiagnostics,
  codeOf,
  waitForActivation,
} = require('./helpers.cjs');

/** "line code" of every diagnostic: what must come back after undo. */
const signature = (list) => list.map((d) => `${d.range.start.line}:${d.range.start.character} ${codeOf(d)}`).join(' | ');

suite('quick fixes', () => {
  for (const file of Object.keys(FAULTY)) {
    test(`${file}: the preferred fix removes its problem, undo restores the text`, async () => {
      const { document, editor } = await showDocument(file);
      await waitForActivation();
      const original = document.getText();
      const before = await waitFor(() => {
        const list = lossDiagnostics(document.uri);
        return list.length > 0 ? list : null;
      }, { message: `diagnostics on ${file}` });
      const target = before[0];
      const code = codeOf(target);
      const line = target.range.start.line;

      // The editor's light bulb asks the same: code actions for the problem's range, with the problems shown
      // there as context. The problem reaches the renderer's marker service asynchronously, and the extension
      // offers fixes only for problems in that context, so wait until the fix is offered.
      let offered = [];
      const fix = await waitFor(
        async () => {
          const actions = await vscode.commands.executeCommand(
            'vscode.executeCodeActionProvider',
            document.uri,
            target.range,
            vscode.CodeActionKind.QuickFix.value,
          );
          offered = actions || [];
          // (The command's result carries no `diagnostics`: match the preferred fix by its title.)
          return offered.find((a) => a.isPreferred && a.edit && a.title.startsWith(PREFERRED_FIX[file]));
        },
        {
          message: `a preferred quick fix for ${code} at line ${line + 1}`,
          describe: () =>
            JSON.stringify(
              offered.map((a) => ({
                title: a.title,
                kind: a.kind && a.kind.value,
                isPreferred: a.isPreferred,
                edit: !!a.edit,
              })),
            ),
        },
      );
      assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), 'a quick fix');

      assert.equal(await vscode.workspace.applyEdit(fix.edit), true, 'workspace.applyEdit applied the fix');
      assert.notEqual(document.getText(), original, 'the fix changed the text');
      await waitFor(
        () => {
          const list = lossDiagnostics(document.uri);
          const count = list.filter((d) => codeOf(d) === code).length;
          const stillThere = list.some((d) => codeOf(d) === code && d.range.start.line === line);
          return !stillThere && count < before.filter((d) => codeOf(d) === code).length;
        },
        { message: `${code} at line ${line + 1} to go away`, describe: () => describeDiagnostics(lossDiagnostics(document.uri)) },
      );

      // Undo, as Ctrl+Z would, in the active editor.
      assert.equal(vscode.window.activeTextEditor && vscode.window.activeTextEditor.document, document, 'the fixed file is the active editor');
      await vscode.commands.executeCommand('undo');
      await waitFor(() => document.getText() === original, { message: 'undo to restore the original text', timeout: 10000 });
      assert.equal(document.getText(), original);
      await waitFor(() => !document.isDirty, { message: 'the document to be clean again after undo', timeout: 5000 });
      await waitFor(() => signature(lossDiagnostics(document.uri)) === signature(before), {
        message: 'the problems to come back after undo',
        describe: () => `${describeDiagnostics(lossDiagnostics(document.uri))}, expected ${describeDiagnostics(before)}`,
      });
      assert.equal(editor.document, document);
    });
  }
});
