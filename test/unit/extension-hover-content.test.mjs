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

test('the first screen: heading, typeset loss, compact plot, the most severe finding in the file\'s language, the preview link; the rest after', () => {
  const diagnostics = [
    { code: 'non-differentiable', severity: 'info', message: 'a kink at yPred = 0.5' },
    { code: 'log-of-zero', severity: 'error', message: 'log(yPred) can reach log(0). Fix: clip the prediction: tf.clipByValue(yPred, 1e-7, 1 - 1e-7)' },
  ];
  const md = content.siteHoverMarkdown(input({ kind: 'custom-function', name: 'bce', analysis: bce }, { diagnostics }));
  assert.equal((md.match(/!\[[^\]]*\]\(data:image\/svg\+xml;base64,/g) ?? []).length, 3);
  const [first, rest] = md.split('\n\n---\n\n');
  const blocks = first.split('\n\n');
  assert.match(blocks[0], /^\*\*bce\*\*/);
  assert.match(blocks[1], /^!\[loss\]\(/);
  assert.match(blocks[2], /^!\[loss and gradient plot\]\(/);
  assert.match(blocks[3], /^- ⛔ \[`log-of-zero`\]\(https:\/\/github\.com\/loss-lens\/loss-lens#log-of-zero\) .*tf\.clipByValue/, 'the error first, with the fix as TF.js code');
  assert.equal(blocks[4], `[Open Loss Preview](${link})`);
  assert.match(rest, /!\[gradient\]\(/);
  assert.match(rest, /non-differentiable/);
  assert.doesNotMatch(md, /clip\\?\(yPred/, 'not the mathjs form of the fix');
  const plotSvg = Buffer.from(/!\[loss and gradient plot\]\(data:image\/svg\+xml;base64,([^)]+)\)/.exec(md)[1], 'base64').toString('utf8');
  assert.match(plotSvg, /height="84"/, 'a compact plot');
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
  assert.equal((both.match(/\[`log-of-zero`\]/g) ?? []).length, 1, 'the lint\'s findings are listed, not the analysis\'s own copies in mathjs');
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
