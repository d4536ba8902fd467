// A helper given a position computed from loop indices (`finiteSample(rendered, p * channels + c)`) reads an element:
// its index parameter stays a position, not a value of the loss (inlineHelpers.ts).
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const text = (sample) => `function finiteSample(buf: Float32Array, i: number): number {
  const v = buf[i];
  return v !== undefined && Number.isFinite(v) ? v : 0;
}
export function l1Loss(pred: Float32Array, target: Float32Array, channels: number, n: number): number {
  let loss = 0;
  for (let p = 0; p < n; p++) {
    for (let c = 0; c < 3; c++) {
      const diff = ${sample('pred')} - ${sample('target')};
      loss += Math.abs(diff);
    }
  }
  return loss / (n * 3);
}
`;

test('an element read through a helper given loop indices is the element: the L1 kink is found', () => {
  const r = lint.lintText(text((a) => `finiteSample(${a}, p * channels + c)`), 'loss.ts');
  assert.equal(r.sites.find((s) => s.name === 'l1Loss')?.unreadable, undefined);
  assert.deepEqual(r.diagnostics.map((d) => `${d.line}:${d.code}`), ['10:non-differentiable']);
  // The same loss indexing the arrays itself reads the same.
  const direct = lint.lintText(text((a) => `${a}[p * channels + c]`), 'loss.ts');
  assert.deepEqual(direct.diagnostics.map((d) => `${d.line}:${d.code}`), ['10:non-differentiable']);
});

test('a loop index used as a number inside the helper is still not a value of the loss', () => {
  const r = lint.lintText(text((a) => `finiteSample(${a}, p * channels + c)`).replace('return v !== undefined && Number.isFinite(v) ? v : 0;', 'return v * i;'), 'loss.ts');
  assert.match(r.sites.find((s) => s.name === 'l1Loss')?.unreadable ?? '', /loop index/);
});
