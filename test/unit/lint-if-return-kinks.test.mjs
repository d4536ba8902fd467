// A loss that switches with `if (…) return …` has its kink reported at the `if`, where the switch is written, not at
// the function's name (translateStatements.ts).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

test('a pinball loss written with if/return: the kink is reported at the if', () => {
  const text = `export function pinballLoss(pred: number, target: number, tau: number): number {
  const diff = target - pred;
  if (diff >= 0) {
    return tau * diff;
  }
  return (tau - 1) * diff;
}
`;
  const r = lint.lintText(text, 'loss.ts');
  assert.deepEqual(r.diagnostics.map((d) => `${d.line}:${d.code}`), ['3:non-differentiable']);
  const [d] = r.diagnostics;
  assert.equal(text.slice(d.start, d.end), 'if (diff >= 0)');
});

test('a hinge written with an early return: reported at its if', () => {
  const text = `export function marginLoss(scoreCorrect: number, scoreWrong: number, margin: number) {
  const violation = margin - scoreCorrect + scoreWrong;
  if (violation <= 0) return { loss: 0 };
  return { loss: violation };
}
function hingeLoss(yTrue, yPred) {
  const z = 1 - yTrue * yPred;
  if (z > 0) return z;
  return 0;
}
`;
  const lines = lint.lintText(text, 'loss.ts').diagnostics.map((d) => d.line);
  assert.ok(lines.includes(8), JSON.stringify(lines));
  assert.ok(!lines.includes(6), JSON.stringify(lines));
});

// holdout202's boundary hinge: `if (Math.abs(d) < margin) loss += margin - Math.abs(d)` in a loop. The abs in the test
// only decides the branch; the loss kinks at d = 0 through the abs it adds, and at |d| = margin through the if.
test('an abs written in an if test is not reported as a kink; the kink of the test is reported at the if', () => {
  const text = `function boundaryLoss(predictions: number[], targets: number[], margin: number): number {
  let loss = 0;
  for (let i = 0; i < predictions.length; i++) {
    const pred = predictions[i];
    const target = targets[i];
    if (Math.abs(pred - target) < margin) {
      loss += margin - Math.abs(pred - target);
    }
  }
  return loss / predictions.length;
}
`;
  const r = lint.lintText(text, 'loss.ts');
  const where = r.diagnostics.map((d) => `${d.line}:${text.slice(d.start, d.end)}`).sort();
  assert.deepEqual(where, ['6:if (Math.abs(pred - target) < margin)', '7:Math.abs(pred - target)']);
});
