import test from 'node:test';
import assert from 'node:assert/strict';
import { render, core, catalogAnalyses, parseXml, elementsOf, markdownImages, decodeSvgDataUrl, standInPlotSvg } from './hover-support.mjs';

const VS_CODE_RAW_TEXT_LIMIT = 100_000;
const PREVIEW = `command:lossLens.openPreview?${encodeURIComponent(JSON.stringify([{ uri: 'file:///w/a (1).ts', offset: 3 }]))}`;

function checkImage({ alt, url }, label) {
  const svg = parseXml(decodeSvgDataUrl(url));
  assert.equal(svg.name, 'svg', `${label} ${alt}`);
  assert.ok(svg.attributes.width && svg.attributes.height && svg.attributes.viewBox, `${label} ${alt}: sized`);
  return svg;
}

test('every catalog loss gives a hover under the limit with loss, gradient and plot images that decode to SVG', () => {
  for (const { loss, analysis } of catalogAnalyses()) {
    for (const theme of render.HOVER_THEMES) {
      const plotSvg = standInPlotSvg(analysis);
      const { markdown, size } = render.buildHoverMarkdown({ analysis, theme, plotSvg, previewCommandUri: PREVIEW });
      const label = `${loss.id} (${theme})`;
      assert.equal(size, markdown.length, label);
      assert.ok(size <= render.DEFAULT_HOVER_MAX_CHARS && size < VS_CODE_RAW_TEXT_LIMIT, `${label}: ${size} characters`);
      const images = markdownImages(markdown);
      assert.deepEqual(images.map((i) => i.alt), ['loss', 'loss and gradient plot', 'gradient'], `${label}: the formula and the plot on the first screen`);
      const [lossSvg, gradientSvg] = [images[0], images[2]].map((image) => checkImage(image, label));
      for (const svg of [lossSvg, gradientSvg]) {
        assert.ok([...elementsOf(svg)].filter((e) => e.name === 'path').length > 3, `${label}: glyph paths`);
        assert.ok([...elementsOf(svg)].some((e) => e.attributes.fill === render.hoverColors(theme).formula), `${label}: theme colour`);
      }
      assert.equal(decodeSvgDataUrl(images[1].url), plotSvg, `${label}: the plot is embedded unchanged`);
      assert.ok(!markdown.includes('Left out'), `${label}: nothing left out`);
    }
  }
});

test('the hover names the loss and what it was recognised as, the roles, domain and parameters', () => {
  const huber = core.analyze('abs(yPred - yTrue) <= 2 ? 0.5 * (yPred - yTrue)^2 : 2 * (abs(yPred - yTrue) - 0.5 * 2)');
  const { markdown } = render.buildHoverMarkdown({ analysis: huber, title: 'myLoss', theme: 'light' });
  assert.match(markdown.split('\n')[0], /^\*\*myLoss\*\* · recognised as \*\*Huber\*\* \(δ = 2\)$/);
  const roles = markdown.split('\n').find((l) => l.startsWith('Prediction'));
  assert.equal(roles, 'Prediction ŷ = `yPred` ∈ \\[-∞, ∞\\] (linear output) · target y = `yTrue` · meant for linear outputs');

  const bce = core.analyze('-(y * log(p) + (1 - y) * log(1 - p))', { activation: 'sigmoid' });
  assert.match(render.buildHoverMarkdown({ analysis: bce, theme: 'dark' }).markdown.split('\n')[0], /^\*\*Binary cross-entropy\*\* · standard loss$/);

  const custom = core.analyze('(p - y)^4 * w', { activation: 'linear' });
  const text = render.buildHoverMarkdown({ analysis: custom, theme: 'dark' }).markdown;
  assert.match(text.split('\n')[0], /^\*\*Custom loss\*\* · not a standard loss$/);
  assert.ok(text.includes(' · w = 1 (assumed)'), 'assumed parameter value');
});

test('each warning has its severity icon and its code linked to the README anchor', () => {
  const analysis = core.analyze('-(y * log(p) + (1 - y) * log(1 - p)) + abs(p - y)', { activation: 'sigmoid' });
  const { markdown } = render.buildHoverMarkdown({ analysis, theme: 'light' });
  const lines = markdown.split('\n').filter((l) => l.startsWith('- '));
  assert.equal(lines.length, analysis.diagnostics.length);
  analysis.diagnostics.forEach((d, k) => {
    const icon = { error: '⛔', warning: '⚠️', info: 'ℹ️' }[d.severity];
    assert.ok(lines[k].startsWith(`- ${icon} [\`${d.code}\`](${render.DIAGNOSTIC_DOCS_URL}#${d.code}) `), lines[k]);
  });
  assert.equal(render.DIAGNOSTIC_DOCS_URL, 'https://github.com/loss-lens/loss-lens');
  assert.ok(analysis.diagnostics.some((d) => d.severity === 'error') && analysis.diagnostics.some((d) => d.severity === 'info'));
});

