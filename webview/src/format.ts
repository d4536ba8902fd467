import { formatValue } from '../../src/render/plot/scale';
import type { CatalogMatch, Domain } from '../../src/core';

/** Plain-text names for the page's labels: δ for delta, ŷ for the prediction. */
const GREEK: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', eps: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', kappa: 'κ',
  lambda: 'λ', lam: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
};

export function symbolText(name: string): string {
  const bare = name.replace(/_+$/, '');
  return GREEK[name] ?? GREEK[/^[A-Z]{2,}$/.test(bare) ? bare.toLowerCase() : bare] ?? name;
}

export function parameterLabel(name: string, value: number): string {
  return `${symbolText(name)} = ${formatValue(value)}`;
}

/** "≈ Huber, δ = 2", with "(for 0/1 targets)" when the two agree only on binary targets. */
export function matchLabel(match: CatalogMatch): string {
  const params = Object.entries(match.parameters).map(([k, v]) => parameterLabel(k, v));
  const binary = match.agreement === 'binary' ? ' (for 0/1 targets)' : '';
  return `≈ ${[match.name, ...params].join(', ')}${binary}`;
}

export function domainLabel(domain: Domain): string {
  const [lo, hi] = domain;
  const left = lo === null ? '(−∞' : `[${formatValue(lo)}`;
  const right = hi === null ? '∞)' : `${formatValue(hi)}]`;
  return `${left}, ${right}`;
}
