// The standalone preview page in headless Chromium: `loss-lens preview --out` for a few catalog losses,
// checked for typeset formulas, plot points, kinks, hazard zones, sliders, overlay, fixes, crosshair,
// exports, keyboard use, and no console errors or CSP violations. Screenshots go to test-results/.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, launch, nonNullCount, openPage, resultsDir, root, writePreview } from './support.mjs';

let browser;
let core;
const pages = {};

before(async () => {
  build();
  core = (await import('node:module')).createRequire(import.meta.url)(path.join(root, 'dist/core.cjs'));
  pages.logP = writePreview('log-p', ['--activation', 'sigmoid', '--', '-log(p)']);
  pages.mae = writePreview('mae', ['abs(p - y)']);
  pages.huber = writePreview('huber', ['--set', 'delta=1.5', 'abs(p - y) <= delta ? 0.5 * (p - y)^2 : delta * (abs(p - y) - 0.5 * delta)']);
  pages.bce = writePreview('bce', ['--activation', 'sigmoid', '--', '-(y*log(p) + (1-y)*log(1-p))']);
  pages.logLoss = writePreview('log-loss', ['--activation', 'sigmoid', '--', '-(y*log(p + eps) + (1-y)*log(1 - p + eps))']);
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function open(file, options) {
  return openPage(browser, pathToFileURL(file).href, options);
}

async function assertClean(session) {
  assert.deepEqual(session.problems, []);
  assert.deepEqual(await session.violations(), []);
}

test('-log(p) on a sigmoid output: typeset, every sample drawn, a hazard zone at p = 0, a fix that removes it', async () => {
  const s = await open(pages.logP);
  const { page } = s;
  assert.ok(await page.locator('.ll-formula-loss .katex').count() >= 1);
  assert.ok(await page.locator('.ll-formula-gradient .katex').count() >= 1);
  assert.match(await page.locator('.ll-formula-gradient .katex-mathml annotation').textContent(), /\\frac\{1\}\{\\hat\{y\}\}/);

  const analysis = core.analyze('-log(p)', { activation: 'sigmoid', set: {}, budgetMs: 10_000 });
  const expected = core.plotData(analysis, { count: 1000 });
  assert.equal(Number(await page.locator('.ll-series-loss').getAttribute('data-points')), nonNullCount(expected.series.loss));
  assert.equal(Number(await page.locator('.ll-series-gradient').getAttribute('data-points')), nonNullCount(expected.series.gradient));

  const zones = page.locator('.ll-zone[data-code="log-of-zero"]');
  assert.equal(await zones.count(), 1);
  const band = await zones.locator('.ll-zone-band').boundingBox();
  const axis = await page.locator('.ll-axis-x').boundingBox();
  assert.ok(Math.abs(band.x - axis.x) < 1, `the zone starts at p = 0 (${band.x} vs ${axis.x})`);
  assert.ok(band.width >= 4 && band.width < 10);
  assert.equal(await page.locator('.ll-kink').count(), 0);

  const diagnostics = page.locator('.ll-diagnostic');
  assert.equal(await diagnostics.count(), 1);
  assert.match(await diagnostics.first().getAttribute('class'), /ll-severity-error/);
  await diagnostics.first().locator('.ll-fixes button').first().click();
  await page.waitForFunction(() => document.querySelectorAll('.ll-zone').length === 0);
  assert.equal(await page.locator('.ll-expression').textContent(), '-log(clip(p, 1e-7, 1 - 1e-7))');
  assert.equal(await page.locator('.ll-diagnostic.ll-severity-error').count(), 0);
  assert.match(await page.locator('.ll-formula-loss .katex-mathml annotation').textContent(), /clip|max|min|10\^\{-7\}|1e-7/);
  await assertClean(s);
  await s.context.close();
});

test('abs(p - y): a kink at the target that follows the target slider, moved with the keyboard', async () => {
  const s = await open(pages.mae);
  const { page } = s;
  const target = async () => Number(await page.locator('.ll-slider-number[data-symbol="y"]').inputValue());
  const kinks = page.locator('.ll-kink');
  assert.equal(await kinks.count(), 1);
  const y0 = await target();
  assert.equal(Number(await kinks.getAttribute('data-x')), y0);
  assert.equal(await page.locator('.ll-zone').count(), 0);
  const before = await page.locator('.ll-series-loss').getAttribute('d');

  const slider = page.locator('#ll-slider-y');
  assert.equal(await page.locator('label[for="ll-slider-y"]').count(), 1);
  await slider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  const y = await target();
  assert.ok(y > y0, `the target moved right (${y0} → ${y})`);
  assert.notEqual(await page.locator('.ll-series-loss').getAttribute('d'), before);
  assert.ok(Math.abs(Number(await kinks.getAttribute('data-x')) - y) < 1e-9, 'the kink is at the new target');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'll-slider-y', 'focus stays on the slider');
  assert.ok((await page.evaluate(() => performance.getEntriesByName('loss-lens:redraw').length)) >= 5);
  await assertClean(s);
  await s.context.close();
});

test('Huber with δ: a slider per parameter, a catalog overlay, a crosshair readout that matches the core', async () => {
  const s = await open(pages.huber);
  const { page } = s;
  assert.match(await page.locator('.ll-match').textContent(), /Huber, δ = 1\.5/);
  assert.deepEqual(await page.locator('.ll-slider input[type=range]').evaluateAll((els) => els.map((e) => e.id)), ['ll-slider-y', 'll-slider-delta']);

  const delta = page.locator('#ll-slider-delta');
  const before = await page.locator('.ll-series-loss').getAttribute('d');
  await delta.fill('3');
  await page.waitForFunction((d) => document.querySelector('.ll-series-loss').getAttribute('d') !== d, before);
  await page.waitForFunction(() => /δ = 3/.test(document.querySelector('.ll-match')?.textContent ?? ''));

  await page.locator('#ll-overlay').selectOption('meanSquaredError');
  const overlay = page.locator('.ll-series-overlay');
  await overlay.waitFor();
  assert.ok(Number(await overlay.getAttribute('data-points')) > 900);
  assert.match(await page.locator('.ll-legend-overlay').textContent(), /Mean squared error/);

  const box = await page.locator('.ll-axis-x').boundingBox();
  await page.mouse.move(box.x + box.width * 0.8, box.y - 40);
  const readout = await page.locator('.ll-readout output').allTextContents();
  assert.equal(readout.length, 3);
  const x = Number(readout[0].replace('−', '-'));
  const y = Number(await page.locator('.ll-slider-number[data-symbol="y"]').inputValue());
  const a = core.analyze('abs(p - y) <= delta ? 0.5 * (p - y)^2 : delta * (abs(p - y) - 0.5 * delta)', { set: { delta: 3 } });
  const { variables, loss, gradient } = core.evaluators(a);
  const at = variables.map((v) => ({ p: x, delta: 3, y })[v]);
  assert.ok(Math.abs(Number(readout[1].replace('−', '-')) - loss(at)) < 2e-3 * (1 + loss(at)), `L at ${x}`);
  assert.ok(Math.abs(Number(readout[2].replace('−', '-')) - gradient(at)) < 2e-3 * (1 + Math.abs(gradient(at))), `∂L at ${x}`);
  assert.equal(await page.locator('.ll-crosshair').getAttribute('visibility'), 'visible');
  await assertClean(s);
  await s.context.close();
});

test('log loss: a logarithmic ε slider whose left end is 0 brings back the log(0) hazard', async () => {
  const s = await open(pages.logLoss);
  const { page } = s;
  assert.equal(await page.locator('.ll-diagnostic').count(), 0);
  assert.equal(await page.locator('.ll-zone').count(), 0);
  const eps = page.locator('#ll-slider-eps');
  assert.equal(Number(await eps.getAttribute('min')), -12);
  assert.equal(Number(await eps.inputValue()), -7);
  await eps.focus();
  await page.keyboard.press('Home');
  assert.equal(await page.locator('.ll-slider-number[data-symbol="eps"]').inputValue(), '0');
  await page.waitForFunction(() => document.querySelectorAll('.ll-diagnostic.ll-severity-error').length === 2);
  assert.ok((await page.locator('.ll-zone[data-code="log-of-zero"]').count()) >= 1);
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelectorAll('.ll-diagnostic').length === 0);
  assert.equal(await page.locator('.ll-slider-number[data-symbol="eps"]').inputValue(), '0.1');
  await assertClean(s);
  await s.context.close();
});

