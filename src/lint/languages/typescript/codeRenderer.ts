/**
 * Writes a mathjs expression (a core fix) as JavaScript for the file it goes into: tf.* calls for tensor
 * code (or Tensor methods when the file only imports names), Math.* for scalar code. Subexpressions that
 * were translated from the file are written back as the original source text (`known`).
 */
import { formatNumber, type Node } from '../../../core';
import { CannotRender, normaliseKey, type Code, type ExpressionRenderer } from '../../engine/sourceMap';

export interface RenderStyle {
  style: 'tensor' | 'scalar';
  /** The name of the tf namespace in the file; Tensor methods are used when there is none. */
  namespace?: string;
}

const TENSOR_FUNCTIONS = new Set(['log', 'log1p', 'exp', 'expm1', 'sqrt', 'abs', 'sign', 'sigmoid', 'softplus', 'relu', 'tanh', 'sin', 'cos', 'tan', 'atan', 'sinh', 'cosh', 'square']);
const MATH_FUNCTIONS = new Set(['log', 'log1p', 'log2', 'log10', 'exp', 'expm1', 'sqrt', 'cbrt', 'abs', 'sign', 'tanh', 'sin', 'cos', 'tan', 'atan', 'sinh', 'cosh']);
const TF_COMPARE: Record<string, string> = { '<': 'less', '<=': 'lessEqual', '>': 'greater', '>=': 'greaterEqual', '==': 'equal', '!=': 'notEqual' };
const TF_ARITHMETIC: Record<string, string> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '^': 'pow' };

/** True when `code` can be an operand or a method receiver without parentheses. */
function atomic(code: string): boolean {
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && /[\s+\-*/?:<>=!&|,%]/.test(c) && !(c === '-' && i > 0 && /[eE]/.test(code[i - 1]) && /\d/.test(code[i - 2] ?? ''))) return false;
  }
  return true;
}

export function paren(code: string): string {
  return atomic(code) ? code : `(${code})`;
}

/** The ExpressionRenderer of TF.js code in one file's style. */
export class TfjsRenderer implements ExpressionRenderer {
  readonly tensorStyle: boolean;

  constructor(private readonly style: RenderStyle) {
    this.tensorStyle = style.style === 'tensor';
  }

  render(ast: Node, text: string, known: ReadonlyMap<string, Code>): string {
    return new RenderPass(text, known, this.style).node(ast).code;
  }

  paren(code: string): string {
    return paren(code);
  }
}

class RenderPass {
  constructor(
    private readonly source: string,
    private readonly known: ReadonlyMap<string, Code>,
    private readonly style: RenderStyle,
  ) {}

  node(n: Node): Code {
    if (n.span) {
      const hit = this.known.get(normaliseKey(this.source.slice(n.span.start, n.span.end)));
      if (hit) return hit;
    }
    switch (n.kind) {
      case 'num':
        if (!Number.isFinite(n.value)) throw new CannotRender('a fix never writes a number that is not finite (the user spelled it as a finite literal)');
        return { code: formatNumber(n.value), tensor: false };
      case 'const':
        return { code: n.name === 'pi' ? 'Math.PI' : 'Math.E', tensor: false };
      case 'sym':
        throw new CannotRender(`no source for ${n.name}`);
      case 'neg': {
        const a = this.node(n.arg);
        return a.tensor ? this.tf('neg', [a]) : { code: `-${paren(a.code)}`, tensor: false };
      }
      case 'op': {
        const a = this.node(n.left);
        const b = this.node(n.right);
        if (a.tensor || b.tensor) return this.tf(TF_ARITHMETIC[n.op], [a, b]);
        if (n.op === '^') return { code: `Math.pow(${a.code}, ${b.code})`, tensor: false };
        return { code: `${paren(a.code)} ${n.op} ${paren(b.code)}`, tensor: false };
      }
      case 'call':
        return this.call(n.fn, n.args.map((a) => this.node(a)));
      case 'cmp': {
        const a = this.node(n.left);
        const b = this.node(n.right);
        if (a.tensor || b.tensor) return this.tf(TF_COMPARE[n.op], [a, b]);
        const op = n.op === '==' ? '===' : n.op === '!=' ? '!==' : n.op;
        return { code: `${paren(a.code)} ${op} ${paren(b.code)}`, tensor: false };
      }
      case 'logic': {
        const a = this.node(n.left);
        const b = this.node(n.right);
        if (a.tensor || b.tensor) return this.tf(n.op === 'and' ? 'logicalAnd' : 'logicalOr', [a, b]);
        return { code: `${paren(a.code)} ${n.op === 'and' ? '&&' : '||'} ${paren(b.code)}`, tensor: false };
      }
      case 'not': {
        const a = this.node(n.arg);
        return a.tensor ? this.tf('logicalNot', [a]) : { code: `!${paren(a.code)}`, tensor: false };
      }
      case 'cond': {
        const [t, a0, b0] = [this.node(n.test), this.node(n.then), this.node(n.else)];
        if (t.tensor || a0.tensor || b0.tensor) {
          // tf.where takes tensors of one shape: a number beside a tensor branch becomes a tensor like it.
          const a = a0.tensor ? a0 : b0.tensor ? this.like(b0, n.then) : a0;
          const b = b0.tensor ? b0 : a0.tensor ? this.like(a0, n.else) : b0;
          if (!(t.tensor && a.tensor && b.tensor)) throw new CannotRender('tf.where needs tensors on both branches');
          return this.tf('where', [t, a, b]);
        }
        return { code: `${paren(t.code)} ? ${paren(a0.code)} : ${paren(b0.code)}`, tensor: false };
      }
    }
  }

