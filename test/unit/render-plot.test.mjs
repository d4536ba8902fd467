// The pure SVG plot renderer (src/render/plot): path data with gaps, robust y ranges, ticks, and whole
// plots drawn from the core's plotData for real losses. Bundled here with esbuild, no DOM needed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { core, root } from './support.mjs';

const require = createRequire(import.meta.url);
const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), 'loss-lens-plot-')), 'plot.cjs');
buildSync({ entryPoints: [path.join(root, 'src/render/plot/index.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' });
const plot = require(outfile);

const COLORS = { foreground: '#333333', loss: '#005fb8', gradient: '#c05a00', grid: '#e5e5e5', hazard: '#e51400', kink: '#8b3fb0' };

/** A generous budget: on a busy machine the default 250 ms can cut kinks from the analysis. */
function plotOf(expression, options = {}, count = 400, values) {
  const analysis = core.analyze(expression, { budgetMs: 10_000, ...options });
  return core.plotData(analysis, { count, values });
}

function inputOf(data, extra = {}) {
  return { series: data.series, kinks: data.kinks, zones: data.zones, range: data.range, width: 640, height: 320, colors: COLORS, ...extra };
}

const count = (s, needle) => s.split(needle).length - 1;

test('seriesPath: a null starts a new subpath; coordinates follow the scales', () => {
  const x = plot.linearScale([0, 3], [0, 300]);
  const y = plot.linearScale([0, 3], [100, 0]);
  const p = plot.seriesPath([0, 1, 2, 3], [1, null, 2, 3], x, y);
  assert.equal(p.d, 'M0,66.7M200,33.3L300,0');
  assert.equal(p.points, 3);
  assert.deepEqual(plot.seriesPath([0, 1], [null, null], x, y), { d: '', points: 0 });
});

test('seriesPath: values far off the plot are clamped, never Infinity or exponent notation', () => {
  const x = plot.linearScale([0, 1], [0, 100]);
  const y = plot.linearScale([0, 1], [100, 0]);
  const p = plot.seriesPath([0, 0.5, 1], [1e300, 0.5, -1e300], x, y);
  assert.doesNotMatch(p.d, /Infinity|NaN|e[+-]/);
  const ys = p.d.split(/[ML]/).filter(Boolean).map((pt) => Number(pt.split(',')[1]));
  assert.deepEqual(ys, [-400, 50, 500]);
});

test('robustExtent: a -1/p gradient keeps its shape and zero; -log(p) keeps its maximum', () => {
  const gradient = plotOf('-log(p)', { activation: 'sigmoid' }, 1000).series.gradient;
  const finite = gradient.filter((v) => v !== null);
  const [lo, hi] = plot.robustExtent(gradient);
  assert.ok(lo > Math.min(...finite) / 10, `the -1/p spike is cut (${lo} vs ${Math.min(...finite)})`);
  assert.ok(lo < -10, `but most of the curve is shown (${lo})`);
  assert.equal(hi, 0);
  const loss = plotOf('-log(p)', { activation: 'sigmoid' }, 1000).series.loss;
  const [llo, lhi] = plot.robustExtent(loss);
  assert.equal(llo, 0);
  assert.ok(lhi >= Math.max(...loss.filter((v) => v !== null)));
  assert.deepEqual(plot.robustExtent([2, 2, 2]), [1, 3]);
  assert.equal(plot.robustExtent([null, NaN, Infinity]), null);
});

test('ticks: nice steps, clean decimals, a true minus sign, exponents for tiny steps', () => {
  assert.deepEqual(plot.niceTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(plot.niceTicks(-3, 3, 6), [-3, -2, -1, 0, 1, 2, 3]);
  assert.deepEqual(plot.niceExtent(0.13, 7.6, 5), [0, 8]);
  assert.equal(plot.formatTick(-0.4, 0.2), '−0.4');
  assert.equal(plot.formatTick(0.30000000000000004, 0.1), '0.3');
  assert.equal(plot.formatTick(3e-6, 1e-6), '3e-6');
  assert.equal(plot.formatValue(-2.41352), '−2.414');
  assert.equal(plot.formatValue(null), '—');
});

test('renderPlotSvg for -log(p) on a sigmoid output: all samples, one hazard zone at p = 0, no kinks', () => {
  const data = plotOf('-log(p)', { activation: 'sigmoid' });
  const svg = plot.renderPlotSvg(inputOf(data));
  const points = (cls) => Number(new RegExp(`class="${cls}" data-points="(\\d+)"`).exec(svg)[1]);
  assert.equal(points('ll-series-loss'), data.series.loss.filter((v) => v !== null).length);
  assert.equal(points('ll-series-gradient'), data.series.gradient.filter((v) => v !== null).length);
  assert.equal(count(svg, 'class="ll-zone"'), data.zones.length);
  assert.equal(data.zones.length, 1);
  const layout = plot.plotLayout(inputOf(data));
  const band = /class="ll-zone-band" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(svg);
  assert.equal(Number(band[1]), Math.round(layout.frame.left * 10) / 10);
  assert.equal(Number(band[2]), plot.MIN_ZONE_WIDTH);
  assert.equal(count(svg, 'class="ll-kink"'), 0);
  assert.match(svg, /class="ll-crosshair" visibility="hidden"/);
  assert.match(svg, /loss L\(ŷ\)/);
  assert.doesNotMatch(svg, /NaN|Infinity|style=/);
  assert.equal(count(svg, '<g'), count(svg, '</g>'));
});

test('renderPlotSvg for abs(p - y): a kink marker at the target, with a dot on the curve', () => {
  const data = plotOf('abs(p - y)', {}, 400, { y: 0.5 });
  assert.deepEqual(data.kinks, [0.5]);
  const input = inputOf(data, { markers: [{ x: 0.5, label: 'y' }] });
  const svg = plot.renderPlotSvg(input);
  const layout = plot.plotLayout(input);
  const kink = /<g class="ll-kink" data-x="0.5">.*?<line x1="([\d.]+)".*?<circle cx="[\d.]+" cy="([\d.]+)"/.exec(svg);
  assert.ok(kink, 'a kink group with a line and a dot');
  assert.ok(Math.abs(Number(kink[1]) - layout.x(0.5)) <= 0.05);
  assert.ok(Math.abs(Number(kink[2]) - layout.loss(0)) <= 0.05);
  assert.equal(count(svg, 'class="ll-marker"'), 1);
  assert.equal(count(svg, 'class="ll-zone"'), 0);
});

test('renderPlotSvg: an overlay in the legend (escaped), fixed extents honoured, same input same output', () => {
  const data = plotOf('(p - y)^2');
  const huber = plotOf('abs(p - y) <= 1 ? 0.5 * (p - y)^2 : abs(p - y) - 0.5');
  const input = inputOf(data, { overlay: { x: huber.series.x, loss: huber.series.loss, label: 'Huber <δ = 1> & co' } });
  const svg = plot.renderPlotSvg(input);
  assert.match(svg, /class="ll-series-overlay" data-points="\d+"/);
  assert.match(svg, /Huber &#60;δ = 1&#62; &#38; co/);
  assert.equal(svg, plot.renderPlotSvg(input));
  const fixed = plot.plotLayout({ ...input, extents: { loss: [0, 100], gradient: [-50, 50] } });
  assert.deepEqual(fixed.extents, { loss: [0, 100], gradient: [-50, 50] });
  assert.equal(fixed.ticks.loss.values.at(-1), 100);
});

test('compact sparkline: no crosshair, legend or tick labels, and small', () => {
  const data = plotOf('-(y*log(p) + (1-y)*log(1-p))', { activation: 'sigmoid' }, 160);
  const svg = plot.renderPlotSvg({ ...inputOf(data), width: 320, height: 120, compact: true, id: 'hover' });
  assert.match(svg, /class="ll-plot ll-plot-compact" width="320" height="120"/);
  assert.doesNotMatch(svg, /ll-crosshair|ll-legend|ll-tick/);
  assert.equal(count(svg, 'class="ll-zone"'), 2);
  assert.match(svg, /clip-path="url\(#hover-clip\)"/);
  assert.ok(svg.length < 12_000, `${svg.length} characters`);
});
