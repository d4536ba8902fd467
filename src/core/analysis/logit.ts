import { symbolsOf, type Node } from '../expression/ast';
import { add, call, mul, pow, sub } from '../expression/build';
import { multiplyAndCancel, smallest } from './chainRule';
import { toLatex, type LatexOptions } from '../expression/latex';
import { parseExpression } from '../expression/parse';
import { printMathjs } from '../expression/print';
import { simplifyRational } from '../expression/rational';
import type { Activation } from './domain';

/**
 * The gradient through the output activation: when the prediction is ŷ = σ(z) (sigmoid, and softmax read
 * as its two-class form) or ŷ = tanh(z), the weights receive ∂L/∂z = ∂L/∂ŷ · dŷ/dz, not ∂L/∂ŷ. The chain
 * rule is applied to the derivative in ŷ, where dŷ/dz is a polynomial in ŷ (σ' = σ(1 − σ), tanh' = 1 − tanh²),
 * and the product is tidied as a rational function of ŷ when that makes it smaller: binary cross-entropy's
 * (1 − y)/(1 − ŷ) − y/ŷ times ŷ(1 − ŷ) becomes ŷ − y, while MSE keeps its vanishing factor σ(z)(1 − σ(z)).
 * Only then is ŷ replaced by σ(z), so the formula reads the way textbooks print it.
 */
export type LogitActivation = 'sigmoid' | 'tanh' | 'softmax';

export interface LogitView {
  /** The logit's name: `z`, or another when the loss already uses `z`. */
  variable: string;
  activation: LogitActivation;
  /** The loss as a function of the logit: the prediction replaced by activation(z). */
  ast: Node;
  /** ∂L/∂z. */
  derivativeAst: Node;
  /** ∂L/∂z in mathjs syntax that a stock mathjs evaluates (sigmoid written out). */
  derivative: string;
  /** TeX of L(σ(z)) and of ∂L/∂z, the activation shown as σ(z) or tanh(z). */
  latex: string;
  derivativeLatex: string;
}

export interface LogitInput {
  source: string;
  ast: Node;
  derivativeAst: Node;
  wrt: string;
  activation: Activation | null;
  roles: { target?: string };
  steps: readonly unknown[];
}

const VARIABLE_CANDIDATES = ['z', 'logit', 'u', 'v', 'z_logit'];

export function isLogitActivation(a: Activation | null | undefined): a is LogitActivation {
  return a === 'sigmoid' || a === 'tanh' || a === 'softmax';
}

/** The logit view of an analysis, when its activation has one (sigmoid, tanh, softmax). */
export function logitView(input: LogitInput): LogitView | undefined {
  const { activation } = input;
  if (!isLogitActivation(activation)) return undefined;
  const symbols = symbolsOf(input.ast);
  const variable = VARIABLE_CANDIDATES.find((v) => !symbols.has(v) || v === input.wrt);
  if (variable === undefined) return undefined;
  const inP = chainRule(input.derivativeAst, input.wrt, activation);
  const z: Node = { kind: 'sym', name: variable };
  const activated = call(activation === 'tanh' ? 'tanh' : 'sigmoid', z);
  const ast = replaceSymbol(input.ast, input.wrt, activated);
  const derivativeAst = replaceSymbol(inP, input.wrt, activated);
  const steps = input.steps.length > 0 ? parseExpression(input.source).steps : [];
  const names = steps.map((step) => ({ name: step.name, node: replaceSymbol(step.value, input.wrt, activated) }));
  const latexOptions: LatexOptions = { prediction: variable === input.wrt ? undefined : input.wrt, target: input.roles.target, names, lead: variable };
  return {
    variable,
    activation,
    ast,
    derivativeAst,
    derivative: printMathjs(derivativeAst, { mathjsOnly: true }),
    latex: toLatex(ast, latexOptions),
    derivativeLatex: toLatex(derivativeAst, latexOptions),
  };
}

/** ∂L/∂ŷ · dŷ/dz in ŷ, in the smallest of its equal forms. */
function chainRule(derivative: Node, wrt: string, activation: LogitActivation): Node {
  const p: Node = { kind: 'sym', name: wrt };
  const oneMinusP = sub(num(1), p);
  const forms = activation === 'tanh' ? [[sub(num(1), pow(p, num(2)))], [oneMinusP, add(num(1), p)]] : [[p, oneMinusP]];
  const whole = forms[0].reduce((acc, f) => mul(acc, f));
  const candidates = [mul(derivative, whole)];
  for (const factors of forms) {
    const distributed = multiplyAndCancel(derivative, factors);
    candidates.push(distributed, simplifyRational(distributed));
  }
  return smallest(candidates);
}

function num(value: number): Node {
  return { kind: 'num', value };
}

/** The tree with the symbol `name` replaced by `by` (one shared node), spans dropped: the result is a new formula. */
function replaceSymbol(node: Node, name: string, by: Node): Node {
  const memo = new Map<Node, Node>();
  const rec = (n: Node): Node => {
    const hit = memo.get(n);
    if (hit) return hit;
    let out: Node;
    switch (n.kind) {
      case 'sym':
        out = n.name === name ? by : { kind: 'sym', name: n.name };
        break;
      case 'num':
        out = { kind: 'num', value: n.value };
        break;
      case 'const':
        out = { kind: 'const', name: n.name };
        break;
      case 'neg':
        out = { kind: 'neg', arg: rec(n.arg) };
        break;
      case 'not':
        out = { kind: 'not', arg: rec(n.arg) };
        break;
      case 'op':
        out = { kind: 'op', op: n.op, left: rec(n.left), right: rec(n.right) };
        break;
      case 'cmp':
        out = { kind: 'cmp', op: n.op, left: rec(n.left), right: rec(n.right) };
        break;
      case 'logic':
        out = { kind: 'logic', op: n.op, left: rec(n.left), right: rec(n.right) };
        break;
      case 'call':
        out = { kind: 'call', fn: n.fn, args: n.args.map(rec) };
        break;
      case 'cond':
        out = { kind: 'cond', test: rec(n.test), then: rec(n.then), else: rec(n.else) };
        break;
    }
    memo.set(n, out);
    return out;
  };
  return rec(node);
}
