/** The bytes of a plot the preview page asks to save, checked to be what they claim, and a file name for it. */

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const MAX_IMAGE_BYTES = 32 * 1024 * 1024;

/**
 * SVG arrives as markup, PNG as a `data:image/png;base64,…` URL (webview/src/protocol.ts). Returns the
 * file's bytes, or a reason why the data is not an image of that format.
 */
export function imageBytes(format: 'svg' | 'png', data: string): Uint8Array | string {
  if (data.length > MAX_IMAGE_BYTES * 1.4) return 'the image is too large';
  if (format === 'svg') {
    if (!/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(data)) return 'the data is not an SVG document';
    return new TextEncoder().encode(data.trimStart().startsWith('<?xml') ? data : `<?xml version="1.0" encoding="UTF-8"?>\n${data}`);
  }
  const m = /^data:image\/png;base64,([A-Za-z0-9+/=\s]+)$/.exec(data);
  if (!m) return 'the data is not a PNG data URL';
  const bytes = Uint8Array.from(Buffer.from(m[1], 'base64'));
  if (bytes.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return 'the data is not a PNG image';
  return bytes;
}

/** A file name from the preview's title: "focalLoss in model.compile" → "focalLoss-in-model-compile.svg". */
export function imageFileName(title: string, format: 'svg' | 'png'): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\w-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${base || 'loss'}.${format}`;
}
