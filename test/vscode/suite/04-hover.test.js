'use strict';

const assert = require('assert');
const vscode = require('vscode');
const { test, suite } = require('../runner/suite.cjs');
const { waitFor, openDocument, waitForActivation, waitForAnalysis, hoverMarkdown, svgImages } = require('./helpers.cjs');

/** Position inside the first occurrence of `needle` in the document. */
function positionOf(document, needle, inside = 3) {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is in ${document.uri.path}`);
  return document.positionAt(at + inside);
}

async function lossHover(document, position) {
  return waitFor(
    async () => {
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, position);
      const markdown = hoverMarkdown(hovers);
      return markdown.includes('data:image/svg+xml;base64,') ? { hovers, markdown } : null;
    },
    { message: `a Loss Lens hover at ${position.line + 1}:${position.character + 1}` },
  );
}

function assertSvg(image, what) {
  assert.ok(image, `the hover has a ${what} image`);
  assert.match(image.svg, /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/, `${what} image decodes to an SVG document`);
  assert.match(image.svg, /<\/svg>\s*$/, `${what} SVG is complete`);
  assert.match(image.svg, /xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, `${what} SVG has the SVG namespace (needed in <img>)`);
}

suite('hover', () => {
  test('hovering a custom loss shows the typeset formula, the gradient and a plot as SVG images', async () => {
    const document = await openDocument('faulty/bce-on-sigmoid-unclipped.ts');
    await waitForActivation();
    await waitForAnalysis(document);
    const position = positionOf(document, 'binaryCrossEntropy(yTrue');
    const { hovers, markdown } = await lossHover(document, position);

    const images = svgImages(markdown);
    const byAlt = Object.fromEntries(images.map((i) => [i.alt, i]));
    assertSvg(byAlt.loss, 'formula (loss)');
    assertSvg(byAlt.gradient, 'gradient');
    assertSvg(byAlt['loss and gradient plot'], 'plot');
    // MathJax output: glyphs as paths. The plot: curves as paths with many points.
    assert.match(byAlt.loss.svg, /<path[^>]* d="[^"]{20,}/, 'the formula is drawn with paths');
    const curves = [...byAlt['loss and gradient plot'].svg.matchAll(/<path[^>]* d="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(
      curves.some((d) => (d.match(/[ML]/g) || []).length >= 20),
      `the plot has a sampled curve (paths: ${curves.map((d) => d.length).join(', ')})`,
    );
    assert.match(markdown, /log-of-zero/, 'the hover lists the problem');
    assert.match(markdown, /\(command:lossLens\.preview\?/, 'the hover links to the preview');

    const ours = hovers.find((h) => hoverMarkdown([h]).includes('data:image/svg+xml;base64,'));
    assert.ok(ours.range && ours.range.contains(position), 'the hover range covers the loss name');
    assert.equal(document.getText(ours.range), 'binaryCrossEntropy');
  });

  test('a correct file gets the hover too; a line without a loss gets none', async () => {
    const document = await openDocument('correct/stable-logits-loss.ts');
    await waitForActivation();
    await waitForAnalysis(document);
    const { markdown } = await lossHover(document, positionOf(document, 'fraudLoss(isFraud'));
    const images = svgImages(markdown);
    assert.ok(images.length >= 3, `formula, gradient and plot images (got ${images.map((i) => i.alt).join(', ')})`);
    assert.doesNotMatch(markdown, /log-of-zero|activation-mismatch/, 'no problems listed for the stable loss');

    // `import` on the first line: other hovers may answer, but not Loss Lens.
    const none = await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, new vscode.Position(0, 2));
    assert.ok(!hoverMarkdown(none).includes('data:image/svg+xml'), 'no loss hover outside a loss site');
  });
});
