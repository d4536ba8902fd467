// Pages and components: the lint reads the <script> blocks of .html, .vue and .svelte files at their own offsets,
// so lines, columns and quick fixes are the file's; markup, templates and styles are not code.
import test from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint-support.mjs';

const PAGE = `<!DOCTYPE html>
<html>
<head>
  <script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js"></script>
  <style> body { font: 14px sans-serif; } </style>
</head>
<body>
  <p>XOR with tf.layers, loss: tf.log(p)</p>
  <script type="text/template" id="row"><td>tf.log(x)</td></script>
  <script>
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 8, inputShape: [2], activation: 'tanh' }));
    model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  </script>
  <script>
    model.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });
    model.fit(tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]), tf.tensor2d([[0], [1], [1], [0]]), { epochs: 500 });
  </script>
</body>
</html>
`;

test("embedded scripts: an HTML page's inline scripts share one scope; the finding is at the file's line and column", () => {
  const r = lint.lintText(PAGE, '/site/index.html');
  assert.equal(r.internalError, undefined);
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.line]), [['activation-mismatch', 16]]);
  const d = r.diagnostics[0];
  assert.equal(PAGE.slice(d.start, d.end), "'meanSquaredError'");
  // The fix edits the page where the loss is written, and nothing else of it.
  const fixed = lint.applySourceEdits(PAGE, d.fixes[0].edits);
  assert.match(fixed, /loss: 'binaryCrossentropy'/);
  assert.equal(fixed.replace("'binaryCrossentropy'", "'meanSquaredError'"), PAGE);
});

test('embedded scripts: markup, a template script and text that mention TF.js are not read', () => {
  const r = lint.lintText(PAGE.replace(/<script>[\s\S]*<\/script>\n<\/body>/, '</body>'), '/site/index.html');
  assert.equal(r.internalError, undefined);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.sites, []);
});

test('embedded scripts: a Vue component in TypeScript, whose methods share `this`', () => {
  const vue = `<template>
  <button @click="train">Train</button>
</template>

<script lang="ts">
import * as tf from '@tensorflow/tfjs';
export default {
  data: () => ({ model: null as tf.Sequential | null }),
  methods: {
    async train(): Promise<void> {
      this.model = tf.sequential();
      this.model.add(tf.layers.dense({ units: 1, inputShape: [8], activation: 'sigmoid' }));
      this.model.compile({ loss: 'meanSquaredError', optimizer: 'sgd' });
      await this.model.fit(tf.zeros([4, 8]), tf.tensor([1, 0, 1, 0]));
    },
  },
};
</script>

<style scoped>
button { color: red; }
</style>
`;
  const r = lint.lintText(vue, '/app/src/Trainer.vue');
  assert.equal(r.internalError, undefined);
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.line]), [['activation-mismatch', 13]]);
});

test("embedded scripts: a Svelte component's hand-written loss", () => {
  const svelte = `<script>
  import * as tf from '@tensorflow/tfjs';
  export let epochs = 10;
  function loss(yTrue, yPred) {
    return tf.mean(tf.abs(tf.sub(yTrue, yPred)));
  }
</script>

<h1>{epochs} epochs</h1>
`;
  const r = lint.lintText(svelte, '/app/Train.svelte');
  assert.equal(r.internalError, undefined);
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.line]), [['non-differentiable', 5]]);
});

test('embedded scripts: unclosed or malformed blocks are read to the end of the file, without a hang or a throw', () => {
  const r = lint.lintText('<script>\nconst tf = require("@tensorflow/tfjs");\nconst l = (a, b) => tf.log(b', '/x.html');
  assert.equal(r.internalError, undefined);
  const many = '<script '.repeat(20000) + '<script>tf.losses.meanSquaredError(a, b)';
  assert.equal(lint.lintText(many, '/y.html').internalError, undefined);
  assert.ok(lint.LINTABLE_EXTENSIONS.includes('.html') && lint.LINTABLE_EXTENSIONS.includes('.vue') && lint.LINTABLE_EXTENSIONS.includes('.svelte'));
});

