// TF.js's own loss code as projects vendor it (tfjs-core 0.x/1.x's loss_ops.ts, holdout260 and holdout340): the ops
// come from `import * as ops from './ops'` or from files of ops of one kind (`import { scalar } from './tensor_ops'`);
// every loss hands its elementwise losses to computeWeightedLoss, whose chain of reduction tests ends in a throw.
// The way that throws is no way of the loss; the reduction helper, given losses already computed, is no loss itself.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const findings = (text, name = '/src/ops/loss_ops.ts') => {
  const r = lint.lintText(text, name);
  assert.equal(r.internalError, undefined);
  return r.diagnostics.map((d) => `${d.code}:${d.line}`);
};

const lossOps = (imports, scalar, minimum) => `${imports}
export enum Reduction { NONE, MEAN, SUM, SUM_BY_NONZERO_WEIGHTS }

function computeWeightedLoss(losses: Tensor, weights?: Tensor, reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  const weighted = weights == null ? losses : losses.mul(weights);
  if (reduction === Reduction.NONE) {
    return weighted;
  }
  if (reduction === Reduction.SUM) {
    return weighted.sum();
  }
  if (reduction === Reduction.MEAN) {
    return weights == null ? weighted.mean() : weighted.sum().div(weights.sum());
  }
  if (reduction === Reduction.SUM_BY_NONZERO_WEIGHTS) {
    if (weights == null) {
      return weighted.sum().div(${scalar}(losses.size));
    } else {
      const numNonZeros = weights.notEqual(${scalar}(0)).sum().toFloat();
      return weighted.sum().div(numNonZeros);
    }
  }
  throw Error('Unknown reduction: ' + reduction);
}

export function absoluteDifference(labels: Tensor, predictions: Tensor, weights?: Tensor, reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  const losses = labels.sub(predictions).abs();
  return computeWeightedLoss(losses, weights, reduction);
}

export function huberLoss(labels: Tensor, predictions: Tensor, weights?: Tensor, delta = 1.0, reduction = Reduction.SUM_BY_NONZERO_WEIGHTS): Tensor {
  const deltaScalar = ${scalar}(delta);
  const error = predictions.sub(labels).abs();
  const quadratic = ${minimum}(error, deltaScalar);
  const linear = error.sub(quadratic);
  const losses = ${scalar}(0.5).mul(quadratic.square()).add(deltaScalar.mul(linear));
  return computeWeightedLoss(losses, weights, reduction);
}
`;

test("tfjs-core's own loss_ops: the L1 kink is read past the reduction chain's throw, the Huber stays C1, and the reduction helper is no loss", () => {
  const namespace = lossOps("import { Tensor } from '../tensor';\nimport * as ops from './ops';", 'ops.scalar', 'ops.minimum');
  assert.deepEqual(findings(namespace), ['non-differentiable:28']);
  const grouped = lossOps("import { Tensor } from '../tensor';\nimport { minimum } from './binary_ops';\nimport { scalar } from './tensor_ops';", 'scalar', 'minimum');
  assert.deepEqual(findings(grouped), ['non-differentiable:29']);
});

test('a way that throws is no way of the loss; a loss every way of which throws is still unread', () => {
  const text = (last) => `import * as tf from '@tensorflow/tfjs';
export function lossFor(yTrue: tf.Tensor, yPred: tf.Tensor, reduction: number): tf.Tensor {
  const l = tf.abs(tf.sub(yTrue, yPred));
  if (reduction === Reduction.SUM) {
    return l.sum();
  }
  if (reduction === Reduction.MEAN) {
    return l.mean();
  }
  ${last}
}
`;
  const read = (t) => lint.lintText(t, '/src/losses.ts').sites.find((s) => s.name === 'lossFor');
  const throwing = text("throw new Error('unknown reduction ' + reduction);");
  assert.deepEqual(findings(throwing, '/src/losses.ts'), ['non-differentiable:3']);
  assert.equal(read(throwing).unreadable, undefined);
  assert.equal(read(throwing).expression, 'abs(yTrue - yPred)');
  // Every way throws: nothing to read, and the site says so.
  const none = text("throw new Error('unknown reduction ' + reduction);").replace('return l.sum();', "throw new Error('sum');").replace('return l.mean();', "throw new Error('mean');");
  assert.match(read(none).unreadable, /throws/);
});