  private call(fn: string, args: Code[]): Code {
    const tensor = args.some((a) => a.tensor);
    if (tensor) {
      switch (fn) {
        case 'clip':
          return args[1].tensor || args[2].tensor ? this.tf('minimum', [this.tf('maximum', [args[0], args[1]]), args[2]]) : this.tf('clipByValue', args);
        case 'max':
        case 'min':
          return args.slice(1).reduce((acc, a) => this.tf(fn === 'max' ? 'maximum' : 'minimum', [acc, a]), args[0]);
        default:
          if (TENSOR_FUNCTIONS.has(fn) && args.length === 1) return this.tf(fn, args);
          throw new CannotRender(`no tf op for ${fn}`);
      }
    }
    const a = args.map((x) => x.code);
    switch (fn) {
      case 'clip':
        return { code: `Math.min(Math.max(${a[0]}, ${a[1]}), ${a[2]})`, tensor: false };
      case 'max':
      case 'min':
        return { code: `Math.${fn}(${a.join(', ')})`, tensor: false };
      case 'relu':
        return { code: `Math.max(${a[0]}, 0)`, tensor: false };
      case 'sigmoid':
        return { code: `1 / (1 + Math.exp(-${paren(a[0])}))`, tensor: false };
      case 'softplus':
        return { code: `(Math.max(${a[0]}, 0) + Math.log1p(Math.exp(-Math.abs(${a[0]}))))`, tensor: false };
      case 'square':
        return { code: `${paren(a[0])} * ${paren(a[0])}`, tensor: false };
      default:
        if (MATH_FUNCTIONS.has(fn)) return { code: `Math.${fn}(${a.join(', ')})`, tensor: false };
        throw new CannotRender(`no Math function for ${fn}`);
    }
  }

  /** A constant as a tensor of `shape`'s shape: `tf.onesLike(x)`, `tf.zerosLike(x)`, `tf.mul(tf.onesLike(x), k)`. */
  private like(shape: Code, value: Node): Code {
    if (value.kind !== 'num') throw new CannotRender('only a number can take a tensor\'s shape');
    if (value.value === 1) return this.tf('onesLike', [shape]);
    if (value.value === 0) return this.tf('zerosLike', [shape]);
    return this.tf('mul', [this.tf('onesLike', [shape]), { code: formatNumber(value.value), tensor: false }]);
  }

  /** `tf.op(a, b)`, or `a.op(b)` when the file has no tf namespace. */
  private tf(op: string, args: Code[]): Code {
    if (this.style.style === 'scalar' && !args.some((a) => a.tensor)) throw new CannotRender('scalar code');
    const ns = this.style.namespace;
    if (ns) return { code: `${ns}.${op}(${args.map((a) => a.code).join(', ')})`, tensor: true };
    const [first, ...rest] = args;
    if (first.tensor) return { code: `${paren(first.code)}.${op}(${rest.map((a) => a.code).join(', ')})`, tensor: true };
    if (args.length === 2 && (op === 'add' || op === 'mul' || op === 'maximum' || op === 'minimum')) {
      return { code: `${paren(args[1].code)}.${op}(${first.code})`, tensor: true };
    }
    if (args.length === 2 && op === 'sub') return { code: `${paren(args[1].code)}.neg().add(${first.code})`, tensor: true };
    throw new CannotRender(`cannot write ${op} as a Tensor method`);
  }
}

/** The quote a file uses most in its first 20,000 characters. */
export function dominantQuote(text: string): "'" | '"' {
  const head = text.slice(0, 20_000);
  let single = 0;
  let double = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] === "'") single++;
    else if (head[i] === '"') double++;
  }
  return single >= double ? "'" : '"';
}