const HANDLER_PAGE = (attribute) => `<!DOCTYPE html>
<html>
<head><script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs"></script></head>
<body>
<input id="go" type=button value="Train XOR" ${attribute}><br>
<div id="out"></div>
</body>
</html>
`;
const HANDLER_CODE = `{
  async function run() {
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [2], units: 8, activation: 'tanh' }));
    model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
    model.compile({ loss: 'meanSquaredError', optimizer: 'sgd' });
    await model.fit(tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]), tf.tensor2d([0, 1, 1, 0], [4, 1]), { epochs: 200 });
    document.getElementById('out').innerHTML = 'done<br>';
  }
  run();
}`;

test("embedded scripts: a page's inline event handler is code, read at the file's offsets", () => {
  const text = HANDLER_PAGE(`onclick="${HANDLER_CODE}"`);
  const r = lint.lintText(text, '/site/xor.html');
  const [d] = r.diagnostics;
  assert.equal(d?.code, 'activation-mismatch');
  assert.equal(text.slice(d.start, d.end), "'meanSquaredError'");
  assert.deepEqual(r.diagnostics.map((x) => x.code), ['activation-mismatch']);
  // Single quotes around the attribute, double quotes in its code; two handlers each declare their own `model`.
  const single = HANDLER_PAGE(`onclick='${HANDLER_CODE.replaceAll("'", '"')}' onmouseover='const model = 1; console.log(model)'`);
  assert.deepEqual(lint.lintText(single, '/site/xor.html').diagnostics.map((x) => x.code), ['activation-mismatch']);
});

test("embedded scripts: a fix inside a handler writes the quote its attribute is not in", () => {
  // The page's scripts write double quotes, so a fix elsewhere would too; inside onclick="…" that would end the attribute.
  const scripts = '<script>\nconst names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"];\n</script>\n';
  // A compile without a loss: the fix writes a whole string.
  const code = HANDLER_CODE.replace("loss: 'meanSquaredError', ", '');
  for (const [attribute, quote] of [[`onclick="${code}"`, "'"], [`onclick='${code.replaceAll("'", '"')}'`, '"']]) {
    const text = HANDLER_PAGE(attribute).replace('</head>', `</head>${scripts}`);
    const [d] = lint.lintText(text, '/site/xor.html').diagnostics;
    const fix = d.fixes.find((f) => /Add loss/.test(f.title));
    assert.ok(fix, d.fixes.map((f) => f.title).join());
    const fixed = lint.applySourceEdits(text, fix.edits);
    assert.ok(fixed.includes(`loss: ${quote}binaryCrossentropy${quote}`), fixed);
    // The title names what the edit writes.
    assert.ok(fix.title.includes(`${quote}binaryCrossentropy${quote}`), fix.title);
    // The handler is still one attribute: read again, it trains with a probability loss and is clean.
    assert.deepEqual(lint.lintText(fixed, '/site/xor.html').diagnostics, []);
  }
});

test('embedded scripts: handlers with character references, outside tags or in a component template are not read', () => {
  const encoded = HANDLER_PAGE(`onclick="${HANDLER_CODE.replace("'sgd'", '&quot;sgd&quot;')}"`);
  assert.deepEqual(lint.lintText(encoded, '/site/xor.html').diagnostics, []);
  const prose = `<p>Write onclick="${HANDLER_CODE}" in your page</p>\n`;
  assert.deepEqual(lint.lintText(prose, '/site/help.html').diagnostics, []);
  // A Vue template's `@click`/`onclick` is the framework's expression, not a page's handler.
  const vue = `<template><button onclick="${HANDLER_CODE}">go</button></template>\n<script>\nexport default {};\n</script>\n`;
  assert.deepEqual(lint.lintText(vue, '/src/Xor.vue').diagnostics, []);
});

test('embedded scripts: handlers in comments, a textarea, noscript, style or a template script never run and are not read', () => {
  for (const [open, close] of [['<!--', '-->'], ['<textarea>', '</textarea>'], ['<noscript>', '</noscript>'], ['<script type="text/x-template">', '</script>']]) {
    const text = HANDLER_PAGE(`>${open}<button onclick="${HANDLER_CODE}">old</button>${close}<br`);
    assert.deepEqual(lint.lintText(text, '/site/xor.html').diagnostics, [], open);
  }
  // The same handler outside them is read.
  assert.deepEqual(lint.lintText(HANDLER_PAGE(`onclick="${HANDLER_CODE}"`), '/site/xor.html').diagnostics.map((d) => d.code), ['activation-mismatch']);
});
