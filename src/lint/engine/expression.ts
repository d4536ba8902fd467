/**
 * Builds a mathjs expression from pieces of source code while remembering where every piece came from.
 * Each `Segment` says that expression text [start, end) was translated from file text [fileStart,
 * fileEnd), so a core diagnostic on a subexpression maps back to the code that computes it, and a core
 * fix that rewrites a subexpression can be turned into an edit of that code.
 */
import { formatNumber } from '../../core';

export { mentionsSymbol } from './symbolText';

export interface Segment {
  start: number;
  end: number;
  fileStart: number;
  fileEnd: number;
  /** Creation order: inner pieces are created before the pieces that contain them. */
  order: number;
  /** The code reduces (a mean, a sum): the same expression per element, but not the same value, so no edit goes there. */
  reduced?: boolean;
  /** A framework's own loss function (`tf.losses.huberLoss(…)`): its kinks are the framework's, not the user's. */
  builtin?: boolean;
}

/**
 * An expression's segments as it was built: its own segment (from `mapped`) after those of its parts, each part's
 * list shifted to where the part sits in the text. Building shares the parts' lists instead of copying them (a
 * copy at every operator is quadratic in the size of a loss); `all` flattens once, when a rule or a fix asks.
 */
export class SegmentList {
  private flat?: readonly Segment[];

  constructor(
    private readonly parts: readonly { shift: number; list: SegmentList }[],
    private readonly own?: Segment,
  ) {}

  get all(): readonly Segment[] {
    if (this.flat) return this.flat;
    const out: Segment[] = [];
    // Depth-first, parts in order and a list's own segment after its parts', without recursion (long sums nest deep).
    const stack: { list: SegmentList; shift: number; next: number }[] = [{ list: this, shift: 0, next: 0 }];
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top.next < top.list.parts.length) {
        const part = top.list.parts[top.next++];
        if (part.list.flat) for (const s of part.list.flat) out.push(shifted(s, top.shift + part.shift));
        else stack.push({ list: part.list, shift: top.shift + part.shift, next: 0 });
        continue;
      }
      stack.pop();
      if (top.list.own) out.push(shifted(top.list.own, top.shift));
    }
    this.flat = out;
    return out;
  }
}

function shifted(s: Segment, shift: number): Segment {
  return shift === 0 ? s : { start: s.start + shift, end: s.end + shift, fileStart: s.fileStart, fileEnd: s.fileEnd, order: s.order, reduced: s.reduced, builtin: s.builtin };
}

export const NO_SEGMENTS = new SegmentList([]);

export interface Expr {
  text: string;
  /** Precedence of the outermost operator (PREC). */
  prec: number;
  segments: SegmentList;
  /** True when the value is a tensor or depends on one (so fixes must use tf ops, not Math). */
  tensor: boolean;
  /** What the outermost piece is, for recognising written-out functions (a sigmoid by hand). */
  shape?: Shape;
}

export type Shape = { kind: 'num'; value: number } | { kind: 'apply'; fn: string; args: readonly Expr[] };

export const PREC = { cond: 1, or: 2, and: 3, cmp: 5, add: 6, mul: 7, neg: 8, pow: 9, atom: 10 } as const;

let order = 0;

type Part = string | Expr;

function concat(parts: Part[], prec: number, tensor: boolean): Expr {
  let text = '';
  const lists: { shift: number; list: SegmentList }[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    if (part.segments !== NO_SEGMENTS) lists.push({ shift: text.length, list: part.segments });
    text += part.text;
  }
  return { text, prec, segments: lists.length ? new SegmentList(lists) : NO_SEGMENTS, tensor, shape: undefined };
}

function wrap(e: Expr, min: number): Part[] {
  return e.prec < min ? ['(', e, ')'] : [e];
}

/** Records that the whole of `e` was computed by file text [fileStart, fileEnd). */
export function mapped(e: Expr, fileStart: number, fileEnd: number, reduced = false, builtin = false): Expr {
  // Every segment and expression is built with the same properties in the same order: one object shape each for
  // the engine, which builds thousands of them per loss.
  const seg: Segment = { start: 0, end: e.text.length, fileStart, fileEnd, order: order++, reduced, builtin };
  return { text: e.text, prec: e.prec, segments: new SegmentList(e.segments === NO_SEGMENTS ? [] : [{ shift: 0, list: e.segments }], seg), tensor: e.tensor, shape: e.shape };
}

/**
 * A reduction of `e` read per element (the mean `tf.moments` gives): the element itself, marked so that `x - mean`
 * and `x / sum` read as x's deviation and share (see isReducedCopy), not 0 and 1.
 */
export function reducedCopy(e: Expr, fileStart: number, fileEnd: number): Expr {
  return mapped(e, fileStart, fileEnd, true);
}

/** A number; `written` keeps the source's spelling (`1e-6`) when it is a plain decimal literal. */
export function num(value: number, written?: string): Expr {
  const text = written !== undefined && /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(written) ? written : formatNumber(value);
  return { text, prec: value < 0 || Object.is(value, -0) ? PREC.neg : PREC.atom, segments: NO_SEGMENTS, tensor: false, shape: { kind: 'num', value } };
}

