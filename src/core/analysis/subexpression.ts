/**
 * A piece of an analysed loss on its own: the subexpression at a span of the loss text, typeset, and the range of
 * values it takes over the prediction's domain (the target over its usual range, the parameters at their values),
 * in the analysis's precision. What the editor shows when the pointer rests on `tf.log(p)` inside a loss:
 * "log(ŷ) over ŷ ∈ [0, 1] ranges over [−∞, 0]".
 */
import type { Analysis } from '../analyze';
import { walk, type Node, type Span } from '../expression/ast';
import { toLatex } from '../expression/latex';
import { printMathjs } from '../expression/print';
import { formatOf } from '../precision';
import { hasTypicalValue } from '../expression/roles';
import { targetRangeFor, toBounds, type Domain } from './domain';
import { evaluateInterval, interval, point, REAL, type Interval } from './interval';

export interface SubexpressionView {
  /** The subexpression in mathjs syntax and in TeX. */
  expression: string;
  latex: string;
  /** The span of the loss text it covers (the innermost node containing the span asked about). */
  span: Span;
  /** Its values over the domain: [lo, hi], null for an unbounded end. */
  range: Domain;
  /** The prediction's domain the range is over, and the prediction's name. */
  domain: Domain;
  wrt: string;
}

/** The innermost node of the loss whose span contains `span`; undefined when none does. */
function nodeAt(ast: Node, span: Span): Node | undefined {
  let best: Node | undefined;
  walk(ast, (n) => {
    const s = n.span;
    if (!s || s.start > span.start || s.end < span.end) return;
    if (!best?.span || s.end - s.start <= best.span.end - best.span.start) best = n;
  });
  return best;
}

export function subexpressionView(analysis: Analysis, span: Span): SubexpressionView | undefined {
  const node = nodeAt(analysis.ast, span);
  if (!node?.span) return undefined;
  const format = formatOf(analysis.precision);
  const env = new Map<string, Interval>();
  const bounds = toBounds(analysis.domain);
  env.set(analysis.wrt, interval(bounds.lo, bounds.hi, format));
  const target = analysis.roles.target;
  if (target) {
    const t = toBounds(targetRangeFor(analysis.domain));
    env.set(target, t.lo === -Infinity && t.hi === Infinity ? REAL : interval(t.lo, t.hi, format));
  }
  // A value the code never sets and whose name says no typical value (another output of the model, data such as
  // `logVar` or `advantage`) is unknown here: the analysis's stand-in 1 is not a range to show.
  for (const p of analysis.parameters) env.set(p.name, p.assumed && !hasTypicalValue(p.name) ? REAL : point(p.value, format));
  const value = evaluateInterval(node, env, {}, format);
  const end = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    expression: printMathjs(node),
    latex: toLatex(node, { prediction: analysis.wrt, target }),
    span: node.span,
    range: [end(value.lo), end(value.hi)],
    domain: analysis.domain,
    wrt: analysis.wrt,
  };
}
