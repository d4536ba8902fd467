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
