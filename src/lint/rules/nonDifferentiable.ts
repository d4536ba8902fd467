/**
 * `non-differentiable`: a kink or jump of the loss on the prediction's domain, in code the user wrote. The corners
 * of a saturation guard (`clip(p, ε, 1 - ε)` with a tiny ε) are not reported: the guard is what the log-of-zero fix
 * recommends. Neither are the kinks of a framework loss called by name inside a custom loss.
 */
import { ExpressionError, parseExpression, walk, type Analysis, type Diagnostic, type Domain, type Node } from '../../core';
import type { Segment } from '../engine/expression';
import { constantValue } from './constantValue';
import { isEpsilonName } from '../engine/roleNames';
import { coreHazardRule } from './coreHazard';

export const nonDifferentiable = coreHazardRule(
  {
    code: 'non-differentiable',
    defaultSeverity: 'info',
    docs: {
      summary: 'a kink or jump on the domain (abs, max/min, relu, clip, conditionals, hinge, rounding); information, often intended',
      explanation:
        'The loss has a kink or a jump here (abs, max/min, relu, clip, a conditional, a rounding to an integer): the gradient changes abruptly, which is often intended (MAE, hinge) but can stall or oscillate gradient descent; a rounding is flat between its jumps, so it gives no gradient at all.',
    },
  },
  (d, ctx) => {
    const loss = ctx.site.loss;
    if (!loss || !ctx.analysis) return true;
    if (insideBuiltin(loss.expr.segments.all, d.span)) return false;
    if (sqrtAtZeroHere(d, ctx.analysis)) return false;
    if (isThresholdGuard(d, loss.expr.text, ctx.analysis)) return false;
    if (isOverflowGuard(d, loss.expr.text, loss.parameters)) return false;
    if (isCosineAtOrigin(d, loss.expr.text)) return false;
    if (isLogFloor(d, loss.expr.text, loss.parameters)) return false;
    if (onlyAtDomainEnd(d, ctx.analysis)) return false;
    return !isSaturationGuard(d, loss.expr.text, ctx.analysis.domain, loss.parameters, ctx.analysis.wrt);
  },
);

/**
 * The kink of `sqrt(e²)` (= |e|, RMSE per element) where the same root is reported as sqrt-at-zero: one place, one
 * finding, the one that says what TF.js does there (an infinite derivative times 0 is NaN).
 */
function sqrtAtZeroHere(d: Diagnostic, analysis: Analysis): boolean {
  return analysis.diagnostics.some((o) => o.code === 'sqrt-at-zero' && o.span.start === d.span.start && o.span.end === d.span.end);
}

/**
 * A conditional that switches at a tiny ε off the end of a [0, 1] domain (`p >= 1e-12 ? log(p) : 0`): a guard that
 * masks the ends a float32 probability saturates to, like a clip, not a switch the loss is meant to have.
 */
function isThresholdGuard(d: Diagnostic, expression: string, analysis: Analysis): boolean {
  const kink = analysis.kinks.find((k) => k.span.start === d.span.start && k.span.end === d.span.end);
  if (!kink || kink.value === null || !/\?/.test(expression.slice(d.span.start, d.span.end))) return false;
  const [lo, hi] = analysis.domain;
  return (lo === 0 && kink.value > 0 && kink.value <= 1e-3) || (hi === 1 && kink.value < 1 && kink.value >= 1 - 1e-3);
}

/**
 * A break only at a fixed end of the prediction's domain (`abs(p)` or `relu(p)` of a sigmoid output, at p = 0): the
 * prediction meets it from one side only, so the gradient never jumps there (the loss is p itself on the domain).
 */
function onlyAtDomainEnd(d: Diagnostic, analysis: Analysis): boolean {
  const here = analysis.kinks.filter((k) => k.span.start === d.span.start && k.span.end === d.span.end);
  const [lo, hi] = analysis.domain;
  const fixedAt = (k: (typeof here)[number]) => k.value !== null && /^\s*[A-Za-z_]\w*\s*=\s*-?[\d.]+(?:e[-+]?\d+)?\s*$/.test(k.at);
  return here.length > 0 && here.every((k) => fixedAt(k) && (k.value === lo || k.value === hi));
}

