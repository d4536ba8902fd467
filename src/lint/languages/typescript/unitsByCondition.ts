/**
 * The output units a loss's way decides: a head of `units: numClasses` compiled with `numClasses === 2 ?
 * 'binaryCrossentropy' : 'categoricalCrossentropy'` (the transfer-learning codelab's loss) has two units wherever the
 * binary loss is the one chosen, as it has under `numClasses > 2 ? … : 'binaryCrossentropy'`. A softmax over two units
 * with binary cross-entropy is categorical cross-entropy (activationTable.ts), so the way is no mismatch.
 */
import { literalText, subjectKey, TRUTHY, type Condition } from './configurationChoices';
import type { ModelInfo } from './modelResolution';
import { configValue } from './layers';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';

/** The count of output units the conditions a site runs under give its model's output layer, when they (or its code) fix it. */
export function unitsUnderConditions(tree: SyntaxTree, model: ModelInfo | undefined, conditions: readonly Condition[]): number | undefined {
  const layer = model && !model.file && !model.alternatives && model.units === null ? model.decidingLayer : undefined;
  // A layer after it that decides the width anew (a flatten, reshape or permute: `dense({units: 1})` per position, flattened).
  const reshaped = layer && model!.layers.slice(model!.layers.indexOf(layer) + 1).some((l) => l?.units !== undefined);
  const written = layer?.config && !reshaped && configValue(tree, layer.config, 'units', undefined);
  const units = written ? unwrapExpression(tree.ts, written) : undefined;
  if (!units) return undefined;
  // `units: CLASS_NAMES.length` of a constant list the code never adds to: its length, as the loss's own test reads it.
  const count = literalText(tree, units);
  if (count !== undefined && /^\d+$/.test(count) && Number(count) > 0) return Number(count);
  const key = subjectKey(tree, units);
  for (const c of conditions) {
    if (c.subject === key && c.holds && c.value !== TRUTHY && /^\d+$/.test(c.value) && Number(c.value) > 0) return Number(c.value);
    // A class count is at least two: a test that leaves two as the only count (`numClasses > 2` failing) fixes it.
    if (c.compares?.subject === key && runsAt(c, 2) && !runsAbove(c, 2)) return 2;
  }
  return undefined;
}

type Range = NonNullable<Condition['compares']>['range'];

function inRange(n: number, r: Range): boolean {
  return (r.lo < n || (r.loIn && r.lo === n)) && (n < r.hi || (r.hiIn && r.hi === n));
}

/** Whether a way under a numeric test runs for the count n. */
function runsAt(c: Condition, n: number): boolean {
  return inRange(n, c.compares!.range) === c.holds;
}

/** Whether a way under a numeric test runs for some whole count above n (the range is an interval; its complement two). */
function runsAbove(c: Condition, n: number): boolean {
  const r = c.compares!.range;
  if (c.holds) return r.hi > n + 1 || (r.hi === n + 1 && r.hiIn);
  return r.hi !== Infinity || !(r.lo < n + 1 || (r.lo === n + 1 && r.loIn));
}
