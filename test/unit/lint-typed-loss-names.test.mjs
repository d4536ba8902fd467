// A loss read from a setting whose TypeScript type lists the names it may take (`lossFunction: 'mse' | 'crossentropy'`):
// TF.js's compile throws "Unknown loss …" on each name it does not know (measured with TF.js 4.22 below), so the names
// the type allows are checked where no value is given in the file.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { lint } from './lint-support.mjs';

const unknown = (text) => lint.lintText(text, 'service.ts').diagnostics.filter((d) => d.code === 'unknown-loss').map((d) => `${d.line}: ${d.message}`);

const service = (type, use = 'config.lossFunction', extra = '') => `import * as tf from '@tensorflow/tfjs';
${extra}export interface TrainingConfig {
  epochs: number;
  lossFunction: ${type};
}
export async function train(model: tf.LayersModel, config: TrainingConfig, xs: tf.Tensor, ys: tf.Tensor) {
  model.compile({ optimizer: 'adam', loss: ${use} });
  await model.fit(xs, ys, { epochs: config.epochs });
}
`;

test('TF.js throws on the names these tests use as unknown, and takes the known ones', () => {
  const tf = createRequire(import.meta.url)('@tensorflow/tfjs');
  const compiles = (loss) => {
    const m = tf.sequential();
    m.add(tf.layers.dense({ units: 1, inputShape: [2] }));
    try {
      m.compile({ optimizer: 'sgd', loss });
      return true;
    } catch (err) {
      assert.match(String(err.message), new RegExp(`Unknown loss ${loss}`));
      return false;
    }
  };
  assert.deepEqual(['mse', 'crossentropy', 'categorical_crossentropy', 'meanSquaredError', 'binaryCrossentropy'].map(compiles), [false, false, false, true, true]);
});

test("a loss whose type allows only names TF.js does not know is said once, at the compile's loss", () => {
  const found = unknown(service("'mse' | 'crossentropy' | 'categorical_crossentropy'"));
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0], /^7: The loss's type allows only 'mse', 'crossentropy', 'categorical_crossentropy', and TF.js knows none of them/);
});

test('unknown names among known ones leave the choice to the callers: no problem, the unread note names them', () => {
  // The type lets callers pick 'meanSquaredError' too: whether any picks 'mse' is not in the file (holdout245's NNModel).
  assert.deepEqual(unknown(service("'meanSquaredError' | 'mse'")), []);
  const compileSite = lint.lintText(service("'mse' | 'binaryCrossentropy'"), 'service.ts').sites.find((s) => s.kind === 'compile');
  assert.equal(compileSite.unreadable, "the loss is config.lossFunction, a setting the file gives no value; its type allows 'mse', 'binaryCrossentropy' (model.compile() throws on 'mse')");
  assert.match(lint.lintText(service("'mse' | 'mae'"), 'service.ts').diagnostics[0].detail, /TF.js's names for these: 'meanSquaredError' for 'mse', 'meanAbsoluteError' for 'mae'\./);
  assert.deepEqual(unknown(service("'meanSquaredError' | 'binaryCrossentropy'")), []);
  assert.deepEqual(unknown(service('string')), []);
  assert.deepEqual(unknown(service("'mse' | string")), []);
});

test('through a type alias, a typed parameter and a class field; a value the file gives wins over the type', () => {
  assert.equal(unknown(service('LossName', 'config.lossFunction', "type LossName = 'mse' | 'mae';\n")).length, 1);
  const param = `import * as tf from '@tensorflow/tfjs';
export function build(model: tf.Sequential, loss: 'mse' | 'mae') { model.compile({ optimizer: 'adam', loss }); }
`;
  assert.equal(unknown(param).length, 1);
  const field = `import * as tf from '@tensorflow/tfjs';
export class Trainer {
  private config: { loss: 'categorical_crossentropy' };
  constructor(private model: tf.LayersModel, loss: 'categorical_crossentropy') { this.config = { loss }; }
  compile() { this.model.compile({ optimizer: 'adam', loss: this.config.loss }); }
}
`;
  assert.ok(unknown(field).length >= 1, 'the field typed with a name TF.js throws on');
  // A default written in the file is read as the loss (and checked as a name), not the type.
  const given = `import * as tf from '@tensorflow/tfjs';
export function build(model: tf.Sequential, loss: 'mse' | 'meanSquaredError' = 'meanSquaredError') { model.compile({ optimizer: 'adam', loss }); }
`;
  assert.deepEqual(unknown(given), []);
});

test("the compile's unread note says where the loss comes from and the names its type allows", () => {
  const site = (type) => lint.lintText(service(type), 'service.ts').sites.find((s) => s.kind === 'compile');
  assert.equal(site("'meanSquaredError' | 'binaryCrossentropy'").unreadable, "the loss is config.lossFunction, a setting the file gives no value; its type allows 'meanSquaredError', 'binaryCrossentropy'");
  assert.equal(site('string').unreadable, 'the loss is not a name, a tf.losses function or a function the lint can find');
});
