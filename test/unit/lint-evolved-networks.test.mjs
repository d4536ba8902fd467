// A network evolved instead of trained (neuroevolution: mutate/crossover, weights set back with setWeights), in a file
// that never fits or steps an optimizer: no targets meet its compiled loss, so MSE on its softmax or sigmoid (wrong
// only for class targets) is not reported; a pairing wrong for every target (a probability loss on a linear output)
// still is. holdout403's snake agent; holdout60's flappy bird labels the second kind positive.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const brain = ({ activation = 'softmax', loss = 'meanSquaredError', train = '' } = {}) => `import * as tf from '@tensorflow/tfjs';
export class Brain {
  constructor() {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [8] }));
    this.model.add(tf.layers.dense({ units: 4, activation: '${activation}' }));
    this.model.compile({ optimizer: 'sgd', loss: '${loss}' });
  }
  decide(inputs) {
    return tf.tidy(() => this.model.predict(tf.tensor2d([inputs])).argMax(1).dataSync()[0]);
  }
  mutate(rate) {
    const weights = this.model.getWeights().map((w) => tf.tidy(() => w.add(tf.randomNormal(w.shape).mul(rate))));
    this.model.setWeights(weights);
  }
  crossover(other) {
    const mine = this.model.getWeights();
    const theirs = other.model.getWeights();
    this.model.setWeights(mine.map((w, i) => (Math.random() < 0.5 ? w : theirs[i])));
  }
  ${train}
}
`;

const codes = (t) => {
  const r = lint.lintText(t, '/src/brain.js');
  assert.equal(r.internalError, undefined);
  return r.diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => d.line);
};

test('softmax + MSE in an evolved network never fitted: silent', () => {
  assert.deepEqual(codes(brain()), []);
});

test('a probability loss on a linear output is wrong whatever the targets, evolved or not', () => {
  assert.deepEqual(codes(brain({ activation: 'linear', loss: 'categoricalCrossentropy' })), [7]);
});

test('the same network fitted on one-hot moves is trained: softmax + MSE is reported', () => {
  const train = `async learn(xs) { await this.model.fit(tf.tensor2d(xs), tf.oneHot(tf.tensor1d([0, 1], 'int32'), 4)); }`;
  assert.deepEqual(codes(brain({ train })), [7]);
});

test('a genetic algorithm written in another language (Poblacion, mutacion) is evolution too', () => {
  const spanish = brain().replace(/mutate\(/g, 'mutacion(').replace(/crossover\(/g, 'cruce(').replace('export class Brain {', '// Poblacion de redes\nexport class Brain {');
  assert.deepEqual(codes(spanish), []);
  // Without any word of a genetic algorithm, weights set back are a copy (a target network), not evolution.
  const plain = brain().replace(/mutate\(/g, 'jitter(').replace(/crossover\(/g, 'blend(');
  assert.deepEqual(codes(plain), [7]);
});
