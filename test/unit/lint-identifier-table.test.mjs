// The lint skips a scan of a file's whole text for a word (`exp(`, `.fit(`, a loss-named function, an optimizer)
// when TypeScript's parser saw no identifier it can match: the parser's internal table of identifiers
// (SourceFile.identifiers). These tests pin what that table holds, so a TypeScript upgrade that changed it would fail
// here rather than silently drop findings: every identifier the scans look for (property names, parameters, method
// and class names, names in JSX and in Vue/HTML script blocks), spelled as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const { lintText } = require('../../dist/lint.cjs');

function table(text, kind = ts.ScriptKind.TS) {
  const file = ts.createSourceFile('a.ts', text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, kind);
  return file.identifiers;
}

test('the parser keeps a table of every identifier it read, property names and parameters included', () => {
  const names = table(`
    class Agent { actorOptimizer; step(obs) { return this.model.fit(obs, ys).then((h) => h.history.loss); } }
    const bceLoss = (yTrue, yPred) => tf.log(yPred).exp();
    opt.minimize(() => tf.losses.meanSquaredError(a, b));
    const { grads } = tf.variableGrads(f);
    const el = <Chart sigmoidCrossEntropy={x} />;
  `, ts.ScriptKind.TSX);
  assert.ok(names && typeof names.has === 'function', 'SourceFile.identifiers is a Map');
  for (const n of ['actorOptimizer', 'step', 'fit', 'history', 'loss', 'bceLoss', 'yTrue', 'yPred', 'log', 'exp', 'opt', 'minimize', 'losses', 'meanSquaredError', 'grads', 'variableGrads', 'Chart', 'sigmoidCrossEntropy']) {
    assert.ok(names.has(n), `${n} is in the table`);
  }
});

test('words in comments and strings are not identifiers', () => {
  const names = table(`// model.fit(xs, ys) and tf.log(p)\nconst s = "optimizer.minimize(exp)"; /* focalLoss */ const t = \`save\`;`);
  for (const n of ['fit', 'log', 'optimizer', 'minimize', 'exp', 'focalLoss', 'save']) assert.ok(!names.has(n), `${n} is not in the table`);
});

test('an escaped identifier is in the table as the name it spells', () => {
  const names = table('const l\\u006fss = 1; x.\\u0065xp();');
  assert.ok(names.has('loss') && names.has('exp'));
});

test('a training step found by its call in code is read, and the same words in a comment are not', () => {
  const code = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' }));
const opt = tf.train.adam(0.01);
const ys = tf.oneHot(tf.tensor1d([0, 1, 2], 'int32'), 3);
STEP(() => tf.losses.meanSquaredError(ys, model.predict(xs)));
`;
  const codes = (text) => lintText(text, 'a.ts').diagnostics.map((d) => d.code);
  assert.deepEqual(codes(code.replace('STEP', 'opt.minimize')), ['activation-mismatch']);
  assert.deepEqual(codes(code.replace('STEP', '// opt.minimize\nfoo')), []);
});
