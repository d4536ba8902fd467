// The preview explains training, in headless Chromium: the logit view (L(σ(z)) and ∂L/∂z), the descent panel
// (oscillation, divergence, a stall, the comparison's path), named steps as "where", and formulas that
// break across lines instead of overflowing. No console errors or CSP violations.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { build, launch, openPage, writePreview } from './support.mjs';

let browser;
const pages = {};

before(async () => {
  build();
  pages.bceLogit = writePreview('bce-logit', ['--activation', 'sigmoid', '--view', 'logit', '--', '-(y*log(p) + (1-y)*log(1-p))']);
  pages.mse = writePreview('mse-sigmoid', ['--activation', 'sigmoid', '--set', 'y=1', '--', '(p - y)^2']);
  pages.mae = writePreview('mae-descent', ['--set', 'y=0.5', 'abs(p - y)']);
  pages.mseLinear = writePreview('mse-linear', ['--set', 'y=0', '(p - y)^2']);
  pages.delta = writePreview('delta-constant', ['--set', 'DELTA=1.5', 'abs(p - y) <= DELTA ? 0.5*(p - y)^2 : DELTA*(abs(p - y) - 0.5*DELTA)']);
  pages.focal = writePreview('focal-steps', ['--activation', 'sigmoid', '--', 'pt = y*p + (1-y)*(1-p); -alpha*(1-pt)^gamma*log(pt)']);
  pages.wide = writePreview('wide', ['--activation', 'sigmoid', '--', '-alpha * y * (1 - p)^gamma * log(p) - (1 - alpha) * (1 - y) * p^gamma * log(1 - p) + 0.01 * (p - y)^2 + 0.001 * abs(p - y)']);
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const open = (file, options) => openPage(browser, pathToFileURL(file).href, options);
const annotation = (page, part) => page.locator(`.ll-formula-${part} .katex-mathml annotation`).textContent();

async function assertClean(s) {
  assert.deepEqual(s.problems, []);
  assert.deepEqual(await s.violations(), []);
}

async function setDescent(page, { start, rate, steps }) {
  if (start !== undefined) {
    await page.fill('.ll-descent-start', String(start));
    await page.dispatchEvent('.ll-descent-start', 'change');
  }
  if (rate !== undefined) {
    await page.evaluate((r) => {
      const input = document.querySelector('.ll-descent-rate');
      input.value = String(Math.log10(r));
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, rate);
  }
  if (steps !== undefined) {
    await page.fill('.ll-descent-steps', String(steps));
    await page.dispatchEvent('.ll-descent-steps', 'change');
  }
}

test('binary cross-entropy opens on the logit view: ∂L/∂z = σ(z) − y, float32 saturation shaded, back to ŷ', async () => {
  const s = await open(pages.bceLogit);
  const { page } = s;
  assert.equal(await page.locator('.ll-view-option[data-view="logit"]').getAttribute('aria-checked'), 'true');
  assert.match(await annotation(page, 'gradient'), /\\frac\{\\partial L\}\{\\partial z\} = \\sigma\(z\) - y/);
  assert.match(await annotation(page, 'loss'), /L\(\\sigma\(z\)\)/);
  assert.match(await page.locator('.ll-legend').first().textContent(), /∂L\/∂z/);
  const zones = page.locator('.ll-zone[data-code="log-of-zero"]');
  assert.ok((await zones.count()) >= 1, 'float32 σ saturation is shaded');
  assert.equal(await page.locator('.ll-markers line').count(), 0, 'no target marker on the logit axis');
  await page.locator('.ll-plot-surface').focus();
  await page.keyboard.press('ArrowRight');
  assert.match(await page.locator('.ll-readout').textContent(), /z = .*∂L\/∂z = /);
  await page.click('.ll-view-option[data-view="prediction"]');
  assert.match(await annotation(page, 'gradient'), /\\frac\{\\partial L\}\{\\partial \\hat\{y\}\}/);
  assert.equal(await page.locator('.ll-view-option[data-view="prediction"]').getAttribute('aria-checked'), 'true');
  await assertClean(s);
  await s.context.close();
});

test('MSE on a sigmoid: the vanishing factor σ(z)(1 − σ(z)), and a confidently wrong logit stalls where BCE would learn', async () => {
  const s = await open(pages.mse);
  const { page } = s;
  await page.click('.ll-view-option[data-view="logit"]');
  assert.match(await annotation(page, 'gradient'), /\\sigma\(z\) \\, \(1 - \\sigma\(z\)\)/);
  await setDescent(page, { start: -9, rate: 1, steps: 40 });
  assert.match(await page.locator('.ll-descent-outcome').textContent(), /^Stalled far from the minimum/);
  assert.equal(Number(await page.locator('.ll-descent-loss').getAttribute('data-steps')), 40);
  await page.selectOption('#ll-overlay', 'binaryCrossentropy');
  assert.equal(await page.locator('.ll-descent-overlay').count(), 1, 'the comparison has its own path');
  assert.match(await page.locator('.ll-descent-compare').textContent(), /^Binary cross-entropy: (?!Stalled)/);
  await assertClean(s);
  await s.context.close();
});

test('MAE oscillates around the minimum; Step, Reset and Run walk the path', async () => {
  const s = await open(pages.mae);
  const { page } = s;
  assert.equal(await page.locator('.ll-view-switch').count(), 0, 'no logit view for a linear output');
  await setDescent(page, { start: 2.03, rate: 0.2, steps: 40 });
  assert.match(await page.locator('.ll-descent-outcome').textContent(), /^Oscillating around the minimum/);
  assert.equal(await page.locator('.ll-descent-table tbody tr').count(), 41);
  await page.click('.ll-descent-reset');
  assert.equal(Number(await page.locator('.ll-descent-loss').getAttribute('data-steps')), 0);
  await page.click('.ll-descent-step');
  await page.click('.ll-descent-step');
  assert.equal(Number(await page.locator('.ll-descent-loss').getAttribute('data-steps')), 2);
  assert.equal(await page.locator('.ll-descent-loss .ll-descent-dot').count(), 3);
  assert.match(await page.locator('.ll-descent-current td').first().textContent(), /^2$/);
  await page.click('.ll-descent-run');
  await page.waitForFunction(() => document.querySelector('.ll-descent-loss')?.getAttribute('data-steps') === '40');
  assert.equal(await page.locator('.ll-descent-run').textContent(), 'Run');
  const measures = await page.evaluate(() => performance.getEntriesByName('loss-lens:descent-step').length);
  assert.ok(measures >= 38, `each played step is measured (${measures})`);
  await assertClean(s);
  await s.context.close();
});

test('a step too large on MSE diverges, and the path runs off the plot', async () => {
  const s = await open(pages.mseLinear);
  const { page } = s;
  await setDescent(page, { start: 1, rate: 1.2, steps: 25 });
  assert.match(await page.locator('.ll-descent-outcome').textContent(), /^Diverging/);
  assert.ok((await page.locator('.ll-descent-loss .ll-descent-out').count()) > 0, 'far steps are drawn at the edge, faded');
  await setDescent(page, { rate: 0.1 });
  assert.doesNotMatch(await page.locator('.ll-descent-outcome').textContent(), /^Diverging/);
  await assertClean(s);
  await s.context.close();
});

test('a constant passed as a parameter is δ, with its slider at the value set', async () => {
  const s = await open(pages.delta);
  const { page } = s;
  assert.equal(Number(await page.locator('.ll-slider-number[data-symbol="DELTA"]').inputValue()), 1.5);
  assert.equal(Number(await page.locator('#ll-slider-DELTA').inputValue()), 1.5);
  assert.equal(await page.locator('#ll-slider-DELTA').getAttribute('min'), '0', 'a δ is never negative');
  assert.match(await page.locator('.ll-slider-parameter .katex-mathml annotation').first().textContent(), /^\\delta$/);
  assert.match(await annotation(page, 'loss'), /\\tfrac\{1\}\{2\} \\, \(\\hat\{y\} - y\)\^\{2\}.*\\delta/);
  await assertClean(s);
  await s.context.close();
});

test('named steps are typeset once, as "where p_t = …", in both views', async () => {
  const s = await open(pages.focal);
  const { page } = s;
  assert.match(await annotation(page, 'loss'), /\(1 - p_\{t\}\)\^\{\\gamma\}/);
  const where = await page.locator('.ll-formula-where .katex-mathml annotation').textContent();
  assert.match(where, /\\text\{where \} p_\{t\} = y \\, \\hat\{y\} \+ \(1 - y\) \\, \(1 - \\hat\{y\}\)/);
  await page.click('.ll-view-option[data-view="logit"]');
  assert.match(await page.locator('.ll-formula-where .katex-mathml annotation').textContent(), /p_\{t\} = y \\, \\sigma\(z\)/);
  await assertClean(s);
  await s.context.close();
});

test('a wide formula breaks across lines inside the panel instead of overflowing it', async () => {
  const s = await open(pages.wide, { viewport: { width: 520, height: 900 } });
  const { page } = s;
  for (const part of ['loss', 'gradient']) {
    const box = await page.locator(`.ll-formula-${part} .ll-formula-math`).evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, height: el.clientHeight }));
    assert.ok(box.scroll <= box.client + 1, `${part} fits: ${box.scroll} > ${box.client}`);
  }
  const lines = await page.locator('.ll-formula-gradient .katex-html .base').evaluateAll((bases) => new Set(bases.map((b) => Math.round(b.getBoundingClientRect().top))).size);
  assert.ok(lines >= 2, `the gradient is on ${lines} lines`);
  await assertClean(s);
  await s.context.close();
});
