// Guards that give a prediction another value where a log would meet 0, written as plain JavaScript reassignments:
// `input = input == 0 ? 0.001 : input` and `if (p === 0) p = 1e-3; if (p === 1) p = 1 - 1e-3;`. Each guard is read in
// the way it goes where it is tested: the second guard of a prediction the first one changed is tested on the changed
// value, never taken for a setting that goes one way throughout the loss.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const logs = (code) => lint.lintText(code, '/p/losses.js').diagnostics.filter((d) => d.code === 'log-of-zero').map((d) => d.line);
const expression = (code, name) => lint.lintText(code, '/p/losses.js').sites.find((s) => s.name === name)?.expression;

test('reassigned guards: an exact 0 or 1 replaced before the log clears it', () => {
  const code = `export function bce(outputs, targets) {
  let input = outputs[0];
  if (targets[0] == 1) {
    input = input == 0 ? 0.001 : input;
    return -Math.log(input);
  }
  input = input == 1 ? 0.999 : input;
  return -Math.log(1 - input);
}
`;
  assert.deepEqual(logs(code), []);
});

test('reassigned guards: a guarded prediction still says it is a probability, whatever the loss is called', () => {
  // The loss's name says nothing (\`calc\` of a factory): the way that logs 1 - input is of a probability only because
  // its argument is the prediction with an exact 1 replaced, and over probabilities the guard clears the log.
  const guarded = (guard) => `export function binaryCrossEntropy() {
  const calc = (outputs, targets) => {
    let input = outputs[0];
    if (targets[0] == 1) {
      input = input == 0 ? 0.001 : input;
      return -Math.log(input);
    }
    ${guard}
    return -Math.log(1 - input);
  };
  return { calc };
}
`;
  assert.deepEqual(logs(guarded('input = input == 1 ? 0.999 : input;')), []);
  // Without the guard the same way logs 1 - p of a probability, and meets log(0) at p = 1.
  assert.deepEqual(logs(guarded('')), [9]);
});

test('reassigned guards: two if-guards, one after the other, are both read, in either order', () => {
  for (const [first, second] of [['if (p === 0) p = 1e-3;', 'if (p === 1) p = 1 - 1e-3;'], ['if (p === 1) { p = 0.999; }', 'if (p === 0) { p = 0.001; }'], ['if (p >= 1) p = 0.999;', 'if (p <= 0) p = 0.001;']]) {
    const code = `export function bce(p, y) {\n  ${first}\n  ${second}\n  return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));\n}\n`;
    assert.deepEqual(logs(code), [], code);
    // The second guard is in the reading of the way the first one does not take.
    assert.match(expression(code, 'bce'), /: p [=<>]+ [01] \? /, code);
  }
});

test('reassigned guards: one end guarded leaves the other log reported', () => {
  const code = `export function bce(p, y) {
  if (p === 1) p = 1 - 1e-3;
  return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
}
`;
  assert.deepEqual(logs(code), [3]);
});

test('reassigned guards: a setting tested twice still goes one way throughout (the same way both times)', () => {
  const code = `export function loss(p, y, fromLogits = false) {
  if (fromLogits) p = 1 / (1 + Math.exp(-p));
  const q = fromLogits ? p : Math.min(Math.max(p, 1e-7), 1 - 1e-7);
  return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
}
`;
  // The way read first takes the logits: the sigmoid made at line 2 meets the unclipped logs. In float64 it is exactly 1
  // from z = 36.7 (log(1 - q) is said) but exactly 0 only past -709 (log(q) is not).
  assert.equal(expression(code, 'loss'), '-(y * log(1 / (1 + exp(-p))) + (1 - y) * log(1 - 1 / (1 + exp(-p))))');
  assert.deepEqual(logs(code), [4]);
});

test('reassigned guards: guards nested in guards are read branch by branch, once each', () => {
  // Forty guards deep: each branch is asked once, so the reading stays linear in the nesting.
  let guarded = 'input';
  for (let k = 40; k >= 1; k--) guarded = `(input == ${(k / 100).toFixed(2)} ? ${((k + 0.5) / 100).toFixed(3)} : ${guarded})`;
  const code = `export function binaryCrossEntropy() {
  const calc = (outputs, targets) => {
    let input = outputs[0];
    input = input == 1 ? 0.999 : input == 0 ? 0.001 : ${guarded};
    return -Math.log(1 - input);
  };
  return { calc };
}
`;
  const r = lint.lintText(code, '/p/losses.js');
  assert.equal(r.internalError, undefined);
  // Read whole, and analysed: the guards clear both logs over the probabilities.
  const site = r.sites.find((s) => s.name === 'calc');
  assert.match(site?.expression ?? '', /== 0\.40 \? 0\.405/);
  assert.deepEqual(site?.analysis?.domain, [0, 1]);
  assert.deepEqual(r.diagnostics.filter((d) => d.code === 'log-of-zero').map((d) => d.line), []);
  // Without the guard of 1 the log meets log(0).
  const unguarded = lint.lintText(code.replace('input == 1 ? 0.999 : ', ''), '/p/losses.js');
  assert.deepEqual(unguarded.diagnostics.filter((d) => d.code === 'log-of-zero').map((d) => d.line), [5]);
});
