import { ExpressionError } from '../expressionError';
import { isKnownFunction } from '../functions';
import { ownEntry } from '../../ownEntry';

/**
 * LaTeX pasted from a paper, read by the Compute Engine's LaTeX parser (@cortex-js/compute-engine, its
 * latex-syntax part only) into MathJSON, and written out in mathjs syntax for the analysis:
 * `-\frac{1}{n}\sum_i [y_i \log \hat{y}_i + …]` becomes `-(y*log(ŷ) + …)`, the batch reduction and index
 * read per element, `\hat{y}` as the prediction ŷ. This module is bundled on its own (dist/latex.cjs) and
 * loaded only when LaTeX arrives. What cannot be read is an ExpressionError that says what to write.
 */
type MathJson = number | string | { num?: string; fn?: MathJson[]; sym?: string; str?: string } | MathJson[];

export interface LatexReading {
  /** The loss in mathjs syntax. */
  expression: string;
  assumptions: string[];
}

let parser: ((latex: string) => MathJson) | undefined;

function parseLatex(latex: string): MathJson {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  parser ??= (require('@cortex-js/compute-engine/latex-syntax') as { parse(latex: string): MathJson }).parse;
  return parser(latex);
}

const BATCH_INDEX = /^(.+?)_(?:\{?[ijkn]\}?)$/;
const SYMBOLS: Record<string, string> = {
  EulerGamma: 'gamma', Pi: 'pi', ExponentialE: 'e', epsilonSymbol: 'epsilon', varepsilon: 'epsilon', thetaSymbol: 'theta', phiSymbol: 'phi',
};
const FUNCTIONS: Record<string, string> = {
  Ln: 'log', Log: 'log', Exp: 'exp', Sqrt: 'sqrt', Abs: 'abs', Max: 'max', Min: 'min', Tanh: 'tanh', Sinh: 'sinh', Cosh: 'cosh',
  Sin: 'sin', Cos: 'cos', Tan: 'tan', Arctan: 'atan', Sign: 'sign', Lb: 'log2', Lg: 'log10', Square: 'square',
};
const COMPARE: Record<string, string> = { Less: '<', LessEqual: '<=', Greater: '>', GreaterEqual: '>=', NotEqual: '!=' };

export function readLatex(latex: string): LatexReading {
  let json: MathJson;
  try {
    json = parseLatex(latex.trim().replace(/[.,;]\s*$/, ''));
  } catch (err) {
    throw new ExpressionError(`could not read the LaTeX: ${(err as Error)?.message ?? String(err)}`, 1);
  }
  const assumptions = new Set<string>();
  const writer = new Writer(assumptions);
  let expression: string;
  if (Array.isArray(json) && json[0] === 'Equal' && json.length === 3) {
    const name = writer.symbol(json[1]);
    expression = `${/^[A-Za-z_]\w*$/.test(name) ? `${name} = ` : ''}${writer.write(json[2])}`;
  } else {
    expression = writer.write(json);
  }
  return { expression, assumptions: [...assumptions] };
}

class Writer {
  constructor(private readonly assumptions: Set<string>) {}

  symbol(x: MathJson): string {
    if (typeof x === 'string') return this.name(x);
    if (Array.isArray(x) && x[0] === 'OverHat' && x.length === 2) return this.hat(x[1]);
    if (Array.isArray(x) && x[0] === 'Subscript' && x.length === 3) return this.subscript(x[1], x[2]);
    return this.write(x);
  }

