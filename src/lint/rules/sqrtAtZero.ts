/** `sqrt-at-zero`: a square root whose argument can reach 0, where its derivative is infinite. */
import { coreHazardRule } from './coreHazard';

export const sqrtAtZero = coreHazardRule({
  code: 'sqrt-at-zero',
  defaultSeverity: 'warning',
  docs: {
    summary: 'a `sqrt` argument can reach 0, where its derivative is infinite (RMSE at a perfect prediction)',
    explanation:
      'sqrt(x) has the derivative 1/(2·sqrt(x)), which is Infinity at 0: the loss is finite but the gradient is not. A negative argument gives NaN.',
    fix: 'add ε under the root',
  },
});
