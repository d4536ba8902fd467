// Shared by the hover tests and bench/hover.mjs: the render bundle, a strict little XML parser for checking
// SVG images, and a STAND-IN for the plot renderer's output (src/render/plot is someone else's work; this
// only has to be an SVG of realistic size and structure, drawn from the core's plotData samples).
import { createRequire } from 'node:module';
import path from 'node:path';
import { root, core } from './support.mjs';

const require = createRequire(import.meta.url);
export const render = require(path.join(root, 'dist/render.cjs'));
export { core, root };

/** Every catalog loss analysed with its usual output activation and its default parameters. */
export function catalogAnalyses() {
  return core.CATALOG.map((loss) => ({ loss, analysis: core.analyze(loss.expression, { activation: loss.activations[0], set: loss.parameters }) }));
}

const ENTITY = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;
const NAME = /^[A-Za-z_][\w.:-]*/;

/** Parses well-formed XML into { name, attributes, children } elements; throws on anything malformed. */
export function parseXml(text) {
  let i = 0;
  const fail = (why) => {
    throw new Error(`malformed XML at ${i}: ${why} near ${JSON.stringify(text.slice(i, i + 40))}`);
  };
  const checkText = (s) => {
    for (let k = s.indexOf('&'); k >= 0; k = s.indexOf('&', k + 1)) if (!ENTITY.test(s.slice(k))) fail(`bad entity in ${JSON.stringify(s.slice(k, k + 10))}`);
    if (s.includes('<')) fail('raw < in text');
  };
  const skipSpace = () => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  if (text.startsWith('<?xml')) i = text.indexOf('?>') + 2;
  skipSpace();
  const stack = [{ name: '#document', attributes: {}, children: [] }];
  while (i < text.length) {
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end < 0) fail('unclosed comment');
      i = end + 3;
    } else if (text.startsWith('</', i)) {
      i += 2;
      const name = NAME.exec(text.slice(i))?.[0] ?? fail('bad closing tag');
      i += name.length;
      skipSpace();
      if (text[i] !== '>') fail('bad closing tag');
      i++;
      const open = stack.pop();
      if (open.name !== name) fail(`</${name}> closes <${open.name}>`);
    } else if (text[i] === '<') {
      i++;
      const name = NAME.exec(text.slice(i))?.[0] ?? fail('bad tag name');
      i += name.length;
      const element = { name, attributes: {}, children: [] };
      for (;;) {
        skipSpace();
        if (text.startsWith('/>', i) || text[i] === '>') break;
        const attr = NAME.exec(text.slice(i))?.[0] ?? fail('bad attribute name');
        i += attr.length;
        if (text[i] !== '=' || (text[i + 1] !== '"' && text[i + 1] !== "'")) fail(`attribute ${attr} without a quoted value`);
        const quote = text[i + 1];
        const end = text.indexOf(quote, i + 2);
        if (end < 0) fail('unclosed attribute value');
        const value = text.slice(i + 2, end);
        checkText(value);
        if (attr in element.attributes) fail(`duplicate attribute ${attr}`);
        element.attributes[attr] = value;
        i = end + 1;
      }
      stack.at(-1).children.push(element);
      if (text.startsWith('/>', i)) i += 2;
      else {
        i++;
        stack.push(element);
      }
    } else {
      const end = text.indexOf('<', i);
      const chunk = text.slice(i, end < 0 ? text.length : end);
      checkText(chunk);
      if (stack.length === 1 && chunk.trim()) fail('text outside the root element');
      stack.at(-1).children.push(chunk);
      i += chunk.length;
    }
  }
  if (stack.length !== 1) fail(`<${stack.at(-1).name}> is not closed`);
  const roots = stack[0].children.filter((c) => typeof c !== 'string');
  if (roots.length !== 1) fail(`${roots.length} root elements`);
  return roots[0];
}

export function* elementsOf(node) {
  yield node;
  for (const c of node.children) if (typeof c !== 'string') yield* elementsOf(c);
}

/** The data URLs of the Markdown images, with their alt texts. */
export function markdownImages(markdown) {
  return [...markdown.matchAll(/!\[([^\]]*)\]\((data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+)\)/g)].map((m) => ({ alt: m[1], url: m[2] }));
}

export function decodeSvgDataUrl(url) {
  return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').toString('utf8');
}

/**
 * STAND-IN PLOT, not the real plot renderer: a 320×160 SVG with axes, ticks, the loss and gradient as
 * polylines through plotData's samples, kink lines and hazard zones. About 8–15 KB, like the real one.
 */
export function standInPlotSvg(analysis, { count = 360 } = {}) {
  const data = core.plotData(analysis, { count });
  const { x, loss, gradient } = data.series;
  const W = 320;
  const H = 160;
  const finite = [...loss, ...gradient].filter((v) => v !== null && Number.isFinite(v));
  const lo = Math.min(0, ...finite);
  const hi = Math.max(1, ...finite);
  const sx = (v) => (((v - data.range.lo) / (data.range.hi - data.range.lo)) * (W - 40) + 30).toFixed(1);
  const sy = (v) => (H - 20 - ((Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo)) * (H - 30)).toFixed(1);
  const polylines = (ys, style) => {
    const runs = [[]];
    ys.forEach((v, k) => (v === null || !Number.isFinite(v) ? runs.push([]) : runs.at(-1).push(`${sx(x[k])},${sy(v)}`)));
    return runs.filter((r) => r.length > 1).map((r) => `<polyline fill="none" ${style} points="${r.join(' ')}"/>`).join('');
  };
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => {
    const v = data.range.lo + t * (data.range.hi - data.range.lo);
    return `<line x1="${sx(v)}" y1="${H - 20}" x2="${sx(v)}" y2="${H - 16}" stroke="#888"/><text x="${sx(v)}" y="${H - 4}" font-size="9" text-anchor="middle" fill="#888">${Number(v.toPrecision(3))}</text>`;
  });
  const zones = data.zones.map((z) => `<rect x="${sx(z.lo)}" y="10" width="${(sx(z.hi) - sx(z.lo)).toFixed(1)}" height="${H - 30}" fill="#e5484d" fill-opacity="0.15"/>`);
  const kinks = data.kinks.map((k) => `<line x1="${sx(k)}" y1="10" x2="${sx(k)}" y2="${H - 20}" stroke="#888" stroke-dasharray="2 2"/>`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
    `<title>Stand-in plot for tests</title>${zones.join('')}` +
    `<line x1="30" y1="${H - 20}" x2="${W - 10}" y2="${H - 20}" stroke="#888"/><line x1="30" y1="10" x2="30" y2="${H - 20}" stroke="#888"/>` +
    `${ticks.join('')}${kinks.join('')}` +
    polylines(loss, 'stroke="#3b82f6" stroke-width="1.5"') +
    polylines(gradient, 'stroke="#f59e0b" stroke-width="1.2" stroke-dasharray="4 2"') +
    '</svg>'
  );
}
