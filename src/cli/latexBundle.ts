import { existsSync } from 'node:fs';
import path from 'node:path';
import type * as Latex from '../core/expression/input/latexInput';
import { UsageError } from './usage';

/**
 * The LaTeX reader beside this CLI bundle (dist/latex.cjs, built separately): it carries the Compute
 * Engine's LaTeX parser, so only a LaTeX input loads it.
 */
export function loadLatexBundle(): Pick<typeof Latex, 'readLatex'> {
  const file = path.join(__dirname, 'latex.cjs');
  if (!existsSync(file)) throw new UsageError(`${file} is missing: run the build (npm run build) to read LaTeX`);
  const bundle = require(file) as typeof Latex;
  return {
    readLatex: (latex) => {
      try {
        return bundle.readLatex(latex);
      } catch (err) {
        // The bundle has its own copy of ExpressionError: bad LaTeX is bad input, whichever class says so.
        if ((err as Error)?.name === 'ExpressionError') throw new UsageError((err as Error).message, (err as { column?: number }).column);
        throw err;
      }
    },
  };
}
