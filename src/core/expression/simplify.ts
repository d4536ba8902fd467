import type { Node } from './ast';
import { add, call, cmp, cond, div, logic, mul, neg, not, pow, sub } from './build';

/**
 * A bounded simplification pass: rebuilds the tree bottom-up through the smart constructors, which fold
 * constants and drop identities, and gathers numeric factors. It visits each node once and gives up
 * (returning its input unchanged) when the node budget or the deadline runs out, so it can never hang
 * the way a general rewrite system can on a large expression.
 */
export interface SimplifyResult {
  node: Node;
  complete: boolean;
}

export function simplify(node: Node, options: { maxNodes?: number; deadline?: number } = {}): SimplifyResult {
  let budget = options.maxNodes ?? 20_000;
  const deadline = options.deadline ?? Infinity;
  let out = false;
  const rec = (n: Node): Node => {
    if (out) return n;
    if (--budget < 0 || (budget % 256 === 0 && Date.now() > deadline)) {
      out = true;
      return n;
    }
    switch (n.kind) {
      case 'num':
      case 'const':
      case 'sym':
        return n;
      case 'neg':
        return neg(rec(n.arg));
      case 'not':
        return not(rec(n.arg));
      case 'op': {
        const l = rec(n.left);
        const r = rec(n.right);
        switch (n.op) {
          case '+':
            return add(l, r);
          case '-':
            return sub(l, r);
          case '*':
            return mul(l, r);
          case '/':
            return div(l, r);
          case '^':
            return pow(l, r);
        }
        return n;
      }
      case 'cmp':
        return cmp(n.op, rec(n.left), rec(n.right));
      case 'logic':
        return logic(n.op, rec(n.left), rec(n.right));
      case 'cond':
        return cond(rec(n.test), rec(n.then), rec(n.else));
      case 'call':
        return call(n.fn, ...n.args.map(rec));
    }
  };
  const result = rec(node);
  return out ? { node, complete: false } : { node: result, complete: true };
}
