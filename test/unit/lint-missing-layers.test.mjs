// Layers TF.js does not have (`tf.layers.multiHeadAttention`, `tf.layers.attention`): building a model with one throws
// "tf.layers.… is not a function" before it is compiled, so its output against its loss is no finding. The lint's
// list of factories is compared with the installed tfjs-layers, so it cannot drift.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { lint } from './lint-support.mjs';

const require = createRequire(import.meta.url);
const codes = (code, file = '/p/src/NeuralCore.ts') => lint.lintText(code, file).diagnostics.map((d) => `${d.code}:${d.line}`);

test('the list of layer factories is the installed tfjs-layers\' own', () => {
  const installed = Object.keys(require('@tensorflow/tfjs-layers').layers).sort();
  assert.deepEqual([...lint.TFJS_LAYER_FACTORIES].sort(), installed);
  for (const keras of ['multiHeadAttention', 'attention', 'globalAveragePooling1D', 'conv1D']) assert.ok(!installed.includes(keras), keras);
});

const core = (blockLayer) => `import * as tf from '@tensorflow/tfjs';

export class NeuralCore {
  private model?: tf.Sequential;
  constructor(private readonly config: { architecture: 'transformer' | 'feedforward'; units: number[] }) {}

  private build(): tf.Sequential {
    const model = tf.sequential();
    switch (this.config.architecture) {
      case 'transformer':
        model.add(tf.layers.dense({ units: this.config.units[0], activation: 'gelu', inputShape: [16] }));
        model.add(this.block(this.config.units[1]));
        break;
      default:
        model.add(tf.layers.dense({ units: 32, activation: 'relu', inputShape: [16] }));
        model.add(tf.layers.dense({ units: 4, activation: 'softmax' }));
    }
    return model;
  }

  private block(units: number): tf.Sequential {
    const block = tf.sequential();
    block.add(tf.layers.${blockLayer}({ numHeads: 8, keyDim: units / 8 }));
    block.add(tf.layers.dense({ units, activation: 'gelu' }));
    block.add(tf.layers.layerNormalization());
    return block;
  }

  async train(xs: tf.Tensor, ys: tf.Tensor): Promise<void> {
    this.model = this.build();
    this.model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    await this.model.fit(xs, ys, { epochs: 5 });
  }
}
`;

test('a way whose block adds a layer TF.js lacks cannot be built: only the softmax way is checked', () => {
  assert.deepEqual(codes(core('multiHeadAttention')), []);
});

test('the same way built with layers TF.js has is checked: its gelu output under cross-entropy is reported', () => {
  assert.deepEqual(codes(core('dropout')), ['activation-mismatch:31']);
});

const sequential = (middle) => `const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.lstm({ units: 16, inputShape: [10, 4], returnSequences: true }));
model.add(tf.layers.${middle}());
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
model.fit(tf.randomNormal([8, 10, 4]), tf.ones([8, 1]), { epochs: 1 });
`;

test('a model that adds a layer TF.js lacks throws before compile: no finding on it', () => {
  assert.deepEqual(codes(sequential('attention'), '/p/m.js'), []);
  assert.deepEqual(codes(sequential('globalAveragePooling1D'), '/p/m.js'), []);
});

test('with a layer TF.js has, its linear output under binary cross-entropy is reported', () => {
  assert.deepEqual(codes(sequential('dropout'), '/p/m.js'), ['activation-mismatch:7']);
});

test('a missing factory that runs only after the model trained, or behind a guard, does not stop the build', () => {
  const after = `import * as tf from '@tensorflow/tfjs';
export async function main(xs, ys) {
  const classifier = tf.sequential();
  classifier.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [4] }));
  classifier.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  classifier.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  await classifier.fit(xs, ys, { epochs: 10 });
  return tf.layers.multiHeadAttention({ numHeads: 2, keyDim: 8 });
}
`;
  assert.deepEqual(codes(after, '/p/after.ts'), ['activation-mismatch:6']);
  const guarded = `import * as tf from '@tensorflow/tfjs';
export function build() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [4] }));
  const attention = tf.layers.multiHeadAttention && tf.layers.multiHeadAttention({ numHeads: 2, keyDim: 8 });
  const optional = tf.layers.attention?.({});
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}
`;
  assert.deepEqual(codes(guarded, '/p/guarded.ts'), ['activation-mismatch:8']);
});
