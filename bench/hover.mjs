// Times buildHoverMarkdown for every catalog loss (run `node build.mjs` first): from a warm formula cache
// (a repeated hover) and from a cold one (a new loss; MathJax itself already loaded), with the Markdown
// size. A first row measures a fresh process: loading dist/render.cjs and typesetting the first formula.
// Run directly (`node bench/hover.mjs`) to print the table.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { round, stats, time } from './stats.mjs';
import { render, root, catalogAnalyses, standInPlotSvg } from '../test/unit/hover-support.mjs';

const WARM_RUNS = 30;
const COLD_RUNS = 10;




/** Loading the bundle and typesetting one formula in a new Node process, in ms. */
function startup() {
  const script = `const t0 = performance.now(); const r = require(${JSON.stringify(path.join(root, 'dist/render.cjs'))});
const t1 = performance.now(); r.texToSvg('\\\\hat{y}'); const t2 = performance.now();
process.stdout.write(JSON.stringify({ load: t1 - t0, first: t2 - t1 }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

export async function benchHover() {
  const runs = [0, 1, 2].map(() => startup());
  const rows = [
    {
      loss: '(new process: load bundle + first formula)',
      warmMedianMs: null,
      warmP95Ms: null,
      coldMedianMs: stats(runs.map((r) => r.load + r.first)).median,
      coldP95Ms: null,
      chars: null,
      note: `load ${stats(runs.map((r) => r.load)).median} ms, first formula ${stats(runs.map((r) => r.first)).median} ms`,
    },
  ];
  render.texToSvg('x');
  for (const { loss, analysis } of catalogAnalyses()) {
    const input = { analysis, theme: 'dark', plotSvg: standInPlotSvg(analysis), previewCommandUri: 'command:lossLens.openPreview' };
    const cold = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      render.clearFormulaImageCache();
      cold.push(time(() => render.buildHoverMarkdown(input)));
    }
    const warm = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push(time(() => render.buildHoverMarkdown(input)));
    const w = stats(warm);
    const c = stats(cold);
    rows.push({ loss: loss.id, warmMedianMs: w.median, warmP95Ms: w.p95, coldMedianMs: c.median, coldP95Ms: c.p95, chars: render.buildHoverMarkdown(input).size, note: '' });
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await benchHover());
}