test('the preview link keeps command URIs (parentheses encoded) and refuses other schemes; text is escaped', () => {
  const analysis = core.analyze('(p - y)^2');
  const withLink = render.buildHoverMarkdown({ analysis, theme: 'light', previewCommandUri: PREVIEW }).markdown;
  const link = /\[Open Loss Preview\]\((command:[^)\s]+)\)$/m.exec(withLink);
  assert.ok(link, 'link present');
  assert.equal(decodeURIComponent(link[1]), decodeURIComponent(PREVIEW));
  for (const uri of ['https://example.com', 'javascript:alert(1)', 'command:']) {
    assert.ok(!render.buildHoverMarkdown({ analysis, theme: 'light', previewCommandUri: uri }).markdown.includes('Open Loss Preview'), uri);
  }
  const hostile = render.buildHoverMarkdown({ analysis, theme: 'light', title: '*bold* [x](https://evil) <img> $(alert)' }).markdown;
  assert.ok(hostile.startsWith('**\\*bold\\* \\[x\\](https://evil) \\<img\\> \\$(alert)**'), hostile.split('\n')[0]);
});

test('over budget, the plot goes first, then the gradient image, then the loss becomes text, with a note', () => {
  const { analysis } = catalogAnalyses().find((c) => c.loss.id === 'focal');
  const plotSvg = standInPlotSvg(analysis, { count: 600 });
  const full = render.buildHoverMarkdown({ analysis, theme: 'dark', plotSvg }).size;
  const alts = (budget) => {
    const { markdown, size } = render.buildHoverMarkdown({ analysis, theme: 'dark', plotSvg, maxChars: budget });
    assert.ok(size <= budget, `${size} > ${budget}`);
    return { alts: markdownImages(markdown).map((i) => i.alt), markdown };
  };
  assert.deepEqual(alts(full).alts, ['loss', 'loss and gradient plot', 'gradient']);
  const noPlot = alts(full - 1);
  assert.deepEqual(noPlot.alts, ['loss', 'gradient']);
  assert.match(noPlot.markdown, /\n\n\*Left out to keep this hover under [\d,]+ characters: the plot\.\*$/);
  const withoutPlot = render.buildHoverMarkdown({ analysis, theme: 'dark', plotSvg, maxChars: full - 1 }).size;
  const noGradient = alts(withoutPlot - 1);
  assert.deepEqual(noGradient.alts, ['loss']);
  assert.match(noGradient.markdown, /: the plot, the gradient image\.\*$/);
  const text = alts(3000);
  assert.deepEqual(text.alts, []);
  assert.ok(text.markdown.includes(`\`\`\`\n${analysis.expression}\n\`\`\``), 'the mathjs text in a code block');
  assert.match(text.markdown, /the plot, the gradient image, the typeset loss \(shown as text\)\.\*$/);
});

test('the size limit holds for any budget and any number of warnings', () => {
  const many = core.analyze(Array.from({ length: 40 }, (_, k) => `abs(p - ${k}) + log(p - ${k})`).join(' + '));
  assert.ok(many.diagnostics.length >= 40);
  for (const analysis of [many, catalogAnalyses()[0].analysis]) {
    for (const budget of [1, 50, 200, 400, 800, 1500, 3000, 6000, 12_000, 25_000, 50_000]) {
      const { markdown, size } = render.buildHoverMarkdown({ analysis, theme: 'highContrast', plotSvg: standInPlotSvg(catalogAnalyses()[0].analysis), maxChars: budget });
      assert.ok(size <= budget && size === markdown.length, `${size} > ${budget}`);
    }
  }
  const trimmed = render.buildHoverMarkdown({ analysis: many, theme: 'light', maxChars: 2500 }).markdown;
  assert.match(trimmed, /- … and \d+ more/);
});

test('TeX that does not typeset falls back to the mathjs text and says why', () => {
  const analysis = { ...core.analyze('(p - y)^2'), latex: String.raw`\frac{1}{`, derivativeLatex: String.raw`\nosuchmacro` };
  const { markdown } = render.buildHoverMarkdown({ analysis, theme: 'light' });
  assert.deepEqual(markdownImages(markdown), []);
  assert.ok(markdown.includes(`\`\`\`\n${analysis.expression}\n\`\`\``) && markdown.includes(`\`\`\`\n${analysis.derivative}\n\`\`\``));
  assert.match(markdown, /The loss could not be typeset \(Missing close brace\)\. The gradient could not be typeset \(Undefined control sequence \\\\nosuchmacro\)\./);
});

test('rendered formulas are cached by TeX and colour, in a bounded LRU', () => {
  render.clearFormulaImageCache();
  const { analysis } = catalogAnalyses().find((c) => c.loss.id === 'huber');
  const first = render.buildHoverMarkdown({ analysis, theme: 'light' });
  assert.equal(render.formulaImageCacheSize(), 2);
  assert.equal(render.buildHoverMarkdown({ analysis, theme: 'light' }).markdown, first.markdown);
  assert.equal(render.formulaImageCacheSize(), 2);
  render.buildHoverMarkdown({ analysis, theme: 'dark' });
  assert.equal(render.formulaImageCacheSize(), 4);
  for (const { analysis: a } of catalogAnalyses()) for (const theme of render.HOVER_THEMES) render.buildHoverMarkdown({ analysis: a, theme });
  assert.equal(render.formulaImageCacheSize(), render.FORMULA_CACHE_CAPACITY);
});

test('theme colours differ between light and dark kinds and are strong on their backgrounds', () => {
  const luminance = (hex) => {
    const [r, g, b] = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  for (const theme of render.HOVER_THEMES) {
    const { formula, background } = render.hoverColors(theme);
    const [hi, lo] = [luminance(formula), luminance(background)].sort((a, b) => b - a);
    assert.ok((hi + 0.05) / (lo + 0.05) >= 12, `${theme}: contrast ${(hi + 0.05) / (lo + 0.05)}`);
  }
});
