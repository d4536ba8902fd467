import test from 'node:test';
import assert from 'node:assert/strict';
import { loadTsModule } from './extension-support.mjs';

const severity = await loadTsModule('src/service/severity.ts');
const labels = await loadTsModule('src/service/siteLabels.ts');
const languages = await loadTsModule('src/service/languages.ts');
const theme = await loadTsModule('src/service/theme.ts');

test('a per-code override replaces the lint severity; "off" hides the code; other codes keep theirs', () => {
  const overrides = { 'log-of-zero': 'hint', 'non-differentiable': 'off' };
  assert.equal(severity.effectiveSeverity('log-of-zero', 'error', overrides), 'hint');
  assert.equal(severity.effectiveSeverity('non-differentiable', 'info', overrides), undefined);
  assert.equal(severity.effectiveSeverity('exp-overflow', 'warning', overrides), 'warning');
});

test('each code links to its README heading', () => {
  assert.equal(severity.explanationUrl('log-of-zero'), 'https://github.com/loss-lens/loss-lens#log-of-zero');
  assert.equal(severity.explanationUrl('unknown-loss'), 'https://github.com/loss-lens/loss-lens#unknown-loss');
});

test('site titles and CodeLens titles say what the site is and what was found', () => {
  assert.equal(labels.siteTitle({ kind: 'custom-function', name: 'focalLoss' }), 'focalLoss');
  assert.equal(labels.siteTitle({ kind: 'compile', name: 'mse', lossName: 'mse' }), 'mse in model.compile');
  assert.equal(labels.siteTitle({ kind: 'annotation', expression: '-log(p)' }), '@loss -log(p)');
  assert.ok(labels.siteTitle({ kind: 'annotation', expression: 'x'.repeat(200) }).length < 60);
  assert.equal(labels.problemSummary(['error', 'warning', 'warning', 'info', 'hint']), '1 error, 2 warnings, 2 notes');
  assert.equal(labels.problemSummary([]), '');
  assert.equal(labels.codeLensTitle({ kind: 'custom-function', name: 'bce' }, ['error']), '$(graph-line) Preview loss: bce · 1 error');
  assert.equal(labels.codeLensTitle({ kind: 'custom-function', name: 'bce' }, []), '$(graph-line) Preview loss: bce');
});

test('documents are linted under a file name whose extension matches their language', () => {
  assert.equal(languages.lintFileName('/w/model.ts', 'typescript'), '/w/model.ts');
  assert.equal(languages.lintFileName('Untitled-1', 'typescript'), 'Untitled-1.ts');
  assert.equal(languages.lintFileName('/w/App.jsx', 'javascriptreact'), '/w/App.jsx');
  assert.equal(languages.lintFileName('/w/train.es6', 'javascript'), '/w/train.es6.js');
  assert.equal(languages.lintFileName('/w/model.MTS', 'typescript'), '/w/model.MTS');
  assert.deepEqual(languages.languagesReading(['.ts', '.tsx', '.js', '.jsx']), ['typescript', 'typescriptreact', 'javascript', 'javascriptreact']);
  assert.deepEqual(languages.languagesReading(['.py']), ['python']);
  assert.deepEqual(languages.languagesReading(['.pyw']), ['python']);
  assert.equal(languages.lintFileName('cell-3', 'python'), 'cell-3.py');
  assert.equal(languages.lintFileName('/w/train.py', 'python'), '/w/train.py');
  assert.equal(languages.lintFileName('/w/gui.pyw', 'python'), '/w/gui.pyw');
  assert.equal(languages.lintFileName('/w/explore.ipynb', 'python'), '/w/explore.ipynb.py', 'a notebook cell is linted as Python');
  assert.ok(!languages.isAnalysedScheme('git') && languages.isAnalysedScheme('file') && languages.isAnalysedScheme('untitled'));
});

test('theme kinds map to the four hover themes, each with its own plot colours', () => {
  assert.deepEqual([1, 2, 3, 4].map(theme.themeOfKind), ['light', 'dark', 'highContrast', 'highContrastLight']);
  const colours = new Set(['light', 'dark', 'highContrast', 'highContrastLight'].map((t) => theme.plotColors(t).foreground));
  assert.equal(colours.size, 4);
});
