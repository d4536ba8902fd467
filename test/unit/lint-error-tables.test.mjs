// Error tables of from-scratch networks (the TF.js playground's shape): `{ error: (output, target) => …, der: (output,
// target) => … }`. The loss's kink is reported at the loss; the derivative beside it jumps there by definition, so its
// jumps are not reported again, but a log or a division in it still blows up training and is reported.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const findings = (text, name = 'nn.ts') => lint.lintText(text, name).diagnostics.map((d) => `${d.code}:${d.line}`);

test('an error table: the loss\'s kink is reported, its derivative\'s jump is not', () => {
  const text = `export class Errors {
  public static ABSOLUTE = {
    error: (output: number, target: number) => Math.abs(output - target),
    der: (output: number, target: number) => (output > target ? 1 : output < target ? -1 : 0),
  };
  public static HINGE = {
    output: (output: number, target: number) => Math.max(0, 1 - output * target),
    der: (output: number, target: number) => (1 - output * target > 0 ? -target : 0),
  };
}
`;
  assert.deepEqual(findings(text), ['non-differentiable:3', 'non-differentiable:7']);
});

test("an error table: a log in the derivative is still reported", () => {
  const text = `export const Loss = {
  BCE: {
    output: (output: number, target: number) => (target ? -Math.log(output) : -Math.log(1 - output)),
    der: (output: number, target: number) => (target ? -Math.log(output) / output : Math.log(1 - output)),
  },
};
`;
  const codes = findings(text);
  assert.ok(codes.includes('log-of-zero:3'), codes.join());
  assert.ok(codes.includes('log-of-zero:4'), codes.join());
});

test('a `der` that is not beside a loss (a lone function field) keeps every check', () => {
  const text = `export const step = { der: (output: number, target: number) => Math.abs(output - target) };
`;
  assert.deepEqual(findings(text), ['non-differentiable:1']);
});

test("mathjs loaded as a page's global (math.abs) is read as Math.abs", () => {
  const text = `const errorL1 = {
    output: (output, target) => math.abs(output - target),
    der: () => 1,
};
export function train(nn, x, y) { return backProp(nn, x, y, errorL1, 0.5); }
`;
  assert.deepEqual(findings(text, 'backprop.js'), ['non-differentiable:2']);
});

test('a loss table filled case by case (`ret.evaluate = …; ret.derivative = …`): the derivative\'s jumps are the loss\'s', () => {
  const table = (derivative, evaluate = 'Math.abs(y - yhat)') => `function enumerateTypes(name) {
  var ret = new Object();
  switch (name) {
    case "abs":
      ${evaluate === null ? '' : `ret.evaluate = function (y, yhat) { return ${evaluate}; };`}
      ret.derivative = function (y, yhat) { return ${derivative}; };
      break;
  }
  return ret;
}
`;
  assert.deepEqual(findings(table('y - yhat !== 0 ? -(y - yhat) / Math.abs(y - yhat) : 0'), 'loss.js').filter((f) => f.startsWith('non-')), ['non-differentiable:5']);
  assert.deepEqual(findings(table('Math.max(-1, Math.min(1, -(y - yhat)))', 'y - yhat'), 'loss.js'), []);
  // Alone on its object, a derivative-named function is read as what it computes.
  assert.deepEqual(findings(table('Math.max(-1, Math.min(1, -(y - yhat)))', null), 'loss.js'), ['non-differentiable:6', 'non-differentiable:6']);
});

test('a table of derivatives by its name (lossFunctions_D beside lossFunctions): its jumps are the losses\' kinks, said once there', () => {
  const tables = (name) => `export const lossFunctions = {
  mae: (outputs, expectedValues) => expectedValues.reduce((a, v, idx) => a + Math.abs(outputs[idx] - v), 0) / expectedValues.length,
};
export const ${name} = {
  mae: (output, expectedValue) => {
    if (output > expectedValue) return 1;
    else return -1;
  },
};
`;
  for (const name of ['lossFunctions_D', 'lossDerivatives', 'derivatives']) assert.deepEqual(findings(tables(name), 'lossFunctions.ts'), ['non-differentiable:2'], name);
  // Another table's name: its function is read as the loss it looks like, a jump of its own.
  assert.deepEqual(findings(tables('lossFunctionsV2'), 'lossFunctions.ts'), ['non-differentiable:2', 'non-differentiable:6']);
});
