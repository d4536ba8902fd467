/**
 * The heavy modules the service's features draw with, passed in by the host: the analysis core (plot data,
 * checking expressions) and the renderer (TeX, plots, hover Markdown). The extension loads them lazily from
 * their bundles; the language server and the tests pass the modules themselves.
 */
import type * as CoreModule from '../core/index';
import type * as RenderModule from '../render/index';

export type Core = typeof CoreModule;
export type Render = typeof RenderModule;

export interface Engines {
  core(): Core;
  render(): Render;
}
