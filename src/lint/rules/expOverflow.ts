/** `exp-overflow`: exp of something unbounded above, which overflows the code's float format. */
import { coreHazardRule } from './coreHazard';

export const expOverflow = coreHazardRule({
  code: 'exp-overflow',
  defaultSeverity: 'warning',
  docs: {
    summary: '`exp` of something unbounded above: float32 `exp` overflows past 88.7',
    explanation:
      'float32 exp overflows to Infinity past about 88.7 (float16 past 11.1); exp of something unbounded above makes the loss Infinity and the gradient NaN. Stable forms (softplus, logsumexp) avoid it.',
    fix: '`softplus` for `log(1 + exp(u))`, or cap the exponent',
  },
});
