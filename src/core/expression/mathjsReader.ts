/**
 * Reads one expression in mathjs syntax: mathjs parses it, and a converter walks mathjs's tree in source
 * order alongside our own tokens, so that every node of the result knows its span in the text. The text
 * may be padded with spaces (a statement cut out of a longer input keeps its offsets that way).
 */
import { create, parseDependencies } from 'mathjs';
import type { MathNode } from 'mathjs';
import type { BinaryOp, CompareOp, Node, Span } from './ast';
import { ExpressionError } from './expressionError';
import { FUNCTIONS, isKnownFunction } from './functions';

let math: { parse: (source: string) => MathNode } | undefined;

type FactoryTree = { [name: string]: FactoryTree | ((...args: never[]) => unknown) };

/**
 * The factories the parser needs, without the unit system: a symbol node asks for `Unit` only to evaluate, which
 * we never do, and creating it (with the rounding, equality and formatting functions it depends on) was most of
 * the first parse's cost: the cold start of every lint and hover.
 */
function parserFactories(tree: FactoryTree, out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [name, value] of Object.entries(tree)) {
    if (name === 'UnitDependencies') continue;
    if (typeof value === 'function') out[name] = value;
    else parserFactories(value, out);
  }
  return out;
}

/** A mathjs instance with only the parser, created on first use (paid by the first parse, not at load). */
function mathjs(): { parse: (source: string) => MathNode } {
  math ??= create(parserFactories(parseDependencies as unknown as FactoryTree) as Parameters<typeof create>[0]) as unknown as { parse: (source: string) => MathNode };
  return math;
}

export const MAX_DEPTH = 300;

interface Token {
  text: string;
  start: number;
  end: number;
}

const NAME_START = /[A-Za-z_$\u00C0-\u02AF\u0370-\u03FF\u2100-\u214F]/;
const NAME_PART = /[A-Za-z0-9_$\u00C0-\u02AF\u0370-\u03FF\u2100-\u214F\u0300-\u036F]/;
const TWO_CHAR_OPS = new Set(['.*', './', '.^', '<=', '>=', '==', '!=']);

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      while (i < src.length && /[0-9.]/.test(src[i])) i++;
      if (/[eE]/.test(src[i] ?? '') && /[-+0-9]/.test(src[i + 1] ?? '')) {
        i += 2;
        while (i < src.length && /[0-9]/.test(src[i])) i++;
      }
    } else if (NAME_START.test(c) || /[\uD800-\uDBFF]/.test(c)) {
      i++;
      while (i < src.length && (NAME_PART.test(src[i]) || /[\uD800-\uDFFF]/.test(src[i]))) i++;
    } else if (TWO_CHAR_OPS.has(src.slice(i, i + 2))) {
      i += 2;
    } else {
      i++;
    }
    out.push({ text: src.slice(start, i), start, end: i });
  }
  return out;
}

/** Walks mathjs's tree in source order, consuming tokens to learn each node's span. */
class Converter {
  private pos = 0;
  private lost = false;

  constructor(private readonly tokens: Token[]) {}

  private column(): number {
    const t = this.tokens[Math.min(this.pos, this.tokens.length - 1)];
    return t ? t.start + 1 : 1;
  }

  private take(expected?: string): Token | undefined {
    const t = this.tokens[this.pos];
    if (!t || (expected !== undefined && t.text !== expected)) {
      this.lost = true;
      return undefined;
    }
    this.pos++;
    return t;
  }

  private spanFrom(startPos: number): Span | undefined {
    if (this.lost) return undefined;
    const first = this.tokens[startPos];
    const last = this.tokens[this.pos - 1];
    return first && last ? { start: first.start, end: last.end } : undefined;
  }

  convert(m: MathNode, depth = 0): Node {
    if (depth > MAX_DEPTH) {
      throw new ExpressionError(`expression is nested too deeply (more than ${MAX_DEPTH} levels)`, this.column());
    }
    const startPos = this.pos;
    const node = this.convertInner(m, depth + 1);
    const span = this.spanFrom(startPos);
    return span ? { ...node, span } : node;
  }

