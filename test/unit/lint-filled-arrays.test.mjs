// An element of an array a loop fills (`probs[i] = tf.add(pdf(…), 1e-6)` into `new Array(n)`) is read as the value it
// is given, not guessed from the array's name (plainValues.ts filledElementValue, in operation mode): holdout242's
// A2C agent logged a Gaussian density plus 1e-6 held in `probabilityArray`.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const logs = (r) => r.diagnostics.filter((d) => d.code === 'log-of-zero');

const agent = (fill) => `import * as tf from '@tensorflow/tfjs';
export class Agent {
  density(a: tf.Tensor, mu: tf.Tensor, sigma: tf.Tensor): tf.Tensor {
    return tf.div(tf.exp(tf.mul(tf.square(tf.div(tf.sub(a, mu), sigma)), -0.5)), tf.mul(Math.sqrt(2 * Math.PI), sigma));
  }
  update(actions: tf.Tensor[], mus: tf.Tensor[], sigmas: tf.Tensor[], logits: tf.Tensor[], advantage: tf.Tensor) {
    const probabilityArray: tf.Tensor[] = new Array(actions.length);
    const logProbs: tf.Tensor[] = new Array(actions.length);
    for (let i = 0; i < actions.length; i++) {
      probabilityArray[i] = ${fill};
      logProbs[i] = tf.log(probabilityArray[i]);
    }
    return logProbs;
  }
}
`;

test('a filled element is the value it is given: a density plus 1e-6 cannot reach log(0)', () => {
  const r = lint.lintText(agent('tf.add(this.density(actions[i], mus[i], sigmas[i]), tf.scalar(0.000001))'), 'agent.ts');
  assert.deepEqual(logs(r).map((d) => d.message), []);
  // The log is read, with the fill in it (not skipped as unreadable).
  assert.ok(r.sites.some((s) => s.kind === 'operation' && /0\.000001|1e-6/.test(s.expression)), JSON.stringify(r.sites.map((s) => s.expression)));
});

test('a filled element that is a softmax still reaches log(0)', () => {
  const r = lint.lintText(agent('tf.softmax(logits[i])'), 'agent.ts');
  assert.equal(logs(r).length, 1, JSON.stringify(r.diagnostics.map((d) => d.message)));
});

test('an array written twice, or pushed to, is not read as one fill', () => {
  const twice = agent('tf.softmax(logits[i])').replace('logProbs[i] = tf.log', 'probabilityArray[0] = tf.scalar(1);\n      logProbs[i] = tf.log');
  const r = lint.lintText(twice, 'agent.ts');
  assert.ok(!r.sites.some((s) => s.kind === 'operation' && /softmax|exp/.test(s.expression)), JSON.stringify(r.sites.map((s) => s.expression)));
});
