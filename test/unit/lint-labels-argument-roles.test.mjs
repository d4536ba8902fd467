// A parameter a loss function hands to a TF.js loss as its labels is the target (labelsArgument.ts): a matrix
// factorisation's loss(X, H, D) compares the data X with H·D, so a mask on X needs no gradient. TF.js itself confirms
// that minimising it trains; the same mask on the prediction throws.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { lint } from './lint-support.mjs';

const require = createRequire(import.meta.url);
const codes = (text) => lint.lintText(text, 'MatrixFactorization.ts').diagnostics.map((d) => `${d.line} ${d.code}`);

const factorisation = (masked = 'X') => `import * as tf from '@tensorflow/tfjs';
export class MatrixFactorization {
  constructor(samples: number, features: number, hidden = 2) {
    this.d = tf.variable(tf.randomNormal([hidden, features]));
    this.h = tf.variable(tf.randomNormal([samples, hidden]));
  }
  loss(X: tf.Tensor2D, H: tf.Tensor2D, D: tf.Tensor2D) {
    const xHat = H.matMul(D);
    const mask = tf.where(${masked}.equal(tf.scalar(0)), tf.zerosLike(X), tf.onesLike(X));
    return tf.losses.meanSquaredError(X, xHat.mul(mask));
  }
  train(X: tf.Tensor2D, optimizer: tf.Optimizer) {
    return optimizer.minimize(() => this.loss(X, this.h, this.d), true, [this.d, this.h]);
  }
}
`;

test('the data handed to tf.losses as labels is the target: a mask on it is no gradient-less op on the prediction', () => {
  assert.deepEqual(codes(factorisation('X')), []);
  // The same mask on the product H·D is on the prediction's path: TF.js has no gradient for Equal.
  assert.deepEqual(codes(factorisation('xHat')), ['9 no-gradient']);
});

test('TF.js trains the factorisation with the mask on the data, and throws with the mask on the prediction', () => {
  const tf = require('@tensorflow/tfjs');
  tf.setBackend('cpu');
  const X = tf.tensor2d([[1, 0, 2], [0, 3, 1]]);
  const H = tf.variable(tf.randomNormal([2, 2], 0, 1, 'float32', 7));
  const D = tf.variable(tf.randomNormal([2, 3], 0, 1, 'float32', 8));
  const loss = (maskOn) => () => {
    const xHat = H.matMul(D);
    const mask = tf.where((maskOn === 'data' ? X : xHat).equal(tf.scalar(0)), tf.zerosLike(X), tf.onesLike(X));
    return tf.losses.meanSquaredError(X, xHat.mul(mask));
  };
  const optimizer = tf.train.sgd(0.1);
  const value = optimizer.minimize(loss('data'), true, [H, D]);
  assert.ok(Number.isFinite(value.dataSync()[0]));
  assert.throws(() => optimizer.minimize(loss('prediction'), true, [H, D]), /gradient function not found for Equal/);
});

test('names that say their roles keep them: (yPred, yTrue) handed to tf.losses in TF.js order', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
export function masked(yPred: tf.Tensor, yTrue: tf.Tensor) {
  const mask = tf.where(yPred.greater(0.5), tf.onesLike(yPred), tf.zerosLike(yPred));
  return tf.losses.meanSquaredError(yTrue, yPred.mul(mask));
}
`;
  assert.ok(codes(text).includes('3 no-gradient'), codes(text).join());
});
