import type { PreviewToExtension } from '../../../webview/src/protocol';

/** A message from the preview page, checked against the protocol; undefined for anything else. */
export function parsePageMessage(raw: unknown): PreviewToExtension | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'revealSource':
      return { type: m.type };
    case 'state':
      return typeof m.state === 'object' && m.state !== null ? (m as PreviewToExtension) : undefined;
    case 'applySourceFix':
      return isIndex(m.diagnostic) && isIndex(m.fix) ? { type: 'applySourceFix', diagnostic: m.diagnostic, fix: m.fix } : undefined;
    case 'copy':
      return typeof m.text === 'string' && typeof m.what === 'string' ? { type: 'copy', text: m.text, what: m.what } : undefined;
    case 'saveImage':
      return (m.format === 'svg' || m.format === 'png') && typeof m.data === 'string' ? { type: 'saveImage', format: m.format, data: m.data } : undefined;
    default:
      return undefined;
  }
}

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
