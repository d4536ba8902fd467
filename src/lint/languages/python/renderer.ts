/**
 * Writes a core fix as Python in the file's own library: `torch.clamp(p, 1e-7, 1 - 1e-7)`, `np.clip(…)`,
 * `tf.clip_by_value(…)`, `K.clip(y_pred, K.epsilon(), 1 - K.epsilon())`, `jnp.clip(…)`, with the aliases the file
 * imports. Subexpressions translated from the file are written back as they were. `log(softmax(x))` and
 * `log(sigmoid(x))` become the library's stable functions (`F.log_softmax(x, dim=1)`, `F.logsigmoid(x)`).
 */
import { formatNumber, type Fix, type Node } from '../../../core';
import type { Framework } from '../../engine/frontEnd';
import { CannotRender, fileRangeOf, normaliseKey, type Code, type ExpressionMap, type ExpressionRenderer } from '../../engine/sourceMap';
import type { SourceFix } from '../../engine/types';
import type { PyFile } from './pyFile';
import type { ActivationLog } from './translate';
import { ownEntry } from '../../../core';

export interface RenderStyle {
  framework: Framework;
  /** How the file writes each module it has: `torch`, `F`, `np`, `jnp`, `jax.nn`, `tf`, `K`, `ops`. */
  modules: Partial<Record<'torch' | 'functional' | 'numpy' | 'jnp' | 'jaxnn' | 'tf' | 'K' | 'ops', string>>;
}

const WANTED: readonly [keyof RenderStyle['modules'], string][] = [
  ['torch', 'torch'], ['functional', 'torch.nn.functional'], ['numpy', 'numpy'], ['jnp', 'jax.numpy'], ['jaxnn', 'jax.nn'], ['tf', 'tensorflow'], ['K', 'keras.backend'], ['ops', 'keras.ops'],
];

/** The module aliases of a file, for the code fixes write. */
export function renderStyle(file: PyFile, framework: Framework): RenderStyle {
  const modules: RenderStyle['modules'] = {};
  const candidates = ['torch', 'F', 'nn', 'np', 'numpy', 'jnp', 'jax', 'tf', 'tensorflow', 'K', 'ops', 'keras'];
  const b = file.bindings;
  const named = (name: string) => (b.hasImports ? b.importedName(name) : b.resolveName(name));
  for (const [key, path] of WANTED) {
    for (const name of candidates) if (named(name) === path && !modules[key]) modules[key] = name;
  }
  if (!modules.functional && modules.torch) modules.functional = `${modules.torch}.nn.functional`;
  if (!modules.jaxnn && named('jax') === 'jax') modules.jaxnn = 'jax.nn';
  return { framework, modules };
}

function atomic(code: string): boolean {
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && /[\s+\-*/<>=!&|,%]/.test(c) && !(c === '-' && i > 0 && /[eE]/.test(code[i - 1]) && /\d/.test(code[i - 2] ?? ''))) return false;
  }
  return true;
}

function paren(code: string): string {
  return atomic(code) ? code : `(${code})`;
}

/** Function names per library: [module key, name]. */
function libraryFunction(style: RenderStyle, fn: string): string {
  const m = style.modules;
  const need = (key: keyof RenderStyle['modules']) => {
    const v = m[key];
    if (!v) throw new CannotRender(`the file has no ${key} module`);
    return v;
  };
  switch (style.framework) {
    case 'pytorch': {
      if (fn === 'softplus') return `${need('functional')}.softplus`;
      return `${need('torch')}.${fn === 'clip' ? 'clamp' : fn === 'max' ? 'maximum' : fn === 'min' ? 'minimum' : fn}`;
    }
    case 'numpy':
      return `${need('numpy')}.${fn === 'max' ? 'maximum' : fn === 'min' ? 'minimum' : fn}`;
    case 'jax':
      if (fn === 'softplus' || fn === 'sigmoid' || fn === 'relu') return `${need('jaxnn')}.${fn}`;
      return `${need('jnp')}.${fn === 'max' ? 'maximum' : fn === 'min' ? 'minimum' : fn}`;
    default: {
      if (m.K) return `${m.K}.${fn === 'max' ? 'maximum' : fn === 'min' ? 'minimum' : fn}`;
      if (m.tf) {
        const tfNames: Record<string, string> = { clip: 'clip_by_value', max: 'maximum', min: 'minimum', log: 'math.log', log1p: 'math.log1p', softplus: 'math.softplus', sigmoid: 'math.sigmoid' };
        return `${m.tf}.${ownEntry(tfNames, fn) ?? fn}`;
      }
      return `${need('ops')}.${fn === 'max' ? 'maximum' : fn === 'min' ? 'minimum' : fn}`;
    }
  }
}

const FUNCTIONS = new Set(['log', 'log1p', 'exp', 'expm1', 'sqrt', 'abs', 'sign', 'sigmoid', 'softplus', 'relu', 'tanh', 'sin', 'cos', 'sinh', 'cosh', 'clip', 'max', 'min']);

export class PythonRenderer implements ExpressionRenderer {
  readonly tensorStyle = true;

  constructor(private readonly style: RenderStyle) {}

  render(ast: Node, text: string, known: ReadonlyMap<string, Code>): string {
    return this.node(ast, text, known).code;
  }

  paren(code: string): string {
    return paren(code);
  }

  private number(v: number): string {
    if (v === 1e-7 && this.style.modules.K && (this.style.framework === 'keras' || this.style.framework === 'tensorflow')) return `${this.style.modules.K}.epsilon()`;
    const t = formatNumber(v);
    return t === 'Infinity' ? "float('inf')" : t;
  }