export function symbol(name: string, tensor: boolean): Expr {
  return { text: name, prec: PREC.atom, segments: NO_SEGMENTS, tensor };
}

export function constant(name: 'pi' | 'e'): Expr {
  return { text: name, prec: PREC.atom, segments: NO_SEGMENTS, tensor: false };
}

export type BinaryOp = '+' | '-' | '*' | '/' | '^';

function shaped(e: Expr, fn: string, args: readonly Expr[]): Expr {
  return { text: e.text, prec: e.prec, segments: e.segments, tensor: e.tensor, shape: { kind: 'apply', fn, args } };
}

export function binary(op: BinaryOp, a: Expr, b: Expr): Expr {
  const tensor = a.tensor || b.tensor;
  if ((op === '/' || op === '-') && isReducedCopy(a, b)) return a;
  if (op === '^') return shaped(concat([...wrap(a, PREC.pow + 1), '^', ...wrap(b, PREC.atom)], PREC.pow, tensor), op, [a, b]);
  const p = op === '+' || op === '-' ? PREC.add : PREC.mul;
  return shaped(concat([...wrap(a, p), ` ${op} `, ...wrap(b, p + 1)], p, tensor), op, [a, b]);
}

export function neg(a: Expr): Expr {
  return shaped(concat(['-', ...wrap(a, PREC.pow)], PREC.neg, a.tensor), 'neg', [a]);
}

export function call(fn: string, args: Expr[]): Expr {
  const parts: Part[] = [`${fn}(`];
  args.forEach((a, i) => {
    if (i > 0) parts.push(', ');
    parts.push(a);
  });
  parts.push(')');
  return shaped(concat(parts, PREC.atom, args.some((a) => a.tensor)), fn, args);
}

/**
 * `x / sum(x)` and `x - mean(x)`: a vector divided by its own sum is a distribution again, a vector less its own mean
 * is centred. Read per element, where the reduction is the element itself, they would be x / x and x - x = 0; they
 * are x's share and x's deviation instead, which vary as x does.
 */
function isReducedCopy(a: Expr, b: Expr): boolean {
  return a.text === b.text && b.segments.all.some((s) => s.reduced === true && s.start === 0 && s.end === b.text.length);
}

const isNumber = (e: Expr, v: number) => e.shape?.kind === 'num' && e.shape.value === v;
/** The arguments of `e` when it was built as `fn(…)` (or the operator `fn`), else undefined. */
export const applied = (e: Expr | undefined, fn: string) => (e?.shape?.kind === 'apply' && e.shape.fn === fn ? e.shape.args : undefined);

/** The other operand of `1 + x` or `x + 1`. */
function onePlus(e: Expr): Expr | undefined {
  const sum = applied(e, '+');
  if (!sum) return undefined;
  if (isNumber(sum[0], 1)) return sum[1];
  if (isNumber(sum[1], 1)) return sum[0];
  return undefined;
}

/**
 * The logit of a sigmoid written out, `1 / (1 + exp(-z))` or `exp(z) / (1 + exp(z))`: such an output is a sigmoid
 * output for the activation rules. The expression itself stays as written, since its exp really can overflow
 * (and make the gradient NaN) where `tf.sigmoid` does not.
 */
export function sigmoidByHand(e: Expr): Expr | undefined {
  const quotient = applied(e, '/');
  if (!quotient) return undefined;
  const [a, b] = quotient;
  const denominatorExp = onePlus(b);
  const expArg = denominatorExp && applied(denominatorExp, 'exp')?.[0];
  if (!expArg) return undefined;
  if (isNumber(a, 1)) return applied(expArg, 'neg')?.[0];
  const numeratorArg = applied(a, 'exp')?.[0];
  return numeratorArg && numeratorArg.text === expArg.text ? expArg : undefined;
}

export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

export function compare(op: CompareOp, a: Expr, b: Expr): Expr {
  return concat([...wrap(a, PREC.cmp + 1), ` ${op} `, ...wrap(b, PREC.cmp + 1)], PREC.cmp, a.tensor || b.tensor);
}

export function logic(op: 'and' | 'or', a: Expr, b: Expr): Expr {
  const p = op === 'or' ? PREC.or : PREC.and;
  return concat([...wrap(a, p), ` ${op} `, ...wrap(b, p + 1)], p, a.tensor || b.tensor);
}

export function not(a: Expr): Expr {
  return concat(['not ', ...wrap(a, PREC.atom)], PREC.neg, a.tensor);
}

export function conditional(test: Expr, then: Expr, otherwise: Expr): Expr {
  // The same value either way (`yPred.where(mask, yPred)`) is that value: the test changes nothing. A test the reader
  // settled (a NaN guard, `1 == 0`) picks its branch.
  if (then.text === otherwise.text) return then.tensor || !otherwise.tensor ? then : otherwise;
  if (test.text === '1 == 1') return then;
  if (test.text === '1 == 0') return otherwise;
  return concat([...wrap(test, PREC.cond + 1), ' ? ', ...wrap(then, PREC.cond + 1), ' : ', ...wrap(otherwise, PREC.cond)], PREC.cond, test.tensor || then.tensor || otherwise.tensor);
}

export function asTensor(e: Expr): Expr {
  return e.tensor ? e : { ...e, tensor: true };
}
