/**
 * Heads concatenated into one output, and a loss's slices of it. A sparse autoencoder's output is
 * `concatenate().apply([features, reconstruction])`, relu features beside a linear reconstruction, and its loss
 * reads the parts back: `yPred.slice([0, 0], [-1, dHidden])` the features, `yPred.slice([0, dHidden], [-1, -1])` the
 * reconstruction. A slice that covers heads of one activation has that activation's range: |features| has no kink
 * inside it. Columns are matched as the code writes them (`dHidden` in the layer and in the slice), or as numbers.
 */
import type * as TS from 'typescript';
import { domainOfActivation, type Domain } from '../../../core';
import { outputOf, type LayerInfo, type OutputPart } from './layers';
import { referencesTo, resolveIdentifier } from './scope';
import { objectProperty, propertyValue, unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { Translator } from './translate';

/** More heads than this are not followed: the output is of no one activation. */
const MAX_HEADS = 8;
const UNKNOWN_HEAD: OutputPart = { activation: null, activationName: null, units: null };

/** Where a slice lies along the last axis, as written: `yPred.slice([0, dHidden], [-1, -1])` begins at `dHidden`, size `-1`. */
export interface ColumnWindow {
  begin: string;
  size: string;
}

/** The heads of `concatenate().apply([a, b, …])`, each by the layers that make it (`chainOf`). */
export function concatenatedHeads(tree: SyntaxTree, list: TS.ArrayLiteralExpression, chainOf: (e: TS.Expression) => LayerInfo[]): OutputPart[] {
  const ts = tree.ts;
  if (list.elements.length > MAX_HEADS || list.elements.some((e) => ts.isSpreadElement(e))) return [UNKNOWN_HEAD];
  return list.elements.map((e) => {
    const chain = chainOf(e);
    if (chain.length === 0) return UNKNOWN_HEAD;
    const out = outputOf(chain);
    const width = widthWritten(tree, chain);
    return { activation: out.activation, activationName: out.activationName, units: out.units, ...(width !== undefined ? { width } : {}) };
  });
}

/** The `units` of the layer that sets a head's width, as written; none past a layer that reshapes. */
function widthWritten(tree: SyntaxTree, chain: readonly LayerInfo[]): string | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const layer = chain[i];
    if (layer.kind === 'reshape' || layer.kind === 'flatten' || layer.kind === 'permute' || layer.kind === 'concatenate') return undefined;
    const units = layer.config && propertyValue(tree.ts, objectProperty(tree.ts, layer.config, 'units'));
    if (units) return tree.compactSource(units);
  }
  return undefined;
}

const windowsOf = new WeakMap<Translator, Map<string, ColumnWindow | null>>();

/**
 * Notes the columns a slice of the prediction takes (`args`: the tensor, begin, size), for the symbol it is read as.
 * The first slice is read as the prediction itself, so its columns count only when the prediction is used by slices
 * alone; a symbol given two different windows has none.
 */
export function noteColumns(t: Translator, args: readonly TS.Expression[], name: string, first: boolean): void {
  const ts = t.tree.ts;
  const [tensor, begin, size] = args.map((a) => a && unwrapExpression(ts, a));
  const last = (e: TS.Expression | undefined) => (e && ts.isArrayLiteralExpression(e) && e.elements.length >= 2 ? t.tree.compactSource(e.elements[e.elements.length - 1]) : undefined);
  const b = last(begin);
  const s = last(size);
  let windows = windowsOf.get(t);
  if (!windows) windowsOf.set(t, (windows = new Map()));
  const window = b !== undefined && s !== undefined && (!first || onlySliced(t, tensor)) ? { begin: b, size: s } : null;
  const known = windows.get(name);
  windows.set(name, known === undefined || (known && window && known.begin === window.begin && known.size === window.size) ? window : null);
}

/** The windows noted while reading a loss, by symbol. */
export function columnWindows(t: Translator): Record<string, ColumnWindow> | undefined {
  const known = [...(windowsOf.get(t) ?? [])].filter((e): e is [string, ColumnWindow] => e[1] !== null);
  return known.length ? Object.fromEntries(known) : undefined;
}

/** Whether a tensor named by a parameter or const is used only by `x.slice(…)` or `tf.slice(x, …)`. */
function onlySliced(t: Translator, tensor: TS.Expression | undefined): boolean {
  const ts = t.tree.ts;
  if (!tensor || !ts.isIdentifier(tensor)) return false;
  const d = resolveIdentifier(t.tree, tensor);
  const scope = d?.kind === 'parameter' ? d.fn : d?.kind === 'variable' ? d.container : undefined;
  if (!d || !scope) return false;
  return referencesTo(t.tree, scope, tensor.text, d).every((ref) => {
    const p = t.tree.parent(ref);
    if (ref === (d.node as TS.NamedDeclaration).name) return true;
    if (p && ts.isPropertyAccessExpression(p) && p.expression === ref) return p.name.text === 'slice';
    return !!p && ts.isCallExpression(p) && p.arguments[0] === ref && t.tf.path(p.expression) === 'slice';
  });
}

/** The range of each sliced symbol whose columns cover heads of one activation. */
export function columnRanges(parts: readonly OutputPart[] | undefined, windows: Readonly<Record<string, ColumnWindow>> | undefined): Record<string, Domain> | undefined {
  if (!parts || !windows) return undefined;
  const ranges: Record<string, Domain> = {};
  for (const [symbol, w] of Object.entries(windows)) {
    const first = parts.findIndex((_, k) => beginsAt(parts, k, w.begin));
    const last = first < 0 ? -1 : endsAt(parts, first, w.size);
    if (last < 0) continue;
    const covered = parts.slice(first, last + 1);
    const activation = covered[0].activation;
    if (activation && covered.every((p) => p.activation === activation)) ranges[symbol] = domainOfActivation(activation);
  }
  return Object.keys(ranges).length ? ranges : undefined;
}

/** Whether head k starts at `begin`: 0 for the first, the first's width as written for the second, else a count. */
function beginsAt(parts: readonly OutputPart[], k: number, begin: string): boolean {
  if (k === 0) return Number(begin) === 0;
  if (k === 1 && parts[0].width === begin) return true;
  const widths = parts.slice(0, k).map((p) => p.units);
  return widths.every((u) => u !== null) && widths.reduce((a, u) => a! + u!, 0) === Number(begin);
}

/** The last head a slice from head k of `size` columns covers: all for -1, else heads whose widths add up to it; -1 for none. */
function endsAt(parts: readonly OutputPart[], k: number, size: string): number {
  if (Number(size) === -1) return parts.length - 1;
  if (parts[k].width === size) return k;
  const n = Number(size);
  if (!Number.isFinite(n)) return -1;
  let sum = 0;
  for (let j = k; j < parts.length; j++) {
    const u = parts[j].units;
    if (u === null) return -1;
    sum += u;
    if (sum === n) return j;
    if (sum > n) return -1;
  }
  return -1;
}

/** A reading's facts with the ranges of its slices added (those of its model outputs kept for the others). */
export function withSliceRanges<F extends { ranges?: Record<string, Domain> }>(facts: F, sliced: Record<string, Domain> | undefined): F {
  return sliced ? { ...facts, ranges: { ...facts.ranges, ...sliced } } : facts;
}
