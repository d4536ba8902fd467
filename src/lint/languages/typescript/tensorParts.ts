/**
 * Parts of a tensor the loss reads as values of their own: the elements of a list of model outputs, slices of the
 * prediction from different rows (a triplet loss's anchors, positives and negatives), and slices of data from
 * different rows or columns (the target's neighbouring pixels, a batch packed into one tensor).
 */
import type * as TS from 'typescript';
import { symbol, type Expr } from '../../engine/expression';
import { unwrapExpression } from './syntaxTree';
import type { Translator } from './translate';
import { numericValue } from './translationEnv';

interface Parts {
  /** The key of the first slice of the prediction met: that slice is the prediction itself. */
  firstPredictionSlice?: string;
  /** Per loop index, the first offset the prediction's elements were read at (`output[2 * i]`): that element is the prediction. */
  firstOffsets?: Map<string, string>;
  /** Per data symbol, the key of its first slice (the data itself) and the names of the others. */
  data: Map<string, { first: string; names: Map<string, string> }>;
}

const partsOf = new WeakMap<Translator, Parts>();

function parts(t: Translator): Parts {
  let p = partsOf.get(t);
  if (!p) partsOf.set(t, (p = { data: new Map() }));
  return p;
}

/** A part of the prediction (`outputs[2]`, a slice from other rows): a prediction of its own, of the same model. */
export function predictionPart(t: Translator, key: string, index?: number | string, named?: string): Expr {
  let name = t.predictionElements.get(key);
  if (!name) {
    const base = t.predictionSymbol ?? 'yPred';
    name = t.claimData(named ?? (index !== undefined ? `${base}_${index}` : base), `part:${key}`);
    t.predictionElements.set(key, name);
    const output = t.predictionSymbol !== undefined ? t.modelOutputs.get(t.predictionSymbol) : undefined;
    if (output) t.modelOutputs.set(name, output);
  }
  return symbol(name, true);
}

/** The first slice of the prediction is the prediction; a slice from other rows is another part (see predictionPart). */
export function predictionSlice(t: Translator, key: string, named?: string): Expr | undefined {
  const base = t.predictionSymbol;
  if (base === undefined) return undefined;
  const p = parts(t);
  p.firstPredictionSlice ??= key;
  // Named as the code holds it (`const conf = yPred.slice([0, 0], [-1, 1])`), else `yPred_2`.
  return p.firstPredictionSlice === key ? symbol(base, true) : predictionPart(t, `slice:${key}`, undefined, named);
}

/**
 * The first slice of the target is the target; a slice from other rows (the target's neighbouring pixels in an
 * edge loss, `|Δ target|`) is other data, not the same value: `|Δ pred| - |Δ target|` keeps its kink.
 */
export function targetSlice(t: Translator, key: string, named?: string): Expr | undefined {
  const base = t.targetSymbol;
  return base === undefined ? undefined : dataSlice(t, base, key, named);
}

/**
 * A slice of data (the target, or a batch packed into one tensor: `targets.slice([0, 3], [-1, 1])` the old
 * log-probabilities beside `targets.slice([0, 4], [-1, 1])` the advantages): the first slice met is the data itself,
 * each slice from other rows or columns is data of its own, with the range of the whole.
 */
export function dataSlice(t: Translator, base: string, key: string, named?: string): Expr {
  const all = parts(t).data;
  let p = all.get(base);
  if (!p) all.set(base, (p = { first: key, names: new Map() }));
  if (p.first === key) return symbol(base, true);
  let name = p.names.get(key);
  if (!name) {
    name = t.claimData(named ?? `${base}_${p.names.size + 2}`, `dataPart:${base}:${key}`);
    p.names.set(key, name);
    const range = t.knownRanges.get(base);
    if (range) t.knownRanges.set(name, range);
  }
  return symbol(name, true);
}

/** Whether a part's key names a slice or a split piece of one tensor (not a field of an object or an element of a list of outputs). */
const isPieceKey = (key: string) => key.startsWith('slice:') || key.startsWith('split:');

/**
 * The slices and split pieces of the prediction and of the target (`yPred.slice([0, 1], …)` beside
 * `yPred.slice([0, 0], …)`, the four of `tf.split(yTrue, 4, 1)`): values of the same output, in its domain, and of the
 * same data, in the target's range. The prediction's own symbol is listed too, for a reading on one of its parts.
 */
export function tensorPieces(t: Translator, wrtBase: string | undefined, target: string | undefined): { prediction?: string[]; target?: string[] } | undefined {
  const prediction = [...t.predictionElements].filter(([key]) => isPieceKey(key)).map(([, name]) => name);
  const targetParts = target === undefined ? [] : [...(parts(t).data.get(target)?.names ?? [])].filter(([key]) => isPieceKey(key) || key.startsWith('element:')).map(([, name]) => name);
  if (prediction.length === 0 && targetParts.length === 0) return undefined;
  return {
    ...(prediction.length ? { prediction: wrtBase !== undefined ? [wrtBase, ...prediction] : prediction } : {}),
    ...(targetParts.length ? { target: targetParts } : {}),
  };
}

/**
 * `output[2 * i + 1]` beside `output[2 * i]` in a loop: elements at different offsets of the same index are different
 * values (a ranking loss's pair, a smoothness penalty's neighbours), each a part of the prediction; the first offset
 * met is the prediction itself. Any other element (of another array, or at an index not `a * i + c` of one name) is the
 * array read `whole`, element by element.
 */
export function offsetElement(t: Translator, index: TS.Expression, whole: Expr): Expr {
  const form = linearIndex(t.tree.ts, index);
  if (!form || t.predictionSymbol === undefined || whole.text !== t.predictionSymbol) return whole;
  const p = parts(t);
  const firsts = (p.firstOffsets ??= new Map());
  const offset = `${form.scale}:${form.offset}`;
  if (!firsts.has(form.name)) firsts.set(form.name, offset);
  return firsts.get(form.name) === offset ? whole : predictionPart(t, `offset:${form.name}:${offset}`);
}

/** An index written `a * i + c` (`i`, `i + 1`, `2 * i`, `2 * i + 1`, `i - 1`) of one name, with a and c numbers. */
function linearIndex(ts: typeof TS, e: TS.Expression): { name: string; scale: number; offset: number } | undefined {
  const n = unwrapExpression(ts, e);
  if (ts.isIdentifier(n)) return { name: n.text, scale: 1, offset: 0 };
  if (!ts.isBinaryExpression(n)) return undefined;
  const op = n.operatorToken.kind;
  const left = numericValue(ts, n.left);
  const right = numericValue(ts, n.right);
  if (op === ts.SyntaxKind.AsteriskToken) {
    const inner = left !== undefined ? linearIndex(ts, n.right) : right !== undefined ? linearIndex(ts, n.left) : undefined;
    const k = left ?? right;
    return inner && k !== undefined ? { name: inner.name, scale: inner.scale * k, offset: inner.offset * k } : undefined;
  }
  if (op !== ts.SyntaxKind.PlusToken && op !== ts.SyntaxKind.MinusToken) return undefined;
  const sign = op === ts.SyntaxKind.MinusToken ? -1 : 1;
  if (right !== undefined) {
    const inner = linearIndex(ts, n.left);
    return inner && { ...inner, offset: inner.offset + sign * right };
  }
  if (left !== undefined && sign === 1) {
    const inner = linearIndex(ts, n.right);
    return inner && { ...inner, offset: inner.offset + left };
  }
  return undefined;
}
