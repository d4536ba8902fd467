/**
 * A field of data a caller outside the file hands in, made by the file itself: `train(data)` fitting on
 * `data.outputs`, in a class whose `convertData(rows)` is the one function returning an object with `outputs`
 * (`return { inputs, outputs }`). The caller is not in the file, but what it passes is what the class prepares.
 */
import type * as TS from 'typescript';
import { argumentsOf, enclosingClass, propertyOf, returnedExpressions } from './functionValues';
import type { Located, OuterArguments } from './objectValues';
import { writtenRows } from './writtenNumbers';
import { resolveIdentifier } from './scope';
import { forOfArray, isFunctionNode, propertyName, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';

/** Functions looked at for the producer: a class or file with more says too little. */
const MAX_FUNCTIONS = 200;
/** Rows read in another file, at most: their fields are classified one by one. */
const MAX_ROWS = 50;

/** The value the one producer of the class (or file) gives `param.field`, when no call in the file gives `param` a value. */
export function fieldOfSoleProducer(tree: SyntaxTree, access: TS.PropertyAccessExpression): TS.Expression | undefined {
  const ts = tree.ts;
  const holder = unwrapExpression(ts, access.expression);
  const d = ts.isIdentifier(holder) ? resolveIdentifier(tree, holder) : undefined;
  if (d?.kind !== 'parameter' || argumentsOf(tree, d.node).length > 0) return undefined;
  const reader = tree.parent(d.node);
  const scope: TS.Node = enclosingClass(tree, access) ?? tree.file;
  const field = access.name.text;
  const found: TS.Expression[] = [];
  let seen = 0;
  const visit = (n: TS.Node): void => {
    if (found.length > 1 || seen > MAX_FUNCTIONS) return;
    if (isFunctionNode(ts, n) && n !== reader) {
      seen++;
      for (const r of returnedExpressions(tree, n as FunctionNode)) {
        const e = unwrapExpression(ts, r);
        const v = ts.isObjectLiteralExpression(e) ? propertyOf(ts, e, field) : undefined;
        if (v) found.push(v);
      }
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(scope, visit);
  return found.length === 1 && seen <= MAX_FUNCTIONS ? found[0] : undefined;
}

/**
 * Rows another file of the project hands in: `examples[i].outputs` (or `example.outputs` of `for (const example of
 * examples)`) where `examples` is a parameter no call of this file gives a value (`learn(examples)` of an exported class),
 * and a driver script calls it with rows written out (`nn.learn([{ inputs: [0, 0, 1], outputs: [0, 1, 0] }, …])`): the
 * field of each such row, in that file.
 */
export function outerRowFields(tree: SyntaxTree, outer: OuterArguments | undefined, access: TS.PropertyAccessExpression): Located[] {
  const ts = tree.ts;
  if (!outer) return [];
  const base = unwrapExpression(ts, access.expression);
  let source: TS.Expression | undefined;
  if (ts.isElementAccessExpression(base)) source = unwrapExpression(ts, base.expression);
  else if (ts.isIdentifier(base)) {
    const d = resolveIdentifier(tree, base);
    source = d?.kind === 'variable' ? forOfArray(tree, d.node) : undefined;
  }
  const d = source && ts.isIdentifier(source) ? resolveIdentifier(tree, source) : undefined;
  if (d?.kind !== 'parameter' || argumentsOf(tree, d.node).length > 0) return [];
  const key = access.name.text;
  const out: Located[] = [];
  for (const given of outer(tree, d.node)) {
    const rows = writtenRows(given.tree, given.node) ?? [];
    for (const row of rows.slice(0, MAX_ROWS)) {
      const r = unwrapExpression(ts, row);
      const field = ts.isObjectLiteralExpression(r) ? r.properties.find((p) => ts.isPropertyAssignment(p) && propertyName(ts, p.name) === key) : undefined;
      if (field && ts.isPropertyAssignment(field)) out.push({ tree: given.tree, node: field.initializer });
    }
  }
  return out;
}
