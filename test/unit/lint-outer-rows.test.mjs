// A hand network class whose training method takes rows as a parameter no call of its file gives
// (`learn(examples)`, then `backPropagate(examples[i].inputs, examples[i].outputs)`), and a driver script of the same
// project that calls it with rows written out (`nn.learn([{ inputs: [0, 0, 1], outputs: [0, 1, 0] }, …])`): the targets
// are the driver's, 0/1 bits here, so the squared error's delta through the sigmoid is the mismatch; fractions there
// keep it silent, and with no driver nothing is known.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const NEURONS = `export interface Example { inputs: number[]; outputs: number[]; }
function sigmoid(x: number): number { return 1 / (1 + Math.exp(-x)); }
export class NeuralNetwork {
  outputLayer: { output: number; weights: number[] }[] = [];
  epsilon = 0.5;
  forward(inputs: number[]): number[] {
    return this.outputLayer.map((n) => { n.output = sigmoid(n.weights.reduce((s, w, i) => s + w * inputs[i], 0)); return n.output; });
  }
  backPropagate(inputs: number[], targets: number[]): void {
    for (let i = 0; i < this.outputLayer.length; i++) {
      const neuron = this.outputLayer[i];
      const delta = (targets[i] - neuron.output) * neuron.output * (1 - neuron.output);
      for (let j = 0; j < neuron.weights.length; j++) neuron.weights[j] += this.epsilon * delta * inputs[j];
    }
  }
  learn(examples: Example[]): void {
    for (let it = 0; it < 100; it++) {
      for (let i = 0; i < examples.length; i++) {
        this.forward(examples[i].inputs);
        this.backPropagate(examples[i].inputs, examples[i].outputs);
      }
    }
  }
}
`;

const driver = (rows) => `import { NeuralNetwork, Example } from './neurons';
const examples: Example[] = ${rows};
const nn = new NeuralNetwork();
nn.learn(examples);
`;

const mismatches = (files) => {
  const map = new Map(Object.entries(files));
  const r = lint.lintText(map.get('/p/src/neurons.ts'), '/p/src/neurons.ts', { project: lint.projectFromMap(map) });
  assert.equal(r.internalError, undefined);
  return r.diagnostics.filter((d) => d.code === 'activation-mismatch');
};

test("rows a driver script of the project hands to the class's learn(examples): 0/1 bits make the squared-error delta a mismatch", () => {
  const found = mismatches({ '/p/src/neurons.ts': NEURONS, '/p/src/main.ts': driver('[{ inputs: [0, 0, 1], outputs: [0, 1, 0] }, { inputs: [0, 1, 1], outputs: [1, 0, 0] }]') });
  assert.equal(found.length, 1);
  assert.equal(found[0].line, 12);
  assert.match(found[0].detail, /0\/1 labels \(line 2 of main\.ts\)/);
});

test('fractions in the driver, or no driver at all, keep it silent', () => {
  assert.equal(mismatches({ '/p/src/neurons.ts': NEURONS, '/p/src/main.ts': driver('[{ inputs: [0, 0, 1], outputs: [0.2, 0.7, 0.1] }, { inputs: [0, 1, 1], outputs: [0.5, 0.3, 0.9] }]') }).length, 0);
  assert.equal(mismatches({ '/p/src/neurons.ts': NEURONS }).length, 0);
});
