import { constValue, sameNode, type CompareOp, type LogicOp, type Node } from './ast';

/**
 * Smart constructors: each builds one node and applies the local simplifications that are always safe
 * (constant folding, 0 and 1 identities, double negation), so that derivatives come out readable in one
 * linear pass instead of an open-ended rewrite loop.
 */

export function isNum(n: Node, v?: number): n is Extract<Node, { kind: 'num' }> {
  return n.kind === 'num' && (v === undefined || n.value === v);
}

function numericValue(n: Node): number | undefined {
  if (n.kind === 'num') return n.value;
  return undefined;
}

const num = (value: number): Node => (value < 0 ? { kind: 'neg', arg: { kind: 'num', value: -value } } : { kind: 'num', value });

/** Whether folding the constants `a op b` gives a number: 0·∞ and ∞ − ∞ are NaN, which no node holds, so they stay written out. */
const folds = (value: number): boolean => !Number.isNaN(value);

export function neg(a: Node): Node {
  if (a.kind === 'num') return num(-a.value);
  if (a.kind === 'neg') return a.arg;
  if (a.kind === 'op' && a.op === '-') return sub(a.right, a.left);
  return { kind: 'neg', arg: a };
}

function negValue(n: Node): number | undefined {
  if (n.kind === 'num') return n.value;
  if (n.kind === 'neg' && n.arg.kind === 'num') return -n.arg.value;
  return undefined;
}

export function add(a: Node, b: Node): Node {
  const va = negValue(a);
  const vb = negValue(b);
  if (va !== undefined && vb !== undefined && folds(va + vb)) return num(va + vb);
  if (va === 0) return b;
  if (vb === 0) return a;
  if (b.kind === 'neg') return sub(a, b.arg);
  if (a.kind === 'neg') return sub(b, a.arg);
  if (sameNode(a, b)) return mul(num(2), a);
  return { kind: 'op', op: '+', left: a, right: b };
}

export function sub(a: Node, b: Node): Node {
  const va = negValue(a);
  const vb = negValue(b);
  if (va !== undefined && vb !== undefined && folds(va - vb)) return num(va - vb);
  if (vb === 0) return a;
  if (va === 0) return neg(b);
  if (b.kind === 'neg') return add(a, b.arg);
  if (sameNode(a, b)) return num(0);
  return { kind: 'op', op: '-', left: a, right: b };
}

export function mul(a: Node, b: Node): Node {
  const va = negValue(a);
  const vb = negValue(b);
  if (va !== undefined && vb !== undefined && folds(va * vb)) return num(va * vb);
  if ((va === 0 || vb === 0) && folds((va ?? 0) * (vb ?? 0))) return num(0);
  if (va === 1) return b;
  if (vb === 1) return a;
  if (va === -1) return neg(b);
  if (vb === -1) return neg(a);
  if (a.kind === 'neg') return neg(mul(a.arg, b));
  if (b.kind === 'neg') return neg(mul(a, b.arg));
  if (vb !== undefined && va === undefined) return mul(b, a);
  if (va !== undefined && b.kind === 'op' && b.op === '*') {
    const inner = negValue(b.left);
    if (inner !== undefined && folds(va * inner)) return mul(num(va * inner), b.right);
  }
  if (b.kind === 'op' && b.op === '/' && isNum(b.left, 1)) return div(a, b.right);
  if (a.kind === 'op' && a.op === '/' && isNum(a.left, 1)) return div(b, a.right);
  if (sameNode(a, b)) return pow(a, num(2));
  return { kind: 'op', op: '*', left: a, right: b };
}

export function div(a: Node, b: Node): Node {
  const va = negValue(a);
  const vb = negValue(b);
  if (vb === 1) return a;
  if (vb === -1) return neg(a);
  if (va === 0 && vb !== 0) return num(0);
  if (va !== undefined && vb !== undefined && vb !== 0) {
    const q = va / vb;
    if (Number.isInteger(q)) return num(q);
  }
  if (a.kind === 'neg') return neg(div(a.arg, b));
  if (b.kind === 'neg') return neg(div(a, b.arg));
  if (sameNode(a, b)) return num(1);
  if (a.kind === 'op' && a.op === '*') {
    if (sameNode(a.left, b)) return a.right;
    if (sameNode(a.right, b)) return a.left;
  }
  if (a.kind === 'op' && a.op === '/') return div(a.left, mul(a.right, b));
  return { kind: 'op', op: '/', left: a, right: b };
}

