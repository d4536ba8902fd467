import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fixtures, lint } from './lint-support.mjs';

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";
const BCE = 'export function bceLoss(yTrue: tf.Tensor, yPred: tf.Tensor) { return tf.neg(tf.mean(tf.mul(yTrue, tf.log(yPred)))); }\n';

test('annotations: a // @loss comment, with @activation, is a site whose findings point into the comment', () => {
  const text = `${HEADER}// @loss -y * log(p) @activation sigmoid\nconst x = 1;\n`;
  const r = lint.lintText(text, 'a.ts');
  assert.equal(r.sites.length, 1);
  const s = r.sites[0];
  assert.equal(s.kind, 'annotation');
  assert.equal(text.slice(s.anchorStart, s.anchorEnd), '-y * log(p)');
  assert.equal(s.assumedActivation, 'sigmoid');
  assert.equal(s.activationSource, 'annotation');
  assert.deepEqual(r.diagnostics.map((d) => [d.code, text.slice(d.start, d.end)]), [['log-of-zero', 'log(p)']]);
  const fixed = lint.applySourceEdits(text, r.diagnostics[0].fixes[0].edits);
  assert.match(fixed, /\/\/ @loss -y \* log\(clip\(p, 1e-7, 1 - 1e-7\)\)/);
  assert.deepEqual(lint.lintText(fixed, 'a.ts').diagnostics, []);
});

test('annotations: a JSDoc @loss on a loss function replaces the translation, and its model gives the activation', () => {
  const text = `${HEADER}/**\n * Custom NLL.\n * @loss -log(p)\n */\nfunction nllLoss(yTrue: tf.Tensor, yPred: tf.Tensor) { return tf.neg(tf.log(tf.add(yPred, 1))); }\nconst model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2], activation: 'softmax' })] });\nmodel.compile({ optimizer: 'sgd', loss: nllLoss });\n`;
  const r = lint.lintText(text, 'a.ts');
  const fn = r.sites.find((s) => s.name === 'nllLoss');
  assert.equal(fn.kind, 'annotation');
  assert.equal(fn.expression, '-log(p)');
  assert.equal(fn.activation, 'softmax');
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['log-of-zero']);
});

test('annotations: a tag in a string is not an annotation; a bad one is a diagnostic at its own column', () => {
  assert.deepEqual(lint.lintText("const s = '// @loss log(p)';\n", 'a.ts').sites, []);
  const bad = lint.lintText('// @loss (p - y)^2 @activation sigmoidal\n', 'a.ts');
  assert.equal(bad.sites[0].unreadable, undefined, 'the expression is still checked, without an activation');
  assert.deepEqual(bad.diagnostics.map((d) => [d.code, d.column, d.endColumn, d.fixes[0]?.edits[0].text]), [['invalid-annotation', 32, 41, 'sigmoid']]);
  assert.match(bad.diagnostics[0].detail, /is not one of linear, sigmoid, softmax/);
  const unparsable = lint.lintText('// @loss p +* y\n', 'a.ts');
  assert.deepEqual(unparsable.sites, [], 'an annotation that cannot be read annotates nothing');
  assert.deepEqual(unparsable.diagnostics.map((d) => [d.code, d.severity, d.line, d.column, d.siteId]), [['invalid-annotation', 'error', 1, 13, -1]]);
  assert.ok(unparsable.diagnostics[0].message.length <= 100);
  const noPrediction = lint.lintText('// @loss 2 * 3\n', 'a.ts');
  assert.deepEqual(noPrediction.diagnostics.map((d) => d.code), ['invalid-annotation']);
});

test('siteAt finds the innermost site at an offset', () => {
  const text = `${HEADER}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] });\nmodel.compile({ optimizer: 'sgd', loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.neg(tf.log(yPred)) });\n`;
  const r = lint.lintText(text, 'a.ts');
  assert.equal(lint.siteAt(r, text.indexOf('tf.neg')).kind, 'custom-function');
  assert.equal(lint.siteAt(r, text.indexOf("optimizer: 'sgd'")).kind, 'compile');
  assert.equal(lint.siteAt(r, 0), undefined);
});

test('looksLikeMlSource is a cheap test on the text', () => {
  assert.ok(lint.looksLikeMlSource("import * as tf from '@tensorflow/tfjs-node';"));
  assert.ok(lint.looksLikeMlSource('const y = tf.sigmoid(x);'));
  assert.ok(lint.looksLikeMlSource('// @loss -log(p)'));
  assert.ok(lint.looksLikeMlSource('function huberLoss(a, b) { return Math.abs(a - b); }'));
  assert.ok(lint.looksLikeMlSource('const focalLoss = (yTrue, yPred) => 0;'));
  assert.ok(!lint.looksLikeMlSource('export const answer = 42; // loss of precision'));
  assert.ok(!lint.looksLikeMlSource(''));
});

test('options: epsilon goes into the fixes, defaultActivation into custom losses without a model', () => {
  const text = HEADER + BCE;
  const r = lint.lintText(text, 'a.ts', { epsilon: 1e-5 });
  assert.equal(r.diagnostics[0].fixes[0].edits[0].text, 'tf.clipByValue(yPred, 0.00001, 1 - 0.00001)');
  assert.equal(r.sites[0].assumedActivation, 'softmax');
  assert.equal(r.sites[0].activationSource, 'inferred');
  const relu = lint.lintText(text, 'a.ts', { defaultActivation: 'relu' });
  assert.equal(relu.sites[0].assumedActivation, 'relu');
  assert.equal(relu.sites[0].activationSource, 'option');
  assert.match(relu.diagnostics[0].detail, /assuming a relu output: the configured default/);
});

