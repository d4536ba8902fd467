// A loss's prediction named for what the model makes (`rendered`, `generated`, `reconstructed`, `forecast`,
// `estimate`, `fitted`), and its target after a setting (`l1Loss(rendered, channels, target)`), as plain image and
// signal losses write them (roleNames.ts, lossFunction.ts roleOrder); the target's fields destructured are data.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const found = (text) => lint.lintText(text, 'loss.ts').diagnostics.map((d) => `${d.line}:${d.code}`);

const l1 = (params, pred = 'rendered', target = 'target') => `export function l1Loss(${params}): number {
  const { width, height } = ${target};
  let loss = 0;
  for (let i = 0; i < width * height; i++) {
    const diff = ${pred}[i] - ${target}.data[i];
    loss += Math.abs(diff);
  }
  return loss / (width * height);
}
`;

test("a prediction named for what the model makes, beside a target, is a loss's shape", () => {
  for (const name of ['rendered', 'generated', 'reconstructed', 'forecast', 'estimate', 'fitted']) {
    assert.deepEqual(found(l1(`${name}: Float32Array, target: Img`, name)), ['6:non-differentiable'], name);
  }
  // A name that says nothing keeps the function out, as before: `img` is as often an input as an output. The absolute
  // error added into its `loss` is still read in place (hingeProbes.ts), as an operation, not as the function's shape.
  const img = lint.lintText(l1('img: Float32Array, target: Img', 'img'), 'loss.ts');
  assert.deepEqual(img.sites.map((s) => s.kind), ['operation']);
  assert.deepEqual(img.diagnostics.map((d) => `${d.line}:${d.code}`), ['6:non-differentiable']);
});

test('the target after a setting (`l1Loss(rendered, channels, target)`) is the target, not the setting', () => {
  const r = lint.lintText(l1('rendered: Float32Array, channels: 3 | 4, target: Img'), 'loss.ts');
  assert.deepEqual(r.diagnostics.map((d) => `${d.line}:${d.code}`), ['6:non-differentiable']);
  const site = r.sites.find((s) => s.name === 'l1Loss');
  assert.equal(site.target, 'target');
  assert.equal(site.unreadable, undefined);
});

test("the target object's fields destructured in the loss (`const { width, height } = target`) are data", () => {
  const r = lint.lintText(l1('pred: Float32Array, target: Img', 'pred'), 'loss.ts');
  assert.equal(r.sites.find((s) => s.name === 'l1Loss')?.unreadable, undefined);
  assert.deepEqual(r.diagnostics.map((d) => `${d.line}:${d.code}`), ['6:non-differentiable']);
  // The prediction's own fields are not data: destructuring it is still not followed.
  const own = lint.lintText(l1('pred: Img, target: Img', 'pred.data', 'target').replace('= target;', '= pred;'), 'loss.ts');
  assert.match(own.sites.find((s) => s.name === 'l1Loss')?.unreadable ?? '', /destructuring is not followed/);
});

test("(expected, actual) is a node cost's target and output, with the names kept in messages; (actual, expected) is an assertion's", () => {
  const text = (params) => `export type NodeCost = (expected: number, actual: number) => number;
export const binaryCrossEntropy: NodeCost = (${params}) => -expected * Math.log(actual) - (1 - expected) * Math.log(1 - actual);
export const absoluteError: NodeCost = (${params}) => Math.abs(expected - actual);
`;
  const r = lint.lintText(text('expected, actual'), 'costs.ts');
  assert.deepEqual(r.diagnostics.map((d) => `${d.line}:${d.code}`), ['2:log-of-zero', '2:log-of-zero', '3:non-differentiable']);
  assert.match(r.diagnostics[1].message, /log\(1 - actual\)/);
  // A test helper's `expectArraysClose(actual, expected)` is no loss.
  const helper = 'export function expectArraysClose(actual: number[], expected: number[]) {\n  for (let i = 0; i < actual.length; i++) if (Math.abs(actual[i] - expected[i]) > 1e-3) throw new Error(`${i}`);\n}\n';
  assert.deepEqual(lint.lintText(helper, 'test_util.ts').sites, []);
  // `actual` beside `predicted` is the target, as before.
  assert.deepEqual(found('export function mae(actual: number, predicted: number) { return Math.abs(actual - predicted); }'), ['1:non-differentiable']);
});

test('compound parameter names whose words say the roles ((targetArray, outputArray), (expectedOutputs, predictedValues)) make a loss', () => {
  const text = (a, b) => `export class Net {
  calculateError(${a}: number[], ${b}: number[]): number {
    let sum = 0;
    for (let i = 0; i < ${a}.length; i++) sum += Math.abs(${a}[i] - ${b}[i]);
    return sum / ${a}.length;
  }
}
`;
  for (const [a, b] of [['targetArray', 'outputArray'], ['outputArray', 'targetArray'], ['expectedOutputs', 'predictedValues'], ['trueValues', 'predValues']]) {
    assert.deepEqual(lint.lintText(text(a, b), 'net.ts').diagnostics.map((d) => `${d.line}:${d.code}`), ['4:non-differentiable'], `${a}, ${b}`);
  }
  // Two names that both say output (or neither says a role) are no pair.
  assert.deepEqual(lint.lintText(text('outputArray', 'hiddenOutputs'), 'net.ts').diagnostics, []);
  assert.deepEqual(lint.lintText(text('leftArray', 'rightArray'), 'net.ts').diagnostics, []);
});

// holdout211's p5 pixel classifier: `loss(predicted, actual)` is minimised, `acc(predicted, actual)` (tf.sign of the
// prediction times the ±1 labels) is only printed. Accuracy shortened to `acc` says a metric, as `accuracy` does.
test('a function of a loss\'s shape named acc (trainAcc, acc_fn) is a metric, not a loss; accumulate is not', () => {
  const text = (name) => `const tf = require('@tensorflow/tfjs');
function ${name}(predicted, actual) {
  return tf.sign(predicted).mul(actual).mean();
}
`;
  for (const name of ['acc', 'trainAcc', 'acc_fn', 'computeACC']) assert.deepEqual(lint.lintText(text(name), '/p/sketch.js').diagnostics, [], name);
  for (const name of ['accumulatedLoss', 'signLoss']) assert.deepEqual(lint.lintText(text(name), '/p/sketch.js').diagnostics.map((d) => d.code), ['non-differentiable'], name);
});
