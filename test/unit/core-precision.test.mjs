// Numeric precision: float16 rounding, and hazards, fixes and plots in float16, float32 and float64,
// against NumPy (test/fixtures/precision-oracle.json, written by test/oracle/generate_precision_oracle.py).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { core, root } from './support.mjs';

const oracle = JSON.parse(readFileSync(path.join(root, 'test/fixtures/precision-oracle.json'), 'utf8'));
const decode = (v) => (v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v);
const hazards = (src, options) => core.analyze(src, options).diagnostics.filter((d) => d.code !== 'non-differentiable');
const codes = (src, options) => hazards(src, options).map((d) => d.code);

test('float16 rounding: the format\'s landmarks', () => {
  const { f16round } = core;
  assert.equal(f16round(65504), 65504, 'largest finite');
  assert.equal(f16round(65519.99), 65504);
  assert.equal(f16round(65520), Infinity, 'the tie above the largest finite goes to the even neighbour, 2^16 = Infinity');
  assert.equal(f16round(-65520), -Infinity);
  assert.equal(f16round(2 ** -24), 2 ** -24, 'smallest subnormal');
  assert.equal(f16round(2 ** -25), 0, 'half the smallest subnormal ties to even: 0');
  assert.equal(f16round(2 ** -25 * 1.0000001), 2 ** -24);
  assert.equal(f16round(3 * 2 ** -25), 2 ** -23, 'a subnormal tie goes to the even neighbour');
  assert.equal(f16round(2 ** -14), 2 ** -14, 'smallest normal');
  assert.equal(f16round(1 - 1e-4), 1, '1 - 1e-4 rounds to 1');
  assert.equal(f16round(1 - 1e-3), 0.9990234375);
  assert.equal(f16round(1 + 2 ** -11), 1, 'a tie at 1 goes to the even neighbour, 1');
  assert.equal(f16round(1 + 3 * 2 ** -11), 1 + 2 ** -9);
  assert.equal(f16round(0.1), 0.0999755859375);
  assert.ok(Object.is(f16round(-0), -0));
  assert.ok(Number.isNaN(f16round(NaN)));
  assert.equal(f16round(-Infinity), -Infinity);
});

test(`float16 rounding agrees with NumPy's float64 → float16 cast on ${oracle.float16.length} values`, () => {
  const wrong = oracle.float16.filter(([x, expected]) => !Object.is(core.f16round(x), decode(expected)));
  assert.deepEqual(wrong, []);
});

test('clip constants: which ε protects log in which precision (NumPy facts)', () => {
  for (const { precision, eps, lowerSafe, upperSafe } of oracle.clip) {
    const options = { activation: 'sigmoid', precision };
    const lower = `-log(clip(p, ${eps}, 1 - ${eps}))`;
    const upper = `-log(1 - clip(p, ${eps}, 1 - ${eps}))`;
    assert.deepEqual(codes(lower, options), lowerSafe ? [] : ['log-of-zero'], `${precision}: ${lower}`);
    assert.deepEqual(codes(upper, options), upperSafe ? [] : ['log-of-zero'], `${precision}: ${upper}`);
  }
  const fact = (precision, eps) => oracle.clip.find((c) => c.precision === precision && c.eps === eps);
  assert.equal(fact('float64', 1e-15).upperSafe, true, 'NumPy: the 1e-15 clip recipe is sound in float64');
  assert.equal(fact('float32', 1e-15).upperSafe, false, 'NumPy: in float32 1 - 1e-15 == 1');
  assert.equal(fact('float16', 1e-4).upperSafe, false, 'NumPy: in float16 1 - 1e-4 == 1');
});

test('exp overflows where NumPy says, in each precision', () => {
  for (const [precision, { largestFinite, firstOverflowing }] of Object.entries(oracle.exp)) {
    assert.deepEqual(codes('exp(p)', { domain: [0, largestFinite], precision }), [], `${precision}: exp(${largestFinite}) is finite`);
    assert.deepEqual(codes('exp(p)', { domain: [0, firstOverflowing], precision }), ['exp-overflow'], `${precision}: exp(${firstOverflowing}) overflows`);
  }
});

test('the default is float32, and the JSON names the precision', () => {
  const a = core.analyze('exp(p)', { domain: [0, 89] });
  assert.equal(a.precision, 'float32');
  assert.equal(core.analysisToJson(a).precision, 'float32');
  assert.equal(core.analysisToJson(core.analyze('p', { precision: 'float16' })).precision, 'float16');
});

