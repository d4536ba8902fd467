// Losses called by TensorFlow's Python names (or an early TF.js's), which TF.js 4.22 does not have: the call throws.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { lint } from './lint-support.mjs';

const require = createRequire(import.meta.url);
const unknown = (text, file = 'a.js') => lint.lintText(text, file).diagnostics.filter((d) => d.code === 'unknown-loss');

const text = `import * as tf from '@tensorflow/tfjs';
export function gradients(policyNet, inputs, actions) {
  return tf.variableGrads(() => {
    const logits = policyNet.predict(inputs);
    const labels = tf.sub(1, actions);
    return tf.sigmoidCrossEntropyWithLogits(labels, logits).asScalar();
  });
}
export const categorical = (y, logits) => tf.nn.softmax_cross_entropy_with_logits(y, logits);
tf.focalLoss = (y, p) => tf.mean(p);
export const focal = (y, p) => tf.focalLoss(y, p);
export const squared = (y, p) => tf.squaredDifference(y, p).mean();
export const guarded = (y, p) => (typeof tf.hingeLossV2 === 'function' ? tf.hingeLossV2(y, p) : tf.losses.hingeLoss(y, p));
const own = { crossEntropyLoss: (y, p) => p };
export const mine = (y, p) => own.crossEntropyLoss(y, p);
`;

test("a loss called by TensorFlow's Python name (tf.sigmoidCrossEntropyWithLogits, tf.nn.…) is unknown-loss, with TF.js's logits loss as the fix", () => {
  const found = unknown(text);
  // A polyfill the file defines, an op TF.js has, a name only tested for and the file's own object are not reported.
  assert.deepEqual(found.map((d) => [d.line, d.column]), [[6, 12], [9, 43]]);
  assert.equal(found[0].message, 'tf.sigmoidCrossEntropyWithLogits is not a TF.js function: the call throws.');
  assert.match(found[0].detail, /the same loss is tf\.losses\.sigmoidCrossEntropy\(labels, logits\), which applies the sigmoid itself/);
  assert.match(found[1].detail, /tf\.nn is undefined in TF\.js/);
  assert.deepEqual(found.map((d) => d.fixes.map((f) => f.edits[0].text)), [['tf.losses.sigmoidCrossEntropy'], ['tf.losses.softmaxCrossEntropy']]);
  // Members the file gives TF.js itself (\`Object.assign(tf, { diceLoss })\`) are its own.
  assert.deepEqual(unknown("import * as tf from '@tensorflow/tfjs';\nObject.assign(tf, { diceLoss: (a, b) => a.sub(b).square().mean() });\nexport const f = (a, b) => tf.diceLoss(a, b);\n"), []);
  // Not TF.js's namespace: a tensor library of another name keeps its own losses.
  assert.deepEqual(unknown("const nd = require('my-tensors');\nexport const l = (y, p) => nd.sigmoidCrossEntropyWithLogits(y, p);\n"), []);
});

test('a missing loss tried with a fallback (try { tf.ctcLoss(…) } catch { … }) is expected to be missing: not said, unless the catch only logs', () => {
  const tried = (body) => `import * as tf from '@tensorflow/tfjs';\nexport function ctc(logits, labels) {\n  ${body}\n}\n`;
  assert.deepEqual(unknown(tried('try {\n    return tf.mean(tf.ctcLoss(logits, labels));\n  } catch (_) {\n    return tf.losses.softmaxCrossEntropy(labels, logits);\n  }')), []);
  assert.deepEqual(unknown(tried('try {\n    return tf.losses.ctcLoss(logits, labels);\n  } catch (_) {\n    return tf.losses.softmaxCrossEntropy(labels, logits);\n  }')), []);
  // A catch that only logs gives nothing in its place: the training it wraps never runs.
  assert.deepEqual(unknown(tried('try {\n    return tf.ctcLoss(logits, labels);\n  } catch (error) {\n    console.error(error);\n  }')).map((d) => d.line), [4]);
  // A catch that rewords and rethrows, records the error, or gives null gives nothing in place of the loss.
  assert.deepEqual(unknown(tried('try {\n    return tf.losses.categoricalCrossEntropy(labels, logits);\n  } catch (err) {\n    err.message = `loss: ${err.message}`;\n    throw err;\n  }')).map((d) => d.line), [4]);
  assert.deepEqual(unknown(`let lastError = null;\n${tried('let loss;\n  try {\n    loss = tf.ctcLoss(logits, labels);\n  } catch (e) {\n    lastError = e;\n  }\n  return loss;')}`).map((d) => d.line), [6]);
  assert.deepEqual(unknown(tried('try {\n    return tf.nn.ctc_loss(labels, logits);\n  } catch (e) {\n    return null;\n  }')).map((d) => d.line), [4]);
  // With no catch the error still escapes.
  assert.deepEqual(unknown(tried('try {\n    return tf.ctcLoss(logits, labels);\n  } finally {\n    logits.dispose();\n  }')).map((d) => d.line), [4]);
});

test('a loss of tf.losses called on tf itself is said in a file that never writes losses or metrics', () => {
  const found = unknown("import * as tf from '@tensorflow/tfjs';\nexport function lossFn(ys, p) {\n  return tf.meanSquaredError(ys, p);\n}\n");
  assert.deepEqual(found.map((d) => d.line), [3]);
});

test("TF.js's top level has no function whose name says loss, and no tf.nn or tf.keras (checked on the installed TF.js)", () => {
  const tf = require('@tensorflow/tfjs');
  const source = readFileSync(new URL('../../src/lint/languages/typescript/pythonLossCalls.ts', import.meta.url), 'utf8');
  const word = new RegExp(source.match(/const LOSS_WORD = \/(.+)\/i;/)[1], 'i');
  assert.deepEqual(Object.keys(tf).filter((k) => word.test(k)), []);
  assert.equal(tf.nn, undefined);
  assert.equal(tf.keras, undefined);
  assert.equal(typeof tf.sigmoidCrossEntropyWithLogits, 'undefined');
});
