// A forward pass that returns a name it assigned just before: `out = h.matMul(w).sigmoid(); return out;` with no
// declaration (a beginner's sloppy-mode global) or after `let out;`. Its output activation is what was assigned.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const step = (body) => `import * as tf from '@tensorflow/tfjs';
const w = tf.variable(tf.randomNormal([2, 1]));
function model(xs) {
${body}
}
const opt = tf.train.sgd(0.1);
function cost(y, output) {
  return tf.squaredDifference(y, output).mean();
}
const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]], [4, 2]);
const ys = tf.tensor2d([[0], [1], [1], [0]], [4, 1]);
for (let i = 0; i < 100; i++) opt.minimize(function () { return cost(ys, model(xs)); });
`;

test('a forward pass returning a name assigned just before, declared with let or not at all, ends in what was assigned', () => {
  for (const body of ['  out = xs.matMul(w).sigmoid();\n  return out;', '  let out;\n  out = xs.matMul(w).sigmoid();\n  return out;', '  hidden = xs.matMul(w);\n  out = hidden.sigmoid();\n  return out;']) {
    const r = lint.lintText(step(body), '/p/xor.js');
    assert.equal(r.sites.find((s) => s.name === 'cost')?.activation, 'sigmoid', body);
    assert.deepEqual(r.diagnostics.map((d) => d.code), ['activation-mismatch'], body);
  }
});

test('an assignment in a branch between the last plain one and the return leaves the output unknown', () => {
  const body = '  out = xs.matMul(w).sigmoid();\n  if (xs.shape[0] > 2) { out = xs.matMul(w); }\n  return out;';
  const r = lint.lintText(step(body), '/p/xor.js');
  assert.equal(r.sites.find((s) => s.name === 'cost')?.activation, null);
  assert.deepEqual(r.diagnostics, []);
});

test("targets in sloppy-mode globals: a data object assigned undeclared (data = makeData(n); data.out) and an array filled by push (out = []; out.push(row))", () => {
  const script = ({ declareData = false, declareRows = false, row = '[1, 0]' } = {}) => `function makeData(n) {
  ${declareRows ? 'const ' : ''}rows = [];
  for (var i = 0; i < n; i++) {
    var val = 0;
    if (Math.random() > 0.5) { val = ${row}; } else val = [0, 1];
    rows.push(val);
  }
  return { inp: rows.map(() => [Math.random(), Math.random()]), out: rows };
}
function adjust(n, model) {
  ${declareData ? 'const ' : ''}data = makeData(n);
  const ys = tf.tensor2d(data.out, [data.out.length, 2]);
  model.fit(tf.tensor2d(data.inp, [n, 2]), ys, { epochs: 5 });
}
function train() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 10, inputShape: [2] }));
  model.add(tf.layers.dense({ activation: 'sigmoid', units: 2 }));
  model.compile({ loss: tf.losses.meanSquaredError, optimizer: tf.train.sgd(0.05) });
  adjust(100, model);
}
`;
  const codes = (text) => lint.lintText(text, '/p/flower.js').diagnostics.map((d) => d.code);
  for (const declared of [{}, { declareData: true }, { declareRows: true }, { declareData: true, declareRows: true }]) {
    assert.deepEqual(codes(script(declared)), ['activation-mismatch'], JSON.stringify(declared));
  }
  // A pushed row of fractions makes the global's rows continuous values: no classes.
  assert.deepEqual(codes(script({ row: '[0.25, 0.75]' })), []);
});
