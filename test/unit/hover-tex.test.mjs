import test from 'node:test';
import assert from 'node:assert/strict';
import { render, catalogAnalyses, parseXml, elementsOf } from './hover-support.mjs';

/** Parses a texToSvg result and checks what every formula image must be. */
function checkFormulaSvg(result, color, label) {
  assert.equal(result.error, undefined, `${label}: ${result.error}`);
  const svg = parseXml(result.svg);
  assert.equal(svg.name, 'svg', label);
  assert.equal(svg.attributes.xmlns, 'http://www.w3.org/2000/svg', label);
  assert.match(svg.attributes.width, /^\d+(\.\d)?px$/, label);
  assert.match(svg.attributes.height, /^\d+(\.\d)?px$/, label);
  assert.equal(parseFloat(svg.attributes.width), result.width, label);
  assert.equal(parseFloat(svg.attributes.height), result.height, label);
  const box = svg.attributes.viewBox.split(' ').map(Number);
  assert.equal(box.length, 4, label);
  assert.ok(box[2] > 0 && box[3] > 0, label);
  const all = [...elementsOf(svg)];
  const paths = all.filter((e) => e.name === 'path');
  assert.ok(paths.length > 0 && paths.every((p) => /^M[-\d. MLHVCSQTAZ]+$/i.test(p.attributes.d)), `${label}: glyphs are paths`);
  assert.ok(!all.some((e) => e.name === 'text'), `${label}: no glyph falls back to a font`);
  const ids = new Set(paths.map((p) => p.attributes.id));
  for (const use of all.filter((e) => e.name === 'use')) assert.ok(ids.has(use.attributes['xlink:href'].slice(1)), `${label}: <use> points at a glyph`);
  assert.ok(!/data-|currentColor|mjx-/.test(result.svg), `${label}: no MathJax attributes or currentColor left`);
  assert.ok(all.some((e) => e.attributes.fill === color), `${label}: drawn in ${color}`);
}

test('every catalog loss and its gradient typeset to path-only SVG in the requested colour', () => {
  for (const { loss, analysis } of catalogAnalyses()) {
    checkFormulaSvg(render.texToSvg(analysis.latex, { color: '#e6e6e6' }), '#e6e6e6', `${loss.id} loss`);
    checkFormulaSvg(render.texToSvg(analysis.derivativeLatex, { color: '#1f1f1f' }), '#1f1f1f', `${loss.id} gradient`);
  }
});

test('every construct the core emits typesets with glyphs as paths', () => {
  const constructs = [
    String.raw`\sqrt[3]{\hat{y}} \cdot \sqrt{x}`,
    String.raw`\operatorname{softplus}\left(z\right) + \operatorname{ReLU}\left(z\right) + \mathit{margin}`,
    String.raw`\sigma\left(z\right) \le 1 \ge 0 \ne 2 \, 10^{-7} + 1.5 \times 10^{-7}`,
    String.raw`\alpha \beta \gamma \delta \epsilon \varepsilon \zeta \eta \theta \vartheta \iota \kappa \lambda \mu \nu \xi \pi \rho \sigma \tau \upsilon \phi \varphi \chi \psi \omega`,
    String.raw`\Gamma \Delta \Theta \Lambda \Xi \Pi \Sigma \Upsilon \Phi \Psi \Omega`,
    String.raw`\begin{cases} 1 & \text{if } x \ge 0 \\ -1 & \text{otherwise} \end{cases}`,
    String.raw`\max\left(a, b\right) - \min\left(a, b\right) + \log_{2}\left(x\right) + \exp\left(x\right) + e^{-x} + \tanh^{2}\left(x\right)`,
    String.raw`\arctan\left(x\right) + \lnot a \land b \lor c + \infty + \left|\frac{\frac{a}{b}}{c}\right| + x_{1} + \mathit{w\_2}`,
  ];
  for (const tex of constructs) checkFormulaSvg(render.texToSvg(tex, { color: '#123456' }), '#123456', tex);
});

test('TeX errors come back as an SVG that shows the message, flagged in `error`, and never throw', () => {
  for (const [tex, message] of [[String.raw`\frac{1}{`, 'Missing close brace'], [String.raw`\foo{x}`, 'Undefined control sequence \\foo'], ['x^1^2', 'Double exponent: use braces to clarify']]) {
    const result = render.texToSvg(tex, { color: '#c00000' });
    assert.equal(result.error, message, tex);
    const svg = parseXml(result.svg);
    const text = [...elementsOf(svg)].find((e) => e.name === 'text');
    assert.ok(text && text.children.join('').includes(message.replace('\\', '\\')), `${tex}: the image shows the message`);
    assert.equal(text.attributes.fill, '#c00000');
    assert.ok(result.width > message.length * 5 && result.height > 10);
  }
  const long = render.texToSvg('x+'.repeat(render.MAX_TEX_LENGTH));
  assert.match(long.error, /too long/);
});

test('characters outside the bundled font ranges fall back to text without throwing or rejecting', async () => {
  const rejections = [];
  const onRejection = (e) => rejections.push(e);
  process.on('unhandledRejection', onRejection);
  for (let round = 0; round < 2; round++) {
    const result = render.texToSvg(String.raw`\mathbb{R} + \mathcal{L} + \ell + \text{é}`, { color: '#000000' });
    assert.equal(result.error, undefined);
    const texts = [...elementsOf(parseXml(result.svg))].filter((e) => e.name === 'text').map((e) => e.children.join(''));
    assert.deepEqual(texts.sort(), ['L', 'é', 'ℓ', 'ℝ'].sort());
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
  process.off('unhandledRejection', onRejection);
  assert.deepEqual(rejections, []);
});

test('size follows emPx and padding; long formulas break into lines within maxWidthPx', () => {
  const tex = String.raw`\frac{1 - y}{1 - \hat{y}} - \frac{y}{\hat{y}}`;
  const small = render.texToSvg(tex, { emPx: 10, paddingPx: 0 });
  const large = render.texToSvg(tex, { emPx: 20, paddingPx: 0 });
  assert.ok(Math.abs(large.width - 2 * small.width) < 0.3 && Math.abs(large.height - 2 * small.height) < 0.3);
  const padded = render.texToSvg(tex, { emPx: 10, paddingPx: 6 });
  assert.ok(Math.abs(padded.width - small.width - 12) < 0.3 && Math.abs(padded.height - small.height - 12) < 0.3);

  const focal = catalogAnalyses().find((c) => c.loss.id === 'focal').analysis.derivativeLatex;
  const wide = render.texToSvg(focal, { maxWidthPx: 5000 });
  const narrow = render.texToSvg(focal, { maxWidthPx: 400 });
  assert.ok(wide.width > 600, `one line is wide (${wide.width}px)`);
  assert.ok(narrow.width <= 400, `broken into lines: ${narrow.width}px`);
  assert.ok(narrow.height > 1.6 * wide.height, `more than one line (${narrow.height}px high, one line ${wide.height}px)`);
});

test('unsafe colours are refused and replaced by black', () => {
  const result = render.texToSvg('x', { color: '"/><script>alert(1)</script>' });
  assert.ok(!result.svg.includes('script'));
  assert.ok([...elementsOf(parseXml(result.svg))].some((e) => e.attributes.fill === '#000000'));
  for (const color of ['#abc', '#aabbcc', '#aabbccdd', 'rgb(1, 2, 3)', 'white']) {
    assert.ok(result.svg && render.texToSvg('x', { color }).svg.includes(`fill="${color}"`), color);
  }
});
