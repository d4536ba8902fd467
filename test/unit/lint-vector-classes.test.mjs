// Losses written over a project's own vector class (a hand network's loss table): `pred.get(i)` with the loop's index
// is the element, as `pred[i]` is, and `y.toArray()` the same values.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

test("a vector class's element read with the loop's index (pred.get(i)) is the element, and y.toArray() the same values: a loss table's hand MAE is read", () => {
  const table = (mae) => `class Vector {
  constructor(private data: number[]) {}
  get(i: number): number { return this.data[i]; }
  toArray(): number[] { return [...this.data]; }
  get length(): number { return this.data.length; }
}
export const Losses = {
  mse: { loss: (y: Vector, pred: Vector) => y.toArray().reduce((s, v, i) => s + (pred.get(i) - v) ** 2, 0) / y.length },
  mae: { loss: (y: Vector, pred: Vector) => y.toArray().reduce((s, v, i) => s + ${mae}, 0) / y.length },
};
`;
  const r = lint.lintText(table('Math.abs(pred.get(i) - v)'), '/src/nn/losses.ts');
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.line}`), ['non-differentiable:9']);
  assert.match(r.diagnostics[0].message, /^abs\(pred - y\)/);
  // Squared, it is smooth.
  assert.deepEqual(lint.lintText(table('(pred.get(i) - v) ** 2'), '/src/nn/losses.ts').diagnostics, []);
});
