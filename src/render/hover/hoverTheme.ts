/**
 * Colours for what the hover draws itself (the formula images), per VS Code colour-theme kind. An image
 * cannot inherit the hover's text colour, so each is chosen for contrast on that kind's hover background:
 * Light Modern #f8f8f8, Dark Modern #202020 (Dark+ #252526), High Contrast #0c141f / black, High Contrast
 * Light white. All reach at least 12:1 against those backgrounds.
 */
export type HoverTheme = 'light' | 'dark' | 'highContrast' | 'highContrastLight';

export const HOVER_THEMES: readonly HoverTheme[] = ['light', 'dark', 'highContrast', 'highContrastLight'];

export interface HoverColors {
  formula: string;
  /** Typical hover background, for previews and tests. */
  background: string;
}

const COLORS: Record<HoverTheme, HoverColors> = {
  light: { formula: '#1f1f1f', background: '#f8f8f8' },
  dark: { formula: '#e6e6e6', background: '#202020' },
  highContrast: { formula: '#ffffff', background: '#000000' },
  highContrastLight: { formula: '#000000', background: '#ffffff' },
};

export function hoverColors(theme: HoverTheme): HoverColors {
  return COLORS[theme] ?? COLORS.light;
}
