import { constValue, type Node } from './ast';
import { logSoftmax, sigmoid, softplus } from './functions';
import { formatOf, type Precision } from '../precision';

/**
 * Compiles a tree into a plain JavaScript closure over an array of variable values: fast enough to sample
 * thousands of points per keystroke. With a `precision`, every intermediate result is rounded to that format
 * the way tensors are (float32 for TF.js), so saturation (sigmoid(20) === 1 in float32) shows up exactly where
 * it does in training. Without one, it computes in plain doubles.
 */
export type Evaluator = (values: ArrayLike<number>) => number;

export interface CompileOptions {
  precision?: Precision;
}

type Fn = (v: ArrayLike<number>) => number;

/** Compiled closures are pure, so each (tree, variables, precision) is compiled once: a slider move re-samples without recompiling. */
const compiled = new WeakMap<Node, Map<string, Evaluator>>();

export function compile(node: Node, variables: readonly string[], options: CompileOptions = {}): Evaluator {
  const key = `${options.precision ?? 'double'}|${variables.join('\u0000')}`;
  const known = compiled.get(node);
  const hit = known?.get(key);
  if (hit) return hit;
  const evaluator = compileTree(node, variables, options);
  if (known) {
    if (known.size < 8) known.set(key, evaluator);
  } else {
    compiled.set(node, new Map([[key, evaluator]]));
  }
  return evaluator;
}

function compileTree(node: Node, variables: readonly string[], options: CompileOptions): Evaluator {
  const index = new Map(variables.map((name, i) => [name, i]));
  const r: (x: number) => number = options.precision ? formatOf(options.precision).round : (x) => x;
  const build = (n: Node): Fn => {
    switch (n.kind) {
      case 'num': {
        const c = r(n.value);
        return () => c;
      }
      case 'const': {
        const c = r(constValue(n.name));
        return () => c;
      }
      case 'sym': {
        const i = index.get(n.name);
        if (i === undefined) return () => NaN;
        return (v) => r(v[i]);
      }
      case 'neg': {
        const a = build(n.arg);
        return (v) => -a(v);
      }
      case 'not': {
        const a = build(n.arg);
        return (v) => (a(v) ? 0 : 1);
      }
      case 'op': {
        const a = build(n.left);
        const b = build(n.right);
        switch (n.op) {
          case '+':
            return (v) => r(a(v) + b(v));
          case '-':
            return (v) => r(a(v) - b(v));
          case '*':
            return (v) => r(a(v) * b(v));
          case '/':
            return (v) => r(a(v) / b(v));
          case '^':
            return (v) => r(power(a(v), b(v)));
        }
        break;
      }
      case 'cmp': {
        const a = build(n.left);
        const b = build(n.right);
        switch (n.op) {
          case '<':
            return (v) => (a(v) < b(v) ? 1 : 0);
          case '<=':
            return (v) => (a(v) <= b(v) ? 1 : 0);
          case '>':
            return (v) => (a(v) > b(v) ? 1 : 0);
          case '>=':
            return (v) => (a(v) >= b(v) ? 1 : 0);
          case '==':
            return (v) => (a(v) === b(v) ? 1 : 0);
          case '!=':
            return (v) => (a(v) !== b(v) ? 1 : 0);
        }
        break;
      }
      case 'logic': {
        const a = build(n.left);
        const b = build(n.right);
        return n.op === 'and' ? (v) => (a(v) && b(v) ? 1 : 0) : (v) => (a(v) || b(v) ? 1 : 0);
      }
      case 'cond': {
        const t = build(n.test);
        const a = build(n.then);
        const b = build(n.else);
        return (v) => {
          const c = t(v);
          if (Number.isNaN(c)) return NaN;
          return c ? a(v) : b(v);
        };
      }
      case 'call':
        return buildCall(n.fn, n.args.map(build), r);
    }
    return () => NaN;
  };
  return build(node);
}

/** Real power: negative bases with odd-denominator rational exponents are not needed by losses; NaN like mathjs's real mode. */
function power(a: number, b: number): number {
  return Math.pow(a, b);
}

function buildCall(fn: string, args: Fn[], r: (x: number) => number): Fn {
  const [a, b, c] = args;
  const unary = (f: (x: number) => number): Fn => (v) => r(f(a(v)));
  switch (fn) {
    case 'abs':
      return unary(Math.abs);
    case 'sign':
      return unary((x) => (Number.isNaN(x) ? NaN : x > 0 ? 1 : x < 0 ? -1 : 0));
    case 'round':
      return unary(Math.round);
    case 'floor':
      return unary(Math.floor);
    case 'ceil':
      return unary(Math.ceil);
    case 'max':
      return (v) => r(reduceNaN(args, v, Math.max));
    case 'min':
      return (v) => r(reduceNaN(args, v, Math.min));
    case 'exp':
      return unary(Math.exp);
    case 'expm1':
      return unary(Math.expm1);
    case 'log':
      if (b) return (v) => r(Math.log(a(v)) / Math.log(b(v)));
      return unary(Math.log);
    case 'log1p':
      return unary(Math.log1p);
    case 'log2':
      return unary(Math.log2);
    case 'log10':
      return unary(Math.log10);
    case 'sqrt':
      return unary(Math.sqrt);
    case 'cbrt':
      return unary(Math.cbrt);
    case 'square':
      return unary((x) => x * x);
    case 'pow':
      return (v) => r(power(a(v), b(v)));
    case 'sin':
      return unary(Math.sin);
    case 'cos':
      return unary(Math.cos);
    case 'tan':
      return unary(Math.tan);
    case 'atan':
      return unary(Math.atan);
    case 'asin':
      return unary(Math.asin);
    case 'acos':
      return unary(Math.acos);
    case 'sinh':
      return unary(Math.sinh);
    case 'cosh':
      return unary(Math.cosh);
    case 'tanh':
      return unary(Math.tanh);
    case 'sigmoid':
      return unary(sigmoid);
    case 'softplus':
      return unary(softplus);
    case 'softmax':
      return unary(sigmoid);
    case 'logSoftmax':
      return unary(logSoftmax);
    case 'relu':
      return unary((x) => (x > 0 ? x : Number.isNaN(x) ? NaN : 0));
    case 'clip':
      return (v) => {
        const x = a(v);
        const lo = b(v);
        const hi = c(v);
        return r(x < lo ? lo : x > hi ? hi : x);
      };
  }
  return () => NaN;
}

function reduceNaN(args: Fn[], v: ArrayLike<number>, f: (a: number, b: number) => number): number {
  let acc = args[0](v);
  for (let i = 1; i < args.length; i++) acc = f(acc, args[i](v));
  return acc;
}
