// Plain-number hinges as strict TypeScript and scikit-learn ports write them (hingeProbes.ts, translate.ts): data read
// through `?? 0` guards is data, and a hinge raised to a power is read whole (the squared hinge is C1).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const nd = (text) => lint.lintText(text, 'PassiveAggressive.ts').diagnostics.filter((d) => d.code === 'non-differentiable').map((d) => `${d.line}: ${d.message}`);

const classifier = (hinge, squared = 'Math.max(0, 1 - yi * score) ** 2') => `export class PassiveAggressiveClassifier {
  fit(X: Float64Array[], y: Float64Array, w: Float64Array, b: Float64Array): void {
    for (let i = 0; i < X.length; i++) {
      const xi = X[i]!;
      const yi = y[i] ?? 0;
      let score = b[0] ?? 0;
      for (let j = 0; j < xi.length; j++) score += (w[j] ?? 0) * (xi[j] ?? 0);
      let loss: number;
      if (this.loss === 'hinge') {
        loss = ${hinge};
      } else {
        loss = ${squared};
      }
      if (loss > 0) {
        const tau = Math.min(this.C, loss / 2);
        for (let j = 0; j < xi.length; j++) w[j]! += tau * yi * (xi[j] ?? 0);
      }
    }
  }
}
`;

test('a hinge on data read through ?? 0 guards is reported at its kink; the squared hinge beside it is not', () => {
  const found = nd(classifier('Math.max(0, 1 - yi * score)'));
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0], /^10: max\(0, 1 - y \* \w+\) has a kink/);
});

test('a hinge raised to a power (** 2, Math.pow) is read whole: C1, silent', () => {
  assert.deepEqual(nd(classifier('Math.max(0, 1 - yi * score) ** 2')), []);
  assert.deepEqual(nd(classifier('Math.pow(Math.max(0, 1 - yi * score), 2)', 'Math.pow(Math.max(0, 1 - yi * score), 2)')), []);
  assert.deepEqual(nd(classifier('(Math.max(0, 1 - yi * score)) ** 2')), []);
  // A power of one keeps the kink.
  assert.equal(nd(classifier('Math.max(0, 1 - yi * score) ** 1', 'Math.max(0, 1 - yi * score) ** 1')).length, 2);
});

test('a setting read through ?? stays a setting: the epsilon-insensitive band of options.epsilon ?? 0.1 has its kink at y + epsilon', () => {
  const text = `export function fit(X: number[][], y: number[], w: number[], b: number, options: { epsilon?: number } = {}) {
  for (let i = 0; i < X.length; i++) {
    let pred = b;
    for (let j = 0; j < X[i].length; j++) pred += w[j] * X[i][j];
    const loss = Math.max(0, Math.abs(y[i] - pred) - (options.epsilon ?? 0.1));
    if (loss > 0) b += 0.01 * Math.sign(y[i] - pred);
  }
}
`;
  assert.match(nd(text).join('\n'), /^5: max\(0, abs\(y - pred\) - epsilon\) has a kink at pred = y \+ epsilon/);
});

test('a score summed over the features in a loop is the score, not the bias it starts from', () => {
  const found = nd(classifier('Math.max(0, 1 - yi * score)'));
  assert.match(found[0] ?? '', /max\(0, 1 - y \* score\) has a kink at score = 1 \/ y/);
});

test('a hinge kept in a const that is only squared (const h = Math.max(0, 1 - y * f); return h * h) is C1; its gradient function is no loss', () => {
  const text = `/** Hinge loss */
export function hingeLoss(y: number, f: number): number {
  return Math.max(0, 1 - y * f);
}
/** Squared hinge loss */
export function squaredHingeLoss(y: number, f: number): number {
  const h = Math.max(0, 1 - y * f);
  return h * h;
}
/** Its gradient */
export function squaredHingeLossGrad(y: number, f: number): number {
  const h = Math.max(0, 1 - y * f);
  return h > 0 ? -2 * y * h : 0;
}
`;
  assert.deepEqual(nd(text).map((d) => d.split(':')[0]), ['3']);
  // Used once squared and once as it is: the hinge's own kink is in the loss.
  assert.deepEqual(nd(text.replace('  return h * h;', '  return h * h + 0.1 * h;')).map((d) => d.split(':')[0]), ['3', '7']);
});