test('the time budget bounds the work: sites past it are not analysed and the result says so', () => {
  const many = HEADER + Array.from({ length: 40 }, (_, i) => `export function l${i}Loss(yTrue: tf.Tensor, yPred: tf.Tensor) { return tf.mean(tf.abs(tf.sub(tf.mul(yPred, ${i + 2}), yTrue))); }`).join('\n');
  lint.clearAnalysisCache();
  const started = Date.now();
  const r = lint.lintText(many, 'a.ts', { budgetMs: 1 });
  assert.ok(Date.now() - started < 2000);
  assert.equal(r.sites.length, 40);
  assert.equal(r.incomplete, true);
  assert.ok(r.sites.some((s) => s.analysis === undefined));
});

test('never throws: wrong types, a huge file, deep nesting, binary junk', () => {
  assert.deepEqual(lint.lintText(undefined, 'a.ts').sites, []);
  assert.deepEqual(lint.lintText(42, undefined).sites, []);
  assert.equal(lint.lintText('x'.repeat(lint.MAX_LINT_TEXT + 1), 'a.ts').incomplete, true);
  const nested = (n) => `${HEADER}function deepLoss(yTrue, yPred) { return ${'tf.neg('.repeat(n)}yPred${')'.repeat(n)}; }`;
  const r = lint.lintText(nested(450), 'a.ts');
  assert.equal(r.internalError, undefined);
  assert.match(r.sites[0].unreadable, /nested too deeply to read/);
  assert.equal(lint.lintText(nested(3000), 'a.ts').incompleteReason, 'the code is nested too deeply to parse');
  const parens = `function deepLoss(a, b) { return ${'('.repeat(20000)}a${')'.repeat(20000)}; }`;
  const p = lint.lintText(parens, 'a.js');
  assert.equal(p.internalError, undefined);
  assert.equal(p.incompleteReason, 'the code is nested too deeply to parse');
  const junk = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
  assert.equal(lint.lintText(junk, 'a.ts').internalError, undefined);
});

test('never throws on arbitrary text, nor on any truncation of the fixtures', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (s) => {
      const r = lint.lintText(HEADER + s, 'a.ts', { budgetMs: 200 });
      assert.equal(r.internalError, undefined, s);
    }),
    { numRuns: 300 },
  );
  const pieces = ['tf.log(', 'yPred', ')', '.sub(', 'function fLoss(yTrue, yPred) {', 'return ', '}', 'model.compile({loss: ', "'mse'", '});', '// @loss ', 'log(p)', '\n', 'tf.sequential({layers: [', 'tf.layers.dense({units: 1})', ']})', '=>', '(a, b)', 'const x = ', ';'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
      const r = lint.lintText(HEADER + parts.join(''), 'a.ts', { budgetMs: 200 });
      assert.equal(r.internalError, undefined, parts.join(''));
    }),
    { numRuns: 400 },
  );
  for (const f of fixtures()) {
    for (let cut = 0; cut < f.text.length; cut += 37) {
      const r = lint.lintText(f.text.slice(0, cut), f.file, { budgetMs: 200 });
      assert.equal(r.internalError, undefined, `${f.rel} cut at ${cut}`);
    }
  }
});

test('diagnostics come sorted, with 1-based positions that agree with the offsets', () => {
  for (const f of fixtures()) {
    const r = lint.lintText(f.text, f.file);
    for (let i = 1; i < r.diagnostics.length; i++) assert.ok(r.diagnostics[i - 1].start <= r.diagnostics[i].start);
    for (const d of r.diagnostics) {
      const before = f.text.slice(0, d.end).split('\n');
      assert.equal(d.endLine, before.length);
      assert.equal(d.endColumn, before[before.length - 1].length + 1);
    }
  }
});

test('formatters: stylish like ESLint, SARIF 2.1.0 with a rule per code and fixes as replacements', () => {
  const text = HEADER + BCE;
  const files = [{ file: 'src/a.ts', text, result: lint.lintText(text, 'src/a.ts') }, { file: 'src/clean.ts', text: '', result: { sites: [], diagnostics: [] } }];
  const stylish = lint.formatStylish(files);
  assert.match(stylish, /^src\/a\.ts\n {2}2:\d+ {2}error {2}log\(yPred\) can reach log\(0\).* {2}log-of-zero\n\n✖ 1 problem \(1 error, 0 warnings\)$/s);
  assert.ok(!stylish.includes('clean.ts'));
  assert.equal(lint.formatStylish([files[1]]), '');
  const sarif = JSON.parse(lint.formatSarif(files, { rootUri: 'file:///repo/' }));
  assert.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0];
  assert.deepEqual(run.tool.driver.rules.map((r) => r.id), ['log-of-zero', 'division-by-zero', 'sqrt-at-zero', 'exp-overflow', 'non-differentiable', 'activation-mismatch', 'unknown-loss', 'no-gradient', 'invalid-annotation']);
  const [res] = run.results;
  assert.equal(res.ruleId, 'log-of-zero');
  assert.equal(res.level, 'error');
  assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
  assert.deepEqual(res.locations[0].physicalLocation.artifactLocation, { uri: 'src/a.ts', uriBaseId: 'SRCROOT' });
  assert.equal(res.locations[0].physicalLocation.region.startLine, 2);
  const rep = res.fixes[0].artifactChanges[0].replacements[0];
  assert.equal(text.substr(rep.deletedRegion.charOffset, rep.deletedRegion.charLength), 'yPred');
  assert.equal(rep.insertedContent.text, 'tf.clipByValue(yPred, 1e-7, 1 - 1e-7)');
  assert.equal(run.originalUriBaseIds.SRCROOT.uri, 'file:///repo/');
});