  private convertInner(m: MathNode, depth: number): Node {
    const any = m as unknown as Record<string, unknown> & { type: string };
    switch (any.type) {
      case 'ParenthesisNode': {
        this.take('(');
        const inner = this.convert(any.content as MathNode, depth);
        this.take(')');
        return inner;
      }
      case 'ConstantNode': {
        const value = any.value;
        if (typeof value !== 'number') {
          throw new ExpressionError(`only numbers are allowed here, not ${JSON.stringify(value)}`, this.column());
        }
        if (Number.isNaN(value)) throw new ExpressionError(`NaN is not a number a loss can compute with at column ${this.column()}`, this.column());
        this.take();
        return { kind: 'num', value };
      }
      case 'SymbolNode': {
        const name = any.name as string;
        const column = this.column();
        this.take();
        if (name === 'pi' || name === 'PI') return { kind: 'const', name: 'pi' };
        if (name === 'e' || name === 'E') return { kind: 'const', name: 'e' };
        if (name === 'Infinity') return { kind: 'num', value: Infinity };
        if (isKnownFunction(name)) {
          throw new ExpressionError(`'${name}' is a function: call it as ${name}(…)`, column);
        }
        return { kind: 'sym', name };
      }
      case 'FunctionNode':
        return this.convertCall(any, depth);
      case 'OperatorNode':
        return this.convertOperator(any, depth);
      case 'ConditionalNode': {
        const test = this.convert(any.condition as MathNode, depth);
        this.take('?');
        const then = this.convert(any.trueExpr as MathNode, depth);
        this.take(':');
        const otherwise = this.convert(any.falseExpr as MathNode, depth);
        return { kind: 'cond', test, then, else: otherwise };
      }
      case 'RelationalNode':
        return this.convertChain(any, depth);
      default:
        throw new ExpressionError(`${describeNodeType(any.type)} is not supported in a loss expression`, this.column());
    }
  }

  private convertCall(any: Record<string, unknown>, depth: number): Node {
    const fnNode = any.fn as { type: string; name?: string };
    const column = this.column();
    if (fnNode.type !== 'SymbolNode' || !fnNode.name) {
      throw new ExpressionError('only named functions can be called', column);
    }
    const name = fnNode.name;
    const args = any.args as MathNode[];
    const info = FUNCTIONS[name];
    if (!isKnownFunction(name)) {
      throw new ExpressionError(`unknown function '${name}' at column ${column}`, column);
    }
    if (args.length < info.minArgs || args.length > info.maxArgs) {
      const want = info.minArgs === info.maxArgs ? `${info.minArgs}` : `${info.minArgs} to ${info.maxArgs}`;
      throw new ExpressionError(`${name}() takes ${want} argument${info.maxArgs === 1 ? '' : 's'}, got ${args.length}`, column);
    }
    this.take();
    this.take('(');
    const out: Node[] = [];
    args.forEach((a, i) => {
      if (i > 0) this.take(',');
      out.push(this.convert(a, depth));
    });
    this.take(')');
    return { kind: 'call', fn: name, args: out };
  }

  private convertOperator(any: Record<string, unknown>, depth: number): Node {
    const fn = any.fn as string;
    const args = any.args as MathNode[];
    const implicit = any.implicit === true;
    const binary: Record<string, BinaryOp> = {
      add: '+',
      subtract: '-',
      multiply: '*',
      dotMultiply: '*',
      divide: '/',
      dotDivide: '/',
      pow: '^',
      dotPow: '^',
    };
    const compare: Record<string, CompareOp> = {
      smaller: '<',
      smallerEq: '<=',
      larger: '>',
      largerEq: '>=',
      equal: '==',
      unequal: '!=',
    };
    if (fn === 'unaryMinus' || fn === 'unaryPlus') {
      this.take();
      const arg = this.convert(args[0], depth);
      return fn === 'unaryMinus' ? { kind: 'neg', arg } : arg;
    }
    if (fn === 'not') {
      this.take();
      return { kind: 'not', arg: this.convert(args[0], depth) };
    }
    if (args.length === 2 && !implicit && (fn === 'add' || fn === 'subtract')) {
      const chain = sumChain(any);
      if (chain) return this.convertSum(chain, depth);
    }
    if (args.length === 2 && (Object.hasOwn(binary, fn) || Object.hasOwn(compare, fn) || fn === 'and' || fn === 'or')) {
      const column = this.column();
      const left = this.convert(args[0], depth);
      if (!implicit) this.take();
      const right = this.convert(args[1], depth);
      if (Object.hasOwn(binary, fn)) {
        if (Number.isNaN(constantOperation(binary[fn], left, right))) {
          throw new ExpressionError(`this ${binary[fn] === '*' ? 'product' : 'operation'} of constants is NaN (0 · Infinity, Infinity − Infinity …), not a number a loss can compute with, at column ${column}`, column);
        }
        return { kind: 'op', op: binary[fn], left, right };
      }
      if (Object.hasOwn(compare, fn)) return { kind: 'cmp', op: compare[fn], left, right };
      return { kind: 'logic', op: fn as 'and' | 'or', left, right };
    }
    const op = (any.op as string) ?? fn;
    throw new ExpressionError(`operator '${op}' is not supported in a loss expression`, this.findColumnOf(op));
  }

  /**
   * A long sum (`t1 + t2 - t3 + …`, hundreds of terms written out) as a balanced tree, so that its depth grows with
   * the logarithm of the number of terms and every recursive pass over it stays shallow. `a - b + c` becomes
   * `a - (b - c)`: the same value, the terms in the same order.
   */
  private convertSum(chain: SumChain, depth: number): Node {
    const terms = [this.convert(chain.first, depth)];
    const ops: ('+' | '-')[] = ['+'];
    for (const { op, term } of chain.rest) {
      this.take();
      ops.push(op);
      terms.push(this.convert(term, depth));
    }
    const build = (lo: number, hi: number, flip: boolean): Node => {
      if (hi - lo === 1) return terms[lo];
      const mid = (lo + hi) >> 1;
      const op = flip ? (ops[mid] === '+' ? '-' : '+') : ops[mid];
      const left = build(lo, mid, flip);
      const right = build(mid, hi, flip !== (op === '-'));
      const node: Node = { kind: 'op', op, left, right };
      return left.span && right.span ? { ...node, span: { start: left.span.start, end: right.span.end } } : node;
    };
    return build(0, terms.length, false);
  }

