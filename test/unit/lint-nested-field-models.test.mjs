// A model kept in a field of an object a class keeps in a field (`this.neuralModel = { model: null, trainingLabels: [] }`,
// `this.neuralModel.model = model` in one method, `this.neuralModel.model.fit(…)` in another): the fit's targets are the
// compiled model's (fittedModels.ts). holdout403's difficulty manager trains a sigmoid on a continuous multiplier
// scaled to [0, 1]; its accuracy metric had decided "classes" when the fit was not linked.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const text = (label, fit = 'this.neuralModel.model!.fit') => `import * as tf from '@tensorflow/tfjs';
interface NeuralState { model: tf.Sequential | null; trainingData: number[][]; trainingLabels: number[][]; }
export class Manager {
  private neuralModel: NeuralState;
  constructor() {
    this.neuralModel = { model: null, trainingData: [], trainingLabels: [] };
    this.init();
  }
  private init(): void {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', inputShape: [3] }));
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError', metrics: ['accuracy'] });
    this.neuralModel.model = model;
  }
  async train(): Promise<void> {
    const inputs = tf.tensor2d(this.neuralModel.trainingData);
    const labels = tf.tensor2d(this.neuralModel.trainingLabels);
    await ${fit}(inputs, labels, { epochs: 5 });
  }
  public addTrainingData(x: number[], actual: number): void {
    this.neuralModel.trainingData.push(x);
    const label = ${label};
    this.neuralModel.trainingLabels.push([label]);
  }
}
`;

const details = (t) => {
  const r = lint.lintText(t, '/src/manager.ts');
  assert.equal(r.internalError, undefined);
  return r.diagnostics.filter((d) => d.code === 'activation-mismatch').map((d) => `${d.line}: ${d.detail}`);
};

test('continuous targets scaled to [0, 1], fitted through this.neuralModel.model: silent despite the accuracy metric', () => {
  assert.deepEqual(details(text('(actual - 0.5) / 1.5')), []);
  assert.deepEqual(details(text('(actual - 0.5) / 1.5', 'this.neuralModel.model.fit')), []);
});

test('0/1 targets fitted the same way: the targets, not the metric, say classes', () => {
  const found = details(text('actual > 1 ? 1 : 0'));
  assert.equal(found.length, 1);
  assert.match(found[0], /^12: .*the targets are 0\/1 labels/);
});
