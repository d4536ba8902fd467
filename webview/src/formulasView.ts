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
export function renderTex(target: HTMLElement, tex: string, displayMode: boolean, breakable = false): void {
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (this: Element, name: string, value: string): void {
    if (name === 'style' && (this instanceof HTMLElement || this instanceof SVGElement || this instanceof MathMLElement)) this.style.cssText = value;
    else setAttribute.call(this, name, value);
  };
  try {
    // Inline mode lets KaTeX break a line after a top-level relation or operator; \displaystyle keeps display sizes.
    const source = breakable ? `\\displaystyle ${tex}` : tex;
    katex.render(source, target, { displayMode: displayMode && !breakable, throwOnError: true, output: 'htmlAndMathml' });
  } catch {
    target.replaceChildren(h('code', { class: 'll-tex-fallback', text: tex }));
  } finally {
    Element.prototype.setAttribute = setAttribute;
  }
}

/** The formulas of one view: against the prediction ŷ, or against the logit z. */
export interface FormulaSet {
  lossLhs: string;
  loss: string;
  gradientLhs: string;
  gradient: string;
  /** TeX of each definition the formulas use by name: the steps (p_t = …), and ŷ = σ(z) in the logit view. */
  where: string[];
  simplified: boolean;
}

export function formulasOf(analysis: Analysis, logit?: { variable: string; activation: string; analysis: Analysis }): FormulaSet {
  const steps = analysis.steps.map((s) => `${symbolLatex(s.name, { prediction: analysis.wrt, target: analysis.roles.target })} = ${s.latex}`);
  const lossName = analysis.lossName && analysis.lossName.length <= 12 ? (symbolLatex(analysis.lossName).replace(/^\\mathit/, '\\mathrm')) : 'L';
  if (!logit) {
    return { lossLhs: `${lossName}(\\hat{y})`, loss: analysis.latex, gradientLhs: `\\frac{\\partial ${lossName}}{\\partial \\hat{y}}`, gradient: analysis.derivativeLatex, where: steps, simplified: analysis.simplified };
  }
  const z = symbolLatex(logit.variable);
  const act = logit.activation === 'tanh' ? `\\tanh(${z})` : `\\sigma(${z})`;
  return {
    lossLhs: `${lossName}(${act})`,
    loss: logit.analysis.latex,
    gradientLhs: `\\frac{\\partial ${lossName}}{\\partial ${z}}`,
    gradient: logit.analysis.derivativeLatex,
    where: [...steps.map((s) => s.replace(/\\hat\{y\}/g, act)), ...(logit.activation === 'softmax' ? [`\\hat{y} = ${act} \\text{ (two classes)}`] : [])],
    simplified: analysis.simplified,
  };
}

export function texOf(f: FormulaSet, part: TexPart | 'both'): string {
  if (part === 'loss') return f.loss;
  if (part === 'gradient') return f.gradient;
  const where = f.where.length ? ` \\\\\n&\\text{where } ${f.where.join(',\\; ')}` : '';
  return `\\begin{aligned}\n${f.lossLhs} &= ${f.loss} \\\\\n${f.gradientLhs} &= ${f.gradient}${where}\n\\end{aligned}`;
}

export function formulasSection(f: FormulaSet, onCopy: (part: TexPart) => void): HTMLElement {
  const row = (part: TexPart, label: string, lhs: string) => {
    const math = h('div', { class: 'll-formula-math' });
    renderTex(math, `${lhs} = ${texOf(f, part)}`, true, true);
    const copy = h('button', { class: 'll-icon-button', attrs: { type: 'button', 'aria-label': `Copy the ${part} TeX`, title: 'Copy TeX' } }, [icon('copy')]);
    copy.addEventListener('click', () => onCopy(part));
    return h('div', { class: `ll-formula ll-formula-${part}` }, [h('div', { class: 'll-formula-label', text: label }), math, copy]);
  };
  const children: (Node | string)[] = [row('loss', 'Loss', f.lossLhs), row('gradient', 'Gradient', f.gradientLhs)];
  if (f.where.length) {
    const math = h('div', { class: 'll-formula-math' });
    renderTex(math, `\\text{where } ${f.where.join(',\\quad ')}`, true, true);
    children.push(h('div', { class: 'll-formula ll-formula-where' }, [h('div', { class: 'll-formula-label', text: '' }), math]));
  }
  if (!f.simplified) children.push(h('p', { class: 'll-note', text: 'The gradient is shown unsimplified: simplifying it took too long.' }));
  return h('section', { class: 'll-card ll-formulas', attrs: { 'aria-label': 'Formulas' } }, children);
}

/** Shrinks a formula that still overflows its row after line breaking (a long product has no break point). */
export function fitFormulas(root: HTMLElement): void {
  for (const math of root.querySelectorAll<HTMLElement>('.ll-formula-math')) {
    const katexRoot = math.querySelector<HTMLElement>('.katex');
    if (!katexRoot) continue;
    katexRoot.style.fontSize = '';
    const overflow = math.scrollWidth / Math.max(1, math.clientWidth);
    if (overflow > 1.01) katexRoot.style.fontSize = `${Math.max(0.6, 1 / overflow) * 100}%`;
  }
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