test('exports: SVG and PNG downloads, TeX copy, in the standalone page', async () => {
  const s = await open(pages.bce);
  const { page } = s;
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save the plot as SVG' }).click()]);
  const svg = readFileSync(await svgDownload.path(), 'utf8');
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /class="ll-series-loss" data-points="\d+"/);
  assert.doesNotMatch(svg, /var\(--/);
  assert.match(svgDownload.suggestedFilename(), /^loss-lens-binaryCrossentropy\.svg$/);
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save the plot as PNG' }).click()]);
  const png = readFileSync(await pngDownload.path());
  assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  assert.ok(png.length > 5000);
  await page.getByRole('button', { name: 'Copy TeX' }).click();
  await page.waitForFunction(() => /Copied|Could not copy/.test(document.querySelector('.ll-status')?.textContent ?? ''));
  assert.match(await page.locator('.ll-status').textContent(), /^Copied the loss and gradient TeX\.$/);
  await assertClean(s);
  await s.context.close();
});

test('light, dark and high-contrast themes: distinct colours, screenshots for review', async () => {
  const colours = {};
  for (const scheme of ['light', 'dark', 'high-contrast']) {
    const s = await open(pages.bce, { colorScheme: scheme === 'light' ? 'light' : 'dark' });
    const { page } = s;
    if (scheme === 'high-contrast') {
      await page.evaluate(() => {
        document.body.classList.add('vscode-high-contrast');
        const vars = { '--vscode-editor-background': '#000000', '--vscode-editor-foreground': '#ffffff', '--vscode-contrastBorder': '#6fc3df', '--vscode-charts-blue': '#3dd5ff', '--vscode-charts-orange': '#ffd000' };
        for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
      });
    }
    await page.locator('.ll-plot-surface').hover({ position: { x: 300, y: 150 } });
    colours[scheme] = await page.evaluate(() => ({
      bg: getComputedStyle(document.body).backgroundColor,
      loss: getComputedStyle(document.querySelector('.ll-series-loss')).stroke,
      gradient: getComputedStyle(document.querySelector('.ll-series-gradient')).stroke,
      text: getComputedStyle(document.querySelector('.ll-plot text')).fill,
      width: getComputedStyle(document.querySelector('.ll-series-loss')).strokeWidth,
    }));
    await page.screenshot({ path: path.join(resultsDir, `preview-${scheme}.png`), fullPage: true });
    await assertClean(s);
    await s.context.close();
  }
  assert.notEqual(colours.light.bg, colours.dark.bg);
  assert.equal(colours['high-contrast'].bg, 'rgb(0, 0, 0)');
  assert.equal(colours['high-contrast'].width, '3px');
  for (const c of Object.values(colours)) {
    assert.notEqual(c.loss, c.gradient);
    assert.notEqual(c.loss, c.bg);
    assert.notEqual(c.text, c.bg);
  }
});