  /** `a < b <= c` means (a < b) and (b <= c), as in mathjs. */
  private convertChain(any: Record<string, unknown>, depth: number): Node {
    const ops: Record<string, CompareOp> = { smaller: '<', smallerEq: '<=', larger: '>', largerEq: '>=', equal: '==', unequal: '!=' };
    const conditionals = any.conditionals as string[];
    const params = any.params as MathNode[];
    const operands: Node[] = [this.convert(params[0], depth)];
    const comparisons: Node[] = [];
    conditionals.forEach((c, i) => {
      const op = ops[c];
      if (!op) throw new ExpressionError(`comparison '${c}' is not supported`, this.column());
      this.take();
      operands.push(this.convert(params[i + 1], depth));
      comparisons.push({ kind: 'cmp', op, left: operands[i], right: operands[i + 1] });
    });
    return comparisons.reduce((acc, c) => ({ kind: 'logic', op: 'and', left: acc, right: c }));
  }

  private findColumnOf(op: string): number {
    for (let i = this.pos; i < this.tokens.length; i++) {
      if (this.tokens[i].text === op) return this.tokens[i].start + 1;
    }
    return this.column();
  }
}

function describeNodeType(type: string): string {
  switch (type) {
    case 'AssignmentNode':
    case 'FunctionAssignmentNode':
      return 'an assignment';
    case 'ArrayNode':
      return 'a matrix or array';
    case 'ObjectNode':
      return 'an object';
    case 'AccessorNode':
    case 'IndexNode':
      return 'indexing';
    case 'RangeNode':
      return 'a range';
    case 'BlockNode':
      return 'more than one statement';
    default:
      return type.replace(/Node$/, '').toLowerCase();
  }
}

/** Reads one expression in mathjs syntax. Throws `ExpressionError` (never anything else) on bad input. */
export function readMathjs(text: string): Node {
  let tree: MathNode;
  try {
    tree = mathjs().parse(text);
  } catch (err) {
    throw fromMathjsError(err, text);
  }
  try {
    return new Converter(tokenize(text)).convert(tree);
  } catch (err) {
    if (err instanceof ExpressionError) throw err;
    if (err instanceof RangeError) throw new ExpressionError('expression is nested too deeply', 1);
    throw new ExpressionError(`could not read the expression: ${(err as Error)?.message ?? String(err)}`, 1);
  }
}

function fromMathjsError(err: unknown, text: string): ExpressionError {
  if (err instanceof RangeError) return new ExpressionError('expression is nested too deeply', 1);
  const e = err as { message?: string; char?: number };
  const raw = String(e?.message ?? err);
  const column = typeof e?.char === 'number' ? Math.max(1, Math.min(e.char, text.length + 1)) : 1;
  const message = raw.replace(/\s*\(char \d+\)\s*$/, '');
  return new ExpressionError(`${lowerFirst(message)} at column ${column}`, column);
}

function lowerFirst(s: string): string {
  return s.length > 0 ? s[0].toLowerCase() + s.slice(1) : s;
}

/** Sums of at least this many terms are read as a balanced tree. */
const BALANCED_SUM_TERMS = 16;

interface SumChain {
  first: MathNode;
  rest: { op: '+' | '-'; term: MathNode }[];
}

/** The terms of a left-nested chain of binary `+`/`-` (how mathjs reads `a + b - c`), when it is long. */
function sumChain(node: Record<string, unknown>): SumChain | undefined {
  const rest: SumChain['rest'] = [];
  let cur = node;
  for (;;) {
    const args = cur.args as MathNode[] | undefined;
    if (cur.type !== 'OperatorNode' || cur.implicit === true || !args || args.length !== 2 || (cur.fn !== 'add' && cur.fn !== 'subtract')) break;
    rest.push({ op: cur.fn === 'add' ? '+' : '-', term: args[1] });
    cur = args[0] as unknown as Record<string, unknown>;
  }
  if (rest.length + 1 < BALANCED_SUM_TERMS) return undefined;
  rest.reverse();
  return { first: cur as unknown as MathNode, rest };
}

/** The value of `left op right` when both are number literals (or negated ones); undefined otherwise. */
function constantOperation(op: BinaryOp, left: Node, right: Node): number | undefined {
  const value = (n: Node): number | undefined => (n.kind === 'num' ? n.value : n.kind === 'neg' && n.arg.kind === 'num' ? -n.arg.value : undefined);
  const a = value(left);
  const b = value(right);
  if (a === undefined || b === undefined) return undefined;
  return op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a ** b;
}
