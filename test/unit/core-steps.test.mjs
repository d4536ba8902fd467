// Named steps: `pt = …; loss`. The loss is analysed with the steps written out; spans and fixes stay in the input.
import test from 'node:test';
import assert from 'node:assert/strict';
import { core, close, evaluateAt } from './support.mjs';

const { analyze, parseExpression, ExpressionError, applyEdits } = core;

const FOCAL_STEPS = 'pt = y*p + (1-y)*(1-p); -alpha*(1-pt)^gamma*log(pt)';
const FOCAL_INLINE = '-alpha*(1-(y*p + (1-y)*(1-p)))^gamma*log(y*p + (1-y)*(1-p))';

function errorOf(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected an error');
}

test('the last statement is the loss; steps are listed in order with their own TeX', () => {
  const a = analyze('error = y - p; sq = error^2; error > 0 ? 2*sq : sq');
  assert.deepEqual(a.steps.map((s) => s.name), ['error', 'sq']);
  assert.equal(a.steps[0].expression, 'y - p');
  assert.equal(a.steps[1].expression, 'error ^ 2');
  assert.match(a.steps[1].latex, /\\mathit\{error\}\^\{2\}/);
  assert.equal(a.wrt, 'p');
  assert.equal(a.roles.target, 'y');
  assert.match(a.latex, /\\mathit\{sq\}/);
  assert.equal(a.expression, 'y - p > 0 ? 2 * (y - p) ^ 2 : (y - p) ^ 2');
  const src = 'error = y - p; sq = error^2; error > 0 ? 2*sq : sq';
  assert.deepEqual(a.steps.map((s) => src.slice(s.span.start, s.span.end)), ['error = y - p', 'sq = error^2']);
});

test('a focal loss written with pt: the same values and gradient as written out, typeset with p_t', () => {
  const opts = { activation: 'sigmoid', set: { alpha: 0.25, gamma: 2 } };
  const named = analyze(FOCAL_STEPS, opts);
  const inline = analyze(FOCAL_INLINE, opts);
  for (const y of [0, 1, 0.3]) {
    for (const p of [0.05, 0.3, 0.7, 0.99]) {
      const set = { y, alpha: 0.25, gamma: 2 };
      const a = evaluateAt(named, set, p);
      const b = evaluateAt(inline, set, p);
      assert.ok(close(a.value, b.value) && close(a.derivative, b.derivative), `y=${y} p=${p}`);
    }
  }
  assert.match(named.latex, /p_\{t\}/);
  assert.doesNotMatch(named.latex, /\\hat\{y\}/);
  assert.match(named.derivativeLatex, /p_\{t\}/, 'the gradient names the step where its value recurs');
  assert.equal(named.steps[0].latex, 'y \\, \\hat{y} + (1 - y) \\, (1 - \\hat{y})');
});

