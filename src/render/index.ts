/** The public API of the renderers: pure Node, no `vscode`, no DOM. */
export { texToSvg, DEFAULT_EM_PX, DEFAULT_MAX_WIDTH_PX, MAX_TEX_LENGTH } from './math/texToSvg';
export type { TexSvg, TexToSvgOptions } from './math/texToSvg';
export { buildHoverMarkdown, DEFAULT_HOVER_MAX_CHARS } from './hover/hoverMarkdown';
export { buildSubexpressionHoverMarkdown } from './hover/subexpressionHover';
export type { SubexpressionHoverInput } from './hover/subexpressionHover';
export type { HoverFinding, HoverInput, HoverMarkdown } from './hover/hoverMarkdown';
export { HOVER_THEMES, hoverColors } from './hover/hoverTheme';
export type { HoverTheme, HoverColors } from './hover/hoverTheme';
export { DIAGNOSTIC_DOCS_URL } from './hover/hoverSections';
export { clearFormulaImageCache, formulaImageCacheSize, FORMULA_CACHE_CAPACITY } from './hover/formulaImage';
export { renderPlotSvg } from './plot';
export type { PlotInput, PlotColors } from './plot';
export { previewHtml } from './previewHtml';
export type { WebviewPageOptions, StandalonePageOptions } from './previewHtml';
