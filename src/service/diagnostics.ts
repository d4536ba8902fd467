/** The problems to show for a lint result: the severity the settings give each, codes turned off left out. */
import type { LintDiagnostic } from '../lint/index';
import { effectiveSeverity, explanationUrl, type ShownSeverity } from './severity';
import type { Settings } from './settings';

/** `source` of every diagnostic Loss Lens reports, in every editor. */
export const DIAGNOSTIC_SOURCE = 'loss-lens';

export interface ShownDiagnostic {
  code: string;
  severity: ShownSeverity;
  message: string;
  /** The whole explanation and fix, when the message is its short form (related information). */
  detail?: string;
  /** Offsets into the document's text. */
  start: number;
  end: number;
  /** The README's explanation of the code. */
  href: string;
}

export function shownDiagnostics(diagnostics: readonly LintDiagnostic[], settings: Settings): ShownDiagnostic[] {
  if (!settings.lint.enable) return [];
  const out: ShownDiagnostic[] = [];
  for (const d of diagnostics) {
    const severity = effectiveSeverity(d.code, d.severity, settings.severity);
    if (severity) out.push({ code: d.code, severity, message: d.message, ...(d.detail && d.detail !== d.message ? { detail: d.detail } : {}), start: d.start, end: d.end, href: explanationUrl(d.code) });
  }
  return out;
}
