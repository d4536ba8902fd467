import type { DiagnosticCode, Severity } from '../core/diagnostics';
import type { SeverityOverride } from './settings';

/** Where the README explains each diagnostic code; `Diagnostic.code.target` links there. */
export const README_URL = 'https://github.com/loss-lens/loss-lens';

export function explanationUrl(code: string): string {
  return `${README_URL}#${encodeURIComponent(code)}`;
}

export type ShownSeverity = 'error' | 'warning' | 'info' | 'hint';

/** The severity to show a lint diagnostic with, or undefined when the person turned its code off. */
export function effectiveSeverity(
  code: string,
  severity: Severity,
  overrides: Partial<Record<DiagnosticCode, SeverityOverride>>,
): ShownSeverity | undefined {
  const override = overrides[code as DiagnosticCode];
  if (override === 'off') return undefined;
  return override ?? severity;
}
