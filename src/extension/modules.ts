import * as path from 'node:path';
import type * as LatexModule from '../core/expression/input/latexInput';
import type { Core, Engines, Render } from '../service';
import type { Log } from './log';

export type { Core, Render };
export type Latex = typeof LatexModule;

/**
 * The heavy parts, each a separate bundle beside dist/extension.js, loaded the first time they are needed
 * so that activation stays cheap: the renderer (TeX, plots, the preview page) and the analysis core (plot
 * data, checking a typed expression) in the extension host; the lint, with TypeScript, only in the lint
 * worker (lintWorker.ts), which is given its path.
 */
export class LazyModules implements Engines {
  private readonly loaded = new Map<string, unknown>();

  constructor(
    private readonly distDir: string,
    private readonly log: Log,
  ) {}

  /** The file of a bundle, for code that loads it elsewhere (the lint worker). */
  bundlePath(file: string): string {
    return path.join(this.distDir, file);
  }

  render(): Render {
    return this.load<Render>('render.cjs');
  }

  core(): Core {
    return this.load<Core>('core.cjs');
  }

  /** The LaTeX reader (the Compute Engine's LaTeX parser), for a formula pasted from a paper. */
  latex(): Latex {
    return this.load<Latex>('latex.cjs');
  }

  private load<T>(file: string): T {
    const cached = this.loaded.get(file);
    if (cached) return cached as T;
    const started = performance.now();
    const module = require(this.bundlePath(file)) as T;
    this.log.info(`loaded ${file} in ${Math.round(performance.now() - started)} ms`);
    this.loaded.set(file, module);
    return module;
  }
}
