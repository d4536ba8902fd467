// A training function exported to the rest of an app (`trainStep(params, lr, data: DataPoint[])`) is called from other
// files, but its parameter's type is the file's own interface, and the file writes its DataPoint rows out: those rows
// are what the parameter is given, so their labels are the targets' evidence.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const mlp = ({ labels = ['0', '1', '1', '0'], ring = 'inner ? 1 : 0', declared = true, typed = 'DataPoint[]' } = {}) => `${declared ? `export interface DataPoint {
  input: [number, number];
  label: number;
}
` : "import type { DataPoint } from './data';\n"}
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export const XOR_DATA: ${typed} = [
  { input: [0, 0], label: ${labels[0]} },
  { input: [0, 1], label: ${labels[1]} },
  { input: [1, 0], label: ${labels[2]} },
  { input: [1, 1], label: ${labels[3]} },
];

export function rings(n: number): ${typed} {
  const data: ${typed} = [];
  for (let i = 0; i < n; i++) {
    const inner = i % 2 === 0;
    data.push({ input: [Math.random(), Math.random()], label: ${ring} });
  }
  return data;
}

export function forward(w: number[], b: number, input: [number, number]) {
  return { output: sigmoid(w[0] * input[0] + w[1] * input[1] + b) };
}

export function trainStep(w: number[], b: number, lr: number, data: ${typed}) {
  let gb = 0;
  const gw = [0, 0];
  for (const { input, label } of data) {
    const { output } = forward(w, b, input);
    const dRaw = 2 * (output - label) * output * (1 - output);
    gw[0] += dRaw * input[0];
    gw[1] += dRaw * input[1];
    gb += dRaw;
  }
  return { w: [w[0] - lr * gw[0], w[1] - lr * gw[1]], b: b - lr * gb };
}
`;

const found = (text) => lint.lintText(text, '/p/src/lib/mlp.ts').diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => `${d.line}: ${d.message}`);

test('typed rows: the 0/1 labels of the rows the file writes of the parameter\'s type make the squared error on a sigmoid a mismatch', () => {
  assert.deepEqual(found(mlp()), ['33: the backpropagated squared error on a sigmoid output with class targets: its gradient vanishes when saturated.']);
  assert.deepEqual(found(mlp({ typed: 'Array<DataPoint>' })).length, 1);
});

test('typed rows: fractional labels in any list of the type keep it silent', () => {
  assert.deepEqual(found(mlp({ ring: 'inner ? 0.9 : 0.1' })), []);
  assert.deepEqual(found(mlp({ labels: ['0.2', '0.7', '0.5', '0'] })), []);
});

test('typed rows: a type from another file says nothing here', () => {
  assert.deepEqual(found(mlp({ declared: false })), []);
});
