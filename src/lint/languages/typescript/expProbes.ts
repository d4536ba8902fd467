/**
 * The exp of a VAE's log-variance outside every loss the lint reads: the reparameterisation in a sampling layer's
 * `call()` (`zMean.add(zLogVar.mul(0.5).exp().mul(eps))`) or a sampling helper. The log-variance is the encoder's
 * dense output, unbounded, so exp of it overflows to Infinity once it passes the format's limit (88.7 in float32, over a
 * positive scale), and the gradient through the sample is NaN. Reported only where the code says plainly that the value
 * is a log-variance (its name) and that nothing bounds it where it is read: a name taken from a layer's inputs, a
 * parameter, or a const that is not a clip. The fix clips the log-variance.
 */
import type * as TS from 'typescript';
import { formatOf, type Precision } from '../../../core';
import type { FrontEndProblem } from '../../engine/frontEnd';
import { resolveIdentifier } from './scope';
import { numericValue } from './translationEnv';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

const EXP_CALL = /\bexp\s*\(/g;
/** `zLogVar`, `z_log_var`, `logVar`, `logvar`, `log_variance`: a log-variance (a log-std is often clipped or a parameter). */
const LOG_VARIANCE = /^(z_?)?log_?(var|variance)$/i;
const MAX_PROBES = 50;

export function expOverflowProblems(tree: SyntaxTree, tf: TfBindings, covered: (node: TS.Node) => boolean, precision: Precision, expired: () => boolean): FrontEndProblem[] {
  const ts = tree.ts;
  const out: FrontEndProblem[] = [];
  const limit = formatOf(precision).expOverflow;
  if (!tree.mayHaveName('exp')) return out;
  for (const m of tree.text.matchAll(EXP_CALL)) {
    if (out.length >= MAX_PROBES || expired()) break;
    const id = tree.nodeAt(m.index!, m.index! + 3);
    const callee = ts.isIdentifier(id) && id.text === 'exp' ? tree.parent(id) : undefined;
    const call = callee && ts.isPropertyAccessExpression(callee) && callee.name === id ? tree.parent(callee) : undefined;
    if (!call || !ts.isCallExpression(call) || unwrapExpression(ts, call.expression) !== callee || covered(call)) continue;
    // `tf.exp(x)` or `x.exp()`.
    const input = tf.path(callee as TS.Expression) === 'exp' ? call.arguments[0] : call.arguments.length === 0 ? (callee as TS.PropertyAccessExpression).expression : undefined;
    const scaled = input && scaledValue(tree, tf, input);
    if (!scaled || !unbounded(tree, scaled.value)) continue;
    const name = scaled.value.text;
    const past = Number((limit / scaled.scale).toPrecision(3));
    const clip = tf.namespace ? `${tf.namespace}.clipByValue(${name}, -10, 10)` : undefined;
    out.push({
      code: 'exp-overflow',
      message: `exp of the log-variance ${name}, which nothing bounds: it overflows to Infinity once ${name} passes ${past}.`,
      detail: `${name} is a log-variance (the encoder's dense output, unbounded), and exp of it overflows ${precision} past ${Number(limit.toPrecision(3))}${scaled.scale !== 1 ? ` (here ${name} past ${past}, with the scale ${scaled.scale})` : ''}: the sample becomes Infinity or NaN and so does the gradient through it. Clip the log-variance where it is used (tf.clipByValue(${name}, -10, 10)) or give its layer a bounded activation.`,
      start: tree.start(call),
      end: call.end,
      ...(clip ? { fixes: [{ title: `Clip the log-variance: ${clip}`, edits: [{ start: tree.start(scaled.value), end: scaled.value.end, text: clip }] }] } : {}),
    });
  }
  return out;
}

/** `v`, `v.mul(0.5)`, `tf.mul(0.5, v)`, `v.div(2)`: the value and the positive scale it is multiplied by. */
function scaledValue(tree: SyntaxTree, tf: TfBindings, input: TS.Expression): { value: TS.Identifier; scale: number } | undefined {
  const ts = tree.ts;
  const e = unwrapExpression(ts, input);
  if (ts.isIdentifier(e)) return LOG_VARIANCE.test(e.text) ? { value: e, scale: 1 } : undefined;
  if (!ts.isCallExpression(e)) return undefined;
  const callee = unwrapExpression(ts, e.expression);
  const path = tf.path(e.expression);
  const number = (x: TS.Expression | undefined) => constantNumber(tree, tf, x);
  let value: TS.Expression | undefined;
  let scale: number | undefined;
  if (path === 'mul' && e.arguments.length === 2) {
    const [a, b] = e.arguments;
    [value, scale] = number(a) !== undefined ? [b, number(a)] : [a, number(b)];
  } else if (path === undefined && ts.isPropertyAccessExpression(callee) && (callee.name.text === 'mul' || callee.name.text === 'div') && e.arguments.length === 1) {
    const k = number(e.arguments[0]);
    value = callee.expression;
    scale = k === undefined ? undefined : callee.name.text === 'mul' ? k : 1 / k;
  }
  const v = value && unwrapExpression(ts, value);
  return v && ts.isIdentifier(v) && LOG_VARIANCE.test(v.text) && scale !== undefined && scale > 0 ? { value: v, scale } : undefined;
}

/** A positive constant written out: `0.5`, or a const holding it or `tf.scalar(0.5)` (`const half = tf.scalar(0.5)`). */
function constantNumber(tree: SyntaxTree, tf: TfBindings, x: TS.Expression | undefined, depth = 0): number | undefined {
  const ts = tree.ts;
  const e = x && unwrapExpression(ts, x);
  if (!e || depth > 2) return undefined;
  const n = numericValue(ts, e);
  if (n !== undefined) return n;
  if (ts.isCallExpression(e) && tf.path(e.expression) === 'scalar') return constantNumber(tree, tf, e.arguments[0], depth + 1);
  const d = ts.isIdentifier(e) ? resolveIdentifier(tree, e) : undefined;
  return d?.kind === 'variable' && d.isConst && d.initializer ? constantNumber(tree, tf, d.initializer, depth + 1) : undefined;
}

/** A name nothing bounds where it is read: taken from a layer's inputs or a parameter, or a const that is not a clip. */
function unbounded(tree: SyntaxTree, id: TS.Identifier): boolean {
  const ts = tree.ts;
  const d = resolveIdentifier(tree, id);
  if (!d) return false;
  if (d.kind === 'parameter' || d.kind === 'binding') return true;
  if (d.kind !== 'variable' || !d.isConst || !d.initializer) return false;
  const init = unwrapExpression(ts, d.initializer);
  return !/clip|clamp|tanh|sigmoid|minimum|maximum/i.test(tree.source(init));
}
