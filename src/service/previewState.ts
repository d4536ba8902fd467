import type { Analysis } from '../core/analyze';
import type { Severity } from '../core/diagnostics';
import type { PreviewAnalysisOptions, PreviewState, PreviewView, SourceDiagnosticView } from '../../webview/src/protocol';
import { effectiveSeverity } from './severity';
import type { SeverityOverrides } from './settings';
import { partlyUnreadNote, siteTitle, unreadNote, type LabelledSite } from './siteLabels';

/** What the preview page is told about a loss: built from a lint site, or from an expression someone typed. */

export interface PreviewedSite extends LabelledSite {
  id: number;
  activation?: string | null;
  analysis?: Pick<Analysis, 'source' | 'wrt' | 'activation' | 'domain' | 'parameters'>;
  unreadable?: string;
  partlyUnread?: string;
}

export interface PreviewedDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** The whole explanation and fix; the preview lists it, the Problems panel the short message. */
  detail?: string;
  line: number;
  siteId?: number;
  fixes: { title: string; preferred?: boolean }[];
}

export interface SiteStateInput<D extends PreviewedDiagnostic> {
  site: PreviewedSite;
  /** All diagnostics of the file; those of the site are picked. */
  diagnostics: readonly D[];
  uri: string;
  /** 1-based line of the site's anchor. */
  line: number;
  /** e.g. "model.ts:12". */
  label: string;
  samples: number;
  severity: SeverityOverrides;
  /** The page's last state: the person's slider values and overlay are kept. */
  previous?: PreviewState;
}

/** The state for a site, and the diagnostics listed in it, in the order the page numbers them. */
export function stateForSite<D extends PreviewedDiagnostic>(input: SiteStateInput<D>): { state: PreviewState; listed: D[] } {
  const { site } = input;
  const listed = input.diagnostics.filter((d) => d.siteId === site.id && effectiveSeverity(d.code, d.severity, input.severity) !== undefined);
  const views: SourceDiagnosticView[] = listed.map((d) => {
    const shown = effectiveSeverity(d.code, d.severity, input.severity);
    return {
      code: d.code,
      severity: shown === 'hint' || shown === undefined ? 'info' : shown,
      message: d.detail ?? d.message,
      line: d.line,
      fixes: d.fixes.map((f) => ({ title: f.title, ...(f.preferred ? { preferred: true } : {}) })),
    };
  });
  const state: PreviewState = {
    expression: site.analysis?.source ?? site.expression ?? '',
    options: analysisOptions(site),
    title: siteTitle(site),
    source: { uri: input.uri, line: input.line, siteId: site.id, label: input.label },
    sourceDiagnostics: views,
    samples: input.samples,
    ...userChoices(input.previous),
    ...(site.unreadable ? { note: unreadNote(site.unreadable) } : site.partlyUnread ? { note: partlyUnreadNote(site.partlyUnread) } : {}),
  };
  return { state, listed };
}

/** The state for an expression typed or selected by the person. */
export function stateForExpression(expression: string, options: { activation?: string; samples: number; title?: string; view?: PreviewView }): PreviewState {
  return {
    expression,
    options: options.activation ? { activation: options.activation } : {},
    title: options.title ?? expression,
    samples: options.samples,
    ...(options.view ? { view: options.view } : {}),
  };
}

function analysisOptions(site: PreviewedSite): PreviewAnalysisOptions {
  const a = site.analysis;
  if (!a) return site.activation ? { activation: site.activation } : {};
  const set = Object.fromEntries(a.parameters.filter((p) => !p.assumed).map((p) => [p.name, p.value]));
  return {
    wrt: a.wrt,
    ...(a.activation ? { activation: a.activation } : { domain: a.domain }),
    ...(Object.keys(set).length > 0 ? { set } : {}),
  };
}

function userChoices(previous: PreviewState | undefined): Pick<PreviewState, 'values' | 'overlay' | 'view' | 'descent'> {
  if (!previous) return {};
  return {
    ...(previous.values ? { values: previous.values } : {}),
    ...(previous.overlay ? { overlay: previous.overlay } : {}),
    ...(previous.view ? { view: previous.view } : {}),
    ...(previous.descent ? { descent: previous.descent } : {}),
  };
}

/** A state restored after a reload, checked field by field; undefined when it is not one of ours. */
export function restoredState(raw: unknown): PreviewState | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const s = raw as Record<string, unknown>;
  if (typeof s.expression !== 'string' || typeof s.title !== 'string') return undefined;
  const options = typeof s.options === 'object' && s.options !== null ? (s.options as PreviewAnalysisOptions) : {};
  const state: PreviewState = { expression: s.expression, title: s.title, options };
  const source = s.source as Record<string, unknown> | undefined;
  if (source && typeof source.uri === 'string' && typeof source.line === 'number' && typeof source.label === 'string') {
    state.source = { uri: source.uri, line: source.line, label: source.label, ...(typeof source.siteId === 'number' ? { siteId: source.siteId } : {}) };
  }
  if (Array.isArray(s.sourceDiagnostics)) state.sourceDiagnostics = s.sourceDiagnostics as SourceDiagnosticView[];
  if (isNumberRecord(s.values)) state.values = s.values;
  if (typeof s.overlay === 'string') state.overlay = s.overlay;
  if (typeof s.samples === 'number' && Number.isFinite(s.samples)) state.samples = s.samples;
  if (typeof s.note === 'string') state.note = s.note;
  if (s.view === 'prediction' || s.view === 'logit') state.view = s.view;
  const descent = descentSettings(s.descent);
  if (descent) state.descent = descent;
  return state;
}

function descentSettings(v: unknown): PreviewState['descent'] | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const out: NonNullable<PreviewState['descent']> = {};
  for (const view of ['prediction', 'logit'] as const) {
    const d = (v as Record<string, unknown>)[view] as Record<string, unknown> | undefined;
    if (!d || typeof d.rate !== 'number' || typeof d.steps !== 'number' || !Number.isFinite(d.rate) || !Number.isFinite(d.steps)) continue;
    out[view] = { rate: d.rate, steps: d.steps, ...(typeof d.start === 'number' && Number.isFinite(d.start) ? { start: d.start } : {}) };
  }
  return Object.keys(out).length ? out : undefined;
}

function isNumberRecord(v: unknown): v is Record<string, number> {
  return typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'number');
}
