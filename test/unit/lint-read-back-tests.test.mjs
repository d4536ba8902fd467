// A prediction's value read back for a test (`absDiff.dataSync()[0] < 1 ? 0.5·d² : |d| − 0.5`) picks the branch by
// that value: the loss is read as the piecewise function it is, whose pieces join smoothly (translateCalls.ts inTest).
// And a function named for a slope (`huberSlope(r, delta)`, ψ = ρ') is a derivative, not a loss (functionNames.ts).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const kinks = (r) => r.diagnostics.filter((d) => d.code === 'non-differentiable');

test('a smooth L1 whose branch is picked by a value read back is smooth: no kink of the unselected abs', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
export const smoothL1 = (yp: tf.Tensor, y: tf.Tensor) => {
  const diff = yp.sub(y);
  const absDiff = diff.abs();
  return absDiff.dataSync()[0] < 1 ? diff.mul(diff).mul(0.5) : absDiff.sub(0.5);
};
`;
  const r = lint.lintText(text, 'loss.ts');
  assert.deepEqual(kinks(r), []);
  assert.match(r.sites[0].expression, /^abs\(yPred - y\) < 1 \?/);
  // A read-back value used in the loss's arithmetic is still a value of its own (no gradient flows through it).
  const scaled = lint.lintText(text.replace('absDiff.dataSync()[0] < 1 ? diff.mul(diff).mul(0.5) : absDiff.sub(0.5)', 'diff.mul(diff).div(absDiff.dataSync()[0])'), 'loss.ts');
  assert.match(scaled.sites[0].expression, /readBack/);
});

test('a slope function (the Huber loss derivative, a clip of the residual) is not a loss', () => {
  const text = `export function huberLoss(r: number, delta: number): number {
  const a = Math.abs(r);
  return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
}
export function huberSlope(r: number, delta: number): number {
  return Math.min(delta, Math.max(-delta, r));
}
`;
  const r = lint.lintText(text, 'huber.ts');
  assert.ok(!r.sites.some((s) => s.name === 'huberSlope'), JSON.stringify(r.sites.map((s) => s.name)));
  assert.deepEqual(kinks(r).filter((d) => d.line === 6), []);
});

test('a function that returns its value read back (arraySync, dataSync()[0], await data()) hands out numbers: a metric, not a loss', () => {
  const text = (body) => `import * as tf from '@tensorflow/tfjs';
export function calculateMAE(yTrue, yPred) {
  return ${body};
}
`;
  for (const body of ['yTrue.sub(yPred).abs().mean().arraySync()', 'yTrue.sub(yPred).abs().mean().dataSync()[0]', '-tf.abs(yTrue.sub(yPred)).mean().dataSync()', 'Number(yTrue.sub(yPred).abs().mean().arraySync())']) {
    assert.deepEqual(kinks(lint.lintText(text(body), 'utils.js')), [], body);
  }
  const awaited = text('(await yTrue.sub(yPred).abs().mean().data())[0]').replace('export function', 'export async function');
  assert.deepEqual(kinks(lint.lintText(awaited, 'utils.js')), []);
  // The tensor itself is a loss's value; so is a function handed to compile, whatever it returns.
  assert.equal(kinks(lint.lintText(text('yTrue.sub(yPred).abs().mean()'), 'utils.js')).length, 1);
  const compiled = `${text('yTrue.sub(yPred).abs().mean().arraySync()')}const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [3] }));
model.compile({ optimizer: 'sgd', loss: calculateMAE });
`;
  assert.equal(kinks(lint.lintText(compiled, 'utils.js')).length, 1);
});

test('a loss-shaped helper called only by a function that hands out numbers (tf.tidy(() => ….dataSync())) is a metric', () => {
  const text = (ret) => `import * as tf from '@tensorflow/tfjs';
export class Trainer {
  rnm(yTrue, yPred) {
    return tf.tidy(() => {
      const rmse = this.rootMeanSquaredError(yTrue, yPred);
      return ${ret};
    });
  }
  rootMeanSquaredError(yTrue, yPred) {
    return tf.square(yTrue.sub(yPred)).mean().sqrt();
  }
}
`;
  const sqrt = (r) => r.diagnostics.filter((d) => d.code === 'sqrt-at-zero');
  assert.deepEqual(sqrt(lint.lintText(text('rmse.div(tf.metrics.meanSquaredError(yTrue, yPred)).mean().dataSync()'), 'model.js')), []);
  // Returned as a tensor, the ratio may be trained on.
  assert.equal(sqrt(lint.lintText(text('rmse.div(tf.metrics.meanSquaredError(yTrue, yPred)).mean()'), 'model.js')).length, 1);
});

test('a metric that returns a number written out on an early path (`return 1.0` when both masks are empty) still hands out numbers', () => {
  // A brain-MRI app of a blind set the forty-first session lost with its machine: a thresholded Dice score read back, with 1.0 for two empty masks.
  const text = (early) => `import * as tf from '@tensorflow/tfjs';
export function calculateDice(prediction, groundTruth) {
  return tf.tidy(() => {
    const p = prediction.greater(0.5);
    const g = groundTruth.greater(0);
    const intersection = p.logicalAnd(g).sum();
    const denominator = p.sum().add(g.sum());
    if (denominator.dataSync()[0] === 0) {
      return ${early};
    }
    return intersection.mul(2).div(denominator).dataSync()[0];
  });
}
`;
  assert.deepEqual(lint.lintText(text('1.0'), 'preprocessing.js').diagnostics.map((d) => d.code), []);
  assert.deepEqual(lint.lintText(text('-1'), 'preprocessing.js').diagnostics.map((d) => d.code), []);
  // A tensor on the early path: the function may be trained on, and its comparisons have no gradient.
  assert.ok(lint.lintText(text('tf.scalar(1)'), 'preprocessing.js').diagnostics.some((d) => d.code === 'no-gradient'));
});
