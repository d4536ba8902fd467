import type { Analysis } from '../../src/core';

/**
 * Messages between the extension (or the standalone page) and the preview page: one union per direction.
 * Both sides import this file with `import type`; it must stay free of DOM and `vscode` types.
 */

/** A fix offered for a diagnostic that lives in a source file (computed by the lint). */
export interface SourceFixView {
  title: string;
  preferred?: boolean;
}

/** A diagnostic shown in the preview's list. For a source-backed preview, fixes apply to the file. */
export interface SourceDiagnosticView {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** 1-based line in the source file, when there is one. */
  line?: number;
  fixes: SourceFixView[];
}

export interface PreviewAnalysisOptions {
  wrt?: string;
  set?: Record<string, number>;
  activation?: string;
  /** [lo, hi] with null for an infinite end. */
  domain?: [number | null, number | null];
}

/** An analysis computed by whoever wrote the page, for the first paint (see initialAnalysis.ts). */
export interface InitialAnalysis {
  key: string;
  analysis: Analysis;
}

/** What the plot is against: the prediction ŷ, or the logit z before the output activation. */
export type PreviewView = 'prediction' | 'logit';

/** The descent panel's settings; `start` absent means a start the page picks. */
export interface DescentSettings {
  start?: number;
  rate: number;
  steps: number;
}

/** Everything the page needs to draw a preview; also what the page saves with setState. */
export interface PreviewState {
  /** The per-element loss in mathjs syntax. */
  expression: string;
  options: PreviewAnalysisOptions;
  /** Heading, e.g. the function's name or "binaryCrossentropy in model.compile". */
  title: string;
  /** Where the loss comes from, when it comes from a file. */
  source?: { uri: string; line: number; siteId?: number; label: string };
  /** Diagnostics from the source (lint); when absent the page lists the expression's own diagnostics. */
  sourceDiagnostics?: SourceDiagnosticView[];
  /** Slider values the person chose, by symbol. */
  values?: Record<string, number>;
  /** A catalog loss id to overlay for comparison. */
  overlay?: string;
  /** Number of plot samples. */
  samples?: number;
  /** Why the source could not be turned into an expression, when it could not. */
  note?: string;
  /** The view to open on (the activation-mismatch diagnostics open the logit view); the prediction by default. */
  view?: PreviewView;
  /** Descent panel settings per view, as the person left them. */
  descent?: Partial<Record<PreviewView, DescentSettings>>;
  /** The analysis for the first paint, computed by the page's writer; not saved. */
  initial?: InitialAnalysis;
}

export type ExtensionToPreview =
  | { type: 'show'; state: PreviewState }
  | { type: 'error'; message: string };

export type PreviewToExtension =
  | { type: 'ready' }
  | { type: 'state'; state: PreviewState }
  | { type: 'applySourceFix'; diagnostic: number; fix: number }
  | { type: 'copy'; text: string; what: string }
  /** `data`: the SVG markup for 'svg', a `data:image/png;base64,…` URL for 'png'. */
  | { type: 'saveImage'; format: 'svg' | 'png'; data: string }
  | { type: 'revealSource' };
