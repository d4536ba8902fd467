/** `division-by-zero`: a divisor that can reach 0 on the prediction's domain. */
import { coreHazardRule } from './coreHazard';

export const divisionByZero = coreHazardRule({
  code: 'division-by-zero',
  defaultSeverity: 'error',
  docs: {
    summary: 'a divisor can reach 0 on the domain (Dice without smoothing, relative errors)',
    explanation: 'A divisor that can reach 0 makes the loss Infinity or NaN (0/0) and the gradient NaN.',
    fix: 'keep the divisor at least ε',
  },
});
