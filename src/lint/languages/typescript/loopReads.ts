/**
 * What the statements of a loop's body read besides its terms: the test of an `if` that may be a setting, and the
 * parts of outside data a body destructures (translateLoops.ts reads the rest).
 */
import type * as TS from 'typescript';
import { compare, num, type Expr } from '../../engine/expression';
import { isOutsideData } from './callFields';
import { resolveIdentifier } from './scope';
import { unwrapExpression } from './syntaxTree';
import type { Translator } from './translate';
import { Unreadable, type Env } from './translationEnv';

/**
 * The test of an `if` in a loop's body: data (`if (y[i] > 0)`), or a setting the lint cannot read as a value
 * (`if (sigmoidHeads.has(name))` choosing each head's loss): then each way is read, as any configuration test is.
 */
export function loopTest(t: Translator, test: TS.Expression, env: Env): Expr {
  try {
    return t.expression(test, env);
  } catch (err) {
    if (!(err instanceof Unreadable)) throw err;
    const way = t.choice(test, env);
    return typeof way === 'boolean' ? compare('==', num(1), num(way ? 1 : 0)) : way;
  }
}

/** `this.heads.get(name)`, `weights[i]`, `params.layers[k]`: an element of data from outside the loss. */
export function fromOutside(t: Translator, init: TS.Expression, env: Env): boolean {
  const ts = t.tree.ts;
  const e = unwrapExpression(ts, init);
  const callee = ts.isCallExpression(e) ? unwrapExpression(ts, e.expression) : undefined;
  const holder = callee && ts.isPropertyAccessExpression(callee) && /^(get|at)$/.test(callee.name.text) ? callee.expression : ts.isElementAccessExpression(e) ? e.expression : undefined;
  return !!holder && isOutsideData(t, holder, env);
}

/** `entry` of `for (const [step, entry] of history.entries())` (or `for (const entry of history)`) over outside data. */
export function elementOfOutsideData(t: Translator, init: TS.Expression, env: Env): boolean {
  const ts = t.tree.ts;
  const e = unwrapExpression(ts, init);
  const d = ts.isIdentifier(e) ? resolveIdentifier(t.tree, e) : undefined;
  const loop = d ? [...t.tree.ancestors(d.node)].find((a): a is TS.ForOfStatement => ts.isForOfStatement(a)) : undefined;
  if (!loop || !(loop.initializer.pos <= d!.node.pos && d!.node.end <= loop.initializer.end)) return false;
  const source = unwrapExpression(ts, loop.expression);
  const entries = ts.isCallExpression(source) && ts.isPropertyAccessExpression(source.expression) && source.expression.name.text === 'entries' ? source.expression.expression : source;
  return isOutsideData(t, entries, env);
}