  private name(raw: string): string {
    const mapped = ownEntry(SYMBOLS, raw) ?? raw;
    const indexed = BATCH_INDEX.exec(mapped);
    if (indexed) {
      this.assumptions.add(`${mapped} is read as one example of the batch (the index dropped)`);
      return this.name(indexed[1]);
    }
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(mapped) && mapped !== 'ŷ') throw new ExpressionError(`the LaTeX symbol '${raw}' cannot be read as a name; write it as a plain letter or word`, 1);
    return mapped;
  }

  private hat(x: MathJson): string {
    const base = this.symbol(x);
    if (base === 'y') return 'ŷ';
    this.assumptions.add(`\\hat{${base}} is read as ${base}_hat`);
    return `${base}_hat`;
  }

  private subscript(base: MathJson, sub: MathJson): string {
    const b = this.symbol(base);
    const s = typeof sub === 'string' ? sub : typeof sub === 'number' ? String(sub) : undefined;
    if (s === undefined) throw new ExpressionError('a subscript that is not a name or a number cannot be read; write x_t or x_1', 1);
    if (/^[ijkn]$/.test(s)) {
      this.assumptions.add(`${b}_${s} is read as one example of the batch (the index dropped)`);
      return b;
    }
    return `${b}_${s}`;
  }

  write(x: MathJson): string {
    if (typeof x === 'number') return String(x);
    if (typeof x === 'string') return this.symbol(x);
    if (!Array.isArray(x)) {
      if (x.num !== undefined) return x.num;
      if (x.fn !== undefined) return this.write(x.fn);
      if (x.sym !== undefined) return this.symbol(x.sym);
      throw new ExpressionError(`the LaTeX has text (${JSON.stringify(x.str ?? x).slice(0, 40)}) where a formula was expected`, 1);
    }
    const [head, ...args] = x;
    if (typeof head !== 'string') throw new ExpressionError('the LaTeX has a construct that cannot be read as a loss', 1);
    const w = (a: MathJson) => this.write(a);
    const group = (a: MathJson) => `(${w(a)})`;
    switch (head) {
      case 'Error': {
        const command = JSON.stringify(args).match(/\\\\[A-Za-z]+/)?.[0]?.replace(/\\\\/g, '\\');
        throw new ExpressionError(`the LaTeX cannot be read${command ? ` (${command} is not a command it knows)` : ''}; write it with \\frac, \\log, \\exp, \\sqrt, \\hat{y}, \\sum, \\max or a cases block`, 1);
      }
      case 'List':
      case 'Tuple':
        return args.length === 1 ? group(args[0]) : `(${args.map(w).join(', ')})`;
      case 'Delimiter':
        return args.length === 1 ? group(args[0]) : `(${args.map(w).join(', ')})`;
      case 'Sequence':
        return args.map(w).join(', ');
      case 'Add':
        return args.map(w).join(' + ');
      case 'Subtract':
        return `${w(args[0])} - ${group(args[1])}`;
      case 'Negate':
        return `-${group(args[0])}`;
      case 'Multiply':
        return args.map(group).join(' * ');
      case 'Divide':
      case 'Rational':
        if (typeof args[0] === 'number' && typeof args[1] === 'number' && args[1] !== 0) return String(args[0] / args[1]);
        return `${group(args[0])} / ${group(args[1])}`;
      case 'Power':
        return `${group(args[0])} ^ ${group(args[1])}`;
      case 'Root':
        return `${group(args[0])} ^ (1 / ${group(args[1])})`;
      case 'Log':
        return args.length === 2 ? `log(${w(args[0])}, ${w(args[1])})` : `log(${w(args[0])})`;
      case 'Sum':
      case 'Mean':
        this.assumptions.add(head === 'Sum' ? 'the sum over the batch is read per element' : 'the mean over the batch is read per element');
        return group(args[0]);
      case 'Which':
        return this.cases(args);
      case 'InvisibleOperator':
        return this.juxtaposed(args);
      case 'OverHat':
        return args.length === 1 ? this.hat(args[0]) : 'ŷ';
      case 'Subscript':
        return this.subscript(args[0], args[1]);
      case 'HorizontalSpacing':
        return '';
      case 'And':
      case 'Or':
        return args.map(group).join(head === 'And' ? ' and ' : ' or ');
      case 'Equal':
        return `${group(args[0])} == ${group(args[1])}`;
      default:
        if (Object.hasOwn(COMPARE, head)) return `${group(args[0])} ${COMPARE[head]} ${group(args[1])}`;
        if (Object.hasOwn(FUNCTIONS, head)) return `${FUNCTIONS[head]}(${args.map(w).join(', ')})`;
        throw new ExpressionError(`the LaTeX uses ${head}, which is not a loss function Loss Lens reads; write it with log, exp, sqrt, |…|, \\max, \\frac, \\sum or cases`, 1);
    }
  }

  /** `y \log \hat{y}` is a product; `\sigma(z)` and `\operatorname{softplus}(z)` are calls; `1/n \sum …` is a mean. */
  private juxtaposed(args: MathJson[]): string {
    const parts: string[] = [];
    for (let k = 0; k < args.length; k++) {
      const a = args[k];
      const next = args[k + 1];
      if (Array.isArray(a) && a[0] === 'HorizontalSpacing') continue;
      if (Array.isArray(a) && a[0] === 'OverHat' && a.length === 1 && next !== undefined) {
        parts.push(this.hat(next));
        k++;
        continue;
      }
      if (Array.isArray(a) && a[0] === 'Divide' && a[1] === 1 && typeof a[2] === 'string' && /^[nNmB]$/.test(a[2]) && Array.isArray(next) && (next[0] === 'Sum' || next[0] === 'Negate')) {
        this.assumptions.add('the mean over the batch (1/n Σ) is read per element');
        continue;
      }
      if (typeof a === 'string' && Array.isArray(next) && next[0] === 'Delimiter') {
        const fn = a === 'sigma' ? 'sigmoid' : a;
        if (fn === 'sigmoid' || isKnownFunction(fn)) {
          if (a === 'sigma') this.assumptions.add('σ(…) is read as the sigmoid');
          parts.push(`${fn}(${next.slice(1).map((x) => this.write(x)).join(', ')})`);
          k++;
          continue;
        }
      }
      if (Array.isArray(a) && a[0] === 'Negate' && parts.length === 0) {
        parts.push(`-(${this.juxtaposed([a[1], ...args.slice(k + 1)])})`);
        break;
      }
      parts.push(`(${this.write(a)})`);
    }
    return parts.length === 1 ? parts[0] : parts.join(' * ');
  }

  private cases(args: MathJson[]): string {
    let out = '';
    let close = '';
    for (let k = 0; k + 1 < args.length; k += 2) {
      const condition = args[k];
      const value = this.write(args[k + 1]);
      if (condition === 'True' || condition === 'Otherwise') return `${out}(${value})${close}`;
      out += `(${this.write(condition)}) ? (${value}) : (`;
      close += ')';
    }
    throw new ExpressionError('a cases block needs an "otherwise" row (\\text{otherwise})', 1);
  }
}
