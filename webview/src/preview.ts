import './styles/theme.css';
import './styles/page.css';
import './styles/panels.css';
import './styles/plot.css';
import { createHost } from './host';
import { PreviewPage } from './page';
import type { ExtensionToPreview, PreviewState } from './protocol';

/**
 * Entry of the preview page. The initial state comes from the root's escaped `data-state` attribute;
 * slider values and the overlay saved by an earlier instance of the same preview are kept. The style
 * sheets imported here are bundled by esbuild into dist/webview/preview.css, beside preview.js.
 */
const ROOT_ID = 'loss-lens-preview';
performance.mark('loss-lens:script');

function initialState(root: HTMLElement, saved: PreviewState | undefined): PreviewState {
  const given = JSON.parse(root.dataset.state ?? '{}') as PreviewState;
  if (!saved || saved.expression !== given.expression || JSON.stringify(saved.options) !== JSON.stringify(given.options)) return given;
  return { ...given, values: { ...given.values, ...saved.values }, overlay: saved.overlay ?? given.overlay, view: given.view ?? saved.view, descent: saved.descent ?? given.descent };
}

const root = document.getElementById(ROOT_ID);
if (root) {
  const host = createHost();
  const page = new PreviewPage(root, host, initialState(root, host.savedState()));
  if (host.mode === 'vscode') {
    window.addEventListener('message', (event: MessageEvent<ExtensionToPreview>) => {
      const message = event.data;
      if (message && (message.type === 'show' || message.type === 'error')) page.receive(message);
    });
    host.post({ type: 'ready' });
  }
}
