import test from 'node:test';
import assert from 'node:assert/strict';
import { core } from './support.mjs';

function sample(src, options, count = 200, values = {}) {
  const a = core.analyze(src, options);
  return core.plotData(a, { count, values });
}

/** True when the polyline would join two samples across a jump bigger than `limit`. */
function hasVerticalLine(xs, ys, limit) {
  for (let i = 1; i < xs.length; i++) {
    if (ys[i - 1] === null || ys[i] === null) continue;
    if (Math.abs(ys[i] - ys[i - 1]) > limit) return true;
  }
  return false;
}

test('NaN and Infinity become gaps', () => {
  const d = sample('-log(p)', { activation: 'sigmoid' });
  assert.equal(d.series.x[0], 0);
  assert.equal(d.series.loss[0], null);
  assert.ok(d.series.loss.slice(1).every((v) => v !== null));
});

test('a jump gets a gap, never a vertical line', () => {
  const d = sample('p > 0.3 ? 1 + p : p', { domain: [0, 1] });
  assert.ok(!hasVerticalLine(d.series.x, d.series.loss, 0.5));
  assert.ok(d.series.loss.some((v) => v === null));
});

test('the gradient of MAE steps from -1 to 1 without a vertical line, and the kink is sampled closely', () => {
  const d = sample('abs(p - y)', {}, 101, { y: 0.123 });
  assert.deepEqual(d.kinks, [0.123]);
  assert.ok(!hasVerticalLine(d.series.x, d.series.gradient, 1));
  const nearest = Math.min(...d.series.x.map((x) => Math.abs(x - 0.123)));
  assert.ok(nearest < 1e-6);
});

test('an asymptote gets a gap; a steep continuous curve does not', () => {
  const pole = sample('1 / (p - 0.5)', { domain: [0, 1] });
  const { x, loss } = pole.series;
  for (let i = 1; i < x.length; i++) {
    if (loss[i - 1] !== null && loss[i] !== null) assert.ok(!(x[i - 1] < 0.5 && x[i] > 0.5), `joined across the pole at ${x[i - 1]}..${x[i]}`);
  }
  const steep = sample('-log(p)', { domain: [1e-6, 1] });
  assert.ok(steep.series.loss.every((v) => v !== null));
});

test('an unbounded domain gets a window around the target and kinks, widened to show float32 hazards', () => {
  const mae = sample('abs(p - y)', {}, 50, { y: 10 });
  assert.ok(mae.range.lo < 10 && mae.range.hi > 10);
  const logits = sample('-log(1 - sigmoid(z))', {});
  assert.ok(logits.zones.length >= 1);
  assert.ok(logits.zones[0].lo > 17 && logits.zones[0].lo < 17.5, `zone starts at ${logits.zones[0].lo}`);
  assert.ok(logits.range.hi > logits.zones[0].lo);
});