test('messages name the precision they are about', () => {
  const [overflow] = hazards('exp(p)', { precision: 'float64' });
  assert.match(overflow.message, /overflows float64 \(past about 709\.8\)/);
  assert.match(overflow.fix.title, /float64/);
  const [log16] = hazards('-log(p)', { activation: 'sigmoid', precision: 'float16' });
  assert.match(log16.message, /float16 saturates to exactly 0 and 1/);
  for (const precision of core.PRECISIONS) {
    for (const d of hazards('exp(p) + log(1 - p)', { activation: 'sigmoid', precision: precision })) {
      assert.doesNotMatch(d.message, new RegExp(core.PRECISIONS.filter((p) => p !== precision).join('|')), `${precision}: ${d.message}`);
    }
  }
});

test("the fix's ε follows the precision, and is widened where 1 - ε would round to 1", () => {
  const fixOf = (precision, epsilon) => hazards('-log(1 - p)', { activation: 'sigmoid', precision, epsilon })[0].fix;
  assert.equal(fixOf('float32').expression, '-log(1 - clip(p, 1e-7, 1 - 1e-7))');
  assert.equal(fixOf('float64').expression, '-log(1 - clip(p, 1e-7, 1 - 1e-7))');
  const f16 = fixOf('float16');
  assert.equal(f16.expression, '-log(1 - clip(p, 0.0001, 1 - 0.001))');
  assert.match(f16.title, /in float16 1 - 0\.0001 rounds to 1/);
  assert.deepEqual(codes(f16.expression, { activation: 'sigmoid', precision: 'float16' }), [], 'the float16 fix clears the hazard in float16');
  assert.equal(fixOf('float64', 1e-15).expression, '-log(1 - clip(p, 1e-15, 1 - 1e-15))', 'an explicit ε is kept where it works');
  const lowFix = hazards('-log(p)', { activation: 'sigmoid', precision: 'float16' })[0].fix;
  assert.equal(lowFix.expression, '-log(clip(p, 0.0001, 1 - 0.001))');
  const cap = hazards('exp(p)', { precision: 'float16' })[0].fix;
  assert.deepEqual(codes(cap.expression, { precision: 'float16' }), []);
});

test('every offered fix clears its hazard in the precision it was offered for', () => {
  const cases = [
    ['-(y*log(p) + (1-y)*log(1-p))', { activation: 'sigmoid' }],
    ['(p - y)^2 / p', { activation: 'relu' }],
    ['sqrt(p)', { activation: 'relu' }],
    ['log(1 + exp(z))', {}],
    ['exp(p) - y', {}],
    ['cosh(p)', {}],
  ];
  for (const precision of core.PRECISIONS) {
    for (const [src, base] of cases) {
      const options = { ...base, precision };
      const found = hazards(src, options);
      assert.ok(found.length > 0, `${precision}: ${src}`);
      for (const d of found) {
        assert.ok(d.fix, `${precision}: ${src}: ${d.code} has a fix`);
        const before = codes(src, options).filter((c) => c === d.code).length;
        const after = codes(d.fix.expression, options).filter((c) => c === d.code).length;
        assert.ok(after < before, `${precision}: ${src} → ${d.fix.expression}`);
      }
    }
  }
});

test('saturation moves with the precision: 1 - sigmoid(z) reaches 0 at about 8.3, 17.3 and 36.7', () => {
  const expect = { float16: [7, 9], float32: [16, 18], float64: [35, 38] };
  for (const [precision, [lo, hi]] of Object.entries(expect)) {
    assert.deepEqual(codes('log(1 - sigmoid(z))', { domain: [-5, lo], precision }), [], `${precision} below ${lo}`);
    assert.deepEqual(codes('log(1 - sigmoid(z))', { domain: [-5, hi], precision }), ['log-of-zero'], `${precision} up to ${hi}`);
    const zones = core.plotData(core.analyze('log(1 - sigmoid(z))', { precision })).zones;
    assert.equal(zones.length, 1, precision);
    assert.ok(zones[0].lo > lo && zones[0].lo < hi, `${precision}: the zone starts at ${zones[0].lo}`);
  }
});

test('evaluators round every step to the precision asked for, and compute in doubles without one', () => {
  const a = core.analyze('1 - p');
  const at = (options, x) => core.evaluators(a, options).loss([x]);
  assert.equal(at({ precision: 'float16' }, 1e-4), 0 + 1, 'float16: 1 - 1e-4 is 1');
  assert.equal(at({ precision: 'float32' }, 1e-4), Math.fround(1 - Math.fround(1e-4)));
  assert.equal(at({ precision: 'float64' }, 1e-4), 1 - 1e-4);
  assert.equal(at({}, 1e-15), 1 - 1e-15);
});