/** exp of a bound past this is over 22,000: a clip there keeps an exp finite, far outside the values trained on. */
const OVERFLOW_BOUND = 10;

/**
 * A clip with wide bounds whose value an exp takes (`exp(clip(logVar, -10, 10))`, a PPO log-ratio clipped to ±20 before
 * its exp): a guard against overflow, flat only where the exp is astronomically large or small, not a kink the loss is
 * meant to have.
 */
function isOverflowGuard(d: Diagnostic, expression: string, parameters: Readonly<Record<string, number>>): boolean {
  const text = expression.slice(d.span.start, d.span.end);
  try {
    const n = parseExpression(text).ast;
    if (n.kind !== 'call' || n.fn !== 'clip' || n.args.length !== 3) return false;
    const [lo, hi] = [constantValue(n.args[1], parameters), constantValue(n.args[2], parameters)];
    if (lo === undefined || hi === undefined || hi < OVERFLOW_BOUND || lo > -OVERFLOW_BOUND) return false;
    // The exp takes the clip itself, or the clip scaled by a constant that keeps the bounds past OVERFLOW_BOUND.
    const textOf = (x: Node) => (x.span ? expression.slice(x.span.start, x.span.end) : '');
    const scaleOf = (arg: Node): number | undefined => {
      if (textOf(arg) === text) return 1;
      if (arg.kind !== 'op' || arg.op !== '*') return undefined;
      const [factor, rest] = arg.left.kind === 'num' ? [arg.left.value, arg.right] : arg.right.kind === 'num' ? [arg.right.value, arg.left] : [undefined, undefined];
      return factor !== undefined && rest && textOf(rest) === text ? Math.abs(factor) : undefined;
    };
    let guarded = false;
    walk(parseExpression(expression).ast, (c) => {
      const scale = c.kind === 'call' && c.fn === 'exp' && c.args[0] ? scaleOf(c.args[0]) : undefined;
      if (scale !== undefined && scale * Math.min(-lo, hi) >= OVERFLOW_BOUND) guarded = true;
    });
    return guarded;
  } catch (err) {
    if (err instanceof ExpressionError) return false;
    throw err;
  }
}

/**
 * A kink of the framework's own loss function (`tf.losses.absoluteDifference(…)` called in a custom loss), not of
 * the code the user gave it as an argument (`tf.losses.meanSquaredError(targetDy, tf.abs(dy))` keeps the abs's kink).
 */
function insideBuiltin(segments: readonly Segment[], span: { start: number; end: number }): boolean {
  const contains = (s: Segment) => s.start <= span.start && span.end <= s.end;
  return segments.some((b) => b.builtin && contains(b) && !segments.some((a) => a !== b && !a.builtin && contains(a) && b.start <= a.start && a.end <= b.end && a.end - a.start < b.end - b.start));
}

/**
 * `x < c ? c : rest` (or `c > x ? c : rest`) keeps x at or above c, a max; `x > c ? c : rest` keeps it at or below c, a
 * min. The bound c and which one, when the branch taken is the bound compared with.
 */
function conditionalClamp(n: Extract<Node, { kind: 'cond' }>, parameters: Readonly<Record<string, number>>): { fn: 'max' | 'min'; bound: number } | undefined {
  const test = n.test;
  if (test.kind !== 'cmp') return undefined;
  const [left, right] = [constantValue(test.left, parameters), constantValue(test.right, parameters)];
  const bound = right ?? left;
  if (bound === undefined || (left !== undefined && right !== undefined) || constantValue(n.then, parameters) !== bound) return undefined;
  // With the constant on the right, `<` asks whether x is below it; on the left, `c > x` asks the same.
  const below = right !== undefined ? test.op === '<' || test.op === '<=' : test.op === '>' || test.op === '>=';
  const above = right !== undefined ? test.op === '>' || test.op === '>=' : test.op === '<' || test.op === '<=';
  return below ? { fn: 'max', bound } : above ? { fn: 'min', bound } : undefined;
}

/** An upper clip bound past every float32 (3.4e38): the clip has no upper end. */
const NO_BOUND = 3.4e38;

/** Logarithms whose argument a floor keeps off their pole, with where the pole is (log1p's at -1). */
const LOG_POLES: ReadonlyMap<string, number> = new Map([['log', 0], ['log2', 0], ['log10', 0], ['log1p', -1]]);

