import type { HoverTheme, PlotColors } from '../render';

export type { HoverTheme };

/** `vscode.ColorThemeKind` as numbers: Light 1, Dark 2, HighContrast 3, HighContrastLight 4. */
export function themeOfKind(kind: number): HoverTheme {
  switch (kind) {
    case 1:
      return 'light';
    case 3:
      return 'highContrast';
    case 4:
      return 'highContrastLight';
    default:
      return 'dark';
  }
}

/** Colours close to VS Code's default themes (text, chart blue and orange, error red, purple). */
const PLOT_COLORS: Record<HoverTheme, PlotColors> = {
  light: { foreground: '#3b3b3b', loss: '#005fb8', gradient: '#c05a00', grid: '#d4d4d4', hazard: '#e51400', kink: '#8b3fb0' },
  dark: { foreground: '#cccccc', loss: '#4daafc', gradient: '#f0a35e', grid: '#454545', hazard: '#f14c4c', kink: '#c586c0' },
  highContrast: { foreground: '#ffffff', loss: '#3dd5ff', gradient: '#ffd000', grid: '#7a7a7a', hazard: '#ff5c5c', kink: '#ff8cff' },
  highContrastLight: { foreground: '#000000', loss: '#0f4a85', gradient: '#8f3b00', grid: '#7a7a7a', hazard: '#b5200d', kink: '#6b1d8f' },
};

export function plotColors(theme: HoverTheme): PlotColors {
  return PLOT_COLORS[theme];
}
