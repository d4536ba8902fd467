// A builder or compile helper given its loss, activation and units as parameters: what every call in the file passes
// (its default where a call passes nothing), and the quick fix edits the name where it is written.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const HELPERS = `const tf = require('@tensorflow/tfjs');
function buildModel(units, activation = 'sigmoid', loss = 'categoricalCrossentropy') {
  const m = tf.sequential({ layers: [tf.layers.dense({ units, inputShape: [3], activation })] });
  m.compile({ optimizer: 'adam', loss });
  return m;
}
function compileModel(m, lossName) {
  m.compile({ optimizer: 'adam', loss: lossName });
}
`;

test('a loss, an activation and units passed as parameters are what the calls give, or the defaults', () => {
  const text = `${HELPERS}const a = buildModel(1);\ncompileModel(tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3], activation: 'sigmoid' })] }), 'categoricalCrossentropy');\n`;
  const r = lint.lintText(text, '/p/helpers.js');
  const compiles = r.sites.filter((s) => s.kind === 'compile');
  assert.deepEqual(compiles.map((s) => [s.lossName, s.activation, s.units]), [['categoricalCrossentropy', 'sigmoid', 1], ['categoricalCrossentropy', 'sigmoid', 1]]);
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['activation-mismatch', 'activation-mismatch']);
  // The fix renames the loss where it is written: the default, and the call's argument.
  for (const d of r.diagnostics) {
    const fixed = lint.applySourceEdits(text, d.fixes[0].edits);
    assert.ok(fixed.includes("loss = 'binaryCrossentropy'") || fixed.includes("}), 'binaryCrossentropy');"), d.fixes[0].title);
    assert.ok(fixed.includes('loss: lossName') && fixed.includes('loss });'), 'the helpers keep reading their parameters');
  }
});

test('calls that pass different losses, or a value the file does not show, leave the helper unread', () => {
  const differ = `${HELPERS}buildModel(1, 'sigmoid', 'binaryCrossentropy');\nbuildModel(3, 'softmax', 'categoricalCrossentropy');\n`;
  const r = lint.lintText(differ, '/p/helpers.js');
  assert.deepEqual(r.diagnostics, []);
  const unknown = `${HELPERS}export function make(config) { return buildModel(1, 'sigmoid', config.loss); }\n`;
  assert.deepEqual(lint.lintText(unknown, '/p/helpers.js').diagnostics, []);
});