  private node(n: Node, text: string, known: ReadonlyMap<string, Code>): Code {
    if (n.span) {
      const hit = known.get(normaliseKey(text.slice(n.span.start, n.span.end)));
      if (hit) return hit;
    }
    const r = (x: Node) => this.node(x, text, known);
    switch (n.kind) {
      case 'num':
        if (!Number.isFinite(n.value)) throw new CannotRender('a fix never writes a number that is not finite (the user spelled it as a finite literal)');
        return { code: this.number(n.value), tensor: false };
      case 'const':
        return { code: n.name === 'pi' ? '3.141592653589793' : '2.718281828459045', tensor: false };
      case 'sym':
        throw new CannotRender(`no source for ${n.name}`);
      case 'neg':
        return { code: `-${paren(r(n.arg).code)}`, tensor: r(n.arg).tensor };
      case 'op': {
        const a = r(n.left);
        const b = r(n.right);
        const op = n.op === '^' ? '**' : n.op;
        return { code: `${paren(a.code)} ${op} ${paren(b.code)}`, tensor: a.tensor || b.tensor };
      }
      case 'cmp': {
        const a = r(n.left);
        const b = r(n.right);
        return { code: `${paren(a.code)} ${n.op} ${paren(b.code)}`, tensor: a.tensor || b.tensor };
      }
      case 'logic': {
        const a = r(n.left);
        const b = r(n.right);
        const t = a.tensor || b.tensor;
        return { code: t ? `(${a.code}) ${n.op === 'and' ? '&' : '|'} (${b.code})` : `${paren(a.code)} ${n.op} ${paren(b.code)}`, tensor: t };
      }
      case 'not': {
        const a = r(n.arg);
        return { code: a.tensor ? `~(${a.code})` : `not ${paren(a.code)}`, tensor: a.tensor };
      }
      case 'cond': {
        const [t, a, b] = [r(n.test), r(n.then), r(n.else)];
        if (t.tensor || a.tensor || b.tensor) return { code: `${libraryFunction(this.style, 'where')}(${t.code}, ${a.code}, ${b.code})`, tensor: true };
        return { code: `${paren(a.code)} if ${paren(t.code)} else ${paren(b.code)}`, tensor: false };
      }
      case 'call': {
        const args = n.args.map(r);
        const tensor = args.some((a) => a.tensor);
        if (!FUNCTIONS.has(n.fn)) throw new CannotRender(`no function for ${n.fn}`);
        if ((n.fn === 'max' || n.fn === 'min') && args.length === 2 && this.style.framework === 'pytorch') {
          const [x, c] = args[0].tensor ? args : [args[1], args[0]];
          if (!c.tensor) return { code: `${libraryFunction(this.style, 'clip')}(${x.code}, ${n.fn === 'max' ? 'min' : 'max'}=${c.code})`, tensor: true };
        }
        if (n.fn === 'softplus' && this.style.framework === 'numpy') return { code: `${libraryFunction(this.style, 'logaddexp')}(0, ${args[0].code})`, tensor };
        if (n.fn === 'sigmoid' && this.style.framework === 'numpy') return { code: `1 / (1 + ${libraryFunction(this.style, 'exp')}(-${paren(args[0].code)}))`, tensor };
        return { code: `${libraryFunction(this.style, n.fn)}(${args.map((a) => a.code).join(', ')})`, tensor };
      }
    }
  }
}

/** `log(softmax(x))` → the library's log_softmax, `log(sigmoid(x))` → its log-sigmoid, when a core fix rewrites that log. */
export function stableLogFix(file: PyFile, map: ExpressionMap, fix: Fix, logs: readonly ActivationLog[], style: RenderStyle): SourceFix | undefined {
  if (logs.length === 0 || fix.edits.length !== 1) return undefined;
  const e = fix.edits[0];
  const range = fileRangeOf(map, e.start, e.end);
  const hit = range && logs.find((l) => l.log.from === range.start && l.log.to === range.end);
  if (!hit) return undefined;
  const src = file.src;
  const input = src.source(hit.input);
  const rest = hit.rest ? `, ${hit.rest}` : '';
  let text: string | undefined;
  if (hit.path.startsWith('.')) {
    text = hit.kind === 'softmax' ? `${paren(input)}.log_softmax(${hit.rest})` : `${style.modules.functional ?? 'torch.nn.functional'}.logsigmoid(${input})`;
  } else if (hit.path.startsWith('torch')) {
    const f = style.modules.functional ?? `${style.modules.torch ?? 'torch'}.nn.functional`;
    text = hit.kind === 'softmax' ? `${f}.log_softmax(${input}${rest})` : `${f}.logsigmoid(${input})`;
  } else if (hit.path.startsWith('jax')) {
    const m = hit.path.slice(0, hit.path.lastIndexOf('.')) === 'jax.nn' ? src.source(hit.activation.children[0]).replace(/\.\w+$/, '') : 'jax.nn';
    text = hit.kind === 'softmax' ? `${m}.log_softmax(${input}${rest})` : `${m}.log_sigmoid(${input})`;
  } else if (hit.path.startsWith('tensorflow') || hit.path.startsWith('keras')) {
    const tf = style.modules.tf;
    if (!tf) return undefined;
    text = hit.kind === 'softmax' ? `${tf}.nn.log_softmax(${input}${rest})` : `${tf}.math.log_sigmoid(${input})`;
  } else if (hit.kind === 'sigmoid' && style.modules.numpy) {
    text = `-${style.modules.numpy}.logaddexp(0, -${paren(input)})`;
  }
  if (!text) return undefined;
  return { title: `Use the stable form ${text}`, edits: [{ start: hit.log.from, end: hit.log.to, text }], preferred: true };
}
