/**
 * The host-neutral editor features of Loss Lens (ARCHITECTURE.md `src/service`): per-document analysis with
 * versioning, cancellation and caching; diagnostics with the severity settings; hovers; quick fixes and fix
 * all; CodeLenses; what the preview needs; settings. It never imports `vscode` (its tsconfig has no such
 * module), so the extension and the language server share it unchanged.
 */
export { LossLensService, siteAnchoredAt } from './service';
export type { FixAllEdit, HoverRequest, ServiceOptions, SiteHover } from './service';
export { DocumentAnalyses } from './analyses';
export type { AnalysisHost, Analyzed } from './analyses';
export { documentFileName, filePath, uriScheme } from './document';
export type { CancellationLike, OffsetRange, ServiceDocument } from './document';
export { Disposable } from './dispose';
export type { DisposableLike } from './dispose';
export { Emitter } from './emitter';
export type { Event } from './emitter';
export type { Core, Engines, Render } from './engines';
export type { Logger } from './logger';
export { WorkerLinter } from './lintWorker';
export type { Linter, LintRequest, OpenFile } from './lintWorker';
export { isAnalysedScheme, languagesReading, lintFileName, MAX_ANALYSED_LENGTH } from './languages';
export { CELL_LANGUAGE, cellResult, cellsAfter, cellsUpTo, notebookCells } from './notebookCells';
export { DIAGNOSTIC_SOURCE, shownDiagnostics } from './diagnostics';
export type { ShownDiagnostic } from './diagnostics';
export { FIX_ALL_KIND, FIX_ALL_TITLE, MAX_FIX_ALL_ROUNDS, QUICK_FIX_KIND, fixAll, fixAllChoice, fixAllRound, quickFixes, replacementEdit } from './codeActions';
export type { FixAllOutcome, QuickFix, ShownProblem } from './codeActions';
export { siteLenses } from './codeLenses';
export type { SiteLens } from './codeLenses';
export { applyOffsetEdits, findLintDiagnostic, orderedEdits } from './fixEdits';
export type { OffsetEdit } from './fixEdits';
export { siteHoverMarkdown, HOVER_MAX_CHARS } from './hoverContent';
export { lineOf, previewedSite, sitePreview } from './preview';
export type { SitePreview } from './preview';
export { restoredState, stateForExpression, stateForSite } from './previewState';
export { followSite, shiftOffset, siteAtSelection, trackSite } from './siteTracking';
export type { TrackedSite, TextChange } from './siteTracking';
export { ANALYSIS_SETTINGS, NUMBER_BOUNDS, readSettings, SECTION, sectionReader, SETTING_DEFAULTS, SEVERITY_OVERRIDES } from './settings';
export type { SettingKey, Settings, SeverityOverride, SeverityOverrides } from './settings';
export { effectiveSeverity, explanationUrl, README_URL } from './severity';
export type { ShownSeverity } from './severity';
export { codeLensTitle, partlyUnreadNote, problemSummary, siteTitle, unreadNote } from './siteLabels';
export { plotColors, themeOfKind } from './theme';
export type { HoverTheme } from './theme';
export { Throttle } from './throttle';
