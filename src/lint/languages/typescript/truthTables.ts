/**
 * A model fitted on a truth table: inputs that are every row of 0s and 1s for k columns (`[[0, 0], [0, 1], [1, 0],
 * [1, 1]]`), the XOR, AND and OR demos of tutorials. A boolean function of boolean inputs has 0/1 values, so its
 * targets are classes where the code takes them from its caller (a form's values, a prop), not where it computes them
 * in code the lint cannot read (a data module's function may well give fractions).
 */
import type * as TS from 'typescript';
import { resolveIdentifier } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';
import { SAME_VALUES_TF } from './writtenNumbers';

/** More inputs than this make a table tutorials do not write out. */
const MAX_COLUMNS = 4;

export function isTruthTable(tree: SyntaxTree, tf: TfBindings, inputs: TS.Expression): boolean {
  const rows = literalRows(tree, tf, inputs, 0);
  if (!rows || rows.length === 0) return false;
  const columns = rows[0].length;
  if (columns === 0 || columns > MAX_COLUMNS || rows.some((r) => r.length !== columns || r.some((v) => v !== 0 && v !== 1))) return false;
  return new Set(rows.map((r) => r.join(','))).size === 2 ** columns;
}

/** The rows of numbers a 2-D array literal writes out, through `tf.tensor2d(…)` and a variable that holds it. */
function literalRows(tree: SyntaxTree, tf: TfBindings, value: TS.Expression, depth: number): number[][] | undefined {
  const ts = tree.ts;
  const e = unwrapExpression(ts, value);
  if (depth > 4) return undefined;
  if (ts.isIdentifier(e)) {
    const d = resolveIdentifier(tree, e);
    return d?.kind === 'variable' && d.isConst && d.initializer ? literalRows(tree, tf, d.initializer, depth + 1) : undefined;
  }
  if (ts.isCallExpression(e)) {
    const path = tf.path(e.expression);
    return path && SAME_VALUES_TF.has(path) && e.arguments[0] ? literalRows(tree, tf, e.arguments[0], depth + 1) : undefined;
  }
  if (!ts.isArrayLiteralExpression(e)) return undefined;
  const rows: number[][] = [];
  for (const row of e.elements) {
    const r = unwrapExpression(ts, row);
    if (!ts.isArrayLiteralExpression(r)) return undefined;
    const values = r.elements.map((v) => (ts.isNumericLiteral(v) ? Number(v.text) : NaN));
    if (values.some((v) => Number.isNaN(v))) return undefined;
    rows.push(values);
  }
  return rows;
}

/** Whether a target value comes from a parameter of the code around it (`tf.tensor2d(selectedTargets.map(…))`). */
export function givenByCaller(tree: SyntaxTree, value: TS.Expression, depth = 0): boolean {
  const ts = tree.ts;
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(tree.parent(n) ?? n) && (tree.parent(n) as TS.PropertyAccessExpression).name === n)) {
      const d = resolveIdentifier(tree, n);
      // A parameter of a callback inside the value (`(t) => [t]`) is not the caller's.
      if (d?.kind === 'parameter' && !(d.fn.pos >= value.pos && d.fn.end <= value.end)) found = true;
      else if (d?.kind === 'variable' && d.isConst && d.initializer && depth < 3) found = givenByCaller(tree, d.initializer, depth + 1);
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(value);
  return found;
}
