/**
 * `non-differentiable`: a kink or jump of the loss on the prediction's domain. The corners of a saturation
 * guard (`clip(p, ε, 1 - ε)` with a tiny ε on an output that ends at 0 and 1) are not reported: they sit where
 * float32 sigmoid and softmax outputs end anyway, and the guard is what the log-of-zero fix recommends.
 */
import { compile, ExpressionError, parseExpression, symbolsOf, type Diagnostic, type Domain, type Node } from '../../core';
import { coreHazardRule } from './coreHazard';

export const nonDifferentiable = coreHazardRule(
  {
    code: 'non-differentiable',
    defaultSeverity: 'info',
    docs: {
      summary: 'a kink or jump on the domain (abs, max/min, relu, clip, conditionals, hinge); information, often intended',
      explanation:
        'The loss has a kink or a jump here (abs, max/min, relu, clip, a conditional): the gradient changes abruptly, which is often intended (MAE, hinge) but can stall or oscillate gradient descent.',
    },
  },
  (d, ctx) => {
    const loss = ctx.site.loss;
    if (!loss || !ctx.analysis) return true;
    // With no model to say the domain, a tiny clip inside a loss that takes logs is the log's guard: the loss treats
    // the prediction as a probability, whatever domain was assumed for the other checks.
    const domain = ctx.assumption && /\blog\(/.test(loss.expr.text) ? ([0, 1] as Domain) : ctx.analysis.domain;
    return !isSaturationGuard(d, loss.expr.text, domain, loss.parameters);
  },
);

/** The value of a subexpression made of numbers and the site's parameters (`eps` of `eps=1e-7`). */
function constantValue(n: Node, parameters: Readonly<Record<string, number>>): number | undefined {
  const names = [...symbolsOf(n)];
  if (!names.every((s) => Object.hasOwn(parameters, s))) return undefined;
  const v = compile(n, names)(names.map((s) => parameters[s]));
  return Number.isFinite(v) ? v : undefined;
}

/** A kink of `clip(p, ε, 1 - ε)`, `max(p, ε)` or `min(p, 1 - ε)` with a tiny ε, on a domain that ends at 0 (or 1). */
export function isSaturationGuard(d: Diagnostic, expression: string, domain: Domain, parameters: Readonly<Record<string, number>> = {}): boolean {
  if (d.code !== 'non-differentiable') return false;
  const small = (c: number | undefined) => c !== undefined && c >= 0 && c <= 1e-3 && domain[0] === 0;
  const nearOne = (c: number | undefined) => c !== undefined && c <= 1 && c >= 1 - 1e-3 && domain[1] === 1;
  try {
    const n = parseExpression(expression.slice(d.span.start, d.span.end)).ast;
    if (n.kind !== 'call') return false;
    if (n.fn === 'clip') return small(constantValue(n.args[1], parameters)) && nearOne(constantValue(n.args[2], parameters));
    if ((n.fn === 'max' || n.fn === 'min') && n.args.length === 2) {
      const constants = n.args.map((a) => constantValue(a, parameters));
      const c = constants[0] ?? constants[1];
      if (constants[0] !== undefined && constants[1] !== undefined) return false;
      return n.fn === 'max' ? small(c) : nearOne(c);
    }
    return false;
  } catch (err) {
    if (err instanceof ExpressionError) return false;
    throw err;
  }
}
