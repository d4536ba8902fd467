import test from 'node:test';
import assert from 'node:assert/strict';
import { core } from './support.mjs';
import { lint } from './lint-support.mjs';
import { loadTsModule, packageJson } from './extension-support.mjs';

const settings = await loadTsModule('src/service/settings.ts');
const properties = packageJson.contributes.configuration.properties;
const codes = lint.RULE_META.map((m) => m.code);

test('missing settings read as the documented defaults', () => {
  const s = settings.readSettings(() => undefined, codes);
  assert.deepEqual(s, {
    lint: { enable: true, debounceMs: 300, budgetMs: 1500 },
    hover: { enable: true },
    codeLens: { enable: true },
    fix: { epsilon: 1e-7 },
    preview: { samples: 400 },
    defaultActivation: undefined,
    precision: 'float32',
    severity: {},
  });
});

test('precision: the float format TF.js runs in reaches the lint, and what the lint reports follows it', async () => {
  assert.equal(settings.readSettings((key) => (key === 'precision' ? 'float16' : undefined), codes).precision, 'float16');
  assert.equal(settings.readSettings((key) => (key === 'precision' ? 'float64' : undefined), codes).precision, 'float32', 'TF.js has no float64 tensors');
  assert.ok(settings.ANALYSIS_SETTINGS.includes('precision'), 'a change re-lints the open documents');
  // 1 - 1e-4 is 1 in float16: a clip that is a guard in float32 is none there.
  const text = "import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential();\nm.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));\nm.compile({ optimizer: 'adam', loss: (yTrue, yPred) => tf.neg(tf.mean(tf.log(tf.sub(1, tf.clipByValue(yPred, 1e-4, 1 - 1e-4))))) });\n";
  assert.deepEqual(lint.lintText(text, 'a.ts', { precision: 'float32' }).diagnostics.map((d) => d.code), []);
  assert.deepEqual(lint.lintText(text, 'a.ts', { precision: 'float16' }).diagnostics.map((d) => d.code), ['log-of-zero']);
});

test('numbers are clamped to their bounds and rounded when integral; malformed values fall back', () => {
  const raw = { 'lint.debounceMs': -5, 'lint.budgetMs': 123.6, 'fix.epsilon': 3, 'preview.samples': 'many', 'lint.enable': 'yes', 'hover.enable': false };
  const s = settings.readSettings((key) => raw[key], codes);
  assert.equal(s.lint.debounceMs, 0);
  assert.equal(s.lint.budgetMs, 124);
  assert.equal(s.fix.epsilon, 0.1);
  assert.equal(s.preview.samples, 400);
  assert.equal(s.lint.enable, true);
  assert.equal(s.hover.enable, false);
});

test('severity overrides keep known codes with known levels only; activation must be one the core knows', () => {
  const raw = {
    severity: { 'log-of-zero': 'warning', 'non-differentiable': 'off', 'made-up': 'error', 'exp-overflow': 'fatal' },
    defaultActivation: 'sigmoid',
  };
  const s = settings.readSettings((key) => raw[key], codes);
  assert.deepEqual(s.severity, { 'log-of-zero': 'warning', 'non-differentiable': 'off' });
  assert.equal(s.defaultActivation, 'sigmoid');
  assert.equal(settings.readSettings((key) => (key === 'defaultActivation' ? 'auto' : undefined), codes).defaultActivation, undefined);
  assert.equal(settings.readSettings((key) => (key === 'defaultActivation' ? 'swish' : undefined), codes).defaultActivation, undefined);
});

test('settings.ts mirrors contributes.configuration: same keys, defaults, bounds and enums', () => {
  const declared = Object.keys(properties).sort();
  const typed = Object.keys(settings.SETTING_DEFAULTS).map((k) => `${settings.SECTION}.${k}`).sort();
  assert.deepEqual(declared, typed);
  for (const [key, value] of Object.entries(settings.SETTING_DEFAULTS)) {
    assert.deepEqual(properties[`lossLens.${key}`].default, value, key);
  }
  for (const [key, bounds] of Object.entries(settings.NUMBER_BOUNDS)) {
    const p = properties[`lossLens.${key}`];
    assert.equal(p.minimum, bounds.minimum, key);
    assert.equal(p.maximum, bounds.maximum, key);
    assert.equal(p.type, bounds.integer ? 'integer' : 'number', key);
  }
  assert.deepEqual(properties['lossLens.defaultActivation'].enum, ['auto', ...core.ACTIVATIONS]);
  const severity = properties['lossLens.severity'];
  assert.deepEqual(Object.keys(severity.properties).sort(), [...codes].sort());
  for (const p of Object.values(severity.properties)) assert.deepEqual(p.enum, [...settings.SEVERITY_OVERRIDES]);
  assert.equal(severity.additionalProperties, false);
});

test('every setting that changes what the lint computes is a declared setting', () => {
  for (const key of settings.ANALYSIS_SETTINGS) assert.ok(properties[`lossLens.${key}`], key);
});
