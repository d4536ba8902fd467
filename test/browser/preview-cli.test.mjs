// `loss-lens preview`: the written file (self-contained, strict CSP, escaped state) and bad input (exit 2,
// one line naming what is wrong). No browser needed; preview.test.mjs opens the pages.
import test, { before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, cli, root } from './support.mjs';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'loss-lens-cli-'));

before(() => build());

function unescapeAttribute(s) {
  return s.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
}

function stateOf(html) {
  return JSON.parse(unescapeAttribute(/<main id="loss-lens-preview" class="ll-page" data-state="([^"]*)"/.exec(html)[1]));
}

test('the page is self-contained: nonce CSP, inlined script, styles and fonts, nothing remote', async () => {
  const out = path.join(tmp, 'focal.html');
  const expression = '-alpha * y * (1 - p)^gamma * log(p) - (1 - alpha) * (1 - y) * p^gamma * log(1 - p)';
  const r = cli(['preview', '--activation', 'sigmoid', '--set', 'gamma=3', '--set', 'y=1', '--samples', '2000', '--out', out, '--', expression]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^wrote .*focal\.html \(\d+ KB\)\n$/);
  const html = readFileSync(out, 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)[1].replace(/&#39;/g, "'");
  const nonce = /'nonce-([^']+)'/.exec(csp)[1];
  assert.equal(csp, `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; font-src data:; img-src data: blob:`);
  assert.equal(count(html, '<script'), 1);
  assert.equal(count(html, `<script nonce="${nonce}">`), 1);
  assert.equal(count(html, '<style'), count(html, `<style nonce="${nonce}">`));
  const script = html.slice(html.indexOf(`<script nonce="${nonce}">`), html.lastIndexOf('</script>'));
  const markup = html.replace(script, '');
  assert.doesNotMatch(markup, /unsafe-inline|unsafe-eval|<link|\ssrc=|url\((?!data:|#)|\son[a-z]+=/);
  assert.doesNotMatch(html, /sourceMappingURL/);
  assert.doesNotMatch(script, /<\/script/i);
  assert.equal(count(html, 'url(data:font/woff2;base64,'), count(html, '@font-face'));
  assert.ok(count(html, '@font-face') >= 15);
  const { initial, ...state } = stateOf(html);
  assert.deepEqual(state, {
    expression,
    options: { set: { gamma: 3, y: 1 }, activation: 'sigmoid' },
    title: 'Loss preview',
    samples: 2000,
  });
  const core = (await import('node:module')).createRequire(import.meta.url)(path.join(root, 'dist/core.cjs'));
  const fresh = core.analyze(expression, { activation: 'sigmoid', set: { gamma: 3, y: 1 }, budgetMs: 2000 });
  assert.equal(initial.analysis.derivative, fresh.derivative, 'the first-paint analysis is the one the page would compute');
  assert.deepEqual(initial.analysis.diagnostics, JSON.parse(JSON.stringify(fresh.diagnostics)));
  assert.equal(JSON.parse(initial.key)[0], expression);
});

test('a title with markup stays text', () => {
  const out = path.join(tmp, 'title.html');
  const r = cli(['preview', '--title', '</title><script>alert(1)</script> "x" & y', '--out', out, '(p - y)^2']);
  assert.equal(r.status, 0, r.stderr);
  const html = readFileSync(out, 'utf8');
  assert.equal(count(html, '<script'), 1);
  assert.equal(stateOf(html).title, '</title><script>alert(1)</script> "x" & y');
});

test('bad input: exit 2 and one line naming the problem and its column', () => {
  const cases = [
    [['preview', '--out', path.join(tmp, 'x.html'), 'log(('], /^loss-lens: .*column \d+/],
    [['preview', '--out', path.join(tmp, 'x.html'), 'p +* y'], /column 4/],
    [['preview', '(p - y)^2'], /--out FILE\.html is required/],
    [['preview', '--out', path.join(tmp, 'x.html'), '--set', 'delta=abc', 'delta * p'], /--set delta: 'abc' is not a finite number/],
    [['preview', '--out', path.join(tmp, 'x.html'), '--activation', 'swish', 'p'], /--activation must be one of/],
    [['preview', '--out', path.join(tmp, 'x.html'), '--samples', '10', 'p'], /--samples must be a whole number from 50/],
    [['preview', '--out', path.join(tmp, 'x.html'), '--wrt', 'q', 'p^2'], /no variable 'q'/],
    [['preview', '--out', path.join(tmp, 'no-such-dir', 'x.html'), 'p^2'], /cannot write .*ENOENT/],
    [['preview', '--out', path.join(tmp, 'x.html'), '--file', path.join(tmp, 'missing.ts'), '--line', '1'], /cannot read .*ENOENT/],
    [['preview', '--out', path.join(tmp, 'x.html'), '--file', path.join(tmp, 'missing.ts')], /--file needs --line N/],
    [['preview', '--out', path.join(tmp, 'x.html'), '--file', 'a.ts', '--line', '1', 'p^2'], /either an expression or --file/],
  ];
  for (const [args, message] of cases) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
});

test('--file SRC --line N: the loss written on that line, or exit 2 when there is none', () => {
  const src = path.join(tmp, 'model.ts');
  writeFileSync(
    src,
    [
      "import * as tf from '@tensorflow/tfjs';",
      '',
      'export function bce(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {',
      '  return tf.neg(tf.add(tf.mul(yTrue, tf.log(yPred)), tf.mul(tf.sub(1, yTrue), tf.log(tf.sub(1, yPred))))).mean();',
      '}',
      '',
    ].join('\n'),
  );
  const out = path.join(tmp, 'from-file.html');
  const none = cli(['preview', '--out', out, '--file', src, '--line', '2']);
  assert.equal(none.status, 2);
  assert.match(none.stderr, new RegExp(`no loss found at ${src.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2`));
  assert.match(cli(['preview', '--out', out, '--file', src, '--line', '99']).stderr, /no loss found at .*:99/);

  const found = cli(['preview', '--out', out, '--file', src, '--line', '4']);
  if (!existsSync(path.join(root, 'dist/lint.cjs'))) {
    assert.equal(found.status, 2);
    assert.match(found.stderr, /no loss found at .*model\.ts:4 \(this build has no lint module\)/);
    return;
  }
  assert.equal(found.status, 0, found.stderr);
  const state = stateOf(readFileSync(out, 'utf8'));
  assert.equal(state.source.label, 'model.ts:4');
  assert.equal(state.source.line, 4);
  assert.match(state.expression, /log/);
  assert.ok(Array.isArray(state.sourceDiagnostics));
});

function count(s, needle) {
  return s.split(needle).length - 1;
}
