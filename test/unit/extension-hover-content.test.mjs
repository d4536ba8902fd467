import test from 'node:test';
import assert from 'node:assert/strict';
import { core } from './support.mjs';
import { loadTsModule } from './extension-support.mjs';

const content = await loadTsModule('src/service/hoverContent.ts');
const plot = await loadTsModule('src/render/plot/index.ts');
const hover = await loadTsModule('src/render/hover/hoverMarkdown.ts');
const render = { renderPlotSvg: plot.renderPlotSvg, buildHoverMarkdown: hover.buildHoverMarkdown };

const bce = core.analyze('-(yTrue * log(yPred) + (1 - yTrue) * log(1 - yPred))', { activation: 'sigmoid' });
const link = 'command:lossLens.preview?%5B%22file%3A%2F%2F%2Fa.ts%22%2C10%5D';
const input = (site, extra = {}) => ({ site, diagnostics: [], overrides: {}, theme: 'dark', previewCommandUri: link, core, render, ...extra });

test('a readable site: typeset loss and gradient, plot, warnings and the preview link last', () => {
  const md = content.siteHoverMarkdown(input({ kind: 'custom-function', name: 'bce', analysis: bce }));
  assert.equal((md.match(/!\[[^\]]*\]\(data:image\/svg\+xml;base64,/g) ?? []).length, 3);
  assert.match(md, /\[`log-of-zero`\]\(https:\/\/github\.com\/loss-lens\/loss-lens#log-of-zero\)/);
  assert.ok(md.trimEnd().endsWith(`[Open Loss Preview](${link})`));
  assert.ok(md.length < 100_000);
});

test('the plot is drawn in the theme\'s colours', () => {
  const svgOf = (theme) => {
    const md = content.siteHoverMarkdown(input({ kind: 'custom-function', name: 'bce', analysis: bce }, { theme }));
    const b64 = /!\[loss and gradient plot\]\(data:image\/svg\+xml;base64,([^)]+)\)/.exec(md)[1];
    return Buffer.from(b64, 'base64').toString('utf8');
  };
  assert.match(svgOf('light'), /#005fb8/);
  assert.match(svgOf('dark'), /#4daafc/);
});

test('codes turned off leave the hover, overrides change the icon, and site-level lint problems are listed once', () => {
  const diagnostics = [
    { code: 'log-of-zero', severity: 'error', message: 'log(yPred) can reach log(0): clip with tf.clipByValue(yPred, 1e-7, 1 - 1e-7)' },
    { code: 'activation-mismatch', severity: 'warning', message: 'a sigmoid output with a logits loss' },
  ];
  const md = content.siteHoverMarkdown(input({ kind: 'custom-function', name: 'bce', analysis: bce }, { diagnostics, overrides: { 'log-of-zero': 'off' } }));
  assert.doesNotMatch(md, /log-of-zero/);
  const both = content.siteHoverMarkdown(input({ kind: 'custom-function', name: 'bce', analysis: bce }, { diagnostics }));
  assert.equal((both.match(/\[`log-of-zero`\]/g) ?? []).length, bce.diagnostics.length, 'the lint\'s copies of the analysis\'s hazards are not repeated');
  assert.equal((md.match(/activation-mismatch/g) ?? []).length, 2, 'once as link text and once in its URL');
  const shown = content.withShownSeverities(bce, { 'log-of-zero': 'hint' });
  assert.ok(shown.diagnostics.every((d) => d.code !== 'log-of-zero' || d.severity === 'info'));
  assert.equal(bce.diagnostics.find((d) => d.code === 'log-of-zero').severity, 'error', 'the cached analysis is not changed');
});

test('a small budget drops images before text, and the result fits it', () => {
  const md = content.siteHoverMarkdown(input({ kind: 'custom-function', name: 'bce', analysis: bce }, { maxChars: 6000 }));
  assert.ok(md.length <= 6000, `${md.length}`);
  assert.match(md, /Open Loss Preview/);
});

test('an unreadable site says why, lists its problems and still links to the preview; text is escaped', () => {
  const md = content.siteHoverMarkdown(
    input({ kind: 'compile', lossName: 'mse', unreadable: 'Unknown loss <mse> *here*' }, { diagnostics: [{ code: 'unknown-loss', severity: 'error', message: "'mse' is not a loss name" }] }),
  );
  assert.match(md, /^\*\*mse in model\\\.compile\*\*/);
  assert.match(md, /Unknown loss \\<mse\\> \\\*here\\\*/);
  assert.match(md, /⛔ \[`unknown-loss`\]/);
  assert.match(md, /\[Open Loss Preview\]/);
});