/**
 * A floor whose value a log takes at once, itself or plus a constant: `log(max(p, 0) + 1)` (a squared logarithmic
 * error, as Keras writes it with ε for 0), `log1p(max(p, 0))`, `log(max(p, 0) + 1e-8)`. The floor keeps the log's argument in (0, 1], off
 * its pole, whatever the prediction's range: a guard like `max(p, ε)`, not a kink the loss is meant to have.
 */
function isLogFloor(d: Diagnostic, expression: string, parameters: Readonly<Record<string, number>>): boolean {
  try {
    let floor: Node | undefined;
    const parents = new Map<Node, Node | undefined>();
    walk(parseExpression(expression).ast, (n, parent) => {
      parents.set(n, parent);
      if (!floor && n.kind === 'call' && n.span?.start === d.span.start && n.span.end === d.span.end) floor = n;
    });
    if (!floor || floor.kind !== 'call' || floor.fn !== 'max' || floor.args.length !== 2) return false;
    const bounds = floor.args.map((a) => constantValue(a, parameters));
    if ((bounds[0] === undefined) === (bounds[1] === undefined)) return false;
    // `max(p, 0) + 1`: a constant added before the log.
    const parent = parents.get(floor);
    const shifted = parent?.kind === 'op' && parent.op === '+' ? parent : undefined;
    const shift = shifted ? constantValue(shifted.left === floor ? shifted.right : shifted.left, parameters) : 0;
    const argument = shifted ?? floor;
    const log = parents.get(argument);
    const pole = log?.kind === 'call' && log.args[0] === argument ? LOG_POLES.get(log.fn) : undefined;
    const least = (bounds[0] ?? bounds[1])! + (shift ?? NaN) - (pole ?? NaN);
    return least > 0 && least <= 1 + 1e-3;
  } catch (err) {
    if (err instanceof ExpressionError) return false;
    throw err;
  }
}

/**
 * A kink of `clip(p, ε, 1 - ε)` (or `clip(p, ε, 1)`), `max(p, ε)` or `min(p, 1 - ε)` with a tiny ε: a guard that keeps
 * a probability away from 0 and 1 for a log or a division, whatever the domain was assumed to be; `clip(a, -1 + ε,
 * 1 - ε)` keeps a tanh-bounded value off ±1 the same way.
 */
