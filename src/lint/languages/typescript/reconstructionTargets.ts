/**
 * Autoencoders: `fit(x, x)` trains a model to reconstruct its inputs, so its targets are the data's values (classes
 * only when the data shows 0/1 values), whatever an `accuracy` metric suggests. Also file-wide, when every fit of the
 * file reconstructs and is on a model handed around (`models.map((m) => m.fit(x, x))`), so that which model is which
 * cannot be followed.
 */
import type * as TS from 'typescript';
import type { TargetEvidence } from '../../engine/frontEnd';
import type { CompileCall } from './compileSite';
import type { ModelInfo } from './modelInfo';
import { fitCalls, targetsOfFit } from './fitCalls';
import { resolveIdentifier } from './scope';
import { objectProperty, propertyValue, unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

/**
 * Every model the file fits reconstructs its inputs, on models handed around, and the compiled one may be an
 * autoencoder: the targets are the data's values. Binary data written out (`v > 127 ? 1 : 0`) is 0/1 targets after
 * all, as when the fit can be followed (`decide` reads what the fitted data shows).
 */
export function fileReconstruction(tree: SyntaxTree, tf: TfBindings, cc: CompileCall, decide: (targets: readonly TS.Expression[]) => TargetEvidence | undefined): TargetEvidence | undefined {
  const fits = fitCalls(tree);
  const unlinked = fits.filter((f) => receivedModel(tree, f));
  if (unlinked.length === 0 || !fits.every((f) => reconstructs(tree, f)) || !mayReconstruct(tree, cc)) return undefined;
  const shown = unlinked.map((f) => decide(targetsOfFit(tree, tf, f))).find((e) => e);
  return shown ?? { kind: 'continuous', because: `every model of the file is fitted to reconstruct its inputs (line ${tree.file.getLineAndCharacterOfPosition(tree.start(unlinked[0])).line + 1})` };
}

/** A fit on a model the code hands around (`models.map((m) => m.fit(…))`, `nets[i].fit(…)`), not one a name of the file holds. */
function receivedModel(tree: SyntaxTree, call: TS.CallExpression): boolean {
  const ts = tree.ts;
  const receiver = unwrapExpression(ts, (call.expression as TS.PropertyAccessExpression).expression);
  if (ts.isElementAccessExpression(receiver)) return true;
  const d = ts.isIdentifier(receiver) ? resolveIdentifier(tree, receiver) : undefined;
  // A parameter (`models.map((m) => m.fit(…))`), or the variable of a loop over models (`for (const m of models)`).
  return d?.kind === 'parameter' || (d?.kind === 'variable' && (ts.isForOfStatement(d.container) || ts.isForInStatement(d.container)));
}

/**
 * Whether a compiled model can be an autoencoder: its output as wide as its input where the code writes both as
 * numbers (`inputShape: [32]` … `units: 1` cannot be).
 */
function mayReconstruct(tree: SyntaxTree, cc: CompileCall): boolean {
  const ts = tree.ts;
  const layers = (cc.model?.layers ?? []).filter((l): l is NonNullable<typeof l> => l !== undefined);
  const shape = layers[0]?.config ? propertyValue(ts, objectProperty(ts, layers[0].config, 'inputShape')) : undefined;
  const list = shape && unwrapExpression(ts, shape);
  const input = list && ts.isArrayLiteralExpression(list) ? list.elements[list.elements.length - 1] : undefined;
  const last = [...layers].reverse().find((l) => l.config && objectProperty(ts, l.config, 'units'));
  const units = last?.config ? propertyValue(ts, objectProperty(ts, last.config, 'units')) : undefined;
  // Two different numbers written out (32 in, 1 out) say it cannot; a name for either leaves it open.
  const [a, b] = [input && unwrapExpression(ts, input), units && unwrapExpression(ts, units)];
  return !a || !b || !ts.isNumericLiteral(a) || !ts.isNumericLiteral(b) || Number(a.text) === Number(b.text);
}

/** `fit(x, x)`: targets that are the inputs. */
export function reconstructs(tree: SyntaxTree, call: TS.CallExpression): boolean {
  const [xs, ys] = call.arguments;
  return xs !== undefined && ys !== undefined && tree.compactSource(xs) === tree.compactSource(ys);
}

/**
 * An autoencoder by its shape: the input as wide as the output (`inputShape: [10]` … `units: 10`, both written as
 * numbers) with a narrower layer between them, the bottleneck (`units: 4`). One way of building the model so shaped is
 * enough: a metric shared by every way says nothing of this one's targets.
 */
export function bottlenecked(tree: SyntaxTree, model: ModelInfo | undefined): boolean {
  const ts = tree.ts;
  if (!model) return false;
  if (model.alternatives?.some((w) => bottlenecked(tree, w))) return true;
  const layers = model.layers.filter((l): l is NonNullable<typeof l> => l !== undefined);
  const shape = layers[0]?.config ? propertyValue(ts, objectProperty(ts, layers[0].config, 'inputShape')) : undefined;
  const list = shape && unwrapExpression(ts, shape);
  const last = list && ts.isArrayLiteralExpression(list) ? list.elements[list.elements.length - 1] : undefined;
  const width = last && ts.isNumericLiteral(unwrapExpression(ts, last)) ? Number((unwrapExpression(ts, last) as TS.NumericLiteral).text) : undefined;
  const sized = layers.filter((l) => typeof l.units === 'number');
  const out = sized[sized.length - 1];
  return width !== undefined && out?.units === width && sized.slice(0, -1).some((l) => (l.units as number) < width);
}
