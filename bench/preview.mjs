// Preview page speed in headless Chromium, measured by the page itself with User Timing: first render and
// first painted frame after load (target 150 ms), with the moment the page's script starts as the baseline
// (HTML and bundle parsing, which the page's own work comes after); for every catalog loss, the redraw on a
// slider move and on a descent step (2,000 samples; target 4 ms at p95); and the re-analysis when a move
// ends. Run `npm run build` first; `node bench/preview.mjs` prints the table alone.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stats } from './stats.mjs';
import { createRequire } from 'node:module';
import { build, launch, openPage, root, writePreview } from '../test/browser/support.mjs';

const SAMPLES = '2000';
const LOADS = 7;
const MOVES = 30;
const DESCENT_STEPS = 30;

const CASES = [
  { name: 'Huber (y, δ)', args: ['abs(p - y) <= delta ? 0.5 * (p - y)^2 : delta * (abs(p - y) - 0.5 * delta)'], slider: 'delta' },
  { name: 'binary cross-entropy (y)', args: ['--activation', 'sigmoid', '--', '-(y*log(p) + (1-y)*log(1-p))'], slider: 'y' },
  {
    name: 'focal (y, α, γ)',
    args: ['--activation', 'sigmoid', '--', '-alpha * y * (1 - p)^gamma * log(p) - (1 - alpha) * (1 - y) * p^gamma * log(1 - p)'],
    slider: 'gamma',
  },
];

function summary(values) {
  const { median, p95 } = stats(values);
  return { median_ms: median, p95_ms: p95, n: values.length };
}

async function loadTimes(browser, url) {
  const ready = [];
  const painted = [];
  const script = [];
  for (let i = 0; i < LOADS; i++) {
    const s = await openPage(browser, url);
    await s.page.waitForFunction(() => performance.getEntriesByName('loss-lens:painted').length > 0);
    const t = await s.page.evaluate(() => ({
      script: performance.getEntriesByName('loss-lens:script')[0]?.startTime ?? 0,
      ready: performance.getEntriesByName('loss-lens:ready')[0].duration,
      painted: performance.getEntriesByName('loss-lens:painted')[0].duration,
    }));
    ready.push(t.ready);
    painted.push(t.painted);
    script.push(t.script);
    await s.context.close();
  }
  return { ready, painted, script };
}

/** Walks the descent panel one step at a time, a frame apart (Reset, then Step). */
async function descentSteps(page) {
  return page.evaluate(async (steps) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    document.querySelector('.ll-descent-reset').click();
    await frame();
    const before = performance.getEntriesByName('loss-lens:descent-step').length;
    for (let i = 0; i < steps; i++) {
      document.querySelector('.ll-descent-step').click();
      await frame();
    }
    return performance.getEntriesByName('loss-lens:descent-step').slice(before).map((e) => e.duration);
  }, DESCENT_STEPS);
}

/** Moves one slider MOVES times, a frame apart, like a drag; then ends a few moves to time the re-analysis. */
async function moveTimes(browser, url, slider) {
  const s = await openPage(browser, url);
  const result = await s.page.evaluate(
    async ({ id, moves }) => {
      const input = document.getElementById(id);
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
      const min = Number(input.min);
      const max = Number(input.max);
      for (let i = 0; i < moves; i++) {
        input.value = String(min + ((max - min) * (0.2 + (0.6 * i) / moves)));
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await frame();
      }
      for (let i = 0; i < 8; i++) {
        input.value = String(min + ((max - min) * (0.3 + 0.05 * i)));
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
        const settled = performance.getEntriesByName('loss-lens:settle').length + 1;
        while (performance.getEntriesByName('loss-lens:settle').length < settled) await frame();
      }
      const durations = (name) => performance.getEntriesByName(name).map((e) => e.duration);
      return {
        redraw: durations('loss-lens:redraw').slice(0, moves),
        sampling: durations('loss-lens:redraw-sampling').slice(0, moves),
        settle: durations('loss-lens:settle'),
      };
    },
    { id: `ll-slider-${slider}`, moves: MOVES },
  );
  result.descent = await descentSteps(s.page);
  const problems = [...s.problems, ...(await s.violations())];
  await s.context.close();
  if (problems.length) throw new Error(`the preview reported problems: ${problems.join('; ')}`);
  return result;
}

/** Every catalog loss, on its usual activation, moved by its first slider. */
function catalogCases() {
  const core = createRequire(import.meta.url)(path.join(root, 'dist/core.cjs'));
  return core.CATALOG.map((loss) => {
    const a = core.analyze(loss.expression, { wrt: loss.prediction, set: loss.parameters, activation: loss.activations[0] });
    const slider = a.roles.target ?? a.parameters[0]?.name;
    const set = Object.entries(loss.parameters).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
    return { id: loss.id, slider, args: ['--wrt', loss.prediction, '--activation', loss.activations[0], ...set, '--', loss.expression] };
  }).filter((c) => c.slider);
}

export async function benchPreview() {
  if (!existsSync(path.join(root, 'dist/webview/preview.js'))) build();
  const browser = await launch();
  const rows = [];
  try {
    for (const c of CASES) {
      const url = pathToFileURL(writePreview(`bench-${c.slider}`, ['--samples', SAMPLES, ...c.args])).href;
      const load = await loadTimes(browser, url);
      const row = (metric, values) => ({ bench: 'preview', case: `${c.name}, ${SAMPLES} samples`, metric, ...summary(values) });
      rows.push(row('baseline: the page script starts (HTML and bundle parsed)', load.script));
      rows.push(row('first render (script done)', load.ready));
      rows.push(row('first painted frame', load.painted));
      rows.push(row('  first paint / script start (ratio)', load.painted.map((p, i) => p / Math.max(1, load.script[i]))));
    }
    for (const c of catalogCases()) {
      const url = pathToFileURL(writePreview(`bench-${c.id}`, ['--samples', SAMPLES, ...c.args])).href;
      const moves = await moveTimes(browser, url, c.slider);
      const row = (metric, values) => ({ bench: 'preview', case: `${c.id}, ${SAMPLES} samples`, metric, ...summary(values) });
      rows.push(row(`redraw on ${c.slider} slider move`, moves.redraw));
      rows.push(row('  of which sampling (core plotData)', moves.sampling));
      rows.push(row('redraw on a descent step', moves.descent));
      rows.push(row('re-analysis when a move ends', moves.settle));
    }
  } finally {
    await browser.close();
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await benchPreview());
}
