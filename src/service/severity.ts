/** The severity a diagnostic is shown with once the person's overrides apply, and where each code is explained. */
import type { Severity } from '../core/diagnostics';
import type { SeverityOverrides } from './settings';

/** Where the README explains each diagnostic code; a diagnostic's code links there. */
export const README_URL = 'https://github.com/loss-lens/loss-lens';

export function explanationUrl(code: string): string {
  return `${README_URL}#${encodeURIComponent(code)}`;
}

export type ShownSeverity = 'error' | 'warning' | 'info' | 'hint';

/** The severity to show a lint diagnostic with, or undefined when the person turned its code off. */
export function effectiveSeverity(code: string, severity: Severity, overrides: SeverityOverrides): ShownSeverity | undefined {
  const override = overrides[code];
  if (override === 'off') return undefined;
  return override ?? severity;
}
