import type { Analysis } from '../../core/analyze';
import { formatDomain } from '../../core/analysis/domain';
import { catalogLoss } from '../../core/catalog/losses';
import type { Diagnostic, Severity } from '../../core/diagnostics';
import { escapeMarkdown, truncate } from './markdownText';
import { ownEntry } from '../../core/ownEntry';

/** The text parts of a loss hover, as Markdown: heading, purpose, roles and domain, warnings, preview link. */

/** Where each diagnostic code is explained: the README's heading of the same name. */
export const DIAGNOSTIC_DOCS_URL = 'https://github.com/loss-lens/loss-lens';

const SEVERITY_ICONS: Record<Severity, string> = { error: '⛔', warning: '⚠️', info: 'ℹ️' };
const TITLE_LIMIT = 200;
const GREEK: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', eps: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', kappa: 'κ',
  lambda: 'λ', lam: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
};

function parameterName(name: string): string {
  return ownEntry(GREEK, name) ?? name;
}

function formatValue(value: number): string {
  return String(Number(value.toPrecision(6)));
}

export function headingMarkdown(analysis: Analysis, title: string | undefined): string {
  const match = analysis.match;
  const name = truncate((title ?? '').trim() || match?.name || 'Custom loss', TITLE_LIMIT);
  const head = `**${escapeMarkdown(name)}**`;
  if (!match) return `${head} · not a standard loss`;
  const params = Object.entries(match.parameters).map(([k, v]) => `${parameterName(k)} = ${formatValue(v)}`);
  const qualifiers = [...params, ...(match.agreement === 'binary' ? ['for 0/1 targets'] : [])];
  const detail = qualifiers.length ? ` (${escapeMarkdown(qualifiers.join(', '))})` : '';
  const recognised = name === match.name ? 'standard loss' : `recognised as **${escapeMarkdown(match.name)}**`;
  return `${head} · ${recognised}${detail}`;
}

/** The catalog's one-line purpose of the recognised loss. */
export function purposeMarkdown(analysis: Analysis): string | undefined {
  const loss = analysis.match ? catalogLoss(analysis.match.id) : undefined;
  return loss ? `*${escapeMarkdown(loss.purpose)}*` : undefined;
}

/** Which symbol is the prediction and the target, the prediction's domain and activation, the parameters. */
export function rolesMarkdown(analysis: Analysis): string {
  const parts: string[] = [];
  const activation = analysis.activation ? ` (${analysis.activation} output)` : '';
  parts.push(`Prediction ŷ = \`${analysis.wrt}\` ∈ ${escapeMarkdown(formatDomain(analysis.domain))}${escapeMarkdown(activation)}`);
  if (analysis.roles.target) parts.push(`target y = \`${analysis.roles.target}\``);
  for (const p of analysis.parameters) {
    parts.push(`${escapeMarkdown(parameterName(p.name))} = ${escapeMarkdown(formatValue(p.value))}${p.assumed ? ' (assumed)' : ''}`);
  }
  const loss = analysis.match ? catalogLoss(analysis.match.id) : undefined;
  if (loss && loss.activations.length > 0) {
    parts.push(`meant for ${escapeMarkdown(loss.activations.join(' or '))} outputs`);
  }
  return parts.join(' · ');
}

/** A finding as the editor shows it: severity (with the editor's `hint`), code and message. */
export interface HoverFinding {
  code: string;
  severity: Severity | 'hint';
  message: string;
}

export function findingMarkdown(f: HoverFinding): string {
  const link = `[\`${f.code}\`](${DIAGNOSTIC_DOCS_URL}#${f.code})`;
  const icon = f.severity === 'hint' ? SEVERITY_ICONS.info : (SEVERITY_ICONS[f.severity] ?? SEVERITY_ICONS.info);
  return `- ${icon} ${link} ${escapeMarkdown(f.message)}`;
}

export function diagnosticMarkdown(d: Diagnostic): string {
  const link = `[\`${d.code}\`](${DIAGNOSTIC_DOCS_URL}#${d.code})`;
  return `- ${SEVERITY_ICONS[d.severity] ?? SEVERITY_ICONS.info} ${link} ${escapeMarkdown(d.message)}`;
}

/** A Markdown link to a `command:` URI; other schemes are refused. Parentheses and spaces are encoded. */
export function previewLinkMarkdown(commandUri: string | undefined): string | undefined {
  if (!commandUri || !/^command:[\w.-]+/.test(commandUri)) return undefined;
  const safe = commandUri.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[Open Loss Preview](${safe})`;
}
