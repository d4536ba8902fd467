import type { Node } from './ast';

/**
 * Prints a tree in mathjs syntax, with as few parentheses as precedence allows.
 * With `mathjsOnly`, the ML functions mathjs lacks (sigmoid, relu, softplus, clip) are written out in
 * mathjs built-ins, so that the text evaluates in a stock mathjs.
 */
export interface PrintOptions {
  mathjsOnly?: boolean;
}

const PREC = { cond: 1, or: 2, and: 3, cmp: 5, add: 6, mul: 7, neg: 8, pow: 9, atom: 10 } as const;

function precedence(n: Node): number {
  switch (n.kind) {
    case 'cond':
      return PREC.cond;
    case 'logic':
      return n.op === 'or' ? PREC.or : PREC.and;
    case 'cmp':
      return PREC.cmp;
    case 'op':
      return n.op === '+' || n.op === '-' ? PREC.add : n.op === '^' ? PREC.pow : PREC.mul;
    case 'neg':
    case 'not':
      return PREC.neg;
    case 'num':
      return n.value < 0 || Object.is(n.value, -0) ? PREC.neg : PREC.atom;
    default:
      return PREC.atom;
  }
}

export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  const short = Number(value.toPrecision(15));
  return String(short);
}

export function printMathjs(node: Node, options: PrintOptions = {}): string {
  return new Printer(options).print(node);
}

class Printer {
  constructor(private readonly options: PrintOptions) {}

  print(n: Node): string {
    switch (n.kind) {
      case 'num':
        return formatNumber(n.value);
      case 'const':
        return n.name;
      case 'sym':
        return n.name;
      case 'neg':
        return `-${this.wrap(n.arg, PREC.neg + (n.arg.kind === 'neg' || n.arg.kind === 'num' ? 1 : 0))}`;
      case 'not':
        return `not ${this.wrap(n.arg, PREC.atom)}`;
      case 'op': {
        const p = precedence(n);
        if (n.op === '^') return `${this.wrap(n.left, p + 1)} ^ ${this.wrap(n.right, p)}`;
        const rightMin = n.op === '-' || n.op === '/' ? p + 1 : p;
        return `${this.wrap(n.left, p)} ${n.op} ${this.wrap(n.right, rightMin)}`;
      }
      case 'cmp':
        return `${this.wrap(n.left, PREC.cmp + 1)} ${n.op} ${this.wrap(n.right, PREC.cmp + 1)}`;
      case 'logic': {
        const p = precedence(n);
        return `${this.wrap(n.left, p)} ${n.op} ${this.wrap(n.right, p + 1)}`;
      }
      case 'cond':
        return `${this.wrap(n.test, PREC.cond + 1)} ? ${this.wrap(n.then, PREC.cond + 1)} : ${this.wrap(n.else, PREC.cond)}`;
      case 'call':
        return this.printCall(n.fn, n.args);
    }
  }

  private printCall(fn: string, args: Node[]): string {
    const a = args.map((x) => this.print(x));
    if (this.options.mathjsOnly) {
      switch (fn) {
        case 'sigmoid':
        case 'softmax':
          return `(1 / (1 + exp(-${precedence(args[0]) < PREC.neg + 1 ? `(${a[0]})` : a[0]})))`;
        case 'logSoftmax':
          return `(-(max(-(${a[0]}), 0) + log1p(exp(-abs(${a[0]})))))`;
        case 'relu':
          return `max(${a[0]}, 0)`;
        case 'softplus':
          return `(max(${a[0]}, 0) + log1p(exp(-abs(${a[0]}))))`;
        case 'clip':
          return `min(max(${a[0]}, ${a[1]}), ${a[2]})`;
      }
    }
    return `${fn}(${a.join(', ')})`;
  }

  private wrap(n: Node, min: number): string {
    const s = this.print(n);
    return precedence(n) < min ? `(${s})` : s;
  }

}
