'use strict';

const assert = require('assert');
const vscode = require('vscode');
const { test, suite } = require('../runner/suite.cjs');
const { FAULTY, CORRECT, CORRECT_HINTS, FIRST_SITE } = require('./expected.cjs');
const {
  waitFor,
  openDocument,
  lossDiagnostics,
  describeDiagnostics,
  sameCodes,
  codeOf,
  waitForAnalysis,
  waitForActivation,
} = require('./helpers.cjs');

suite('diagnostics', () => {
  for (const [file, codes] of Object.entries(FAULTY)) {
    test(`${file} reports ${codes.join(', ')}`, async () => {
      const document = await openDocument(file);
      await waitForActivation();
      const found = await waitFor(
        () => {
          const list = lossDiagnostics(document.uri);
          return sameCodes(list, codes) ? list : null;
        },
        { message: `loss-lens diagnostics ${JSON.stringify(codes)} on ${file}`, describe: () => describeDiagnostics(lossDiagnostics(document.uri)) },
      );
      for (const d of found) {
        assert.ok(
          d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning,
          `${codeOf(d)} at line ${d.range.start.line + 1} is an error or a warning (listed in Problems)`,
        );
        assert.ok(!d.range.isEmpty, `${codeOf(d)} underlines some text`);
        assert.ok(d.message.length > 20, 'the message explains the problem');
        assert.ok(d.code && typeof d.code === 'object' && String(d.code.target).startsWith('https://'), 'the code links to its explanation');
      }
      const lenses = await waitForAnalysis(document);
      assert.ok(lenses[0].command.title.includes(`Preview loss: ${FIRST_SITE[file]}`), `first CodeLens: ${lenses[0].command.title}`);
    });
  }

  for (const file of CORRECT) {
    const hints = CORRECT_HINTS[file] || [];
    test(`${file} reports no problems${hints.length ? ` (only hints: ${hints.join(', ')})` : ''}`, async () => {
      const document = await openDocument(file);
      await waitForActivation();
      const lenses = await waitForAnalysis(document); // analysed: its loss site has a CodeLens
      assert.ok(lenses[0].command.title.includes(`Preview loss: ${FIRST_SITE[file]}`), `first CodeLens: ${lenses[0].command.title}`);
      const list = lossDiagnostics(document.uri);
      const problems = list.filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint);
      assert.deepEqual(describeDiagnostics(problems), '[]', `no errors, warnings or infos on ${file}`);
      const shownHints = [...new Set(list.map(codeOf))].sort();
      assert.deepEqual(shownHints, [...hints].sort(), `hints on ${file}`);
    });
  }
});
