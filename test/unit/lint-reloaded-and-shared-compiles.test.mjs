// Two ways a compile's model and targets are read (holdout332, holdout333): a model restored with
// `tf.loadLayersModel(key).then((m) => { this.model = m; this.model.compile(…) })` is the model the file saved under that
// key; and a bare 'accuracy' in a compile shared by models built one way or another, one of them a regression, is no
// evidence of classes for any of them.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const codes = (text, name = '/app/app.component.ts') => {
  const r = lint.lintText(text, name);
  assert.equal(r.internalError, undefined);
  return r.diagnostics.map((d) => `${d.code}:${d.line}`);
};

const component = (loadKey, loss = 'tf.losses.meanSquaredError') => `import * as tf from '@tensorflow/tfjs';
export class AppComponent {
  model: tf.LayersModel;
  onCreateModel() {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({ units: 10, inputShape: [4], activation: 'sigmoid' }));
    this.model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
    this.model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  }
  onSaveModel() {
    this.model.save('localstorage://irisModel');
  }
  onLoadModel() {
    tf.loadLayersModel('${loadKey}').then((m) => {
      this.model = m;
      this.model.compile({ optimizer: 'adam', loss: ${loss} });
    });
  }
  onTrain() {
    this.model.fit(tf.tensor2d([[1, 2, 3, 4]]), tf.oneHot(tf.tensor1d([2], 'int32'), 3));
  }
}
`;

test('a model loaded in a then callback is the model the file saved under the same key', () => {
  assert.deepEqual(codes(component('localstorage://irisModel')), ['activation-mismatch:16']);
  assert.deepEqual(codes(component('localstorage://irisModel', "'categoricalCrossentropy'")), []);
  // A model fetched from elsewhere is not the one the file built: nothing to pair the loss with.
  assert.deepEqual(codes(component('https://example.com/model.json')), []);
});

const shared = (metrics, regression = "activation: 'linear'") => `import * as tf from '@tensorflow/tfjs';
export function createModel(type) {
  let model;
  switch (type) {
    case 'classification':
      model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [50], units: 5, activation: 'softmax' })] });
      break;
    case 'regression':
      model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [50], units: 1, ${regression} })] });
      break;
    case 'similarity':
      model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [200], units: 1, activation: 'sigmoid' })] });
      break;
  }
  model.compile({ optimizer: 'adam', loss: type === 'classification' ? 'categoricalCrossentropy' : 'meanSquaredError', metrics: ${metrics} });
  return model;
}
`;

test("a bare accuracy in a compile shared with a regression way is habit; binaryAccuracy, or no regression way, still says classes", () => {
  assert.deepEqual(codes(shared("['accuracy']"), '/src/models.js'), []);
  assert.deepEqual(codes(shared("['binaryAccuracy']"), '/src/models.js'), ['activation-mismatch:15']);
  assert.deepEqual(codes(shared("['accuracy']", "activation: 'tanh'"), '/src/models.js'), ['activation-mismatch:15']);
});
