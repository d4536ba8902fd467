// The preview page as the extension serves it: previewHtml's webview mode (assets by URI, CSP from
// cspSource) behind a local HTTP server, with a fake acquireVsCodeApi that records what the page posts.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { build, launch, loadTs, openPage, root } from './support.mjs';

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.html': 'text/html' };
let server;
let origin;
let browser;
let previewHtml;
const pages = new Map();

before(async () => {
  build();
  ({ previewHtml } = await loadTs('src/render/previewHtml.ts'));
  server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    try {
      const body = pages.get(url.pathname) ?? (await readFile(path.join(root, 'dist/webview', path.normalize(url.pathname).replace(/^([/\\])+/, ''))));
      res.writeHead(200, { 'content-type': TYPES[path.extname(url.pathname)] ?? 'text/html' });
      res.end(body);
    } catch {
      res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

function servePage(name, state) {
  const html = previewHtml({
    state,
    nonce: randomBytes(16).toString('base64'),
    cspSource: origin,
    scriptUri: `${origin}/preview.js`,
    styleUris: [`${origin}/katex.min.css`, `${origin}/preview.css`],
  });
  pages.set(`/${name}.html`, html);
  return `${origin}/${name}.html`;
}

/** A stand-in for the webview API: messages and state kept on window, state seeded from `saved`. */
function fakeVsCode(saved) {
  window.__posted = [];
  let state = saved ?? undefined;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => state,
    setState: (s) => {
      state = s;
    },
  });
}

const BCE = '-(y*log(p) + (1-y)*log(1-p))';
const sourceState = {
  expression: BCE,
  options: { activation: 'sigmoid' },
  title: `bce "quoted" <b>&'`,
  source: { uri: 'file:///work/model.ts', line: 12, siteId: 0, label: 'model.ts:12' },
  sourceDiagnostics: [
    {
      code: 'log-of-zero',
      severity: 'error',
      message: 'log(yPred) can reach log(0)',
      line: 12,
      fixes: [{ title: 'Use tf.losses.sigmoidCrossEntropy on logits', preferred: true }, { title: 'Clip yPred' }],
    },
  ],
};

test('source-backed preview in the webview: messages for ready, reveal, fixes, copy, images and state', async () => {
  const s = await openPage(browser, servePage('source', sourceState), { init: fakeVsCode });
  const { page } = s;
  const posted = () => page.evaluate(() => window.__posted);
  assert.deepEqual((await posted())[0], { type: 'ready' });
  assert.equal(await page.locator('h1').textContent(), sourceState.title);
  assert.ok(await page.locator('.ll-formula-loss .katex').count());

  await page.getByRole('button', { name: 'model.ts:12' }).click();
  assert.deepEqual((await posted()).at(-1), { type: 'revealSource' });

  const row = page.locator('.ll-diagnostic');
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /line 12/);
  await row.getByRole('button', { name: 'Clip yPred' }).click();
  assert.deepEqual((await posted()).at(-1), { type: 'applySourceFix', diagnostic: 0, fix: 1 });

  await page.getByRole('button', { name: 'Copy the loss TeX' }).click();
  const copy = (await posted()).at(-1);
  assert.equal(copy.type, 'copy');
  assert.equal(copy.what, 'loss');
  assert.match(copy.text, /\\log\(\\hat\{y\}\)/);

  await page.getByRole('button', { name: 'Save the plot as SVG' }).click();
  const svg = (await posted()).at(-1);
  assert.equal(svg.type, 'saveImage');
  assert.equal(svg.format, 'svg');
  assert.match(svg.data, /^<svg xmlns=/);
  await page.getByRole('button', { name: 'Save the plot as PNG' }).click();
  await page.waitForFunction(() => window.__posted.at(-1)?.format === 'png');
  assert.match((await posted()).at(-1).data, /^data:image\/png;base64,iVBORw0KGgo/);

  await page.locator('#ll-slider-y').focus();
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => window.__posted.at(-1)?.type === 'state');
  const state = (await posted()).at(-1);
  assert.equal(state.type, 'state');
  assert.ok(state.state.values.y < 1);
  assert.deepEqual(state.state.sourceDiagnostics, sourceState.sourceDiagnostics);
  assert.deepEqual(await page.evaluate(() => window.acquireVsCodeApi().getState()), state.state);

  assert.deepEqual(s.problems, []);
  assert.deepEqual(await s.violations(), []);
  await s.context.close();
});

test('the extension can replace the preview and report errors; saved slider values and overlay come back', async () => {
  const saved = { expression: '(p - y)^2', options: {}, title: 'mse', values: { y: 0.5 }, overlay: 'huber' };
  const s = await openPage(browser, servePage('restore', { expression: '(p - y)^2', options: {}, title: 'mse' }), {
    init: [fakeVsCode.toString(), `(${fakeVsCode.name})(${JSON.stringify(saved)})`].join('\n'),
  });
  const { page } = s;
  assert.equal(await page.locator('.ll-slider-number[data-symbol="y"]').inputValue(), '0.5');
  assert.equal(await page.locator('#ll-overlay').inputValue(), 'huber');
  assert.ok(await page.locator('.ll-series-overlay').count());

  await page.evaluate((state) => window.postMessage({ type: 'show', state }, '*'), { expression: 'abs(p - y)', options: {}, title: 'mae' });
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'mae');
  assert.equal(await page.locator('.ll-kink').count(), 1);
  assert.equal(await page.locator('.ll-expression').textContent(), 'abs(p - y)');

  await page.evaluate(() => window.postMessage({ type: 'error', message: 'The file was closed.' }, '*'));
  await page.getByRole('alert').waitFor();
  assert.equal(await page.getByRole('alert').textContent(), 'The file was closed.');

  await page.evaluate(() => window.postMessage({ type: 'show', state: { expression: 'log((', options: {}, title: 'broken' } }, '*'));
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'broken');
  assert.match(await page.getByRole('alert').textContent(), /column \d+/);
  assert.equal(await page.locator('.ll-main').isHidden(), true);

  assert.deepEqual(s.problems, []);
  assert.deepEqual(await s.violations(), []);
  await s.context.close();
});
