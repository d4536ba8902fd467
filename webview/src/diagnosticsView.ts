import { EXPLANATIONS, type Analysis, type DiagnosticCode } from '../../src/core';
import { h, icon } from './elements';
import type { SourceDiagnosticView } from './protocol';

/** One row of the diagnostics list, from the analysis of the expression or from the lint of a file. */
export interface DiagnosticItem {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line?: number;
  fixes: { title: string; expression?: string; preferred?: boolean }[];
}

export interface DiagnosticsHandlers {
  /** Undefined when fixes cannot be applied here (a file's fixes in the standalone page). */
  onFix?: (diagnostic: number, fix: number) => void;
  onHighlight(diagnostic: number | null): void;
  /** Present when the loss can be shown against the logit: an activation mismatch links to that view. */
  onLogit?: () => void;
}

export function expressionDiagnostics(analysis: Analysis): DiagnosticItem[] {
  return analysis.diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    fixes: [d.fix, ...(d.alternatives ?? [])].filter((f) => f?.expression).map((f) => ({ title: f!.title, expression: f!.expression, preferred: f!.preferred })),
  }));
}

export function sourceDiagnostics(views: readonly SourceDiagnosticView[]): DiagnosticItem[] {
  return views.map((d) => ({ ...d, fixes: d.fixes.map((f) => ({ ...f })) }));
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

export function diagnosticsSection(items: readonly DiagnosticItem[], handlers: DiagnosticsHandlers): HTMLElement {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of items) counts[d.severity]++;
  const summary = (['error', 'warning', 'info'] as const).filter((s) => counts[s]).map((s) => `${counts[s]} ${s === 'info' ? 'note' : s}${counts[s] > 1 ? 's' : ''}`);
  const title = h('h2', { class: 'll-section-title', text: 'Diagnostics' }, [h('span', { class: 'll-count', text: summary.join(' · ') })]);
  if (items.length === 0) {
    return h('section', { class: 'll-card ll-diagnostics', attrs: { 'aria-label': 'Diagnostics' } }, [
      title,
      h('p', { class: 'll-ok' }, [icon('ok'), h('span', { text: 'No numerical hazards and no kinks on this domain.' })]),
    ]);
  }
  const order = items.map((_, i) => i).sort((a, b) => SEVERITY_RANK[items[a].severity] - SEVERITY_RANK[items[b].severity] || a - b);
  const list = h('ul', { class: 'll-diagnostic-list' }, order.map((i) => diagnosticRow(items[i], i, handlers)));
  return h('section', { class: 'll-card ll-diagnostics', attrs: { 'aria-label': 'Diagnostics' } }, [title, list]);
}

function diagnosticRow(d: DiagnosticItem, index: number, handlers: DiagnosticsHandlers): HTMLElement {
  const head = h('div', { class: 'll-diagnostic-head' }, [h('code', { class: 'll-code', text: d.code })]);
  if (d.line !== undefined) head.append(h('span', { class: 'll-muted', text: `line ${d.line}` }));
  const body: (Node | string)[] = [head, h('p', { class: 'll-diagnostic-message', text: d.message })];
  const explanation = EXPLANATIONS[d.code as DiagnosticCode];
  if (explanation) {
    body.push(h('details', { class: 'll-explanation' }, [h('summary', { text: 'Why it matters' }), h('p', { text: explanation })]));
  }
  if (d.code === 'activation-mismatch' && handlers.onLogit) {
    const link = h('button', { class: 'll-link ll-logit-link', attrs: { type: 'button' }, text: 'See the gradient the weights receive (against the logit)' });
    link.addEventListener('click', handlers.onLogit);
    body.push(link);
  }
  if (d.fixes.length) body.push(fixButtons(d, index, handlers));
  const row = h('li', { class: `ll-diagnostic ll-severity-${d.severity}`, attrs: { 'data-diagnostic': String(index) } }, [
    icon(d.severity, d.severity),
    h('div', { class: 'll-diagnostic-body' }, body),
  ]);
  row.addEventListener('pointerenter', () => handlers.onHighlight(index));
  row.addEventListener('pointerleave', () => handlers.onHighlight(null));
  row.addEventListener('focusin', () => handlers.onHighlight(index));
  row.addEventListener('focusout', () => handlers.onHighlight(null));
  return row;
}

function fixButtons(d: DiagnosticItem, index: number, handlers: DiagnosticsHandlers): HTMLElement {
  const { onFix } = handlers;
  if (!onFix) {
    return h('p', { class: 'll-muted ll-fix-note', text: `Fix in VS Code: ${d.fixes.map((f) => f.title).join('; ')}` });
  }
  const buttons = d.fixes.map((fix, j) => {
    const primary = j === 0 || fix.preferred;
    const button = h('button', { class: primary ? 'll-button' : 'll-button ll-button-secondary', attrs: { type: 'button' } }, [icon('fix'), h('span', { text: fix.title })]);
    if (fix.expression) button.title = `Becomes: ${fix.expression}`;
    button.addEventListener('click', () => onFix(index, j));
    return button;
  });
  return h('div', { class: 'll-fixes' }, buttons);
}