export function pow(a: Node, b: Node): Node {
  const va = numericValue(a);
  const vb = negValue(b);
  if (vb === 0) return num(1);
  if (vb === 1) return a;
  if (va !== undefined && vb !== undefined && Number.isInteger(va) && Number.isInteger(vb) && vb > 0 && Math.abs(va ** vb) < 1e15) {
    return num(va ** vb);
  }
  if (a.kind === 'op' && a.op === '^') {
    const inner = negValue(a.right);
    if (inner !== undefined && vb !== undefined && Number.isInteger(inner) && Number.isInteger(vb)) return pow(a.left, num(inner * vb));
  }
  if (vb !== undefined && vb < 0) return div(num(1), pow(a, num(-vb)));
  return { kind: 'op', op: '^', left: a, right: b };
}

export function call(fn: string, ...args: Node[]): Node {
  if (fn === 'log' && args.length === 1 && args[0].kind === 'const' && args[0].name === 'e') return num(1);
  if (fn === 'exp' && args.length === 1 && isNum(args[0], 0)) return num(1);
  if (fn === 'log' && args.length === 1 && isNum(args[0], 1)) return num(0);
  return { kind: 'call', fn, args };
}

export function cond(test: Node, then: Node, otherwise: Node): Node {
  if (sameNode(then, otherwise)) return then;
  const t = negValue(test);
  if (t !== undefined && !Number.isNaN(t)) return t !== 0 ? then : otherwise;
  return { kind: 'cond', test, then, else: otherwise };
}

const truthValue = (v: boolean): Node => ({ kind: 'num', value: v ? 1 : 0 });

export function cmp(op: CompareOp, left: Node, right: Node): Node {
  if (sameNode(left, right)) return truthValue(op === '<=' || op === '>=' || op === '==');
  const a = negValue(left);
  const b = negValue(right);
  if (a !== undefined && b !== undefined) {
    switch (op) {
      case '<':
        return truthValue(a < b);
      case '<=':
        return truthValue(a <= b);
      case '>':
        return truthValue(a > b);
      case '>=':
        return truthValue(a >= b);
      case '==':
        return truthValue(a === b);
      case '!=':
        return truthValue(a !== b);
    }
  }
  return { kind: 'cmp', op, left, right };
}

/** a and b, a or b, folding constant operands; (l > r) or (l == r) becomes l >= r. */
export function logic(op: LogicOp, a: Node, b: Node): Node {
  const va = negValue(a);
  const vb = negValue(b);
  if (op === 'and') {
    if (va === 0 || vb === 0) return truthValue(false);
    if (va !== undefined) return vb !== undefined ? truthValue(true) : b;
    if (vb !== undefined) return a;
  } else {
    if ((va !== undefined && va !== 0) || (vb !== undefined && vb !== 0)) return truthValue(true);
    if (va === 0) return b;
    if (vb === 0) return a;
    if (a.kind === 'cmp' && b.kind === 'cmp' && b.op === '==' && sameNode(a.left, b.left) && sameNode(a.right, b.right)) {
      if (a.op === '>') return cmp('>=', a.left, a.right);
      if (a.op === '<') return cmp('<=', a.left, a.right);
    }
  }
  return { kind: 'logic', op, left: a, right: b };
}

export function not(a: Node): Node {
  const v = negValue(a);
  if (v !== undefined) return truthValue(v === 0);
  return { kind: 'not', arg: a };
}

/** The value of a tree without symbols, or undefined. */
export function constantValue(n: Node): number | undefined {
  switch (n.kind) {
    case 'num':
      return n.value;
    case 'const':
      return constValue(n.name);
    case 'neg': {
      const v = constantValue(n.arg);
      return v === undefined ? undefined : -v;
    }
    default:
      return undefined;
  }
}
