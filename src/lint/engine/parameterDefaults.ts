/**
 * Values for a loss's unknown parameters that its code implies better than their names do. The core gives an
 * unset `epsilon` the value of a guard (1e-7); in `clip(ratio, 1 - epsilon, 1 + epsilon)` it is a clip range around
 * 1 (PPO's, usually 0.1 to 0.3), and with 1e-7 the clip's kinks would fall on top of each other at the ratio's 1;
 * in `clip(v - vOld, -epsilon, epsilon)` it is the same range around 0 (PPO's clipped value loss).
 */
import { ExpressionError, parseExpression, walk, type Node } from '../../core';

/** PPO's usual clip range, for a `1 ± s` clip whose `s` the code does not give. */
const CLIP_RANGE = 0.2;

export function impliedParameters(expression: string, parameters: Readonly<Record<string, number>> = {}): Record<string, number> {
  let ast: Node;
  try {
    ast = parseExpression(expression).ast;
  } catch (err) {
    if (err instanceof ExpressionError) return { ...parameters };
    throw err;
  }
  const out = { ...parameters };
  walk(ast, (n) => {
    if (n.kind !== 'call' || n.fn !== 'clip' || n.args.length !== 3) return;
    const below = offsetFromOne(n.args[1], '-');
    const above = offsetFromOne(n.args[2], '+');
    if (below !== undefined && below === above && !Object.hasOwn(out, below)) out[below] = CLIP_RANGE;
    // `clip(v - vOld, -s, s)`: PPO's value clip, a range around 0 of the same size.
    const [lo, hi] = [n.args[1], n.args[2]];
    const symmetric = lo.kind === 'op' && lo.op === '-' && lo.left.kind === 'num' && lo.left.value === 0 && lo.right.kind === 'sym' && hi.kind === 'sym' && lo.right.name === hi.name ? hi.name : lo.kind === 'neg' && lo.arg.kind === 'sym' && hi.kind === 'sym' && lo.arg.name === hi.name ? hi.name : undefined;
    if (symmetric !== undefined && !Object.hasOwn(out, symmetric)) out[symmetric] = CLIP_RANGE;
  });
  return out;
}

/** `s` of `1 - s` (or `1 + s`) when `s` is a bare name. */
function offsetFromOne(n: Node, op: '-' | '+'): string | undefined {
  if (n.kind !== 'op' || n.op !== op || n.left.kind !== 'num' || n.left.value !== 1 || n.right.kind !== 'sym') return undefined;
  return n.right.name;
}
