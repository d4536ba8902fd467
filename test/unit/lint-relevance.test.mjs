import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

test('the cheap relevance test: TF.js use, @loss, loss-named functions and (target, prediction) pairs, not ordinary code', () => {
  const relevant = [
    "import * as tf from '@tensorflow/tfjs';",
    'const y = tf.sigmoid(x);',
    '// @loss -y*log(p)',
    'function focalLoss(a, b) {}',
    'function hingeLoss_<T extends Tensor, O extends Tensor>(labels: T, predictions: O) {}',
    'const myLoss = (a, b) => a - b;',
    'export const crossEntropy = async function (a, b) {};',
    'const diceLoss = (yTrue: number[], yPred: number[]): number => 0;',
    'function bce(yTrue, yPred) { return Math.log(yPred); }',
    'const f = (labels: Tensor, predictions: Tensor) => labels;',
  ];
  for (const text of relevant) assert.equal(lint.looksLikeMlSource(text, 'a.ts'), true, text);
  const ordinary = [
    'export function chunk<T>(items: T[], size: number): T[][] { return []; }',
    'const lossless = compress(data);',
    'function render(props, state) { return null; }',
    'const total = items.reduce((a, b) => a + b, 0);',
  ];
  for (const text of ordinary) assert.equal(lint.looksLikeMlSource(text, 'a.ts'), false, text);
});

test('the relevance test is linear: hostile shapes that made a backtracking pattern quadratic return at once', () => {
  // Each of these took minutes with the previous unanchored pattern (40,000 characters: 1.1 s, growing with the square).
  for (const text of ['a'.repeat(2_000_000), 'lossy'.repeat(400_000), 'loss = ('.repeat(250_000), '(a, '.repeat(500_000), 'function '.repeat(200_000)]) {
    assert.equal(lint.looksLikeMlSource(text, 'a.ts'), false);
    assert.deepEqual(lint.lintText(text, 'a.ts').diagnostics, []);
  }
});

test('every caller gets the same answer: a file without any sign of ML code has no sites in lintText either', () => {
  const text = 'export function mean(values: number[]): number {\n  return values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);\n}\n';
  assert.deepEqual(lint.lintText(text, 'util.ts'), { sites: [], diagnostics: [] });
});

test('a file imported by another is parsed once and read the same either way', () => {
  const files = new Map([
    ['/p/model.ts', "import * as tf from '@tensorflow/tfjs';\nexport function build() { const m = tf.sequential(); m.add(tf.layers.dense({ units: 1, activation: 'sigmoid', inputShape: [4] })); return m; }\n"],
    ['/p/train.ts', "import * as tf from '@tensorflow/tfjs';\nimport { build } from './model';\nconst model = build();\nmodel.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });\n"],
  ]);
  const project = lint.projectFromMap(files);
  lint.clearCaches();
  const fresh = lint.lintText(files.get('/p/train.ts'), '/p/train.ts', { project });
  lint.clearCaches();
  lint.lintText(files.get('/p/model.ts'), '/p/model.ts', { project });
  const afterModel = lint.lintText(files.get('/p/train.ts'), '/p/train.ts', { project });
  assert.deepEqual(afterModel, fresh);
  assert.deepEqual(fresh.diagnostics.map((d) => d.code), ['activation-mismatch']);
  // The model file edited in the editor (same path, new text) is read again, not taken from the cache.
  files.set('/p/model.ts', files.get('/p/model.ts').replace("'sigmoid'", "'linear'"));
  const edited = lint.lintText(files.get('/p/train.ts'), '/p/train.ts', { project });
  assert.deepEqual(edited.diagnostics.map((d) => d.code), []);
});

test('a loss whose parameters are written with any letters, (y, ŷ) as in the textbook, has the shape of a loss', () => {
  const text = `export function bce(y, ŷ) {
  let total = 0;
  for (let i = 0; i < y.length; i++) total += -(y[i] * Math.log(ŷ[i]) + (1 - y[i]) * Math.log(1 - ŷ[i]));
  return total / y.length;
}
`;
  const r = lint.lintText(text, 'losses.js');
  assert.deepEqual(r.sites.filter((s) => s.kind === 'custom-function').map((s) => s.name), ['bce']);
  assert.deepEqual(r.diagnostics.map((d) => `${d.line} ${d.code}`), ['3 log-of-zero', '3 log-of-zero']);
  // Combining characters too: y followed by U+0302.
  assert.equal(lint.lintText(text.replaceAll('ŷ', 'y\u0302'), 'losses.js').sites.filter((s) => s.kind === 'custom-function').length, 1);
});
