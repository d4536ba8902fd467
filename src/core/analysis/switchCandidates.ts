/**
 * Where a loss can switch: the switching equations lhs = rhs of its piecewise parts (the argument of abs,
 * relu, sign; max/min pairs; clip ends; a conditional's comparisons), the bases of roots and fractional
 * powers (sqrt(p^2) is |p|, cbrt(p^2) a cusp), and divisors and tan's poles (clip(1/p, -1, 1) jumps at 0).
 */
import { children, dependsOn, walk, type Node } from '../expression/ast';
import { isStep } from '../expression/functions';
import { printMathjs } from '../expression/print';

const ZERO: Node = { kind: 'num', value: 0 };
/** How many steps of a rounding each side of 0 are candidates. */
const STEPS_EACH_SIDE = 1;

export interface Candidate {
  node: Node;
  /** lhs = rhs describes the switching point. */
  lhs: Node;
  rhs: Node;
}

export function collectCandidates(ast: Node, wrt: string): Candidate[] {
  const out: Candidate[] = [];
  const keys = new Set<string>();
  // Inside a conditional's test (`abs(e) < delta ? … : …`) a piece switches only the test, which the conditional's own
  // comparison covers; a break at the same point comes from a branch (`delta - abs(e)`), so that piece is named first.
  const inTest = new Set<Node>();
  const deferred: Candidate[] = [];
  const push = (node: Node, lhs: Node, rhs: Node) => {
    if (!dependsOn(lhs, wrt) && !dependsOn(rhs, wrt)) return;
    // Sides that reach the prediction only through steps (`round(2 * y) != round(2 * p)`, `abs(y - round(p))`) switch
    // only where a step does, and the step's own candidates say where that is.
    if (stepsOnly(lhs, wrt) && stepsOnly(rhs, wrt)) return;
    if (inTest.has(node)) {
      deferred.push({ node, lhs, rhs });
      return;
    }
    const key = `${printMathjs(lhs)} = ${printMathjs(rhs)}`;
    if (keys.has(key)) return;
    keys.add(key);
    out.push({ node, lhs, rhs });
  };
  walk(ast, (n) => {
    if (n.kind === 'cond') walk(n.test, (t) => void inTest.add(t));
  });
  walk(ast, (n) => {
    if (!dependsOn(n, wrt)) return;
    if (n.kind === 'call') {
      const [u, v, w] = n.args;
      switch (n.fn) {
        case 'abs':
        case 'sign':
        case 'relu':
        case 'sqrt':
        case 'cbrt':
          push(n, u, ZERO);
          break;
        case 'max':
        case 'min':
          for (let i = 0; i < n.args.length; i++) {
            for (let j = i + 1; j < n.args.length; j++) push(n, n.args[i], n.args[j]);
          }
          break;
        case 'clip':
          push(n, u, v);
          push(n, u, w);
          break;
        case 'pow':
          if (fractionalPower(v, wrt)) push(n, u, ZERO);
          break;
        case 'tan':
          push(n, { kind: 'call', fn: 'cos', args: [u] }, ZERO);
          break;
        case 'round':
        case 'floor':
        case 'ceil':
          // A step at every half-integer (round) or integer: those near 0, where a prediction's scaled value lies.
          for (let k = -STEPS_EACH_SIDE; k <= STEPS_EACH_SIDE; k++) push(n, u, { kind: 'num', value: n.fn === 'round' ? k + 0.5 : k });
          break;
      }
    } else if (n.kind === 'op' && n.op === '^') {
      if (fractionalPower(n.right, wrt)) push(n, n.left, ZERO);
    } else if (n.kind === 'op' && n.op === '/') {
      push(n, n.right, ZERO);
    } else if (n.kind === 'cond') {
      walk(n.test, (t) => {
        if (t.kind === 'cmp') push(n, t.left, t.right);
      });
    } else if (n.kind === 'cmp') {
      push(n, n.left, n.right);
    }
  });
  inTest.clear();
  for (const c of deferred) push(c.node, c.lhs, c.rhs);
  return out;
}

/** Whether a value reaches `wrt` only through steps (sign, round, floor, ceil): piecewise constant in it. */
function stepsOnly(node: Node, wrt: string): boolean {
  const steps = (n: Node): boolean => {
    if (!dependsOn(n, wrt)) return true;
    if (n.kind === 'call' && isStep(n.fn)) return true;
    if (n.kind === 'sym') return false;
    return children(n).every(steps);
  };
  return steps(node);
}

/** A power whose base reaching zero can break differentiability: any exponent but a non-negative integer. */
function fractionalPower(exponent: Node, wrt: string): boolean {
  if (dependsOn(exponent, wrt)) return false;
  return !(exponent.kind === 'num' && Number.isInteger(exponent.value) && exponent.value >= 0);
}
