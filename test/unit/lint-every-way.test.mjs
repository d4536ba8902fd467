// A loss chosen by one setting (`switch (lossType)`) for a model whose head another setting chooses (`if (numClasses
// === 2)` sigmoid, else softmax): no way of the head goes with the loss, so the loss meets whichever way the model is
// built. It is checked against every way and reported only for what every way gives; then no fix of the loss is
// offered, since each way would want its own.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const lintOf = (text) => {
  const r = lint.lintText(text, '/src/net.ts');
  assert.equal(r.internalError, undefined);
  return r;
};

const net = (cases) => `import * as tf from '@tensorflow/tfjs';
export class Net {
  buildModel(config: { lossFunction: string }, numClasses: number): tf.Sequential {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 8, inputShape: [2], activation: 'relu' }));
    if (numClasses === 2) {
      model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
    } else {
      model.add(tf.layers.dense({ units: numClasses, activation: 'softmax' }));
    }
    const loss = this.getLossFunction(config.lossFunction, numClasses);
    model.compile({ optimizer: 'adam', loss, metrics: ['accuracy'] });
    return model;
  }
  private getLossFunction(lossType: string, numClasses: number): string {
    switch (lossType) {
${cases}
      default:
        return numClasses === 2 ? 'binaryCrossentropy' : 'categoricalCrossentropy';
    }
  }
}
`;

test("a squared error another setting chooses: wrong for the sigmoid way and the softmax way, so reported once for both", () => {
  const r = lintOf(net(`      case 'mse':\n        return 'meanSquaredError';`));
  assert.deepEqual(r.diagnostics.map((d) => `${d.code}:${d.line}`), ['activation-mismatch:12']);
  const d = r.diagnostics[0];
  assert.match(d.detail, /softmax output/);
  assert.match(d.detail, /sigmoid output at line 7/);
  // No way's own loss fits the other way: no fix is offered.
  assert.deepEqual(d.fixes, []);
});

test('a loss wrong for one way only, chosen by another setting: silent (that way may never meet it)', () => {
  // binaryCrossentropy suits the sigmoid way, not the softmax one.
  assert.deepEqual(lintOf(net(`      case 'bce':\n        return 'binaryCrossentropy';`)).diagnostics, []);
  // Every way the numClasses test pairs stays as it was: the default branch goes with each head.
  assert.deepEqual(lintOf(net('')).diagnostics, []);
});
