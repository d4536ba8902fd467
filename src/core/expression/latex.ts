import { mapChildren, sameNode, type Node } from './ast';
import { formatNumber } from './print';
import { textbookForm } from './textbook';
import { ownEntry } from '../ownEntry';

/**
 * TeX for KaTeX that reads like a textbook: the prediction as \hat{y}, the target as y, Greek letters for
 * parameters named after them (also written DELTA or alpha_ in code), \log and \max as operators, \frac,
 * a `cases` block for conditionals, and the names of the input's steps (p_t) where their values recur.
 */
export interface LatexOptions {
  prediction?: string;
  target?: string;
  /** The variable a comparison leads with, when it is not the prediction (the logit z). */
  lead?: string;
  /** Subtrees to print as a name: a named step's value, wherever it occurs (a derivative's factors). */
  names?: readonly { name: string; node: Node }[];
}

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota', 'kappa',
  'lambda', 'mu', 'nu', 'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'varphi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);
const GREEK_ALIASES: Record<string, string> = { eps: 'epsilon', lam: 'lambda', lamda: 'lambda' };
const UNICODE_GREEK: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta', κ: 'kappa',
  λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', π: 'pi', ρ: 'rho', σ: 'sigma', τ: 'tau', φ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega',
  Δ: 'Delta', Γ: 'Gamma', Σ: 'Sigma', Ω: 'Omega',
};

const PREC = { cond: 1, or: 2, and: 3, cmp: 5, add: 6, mul: 7, neg: 8, pow: 9, atom: 10 } as const;

export function symbolLatex(name: string, options: LatexOptions = {}): string {
  if (name === options.prediction) return '\\hat{y}';
  if (name === options.target) return 'y';
  if (name === 'ŷ') return '\\hat{y}';
  return plainSymbol(name);
}

function plainSymbol(name: string): string {
  const greek = greekName(name);
  if (greek) return `\\${greek}`;
  const sub = /^([A-Za-z]+)_?([0-9]+)$/.exec(name) ?? /^([A-Za-z])_([A-Za-z0-9]+)$/.exec(name) ?? INDEXED.exec(name);
  if (sub) return `${plainSymbol(sub[1])}_{${escapeText(sub[2])}}`;
  if (/^[A-Za-z]$/.test(name)) return name;
  return `\\mathit{${escapeText(name)}}`;
}

/** `pt`, `yi`: a letter and an index letter, as papers write p_t and y_i. */
const INDEXED = /^([A-Za-z])([tijkn])$/;

/** The Greek letter a name stands for: `delta`, `δ`, `eps`, and as constants are written in code `DELTA`, `alpha_`. */
function greekName(name: string): string | undefined {
  const direct = ownEntry(GREEK_ALIASES, name) ?? ownEntry(UNICODE_GREEK, name) ?? (GREEK.has(name) ? name : undefined);
  if (direct) return direct;
  const bare = name.replace(/_+$/, '');
  const lower = /^[A-Z]{2,}$/.test(bare) ? bare.toLowerCase() : bare;
  if (lower === name) return undefined;
  return ownEntry(GREEK_ALIASES, lower) ?? (GREEK.has(lower) ? lower : undefined);
}

