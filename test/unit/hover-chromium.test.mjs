import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { render, root, catalogAnalyses, markdownImages, standInPlotSvg } from './hover-support.mjs';
import { CHROMIUM_ARGS as ARGS } from '../browser/support.mjs';

// Loads hover images in headless Chromium (what VS Code's hover renders them with) and saves a screenshot
// of the Huber, binary cross-entropy and focal hovers in every theme to test-results/hover-themes.png.
const CHROMIUM = '/usr/bin/chromium';
const LOSSES = ['huber', 'binaryCrossentropy', 'focal'];

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

/** A rough stand-in for VS Code's hover: the Markdown's images as <img>, its other lines as plain text. */
function hoverHtml(markdown, theme) {
  const { background } = render.hoverColors(theme);
  const text = theme === 'dark' || theme === 'highContrast' ? '#cccccc' : '#333333';
  const body = markdown
    .split('\n\n')
    .map((block) => {
      const image = markdownImages(block)[0];
      if (image) return `<p><img data-alt="${image.alt}" src="${image.url}"></p>`;
      return `<p>${escapeHtml(block.replace(/\\(.)/g, '$1').replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1'))}</p>`;
    })
    .join('');
  return `<div class="hover" style="background:${background};color:${text}">${body}</div>`;
}

test('hover images load in Chromium at their stated size, in every theme', { skip: !existsSync(CHROMIUM) && `${CHROMIUM} not installed` }, async () => {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 2100, height: 900 } });
    const analyses = catalogAnalyses().filter((c) => LOSSES.includes(c.loss.id));
    const columns = render.HOVER_THEMES.map((theme) => {
      const hovers = analyses.map(({ analysis }) => render.buildHoverMarkdown({ analysis, theme, plotSvg: standInPlotSvg(analysis) }).markdown);
      return `<div class="column">${hovers.map((md) => hoverHtml(md, theme)).join('')}</div>`;
    });
    const style = '<style>body{margin:0;display:flex;gap:8px;font:13px system-ui,sans-serif;background:#888}.column{width:500px}.hover{padding:4px 8px;margin:0 0 8px;border:1px solid #555}p{margin:6px 0}</style>';
    await page.setContent(`<!doctype html><html><head>${style}</head><body>${columns.join('')}</body></html>`);
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    const images = await page.$$eval('img', (imgs) =>
      imgs.map((img) => {
        const svg = new DOMParser().parseFromString(atob(img.src.split(',')[1]), 'image/svg+xml');
        return {
          alt: img.dataset.alt,
          naturalWidth: img.naturalWidth,
          naturalHeight: img.naturalHeight,
          declaredWidth: parseFloat(svg.documentElement.getAttribute('width')),
          parseError: svg.querySelector('parsererror') !== null,
        };
      }),
    );
    assert.equal(images.length, LOSSES.length * render.HOVER_THEMES.length * 3);
    for (const image of images) {
      assert.ok(image.naturalWidth > 0 && image.naturalHeight > 0, `${image.alt} did not load`);
      assert.ok(!image.parseError, `${image.alt} is not well-formed SVG`);
      assert.ok(Math.abs(image.naturalWidth - image.declaredWidth) <= 1, `${image.alt}: ${image.naturalWidth}px shown, ${image.declaredWidth}px declared`);
    }
    const formulas = images.filter((i) => i.alt !== 'loss and gradient plot');
    assert.ok(formulas.every((i) => i.naturalHeight >= 18 && i.naturalWidth <= 480), 'formulas are legible and fit a hover');
    mkdirSync(path.join(root, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(root, 'test-results', 'hover-themes.png'), fullPage: true });
  } finally {
    await browser.close();
  }
});
