import { dependsOn, countNodes, type Node } from './ast';
import { add, call, cmp, cond, div, mul, neg, pow, sub } from './build';
import { ExpressionError } from './parse';

/**
 * Symbolic derivative with respect to one variable, written for losses: besides the smooth functions it
 * knows the piecewise ones (abs, sign, max, min, relu, clip, conditionals), which mathjs's `derivative`
 * throws on. At a kink it takes one side consistently (the branch of the `>=` / `<=` test), so the value
 * there is one of the one-sided derivatives, never an average.
 */
export const MAX_DERIVATIVE_NODES = 50_000;

export function differentiate(node: Node, wrt: string, deadline = Infinity): Node {
  const memo = new Map<Node, Node>();
  let budget = MAX_DERIVATIVE_NODES * 4;
  const d = (n: Node): Node => {
    if (!dependsOn(n, wrt)) return { kind: 'num', value: 0 };
    const hit = memo.get(n);
    if (hit) return hit;
    if (--budget < 0) throw new ExpressionError('the derivative is too large to compute', 1);
    if (budget % 64 === 0 && budget < MAX_DERIVATIVE_NODES * 4 - 4096 && Date.now() > deadline) throw new ExpressionError('the expression is too complex to differentiate within the time budget', 1);
    const out = rule(n, d, wrt);
    memo.set(n, out);
    return out;
  };
  const result = d(node);
  if (countNodes(result, MAX_DERIVATIVE_NODES) > MAX_DERIVATIVE_NODES) throw new ExpressionError('the derivative is too large to show', 1);
  return result;
}

const strip = <T extends Node>(n: T): T => {
  if (!n.span) return n;
  const { span: _span, ...rest } = n;
  return rest as T;
};

function rule(n: Node, d: (n: Node) => Node, wrt: string): Node {
  switch (n.kind) {
    case 'num':
    case 'const':
      return { kind: 'num', value: 0 };
    case 'sym':
      return { kind: 'num', value: n.name === wrt ? 1 : 0 };
    case 'neg':
      return neg(d(n.arg));
    case 'not':
    case 'cmp':
    case 'logic':
      return { kind: 'num', value: 0 };
    case 'cond':
      return cond(strip(n.test), d(n.then), d(n.else));
    case 'op':
      return binaryRule(n.op, strip(n.left), strip(n.right), d, wrt);
    case 'call':
      return callRule(n.fn, n.args.map(strip), d, wrt);
  }
}

function binaryRule(op: string, u: Node, v: Node, d: (n: Node) => Node, wrt: string): Node {
  switch (op) {
    case '+':
      return add(d(u), d(v));
    case '-':
      return sub(d(u), d(v));
    case '*':
      return add(mul(d(u), v), mul(u, d(v)));
    case '/':
      if (!dependsOn(v, wrt)) return div(d(u), v);
      if (!dependsOn(u, wrt)) return neg(div(mul(u, d(v)), pow(v, { kind: 'num', value: 2 })));
      return div(sub(mul(d(u), v), mul(u, d(v))), pow(v, { kind: 'num', value: 2 }));
    case '^':
      return powerRule(u, v, d, wrt);
  }
  throw new ExpressionError(`cannot differentiate operator ${op}`, 1);
}

function powerRule(u: Node, v: Node, d: (n: Node) => Node, wrt: string): Node {
  if (!dependsOn(v, wrt)) {
    return mul(mul(v, pow(u, sub(v, { kind: 'num', value: 1 }))), d(u));
  }
  if (!dependsOn(u, wrt)) {
    return mul(mul(pow(u, v), call('log', u)), d(v));
  }
  return mul(pow(u, v), add(mul(d(v), call('log', u)), div(mul(v, d(u)), u)));
}

const one = (): Node => ({ kind: 'num', value: 1 });
const two = (): Node => ({ kind: 'num', value: 2 });
const zero = (): Node => ({ kind: 'num', value: 0 });

function callRule(fn: string, args: Node[], d: (n: Node) => Node, wrt: string): Node {
  const [u, v, w] = args;
  switch (fn) {
    case 'abs':
      return mul(cond(cmp('>=', u, zero()), one(), neg(one())), d(u));
    case 'sign':
      return zero();
    case 'max':
    case 'min':
      return extremumRule(fn, args, d);
    case 'relu':
      return cond(cmp('>', u, zero()), d(u), zero());
    case 'clip':
      return cond(cmp('<', u, v), d(v), cond(cmp('>', u, w), d(w), d(u)));
    case 'exp':
      return mul(call('exp', u), d(u));
    case 'expm1':
      return mul(call('exp', u), d(u));
    case 'log':
      if (args.length === 2) {
        if (!dependsOn(v, wrt)) return div(d(u), mul(u, call('log', v)));
        return d(div(call('log', u), call('log', v)));
      }
      return div(d(u), u);
    case 'log1p':
      return div(d(u), add(one(), u));
    case 'log2':
      return div(d(u), mul(u, call('log', two())));
    case 'log10':
      return div(d(u), mul(u, call('log', { kind: 'num', value: 10 })));
    case 'sqrt':
      return div(d(u), mul(two(), call('sqrt', u)));
    case 'cbrt':
      return div(d(u), mul({ kind: 'num', value: 3 }, pow(call('cbrt', u), two())));
    case 'square':
      return mul(mul(two(), u), d(u));
    case 'pow':
      return powerRule(u, v, d, wrt);
    case 'sin':
      return mul(call('cos', u), d(u));
    case 'cos':
      return neg(mul(call('sin', u), d(u)));
    case 'tan':
      return div(d(u), pow(call('cos', u), two()));
    case 'atan':
      return div(d(u), add(one(), pow(u, two())));
    case 'sinh':
      return mul(call('cosh', u), d(u));
    case 'cosh':
      return mul(call('sinh', u), d(u));
    case 'tanh':
      return mul(sub(one(), pow(call('tanh', u), two())), d(u));
    case 'sigmoid':
      return mul(mul(call('sigmoid', u), sub(one(), call('sigmoid', u))), d(u));
    case 'softplus':
      return mul(call('sigmoid', u), d(u));
    case 'softmax':
      return mul(mul(call('softmax', u), sub(one(), call('softmax', u))), d(u));
    case 'logSoftmax':
      return mul(sub(one(), call('softmax', u)), d(u));
  }
  throw new ExpressionError(`cannot differentiate ${fn}()`, 1);
}

/** max(a, b, …)' picks the derivative of the argument that is largest (ties: the first). */
function extremumRule(fn: 'max' | 'min', args: Node[], d: (n: Node) => Node): Node {
  const op = fn === 'max' ? '>=' : '<=';
  if (args.length === 1) return d(args[0]);
  const [first, ...rest] = args;
  const restNode: Node = rest.length === 1 ? rest[0] : { kind: 'call', fn, args: rest };
  return cond(cmp(op, first, restNode), d(first), extremumRule(fn, rest, d));
}