test('a hazard inside a step is reported once, at its place in the step, and its fix edits the step', () => {
  const src = 'q = log(p); w = q*y; w + q*(1-y)';
  const a = analyze(src, { activation: 'sigmoid' });
  const logs = a.diagnostics.filter((d) => d.code === 'log-of-zero');
  assert.equal(logs.length, 1);
  assert.equal(src.slice(logs[0].span.start, logs[0].span.end), 'log(p)');
  assert.ok(logs[0].span.start >= 4 && logs[0].span.end <= 10);
  const fix = logs[0].fix;
  assert.ok(fix, 'a fix is offered');
  for (const e of fix.edits) assert.ok(e.start >= 4 && e.end <= 10, `edit ${JSON.stringify(e)} stays in the step's definition`);
  const fixed = applyEdits(src, fix.edits);
  assert.equal(fixed, fix.expression);
  assert.match(fixed, /^q = log\(/);
  assert.equal(analyze(fixed, { activation: 'sigmoid' }).diagnostics.filter((d) => d.code === 'log-of-zero').length, 0);
});

test('a step used twice that holds the prediction is clipped once', () => {
  const src = 'a = p; log(a*a)';
  const d = analyze(src, { activation: 'sigmoid' }).diagnostics.find((x) => x.code === 'log-of-zero');
  assert.ok(d?.fix);
  assert.equal(d.fix.expression, 'a = clip(p, 1e-7, 1 - 1e-7); log(a*a)');
});

test('kinks of a step are those of the written-out loss, with spans in the step', () => {
  const src = 'r = abs(p - y); r + delta*r^2';
  const a = analyze(src, { set: { y: 0.5, delta: 1 } });
  const b = analyze('abs(p - y) + delta*abs(p - y)^2', { set: { y: 0.5, delta: 1 } });
  assert.deepEqual(a.kinks.map((k) => [k.at, k.value]), b.kinks.map((k) => [k.at, k.value]));
  assert.equal(a.kinks.length, 1);
  assert.equal(src.slice(a.kinks[0].span.start, a.kinks[0].span.end), 'abs(p - y)');
  const info = a.diagnostics.filter((d) => d.code === 'non-differentiable');
  assert.equal(info.length, 1);
});

test('steps one per line; a line that carries on an expression stays in its statement', () => {
  const src = 'pt = y*p\n  + (1-y)*(1-p)\nloss = -(1 - pt)^2 *\n  log(pt)\n';
  const a = analyze(src, { activation: 'sigmoid' });
  assert.deepEqual(a.steps.map((s) => s.name), ['pt']);
  assert.equal(a.lossName, 'loss');
  assert.equal(src.slice(a.steps[0].span.start, a.steps[0].span.end), 'pt = y*p\n  + (1-y)*(1-p)');
  const lines = analyze('e = y - p\n-e * 2\n');
  assert.equal(lines.expression, '-(y - p) * 2');
});

test('code-like steps: const/let, return, a trailing semicolon, a named loss', () => {
  const a = analyze('const error = yTrue - yPred;\nlet sq = error * error;\nreturn sq;');
  assert.deepEqual(a.steps.map((s) => s.name), ['error', 'sq']);
  assert.equal(a.wrt, 'yPred');
  const named = analyze('MSE = (p - y)^2');
  assert.equal(named.lossName, 'MSE');
  assert.equal(named.steps.length, 0);
  assert.equal(analyze('L(p, y) = (p - y)^2').lossName, 'L');
});

test('e can name a step (an error), and then is not Euler\'s number', () => {
  const a = analyze('e = y - p; e^2');
  assert.equal(a.expression, '(y - p) ^ 2');
});

test('an unused step is said to be unused', () => {
  assert.deepEqual(analyze('a = p; b = y; (p - y)^2').assumptions, ['the step a is not used by the loss', 'the step b is not used by the loss']);
  assert.deepEqual(analyze('a = p; b = a; b^2').assumptions, []);
});

test('bad steps are clear errors with the column', () => {
  const cases = [
    ['b = a + 1; a = p; b', /'a' is used before the step that defines it/, 5],
    ['d = y - p; d = d^2; d', /'d' is defined twice/, 12],
    ['a = p; b = ; a', /'b =' has no expression/, 8],
    ['p^2; y', /only the last statement is the loss/, 1],
    ['f(x) = x^2; f(p)', /defining a function is not supported/, 2],
    ['exp = p; exp(1)', /'exp' is a function and cannot name a step/, 1],
    ['a = p; a = ', /'a =' has no expression/, 8],
    ['a = p; q = log(; a', /column/, undefined],
  ];
  for (const [src, message, column] of cases) {
    const err = errorOf(() => analyze(src));
    assert.ok(err instanceof ExpressionError, src);
    assert.match(err.message, message, src);
    if (column !== undefined) assert.equal(err.column, column, src);
  }
});

test('steps that double at every level are bounded, not expanded without end', () => {
  const parts = ['a0 = p*y'];
  for (let i = 1; i <= 24; i++) parts.push(`a${i} = a${i - 1}*a${i - 1}`);
  parts.push('a24');
  const err = errorOf(() => analyze(parts.join('; ')));
  assert.ok(err instanceof ExpressionError);
  assert.match(err.message, /too large/);
});

test('--wrt naming a step says it is a step', () => {
  assert.match(errorOf(() => analyze('pt = p*y; log(pt)', { wrt: 'pt' })).message, /named step/);
});

test('parseExpression keeps the loss as written and the steps with their values', () => {
  const parsed = parseExpression(FOCAL_STEPS);
  assert.equal(parsed.steps.length, 1);
  assert.equal(parsed.loss.kind, 'op');
  const names = new Set();
  const walk = (n) => {
    if (n.kind === 'sym') names.add(n.name);
    for (const k of ['arg', 'left', 'right', 'test', 'then', 'else']) if (n[k]) walk(n[k]);
    for (const c of n.args ?? []) walk(c);
  };
  walk(parsed.ast);
  assert.deepEqual([...names].sort(), ['alpha', 'gamma', 'p', 'y']);
});

test('constants written like code get Greek names: DELTA, GAMMA, alpha_, EPS', () => {
  assert.equal(core.symbolLatex('DELTA'), '\\delta');
  assert.equal(core.symbolLatex('GAMMA'), '\\gamma');
  assert.equal(core.symbolLatex('alpha_'), '\\alpha');
  assert.equal(core.symbolLatex('EPS'), '\\epsilon');
  assert.equal(core.symbolLatex('Delta'), '\\Delta');
  assert.equal(core.symbolLatex('pt'), 'p_{t}');
  assert.equal(core.symbolLatex('MAX_ITER'), '\\mathit{MAX\\_ITER}');
  const huber = analyze('abs(p - y) <= DELTA ? 0.5*(p - y)^2 : DELTA*(abs(p - y) - 0.5*DELTA)', { set: { DELTA: 1.5 } });
  assert.match(huber.latex, /\\delta/);
  assert.deepEqual(huber.parameters, [{ name: 'DELTA', value: 1.5, assumed: false }]);
});
