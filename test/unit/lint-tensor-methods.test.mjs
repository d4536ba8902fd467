import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';
import { loadTf } from '../oracle/tfjs/lossOracle.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const expressionOf = (body) => lint.lintText(`${HEADER}export function masked(yTrue: tf.Tensor, yPred: tf.Tensor) {\n  const mask = yTrue.greater(0.5);\n  return ${body};\n}\n`, 'a.ts').sites[0].expression;

test('x.where(cond, other) is tf.where(cond, x, other), as TF.js computes it', async () => {
  const tf = await loadTf();
  const x = tf.tensor1d([1, 2, 3]);
  const other = tf.tensor1d([10, 20, 30]);
  const cond = tf.tensor1d([true, false, true], 'bool');
  assert.deepEqual(Array.from(x.where(cond, other).dataSync()), Array.from(tf.where(cond, x, other).dataSync()));
  assert.equal(expressionOf('yPred.where(mask, tf.zerosLike(yPred)).abs().mean()'), expressionOf('tf.where(mask, yPred, tf.zerosLike(yPred)).abs().mean()'));
  assert.match(expressionOf('yPred.where(mask, tf.zerosLike(yPred)).abs().mean()'), /^abs\(yTrue > 0\.5 \? yPred : 0\)$/);
});

test('a choice between the same value either way is that value', () => {
  assert.equal(expressionOf('yPred.where(mask, yPred).sub(yTrue).square().mean()'), '(yPred - yTrue)^2');
});

test("a function written in a compile's metrics list is a metric: its kinks are not the loss's", () => {
  const text = `${HEADER}const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [3] }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: [(yTrue: tf.Tensor, yPred: tf.Tensor) => yTrue.sub(yPred).abs().mean()] });
model.compile({ optimizer: 'adam', loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => yTrue.sub(yPred).abs().mean() });
`;
  const r = lint.lintText(text, 'a.ts');
  assert.deepEqual(r.diagnostics.map((d) => `${d.line}:${d.code}`), ['5:non-differentiable']);
});
