/** The pure SVG loss plot: one renderer for the preview page, the hover sparkline and the SVG export. */
export { renderPlotSvg, DEFAULT_LABELS, SERIES_DASH } from './svg';
export { plotLayout } from './layout';
export type { PlotInput, PlotSeries, PlotOverlay, PlotZone, PlotMarker, PlotColors, PlotLayout, Frame, AxisTicks } from './layout';
export { seriesPath, zoneMarkup, kinkMarkup, markerMarkup, nearestIndex, escapeXml, MIN_ZONE_WIDTH } from './paths';
export type { SeriesPath } from './paths';
export { robustExtent, unionExtent } from './extent';
export type { Extent } from './extent';
export { linearScale, niceTicks, niceExtent, tickStep, formatTick, formatValue } from './scale';
export type { Scale } from './scale';
