// A log in a function that converts probabilities to logits (a distribution's `get logits() { return
// tf.log(this._probs) }`, `probsToLogits(p)`) encodes an impossible category as -Infinity on purpose: not reported
// (operationProbes.ts givenAsLogits). The same log in its log-probability is, and so is one a local named `logits`
// merely holds.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const found = (text) => lint.lintText(text, 'binomial.js').diagnostics.map((d) => `${d.line}: ${d.code}`);

const distribution = `import * as tf from '@tensorflow/tfjs';
export class Binomial {
  constructor({ totalCount, probs }) {
    this._totalCount = tf.scalar(totalCount);
    this._probs = tf.tensor(probs);
  }
  get logits() {
    return tf.tidy(() => tf.log(this._probs.div(tf.sub(1, this._probs))));
  }
  logitsOf() {
    const logits = tf.log(this._probs);
    return logits;
  }
  _logProb(k) {
    return tf.tidy(() => k.mul(tf.log(this._probs)).add(tf.sub(this._totalCount, k).mul(tf.log(tf.sub(1, this._probs)))));
  }
}
`;

test("a distribution's logits getter is a conversion; its log-probability's logs, and a local named logits, are still reported", () => {
  assert.deepEqual(found(distribution), ['11: log-of-zero', '15: log-of-zero', '15: log-of-zero']);
});
