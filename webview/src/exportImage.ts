import type { PlotColors } from '../../src/render/plot/layout';

/**
 * The plot's colours as the theme shows them now (the CSS variables the page maps from VS Code's theme,
 * or the standalone page's light/dark fallbacks), and the conversion of the SVG export to PNG.
 */
const VARIABLES: Record<keyof Required<PlotColors>, string> = {
  foreground: '--ll-fg',
  loss: '--ll-loss',
  gradient: '--ll-gradient',
  grid: '--ll-grid',
  hazard: '--ll-hazard',
  kink: '--ll-kink',
  overlay: '--ll-overlay',
  background: '--ll-bg',
};

const FALLBACK: Required<PlotColors> = {
  foreground: '#3b3b3b',
  loss: '#005fb8',
  gradient: '#c05a00',
  grid: '#e5e5e5',
  hazard: '#e51400',
  kink: '#8b3fb0',
  overlay: '#388a34',
  background: '#ffffff',
};

/** Resolves each variable through a probe element, so chains of var() and fallbacks come back as rgb(). */
export function themeColors(): Required<PlotColors> {
  const probe = document.createElement('span');
  probe.className = 'll-offscreen';
  document.body.append(probe);
  const out = { ...FALLBACK };
  for (const [key, variable] of Object.entries(VARIABLES) as [keyof PlotColors, string][]) {
    probe.style.color = '';
    probe.style.color = `var(${variable})`;
    out[key] = getComputedStyle(probe).color || out[key];
  }
  probe.remove();
  return out;
}

/** Rasterises SVG markup at `scale` times its size; resolves with a PNG data: URL. */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<string> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      image.addEventListener('load', () => resolve(), { once: true });
      image.addEventListener('error', () => reject(new Error('the plot image did not load')), { once: true });
    });
    image.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}