export function isSaturationGuard(d: Diagnostic, expression: string, domain: Domain, parameters: Readonly<Record<string, number>> = {}, wrt?: string): boolean {
  if (d.code !== 'non-differentiable') return false;
  // A tiny positive ε says "keep this probability off 0 (or 1)"; a bound of exactly 0 or 1 is a no-op only where the
  // domain ends there, and only on the prediction itself (`max(0, bound - p)` is a hinge, whatever the domain).
  const tiny = (c: number | undefined) => c !== undefined && c > 0 && c <= 1e-3;
  const belowOne = (c: number | undefined) => c !== undefined && c < 1 && c >= 1 - 1e-3;
  try {
    const n = parseExpression(expression.slice(d.span.start, d.span.end)).ast;
    parameters = withAssumedEpsilon(n, parameters, wrt);
    // `p < ε ? ε : p > 1 - ε ? 1 - ε : p`: the same clamp written as conditionals, each a max or a min.
    const clamp = n.kind === 'cond' ? conditionalClamp(n, parameters) : undefined;
    if (clamp) return clamp.fn === 'max' ? tiny(clamp.bound) : belowOne(clamp.bound);
    if (n.kind !== 'call') return false;
    // The prediction, or the prediction kept off one end (`min(max(p, ε), 1)`): it still ends where the domain ends.
    const isPrediction = (x: Node | undefined): boolean => {
      if (wrt === undefined || (x?.kind === 'sym' && x.name === wrt)) return true;
      if (x?.kind !== 'call' || (x.fn !== 'max' && x.fn !== 'min') || x.args.length !== 2) return false;
      const bound = x.args.map((a) => constantValue(a, parameters));
      const kept = bound[0] === undefined ? x.args[0] : x.args[1];
      const c = bound[0] ?? bound[1];
      return kept?.kind === 'sym' && kept.name === wrt && (x.fn === 'max' ? tiny(c) : belowOne(c));
    };
    if (n.fn === 'clip') {
      const [lo, hi] = [constantValue(n.args[1], parameters), constantValue(n.args[2], parameters)];
      const edge = isPrediction(n.args[0]);
      // No upper bound to speak of (`clip(p, ε, Number.MAX_VALUE)`, past float32's largest number): `max(p, ε)`.
      const top = n.args[2];
      if ((hi !== undefined && hi >= NO_BOUND) || (top?.kind === 'num' && top.value === Infinity)) return tiny(lo) || (lo === 0 && edge && domain[0] === 0);
      // `clip(a, -1 + ε, 1 - ε)`: a tanh-bounded value kept off ±1 for an atanh or a log(1 - a²).
      if (lo !== undefined && hi !== undefined && belowOne(hi) && belowOne(-lo)) return true;
      // `clip(dot(a, b) / (|a| |b|), -1, 1)`: a cosine of unit vectors kept in its own range against rounding, before an
      // acos or a margin: its corners are where the cosine ends anyway.
      if (lo === -1 && hi === 1 && n.args[0] && isCosine(n.args[0])) return true;
      return (tiny(lo) || (lo === 0 && edge && domain[0] === 0)) && (belowOne(hi) || (hi === 1 && (tiny(lo) || (edge && domain[1] === 1))));
    }
    if ((n.fn === 'max' || n.fn === 'min') && n.args.length === 2) {
      const constants = n.args.map((a) => constantValue(a, parameters));
      if (constants[0] !== undefined && constants[1] !== undefined) return false;
      const c = constants[0] ?? constants[1];
      const edge = isPrediction(constants[0] === undefined ? n.args[0] : n.args[1]);
      return n.fn === 'max' ? tiny(c) || (c === 0 && edge && domain[0] === 0) : belowOne(c) || (c === 1 && edge && domain[1] === 1);
    }
    return false;
  } catch (err) {
    if (err instanceof ExpressionError) return false;
    throw err;
  }
}

/**
 * `Math.min(Math.max(yPred, eps), 1 - eps)` with `eps` from a configuration the file does not show: an epsilon's
 * value is what its name says, a small positive number (1e-7, as TF.js's own), for telling a guard from a hinge.
 */
function withAssumedEpsilon(n: Node, parameters: Readonly<Record<string, number>>, wrt: string | undefined): Readonly<Record<string, number>> {
  let out = parameters;
  walk(n, (x) => {
    if (x.kind === 'sym' && x.name !== wrt && !Object.hasOwn(out, x.name) && isEpsilonName(x.name)) out = { ...out, [x.name]: 1e-7 };
  });
  return out;
}

/**
 * The jump of a cosine written out (`−dot(y, p) / (‖y‖ ‖p‖)`, read per element as `y·p / (|y| |p|)`) where the
 * prediction is 0: the cosine of a zero vector is undefined (a division by zero, reported as one where it can happen),
 * and it is smooth everywhere else; not a kink the loss has.
 */
function isCosineAtOrigin(d: Diagnostic, expression: string): boolean {
  try {
    let n = parseExpression(expression.slice(d.span.start, d.span.end)).ast;
    if (n.kind === 'neg') n = n.arg;
    if (n.kind !== 'op' || n.op !== '/' || !isCosine(n)) return false;
    let rough = false;
    walk(n.left, (c) => {
      if ((c.kind === 'call' && /^(abs|max|min|clip|relu|sign|round|floor|ceil)$/.test(c.fn)) || c.kind === 'cond') rough = true;
    });
    return !rough;
  } catch (err) {
    if (err instanceof ExpressionError) return false;
    throw err;
  }
}

/** A ratio to a norm (`x / sqrt(max(Σx², ε))`), or a product of such ratios: a value that cannot leave [−1, 1]. */
function isCosine(n: Node): boolean {
  if (n.kind === 'op' && n.op === '/') {
    let norm = false;
    walk(n.right, (c) => {
      if (c.kind === 'call' && (c.fn === 'sqrt' || c.fn === 'abs' || c.fn === 'norm')) norm = true;
    });
    return norm;
  }
  return n.kind === 'op' && n.op === '*' && isCosine(n.left) && isCosine(n.right);
}
