// A logits loss in a helper whose parameter every call of the file gives a model's prediction
// (`calculateMetrics(labels, this.model.predict(x))` then `tf.losses.sigmoidCrossEntropy(trueLabels, predictions)`):
// the model's sigmoid is applied twice (logitsProbes.ts, argumentOutputs.ts). holdout400's lottery LSTM.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const text = (activation, given = 'this.model.predict(xs) as tf.Tensor') => `import * as tf from '@tensorflow/tfjs';
export class Predictor {
  private model = tf.sequential();
  build(): void {
    this.model.add(tf.layers.dense({ units: 8, activation: 'relu', inputShape: [4] }));
    this.model.add(tf.layers.dense({ units: 1, activation: '${activation}' }));
    this.model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  }
  async train(xs: tf.Tensor, labels: tf.Tensor): Promise<number> {
    await this.model.fit(xs, labels, { epochs: 5 });
    const predictions = ${given};
    return this.calculateMetrics(labels, predictions);
  }
  private calculateMetrics(trueLabels: tf.Tensor, predictions: tf.Tensor): number {
    return tf.losses.sigmoidCrossEntropy(trueLabels, predictions).dataSync()[0];
  }
}
`;

const mismatches = (t) => {
  const r = lint.lintText(t, '/src/predictor.ts');
  assert.equal(r.internalError, undefined);
  return r.diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => `${d.line}: ${d.message}`);
};

test("a helper's parameter given a sigmoid model's prediction, passed to sigmoidCrossEntropy: applied twice", () => {
  assert.deepEqual(mismatches(text('sigmoid')), ['15: tf.losses.sigmoidCrossEntropy expects logits, but predictions is given the output of a model that ends in a sigmoid: it is applied twice.']);
});

test('the same helper given a linear model (logits): silent', () => {
  assert.deepEqual(mismatches(text('linear')).filter((m) => m.startsWith('15:')), []);
});

test('a helper some call gives other values (not a prediction) is not read as the model', () => {
  const t = text('sigmoid').replace('return this.calculateMetrics(labels, predictions);', 'this.calculateMetrics(labels, predictions);\n    return this.calculateMetrics(labels, tf.randomNormal([4, 1]));');
  assert.deepEqual(mismatches(t), []);
});
