// A model a function makes and only configures there (a test that checks which optimizers or metrics compile takes):
// never fitted, evaluated or trained, never returned, stored, passed or saved, its loss never meets an output, so a
// loss that does not suit its activation is nobody's mistake. Unknown names still throw at the compile itself.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const codes = (code) => lint.lintText(code, '/p/compile.test.ts').diagnostics.map((d) => `${d.code}:${d.line}`);

const check = (after = '', metrics = "['accuracy']") => `import * as tf from '@tensorflow/tfjs';
describe('hyperparameters', () => {
  it('compiles with every optimizer', () => {
    for (const optimizer of ['sgd', 'adam', 'rmsprop']) {
      const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
      model.compile({ loss: 'binaryCrossentropy', optimizer, metrics: ${metrics} });
      model.summary();
${after}    }
  });
});
`;

test('compiled only: a model configured and dropped is no activation mismatch; an unknown metric still throws', () => {
  assert.deepEqual(codes(check()), []);
  assert.deepEqual(codes(check('', "['recall']")), ['unknown-loss:6']);
});

test('compiled only: any use that trains the model or lets it out keeps the finding', () => {
  for (const after of [
    '      model.fit(tf.zeros([4, 1]), tf.ones([4, 1]));\n',
    '      models.push(model);\n',
    '      this.model = model;\n',
    "      model.save('localstorage://m');\n",
    '      train(model);\n',
  ]) {
    assert.deepEqual(codes(check(after)), ['activation-mismatch:6'], after);
  }
  // At the top of a module the model is the module's, for any code that imports it.
  assert.deepEqual(codes(`import * as tf from '@tensorflow/tfjs';
export const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
model.compile({ loss: 'binaryCrossentropy', optimizer: 'sgd' });
`), ['activation-mismatch:3']);
});