function escapeText(s: string): string {
  return s.replace(/[\\{}$&#^_%~]/g, (c) => (c === '\\' ? '\\backslash ' : `\\${c}`)).replace(/[^\x20-\x7E]/g, '?');
}

export function toLatex(node: Node, options: LatexOptions = {}): string {
  const named = options.names?.length ? foldNames(node, options.names) : node;
  return new LatexPrinter(options).print(textbookForm(named, { prediction: options.lead ?? options.prediction }));
}

/** The tree with every occurrence of a named value replaced by its name. */
function foldNames(node: Node, names: readonly { name: string; node: Node }[]): Node {
  const byShape = new Map<string, { name: string; node: Node }[]>();
  for (const entry of names) {
    const key = shapeKey(entry.node);
    if (key !== undefined) byShape.set(key, [...(byShape.get(key) ?? []), entry]);
  }
  const memo = new Map<Node, Node>();
  const rec = (n: Node): Node => {
    const hit = memo.get(n);
    if (hit) return hit;
    const key = shapeKey(n);
    const named = key === undefined ? undefined : byShape.get(key)?.find((e) => sameNode(e.node, n));
    let out: Node;
    if (named) out = { kind: 'sym', name: named.name };
    else out = mapChildren(n, rec);
    memo.set(n, out);
    return out;
  };
  return rec(node);
}

function precedence(n: Node): number {
  switch (n.kind) {
    case 'cond':
      return signPattern(n) ? PREC.atom : PREC.cond;
    case 'logic':
      return n.op === 'or' ? PREC.or : PREC.and;
    case 'cmp':
      return PREC.cmp;
    case 'op':
      if (n.op === '/') return PREC.atom;
      return n.op === '+' || n.op === '-' ? PREC.add : n.op === '^' ? PREC.pow : PREC.mul;
    case 'neg':
    case 'not':
      return PREC.neg;
    case 'num':
      return n.value < 0 ? PREC.neg : PREC.atom;
    default:
      return PREC.atom;
  }
}

const TALL = /\\(?:frac|tfrac|begin|sqrt|left|sum|prod|int)\b|\^\{[^}]*[\^_\\]/;

const COMPARE: Record<string, string> = { '<': '<', '<=': '\\le', '>': '>', '>=': '\\ge', '==': '=', '!=': '\\ne' };

class LatexPrinter {
  constructor(private readonly options: LatexOptions) {}

  print(n: Node): string {
    switch (n.kind) {
      case 'num':
        return this.number(n.value);
      case 'const':
        return n.name === 'pi' ? '\\pi' : 'e';
      case 'sym':
        return symbolLatex(n.name, this.options);
      case 'neg':
        return `-${this.wrap(n.arg, n.arg.kind === 'neg' ? PREC.atom : PREC.mul)}`;
      case 'not':
        return `\\lnot ${this.wrap(n.arg, PREC.atom)}`;
      case 'cmp':
        return `${this.print(n.left)} ${COMPARE[n.op]} ${this.print(n.right)}`;
      case 'logic':
        return `${this.wrap(n.left, PREC.and)} ${n.op === 'and' ? '\\land' : '\\lor'} ${this.wrap(n.right, PREC.and)}`;
      case 'cond':
        return this.cases(n);
      case 'op':
        return this.binary(n);
      case 'call':
        return this.call(n.fn, n.args);
    }
  }

  private number(v: number): string {
    if (v === Infinity) return '\\infty';
    if (v === 0.5) return '\\tfrac{1}{2}';
    const s = formatNumber(v);
    const m = /^(-?[0-9.]+)e([-+]?)([0-9]+)$/.exec(s);
    if (m) {
      const exp = `${m[2] === '-' ? '-' : ''}${m[3]}`;
      return m[1] === '1' ? `10^{${exp}}` : `${m[1]} \\times 10^{${exp}}`;
    }
    return s;
  }

  private binary(n: Extract<Node, { kind: 'op' }>): string {
    const p = precedence(n);
    switch (n.op) {
      case '+':
        return `${this.wrap(n.left, p)} + ${this.wrap(n.right, p)}`;
      case '-':
        return `${this.wrap(n.left, p)} - ${this.wrap(n.right, p + 1)}`;
      case '/':
        return `\\frac{${this.print(n.left)}}{${this.print(n.right)}}`;
      case '^': {
        if (n.left.kind === 'call' && ['sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh'].includes(n.left.fn) && n.right.kind === 'num') {
          return `\\${n.left.fn}^{${this.print(n.right)}}${this.paren(this.print(n.left.args[0]))}`;
        }
        const grouped = n.left.kind === 'call' || (n.left.kind === 'op' && n.left.op === '/');
        const base = grouped ? this.paren(this.print(n.left)) : this.wrap(n.left, PREC.atom);
        return `${base}^{${this.print(n.right)}}`;
      }
      case '*':
        return this.product(n.left, n.right);
    }
  }

  private product(a: Node, b: Node): string {
    const left = this.wrap(a, PREC.mul);
    const right = this.wrap(b, PREC.mul);
    const needsDot = /[0-9.}]$/.test(left) && /^[0-9.]/.test(right) || /^-/.test(right) || (a.kind === 'num' && b.kind === 'num');
    if (needsDot) return `${left} \\cdot ${right}`;
    const thin = /[A-Za-z]$/.test(left) && /^[A-Za-z]/.test(right) ? ' ' : ' \\, ';
    return `${left}${thin}${right}`;
  }

  private cases(n: Extract<Node, { kind: 'cond' }>): string {
    const sgn = signPattern(n);
    if (sgn) return `\\operatorname{sgn}${this.paren(this.print(sgn))}`;
    const rows: string[] = [];
    let cur: Node = n;
    while (cur.kind === 'cond' && rows.length < 12) {
      rows.push(`${this.print(cur.then)} & \\text{if } ${this.print(cur.test)}`);
      cur = cur.else;
    }
    rows.push(`${this.print(cur)} & \\text{otherwise}`);
    return `\\begin{cases} ${rows.join(' \\\\ ')} \\end{cases}`;
  }

  /** Brackets that grow with their content only when it is tall (a fraction, cases, a root). */
  private paren(s: string): string {
    return TALL.test(s) ? `\\left(${s}\\right)` : `(${s})`;
  }

  private call(fn: string, args: Node[]): string {
    const a = args.map((x) => this.print(x));
    const [u] = args;
    const base = () => (precedence(u) < PREC.atom ? this.paren(a[0]) : a[0]);
    switch (fn) {
      case 'abs':
        return `\\left|${a[0]}\\right|`;
      case 'sqrt':
        return `\\sqrt{${a[0]}}`;
      case 'cbrt':
        return `\\sqrt[3]{${a[0]}}`;
      case 'square':
        return `${base()}^{2}`;
      case 'pow':
        return `${base()}^{${a[1]}}`;
      case 'exp':
        return isShort(u) ? `e^{${a[0]}}` : `\\exp${this.paren(a[0])}`;
      case 'expm1':
        return `\\left(e^{${a[0]}} - 1\\right)`;
      case 'log':
        if (args.length === 2) return `\\log_{${a[1]}}${this.paren(a[0])}`;
        return `\\log${this.paren(a[0])}`;
      case 'log1p':
        return `\\log${this.paren(`1 + ${a[0]}`)}`;
      case 'log2':
        return `\\log_{2}${this.paren(a[0])}`;
      case 'log10':
        return `\\log_{10}${this.paren(a[0])}`;
      case 'max':
      case 'min':
        return `\\${fn}${this.paren(a.join(', '))}`;
      case 'sign':
        return `\\operatorname{sgn}${this.paren(a[0])}`;
      case 'round':
        return `\\operatorname{round}${this.paren(a[0])}`;
      case 'floor':
        return `\\left\\lfloor ${a[0]} \\right\\rfloor`;
      case 'ceil':
        return `\\left\\lceil ${a[0]} \\right\\rceil`;
      case 'sigmoid':
        return `\\sigma${this.paren(a[0])}`;
      case 'relu':
        return `\\operatorname{ReLU}${this.paren(a[0])}`;
      case 'softplus':
        return `\\operatorname{softplus}${this.paren(a[0])}`;
      case 'softmax':
        return `\\operatorname{softmax}${this.paren(a[0])}`;
      case 'logSoftmax':
        return `\\log\\operatorname{softmax}${this.paren(a[0])}`;
      case 'clip':
        return `\\operatorname{clip}${this.paren(a.join(', '))}`;
      case 'sin':
      case 'cos':
      case 'tan':
      case 'sinh':
      case 'cosh':
      case 'tanh':
        return `\\${fn}${this.paren(a[0])}`;
      case 'atan':
        return `\\arctan${this.paren(a[0])}`;
      case 'asin':
        return `\\arcsin${this.paren(a[0])}`;
      case 'acos':
        return `\\arccos${this.paren(a[0])}`;
      default:
        return `\\operatorname{${escapeText(fn)}}${this.paren(a.join(', '))}`;
    }
  }

  private wrap(n: Node, min: number): string {
    const s = this.print(n);
    return precedence(n) >= min ? s : this.paren(s);
  }
}

/** A cheap first test before a structural comparison; leaves are never replaced by a name. */
function shapeKey(n: Node): string | undefined {
  switch (n.kind) {
    case 'num':
    case 'const':
    case 'sym':
      return undefined;
    case 'op':
    case 'cmp':
    case 'logic':
      return `${n.kind}${n.op}`;
    case 'call':
      return `call${n.fn}${n.args.length}`;
    default:
      return n.kind;
  }
}

function isShort(n: Node): boolean {
  if (n.kind === 'sym' || n.kind === 'num' || n.kind === 'const') return true;
  if (n.kind === 'neg') return isShort(n.arg);
  if (n.kind === 'op' && n.op === '*') return isShort(n.left) && isShort(n.right);
  return false;
}

/** `u >= 0 ? 1 : -1`, which the derivative of |u| produces, reads as sgn(u). */
function signPattern(n: Extract<Node, { kind: 'cond' }>): Node | undefined {
  const t = n.test;
  const isOne = (x: Node) => x.kind === 'num' && x.value === 1;
  const isMinusOne = (x: Node) => (x.kind === 'neg' && isOne(x.arg)) || (x.kind === 'num' && x.value === -1);
  if (t.kind === 'cmp' && t.op === '>=' && t.right.kind === 'num' && t.right.value === 0 && isOne(n.then) && isMinusOne(n.else)) {
    return t.left;
  }
  return undefined;
}
