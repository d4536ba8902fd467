import katex from 'katex';
import { symbolLatex, type Analysis } from '../../src/core';
import { domainLabel } from './format';
import { h, icon } from './elements';

export type TexPart = 'loss' | 'gradient';

/**
 * The typeset loss and gradient, each with a copy button, and chips naming what every symbol is and the
 * prediction's domain. KaTeX builds DOM nodes and sets most styles through the CSSOM, which the CSP
 * allows; a few of its builders (tall delimiters, \pmb) call setAttribute('style'), which the CSP blocks
 * in every document of the page, inert ones included. While KaTeX renders, those calls go to the CSSOM.
 */
export function renderTex(target: HTMLElement, tex: string, displayMode: boolean): void {
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (this: Element, name: string, value: string): void {
    if (name === 'style' && (this instanceof HTMLElement || this instanceof SVGElement || this instanceof MathMLElement)) this.style.cssText = value;
    else setAttribute.call(this, name, value);
  };
  try {
    katex.render(tex, target, { displayMode, throwOnError: true, output: 'htmlAndMathml' });
  } catch {
    target.replaceChildren(h('code', { class: 'll-tex-fallback', text: tex }));
  } finally {
    Element.prototype.setAttribute = setAttribute;
  }
}

export function texOf(analysis: Analysis, part: TexPart | 'both'): string {
  if (part === 'loss') return analysis.latex;
  if (part === 'gradient') return analysis.derivativeLatex;
  return `\\begin{aligned}\nL(\\hat{y}) &= ${analysis.latex} \\\\\n\\frac{\\partial L}{\\partial \\hat{y}} &= ${analysis.derivativeLatex}\n\\end{aligned}`;
}

export function formulasSection(analysis: Analysis, onCopy: (part: TexPart) => void): HTMLElement {
  const row = (part: TexPart, label: string, lhs: string) => {
    const math = h('div', { class: 'll-formula-math' });
    renderTex(math, `${lhs} = ${texOf(analysis, part)}`, true);
    const copy = h('button', { class: 'll-icon-button', attrs: { type: 'button', 'aria-label': `Copy the ${part} TeX`, title: 'Copy TeX' } }, [icon('copy')]);
    copy.addEventListener('click', () => onCopy(part));
    return h('div', { class: `ll-formula ll-formula-${part}` }, [h('div', { class: 'll-formula-label', text: label }), math, copy]);
  };
  const children: (Node | string)[] = [
    row('loss', 'Loss', 'L(\\hat{y})'),
    row('gradient', 'Gradient', '\\frac{\\partial L}{\\partial \\hat{y}}'),
  ];
  if (!analysis.simplified) children.push(h('p', { class: 'll-note', text: 'The gradient is shown unsimplified: simplifying it took too long.' }));
  return h('section', { class: 'll-card ll-formulas', attrs: { 'aria-label': 'Formulas' } }, children);
}

export function chipsList(analysis: Analysis): HTMLElement {
  const { roles } = analysis;
  const latexOptions = { prediction: roles.prediction, target: roles.target };
  const chip = (role: string, tex: string, detail?: string) => {
    const name = h('span', { class: 'll-chip-symbol' });
    renderTex(name, tex, false);
    const parts: (Node | string)[] = [h('span', { class: 'll-chip-role', text: role }), name];
    if (detail) parts.push(h('span', { class: 'll-chip-detail', text: detail }));
    return h('li', { class: `ll-chip ll-chip-${role}` }, parts);
  };
  const items = [chip('prediction', '\\hat{y}', roles.prediction === 'ŷ' ? undefined : roles.prediction)];
  if (roles.target) items.push(chip('target', symbolLatex(roles.target, latexOptions), roles.target === 'y' ? undefined : roles.target));
  for (const p of analysis.parameters) {
    const tex = symbolLatex(p.name, latexOptions);
    items.push(chip('parameter', tex, p.assumed ? 'assumed' : undefined));
  }
  const domain = chip('domain', `\\hat{y} \\in ${domainTex(analysis)}`, analysis.activation && analysis.activation !== 'linear' ? `${analysis.activation} output` : undefined);
  domain.setAttribute('title', `The prediction's domain: ${domainLabel(analysis.domain)}`);
  items.push(domain);
  return h('ul', { class: 'll-chips', attrs: { 'aria-label': 'Symbols and domain' } }, items);
}

function domainTex(analysis: Analysis): string {
  const [lo, hi] = analysis.domain;
  const left = lo === null ? '(-\\infty' : `[${lo}`;
  const right = hi === null ? '\\infty)' : `${hi}]`;
  return `${left}, ${right}`;
}
