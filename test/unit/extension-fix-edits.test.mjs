import test from 'node:test';
import assert from 'node:assert/strict';
import { loadTsModule } from './extension-support.mjs';

const fixes = await loadTsModule('src/service/fixEdits.ts');

test('edits are put in document order and applied from the original offsets', () => {
  const text = 'tf.log(yPred) + tf.log(tf.sub(1, yPred))';
  const edits = fixes.orderedEdits(
    [
      { start: 33, end: 38, text: 'p' },
      { start: 7, end: 12, text: 'p' },
    ],
    text.length,
  );
  assert.deepEqual(edits.map((e) => e.start), [7, 33]);
  assert.equal(fixes.applyOffsetEdits(text, edits), 'tf.log(p) + tf.log(tf.sub(1, p))');
});

test('overlapping, reversed, out-of-range or empty edit lists are refused', () => {
  assert.equal(fixes.orderedEdits([{ start: 0, end: 5, text: '' }, { start: 4, end: 6, text: '' }], 10), undefined);
  assert.equal(fixes.orderedEdits([{ start: 5, end: 4, text: '' }], 10), undefined);
  assert.equal(fixes.orderedEdits([{ start: 0, end: 11, text: '' }], 10), undefined);
  assert.equal(fixes.orderedEdits([{ start: 0.5, end: 1, text: '' }], 10), undefined);
  assert.equal(fixes.orderedEdits([], 10), undefined);
  assert.ok(fixes.orderedEdits([{ start: 2, end: 2, text: 'a' }, { start: 2, end: 4, text: 'b' }], 10));
});

test('a shown problem finds its lint diagnostic by code and range, then by overlap', () => {
  const lint = [
    { code: 'log-of-zero', start: 10, end: 20, id: 'a' },
    { code: 'log-of-zero', start: 30, end: 40, id: 'b' },
    { code: 'non-differentiable', start: 30, end: 40, id: 'c' },
    { code: 'unknown-loss', start: 50, end: 50, id: 'd' },
  ];
  assert.equal(fixes.findLintDiagnostic(lint, { code: 'log-of-zero', start: 30, end: 40 }).id, 'b');
  assert.equal(fixes.findLintDiagnostic(lint, { code: 'non-differentiable', start: 30, end: 40 }).id, 'c');
  assert.equal(fixes.findLintDiagnostic(lint, { code: 'log-of-zero', start: 12, end: 22 }).id, 'a');
  assert.equal(fixes.findLintDiagnostic(lint, { code: 'unknown-loss', start: 50, end: 50 }).id, 'd');
  assert.equal(fixes.findLintDiagnostic(lint, { code: 'exp-overflow', start: 10, end: 20 }), undefined);
  assert.equal(fixes.findLintDiagnostic(lint, { code: 'log-of-zero', start: 21, end: 29 }), undefined);
});
