// A method of a loss class computes the loss (operationProbes.ts lossClassMethod): `class Hinge extends Loss {
// calculate(yHat, y) }` in plain numbers has the hinge's kink, and its logs are a cross-entropy's; a gradient method is no
// loss, nor is a method of a class that is not named for one.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const codes = (text) => lint.lintText(text, 'hinge.ts').diagnostics.map((d) => `${d.line} ${d.code}`);

const lossClass = (name, base, method, body) => `import { Loss } from './loss';
import { NDArray, Vector } from '../../math';
export class ${name}${base ? ` extends ${base}` : ''} {
  protected readonly margin = 1.0;
  public ${method}(yHat: Vector, y: Vector): number {
    return NDArray.iterate(
      (p: number, t: number): number => ${body},
      yHat,
      y,
    ).mean();
  }
}
`;

test('a hinge in a method of a loss class is reported at its kink', () => {
  assert.deepEqual(codes(lossClass('Hinge', 'Loss', 'calculate', 'Math.max(0, this.margin - t * p)')), ['7 non-differentiable']);
  assert.deepEqual(codes(lossClass('MarginRankingLoss', '', 'compute', 'Math.max(0, this.margin - t * p)')), ['7 non-differentiable']);
  assert.deepEqual(codes(lossClass('Hinge', 'losses.BaseLoss', 'call', 'Math.max(0, this.margin - t * p)')), ['7 non-differentiable']);
  // Said in terms of the prediction (p), not the target (t) or the margin the class keeps as a setting.
  const [d] = lint.lintText(lossClass('Hinge', 'Loss', 'calculate', 'Math.max(0, this.margin - t * p)'), 'hinge.ts').diagnostics;
  assert.match(d.message, /has a kink at p = /);
});

test("a loss class's gradient method, or a method of a class not named for a loss, is not read as a loss", () => {
  assert.deepEqual(codes(lossClass('Hinge', 'Loss', 'gradient', 'Math.max(0, this.margin - t * p)')), []);
  assert.deepEqual(codes(lossClass('Hinge', 'Loss', 'backward', 'Math.max(0, this.margin - t * p)')), []);
  assert.deepEqual(codes(lossClass('Chart', 'Widget', 'calculate', 'Math.max(0, this.margin - t * p)')), []);
});
