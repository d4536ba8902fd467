import type { PreviewState, PreviewToExtension } from './protocol';

/**
 * What the page needs from whatever shows it: the VS Code webview (messages, getState/setState) or a
 * plain browser tab opened from `loss-lens preview --out` (clipboard, downloads, sessionStorage).
 */
export interface Host {
  readonly mode: 'vscode' | 'standalone';
  post(message: PreviewToExtension): void;
  savedState(): PreviewState | undefined;
  saveState(state: PreviewState): void;
  /** Resolves with a short confirmation for the status line. */
  copy(text: string, what: string): Promise<string>;
  saveImage(format: 'svg' | 'png', data: string, fileName: string): Promise<string>;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

export function createHost(): Host {
  return typeof acquireVsCodeApi === 'function' ? vscodeHost(acquireVsCodeApi()) : standaloneHost();
}

function vscodeHost(api: VsCodeApi): Host {
  return {
    mode: 'vscode',
    post: (message) => api.postMessage(message),
    savedState: () => (api.getState() as PreviewState | undefined) ?? undefined,
    saveState: (state) => api.setState(state),
    copy: async (text, what) => {
      api.postMessage({ type: 'copy', text, what } satisfies PreviewToExtension);
      return `Copied the ${what} TeX.`;
    },
    saveImage: async (format, data) => {
      api.postMessage({ type: 'saveImage', format, data } satisfies PreviewToExtension);
      return `Saving the plot as ${format.toUpperCase()}…`;
    },
  };
}

const STORAGE_KEY = 'loss-lens-preview';

function standaloneHost(): Host {
  return {
    mode: 'standalone',
    post: () => undefined,
    savedState: () => {
      try {
        const text = sessionStorage.getItem(STORAGE_KEY);
        return text ? (JSON.parse(text) as PreviewState) : undefined;
      } catch {
        return undefined;
      }
    },
    saveState: (state) => {
      try {
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state));
      } catch {
        return;
      }
    },
    copy: async (text, what) => {
      await writeClipboard(text);
      return `Copied the ${what} TeX.`;
    },
    saveImage: async (format, data, fileName) => {
      const blob = format === 'svg' ? new Blob([data], { type: 'image/svg+xml' }) : dataUrlToBlob(data);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return `Downloaded ${fileName}.`;
    },
  };
}

async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'll-offscreen';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    if (!ok) throw new Error('the browser refused to copy');
  }
}

/** A base64 data: URL as a Blob (the page's CSP allows no fetch). */
function dataUrlToBlob(url: string): Blob {
  const comma = url.indexOf(',');
  const type = url.slice(5, url.indexOf(';'));
  const bytes = Uint8Array.from(atob(url.slice(comma + 1)), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}
