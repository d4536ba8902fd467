// Targets whose declared type names their numbers: `train_labels: [0 | 1][]` of a class that fills the field from JSON
// and fits on `tensor(this.train_labels)`, `ys: Label[]` of the file's `type Label = 0 | 1`. The type is what the
// author says the labels are: 0/1 classes make sigmoid + MSE a classifier trained with the wrong loss; `number[]`
// says nothing.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const findings = (code) => lint.lintText(code, '/p/model.ts').diagnostics.filter((d) => d.code === 'activation-mismatch');

const validator = (type, metrics = "['accuracy', 'mse']") => `import { sequential, layers, losses, tensor, type Sequential } from '@tensorflow/tfjs-node';
import { readFile } from 'fs/promises';

export class Validator {
  public model: Sequential;
  public inputs: number[][] = [];
  public labels: ${type} = [];

  constructor() {
    this.model = sequential();
    this.model.add(layers.dense({ units: 16, inputShape: [9], activation: 'relu' }));
    this.model.add(layers.dense({ units: 1, activation: 'sigmoid' }));
    this.model.compile({ optimizer: 'sgd', loss: losses.meanSquaredError, metrics: ${metrics} });
  }

  public async train() {
    await this.model.fit(tensor(this.inputs), tensor(this.labels), { epochs: 50 });
  }

  public async load(path: string) {
    const { data } = JSON.parse(await readFile(path, 'utf8'));
    for (const d of data) {
      this.inputs.push(d.inputs);
      this.labels.push(d.labels);
    }
  }
}
`;

test('typed targets: a field typed as 0/1 labels is class targets', () => {
  for (const type of ['[0 | 1][]', 'Array<[0 | 1]>', '(0 | 1)[]', 'readonly (1 | 0)[]']) {
    const found = findings(validator(type));
    assert.equal(found.length, 1, type);
    assert.match(found[0].message, /on a sigmoid output with class targets/);
    assert.match(found[0].detail, /the targets are 0\/1 labels \(line 7\)/);
  }
});

test('typed targets: the file\'s own alias of 0 | 1, and a variable or parameter typed so', () => {
  const aliased = `type Label = 0 | 1;\n${validator('[Label][]')}`;
  assert.equal(findings(aliased).length, 1);
  const param = `import * as tf from '@tensorflow/tfjs';
export async function train(xs: number[][], ys: (0 | 1)[]) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  await model.fit(tf.tensor2d(xs), tf.tensor1d(ys), { epochs: 10 });
}
`;
  assert.equal(findings(param).length, 1);
});

test('typed targets: a type that allows other values says nothing', () => {
  for (const type of ['number[][]', '[number][]', 'Array<[0 | 0.5 | 1]>']) {
    assert.deepEqual(findings(validator(type)), [], type);
  }
  // An alias of another file is not read (its name says nothing here).
  assert.deepEqual(findings(validator('[Imported][]')), []);
});
