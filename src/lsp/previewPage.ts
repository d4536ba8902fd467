/**
 * The preview for editors without webviews: the `lossLens/preview` request returns the page's state (so an
 * editor can draw it itself), and the `lossLens.preview` command writes the standalone preview page
 * (`loss-lens preview --out`) to a temporary folder and asks the client to open it in the browser. The
 * folders go when the server shuts down.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PreviewState } from '../../webview/src/protocol';
import { standaloneAssets } from '../cli/previewCommand';
import { previewHtml } from '../render/previewHtml';
import type { DisposableLike } from '../service';

export const PREVIEW_REQUEST = 'lossLens/preview';
export const PREVIEW_COMMAND = 'lossLens.preview';

/** What `lossLens/preview` returns: the state the preview page draws, and where the loss is. */
export interface PreviewResponse {
  state: PreviewState;
  /** 1-based line of the loss's anchor. */
  line: number;
}

export class PreviewPages implements DisposableLike {
  private folder?: string;

  constructor(private readonly parent = os.tmpdir()) {}

  /** Writes the self-contained page for a state; returns its path and file URL. */
  write(state: PreviewState): { file: string; url: string } {
    this.folder ??= mkdtempSync(path.join(this.parent, 'loss-lens-lsp-'));
    const name = `${state.title.normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'loss'}.html`;
    const file = path.join(this.folder, name);
    writeFileSync(file, previewHtml({ state, ...standaloneAssets() }));
    return { file, url: pathToFileURL(file).href };
  }

  dispose(): void {
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
    this.folder = undefined;
  }
}
