/**
 * Python source as a small tree: @lezer/python (pure JavaScript, error-tolerant, synchronous) parses the text, and
 * one walk copies its nodes into plain objects with parents, so the reader can go up and down freely. Helpers
 * read the pieces the lint needs: call arguments, names, literals, dotted paths.
 */
import { parser } from '@lezer/python';
import { UnparsableSource } from '../../engine/unparsableSource';

type Tree = ReturnType<typeof parser.parse>;

/** The parser's steps are small (a token or a reduction); the clock is read once every this many. */
const STEPS_BETWEEN_CHECKS = 64;

export interface PyNode {
  type: string;
  from: number;
  to: number;
  children: PyNode[];
  parent?: PyNode;
}

/** Punctuation carries no structure the reader needs once the tree is built (except in imports: `a.b, c`). */
const SKIPPED = new Set(['(', ')', '[', ']', '{', '}', ',', ':', '.', ';', 'Comment']);

export class PySource {
  readonly root: PyNode;
  /** Every node of a type, in source order. */
  private readonly byType = new Map<string, PyNode[]>();
  /** How far the parse got: the text's length, or less when `stop` ended it early (the tree covers the text before). */
  readonly parsedTo: number;

  /** `stop` is asked between the parser's steps; once it says so, the parse ends where it is. */
  constructor(
    readonly text: string,
    stop?: () => boolean,
  ) {
    const tree = parseWithin(text, stop);
    this.parsedTo = Math.min(text.length, tree.length);
    this.root = this.build(tree);
  }

  /** The tree's nodes; a walk the parser's tree still breaks (a TypeError inside @lezer) makes the file unparsable. */
  private build(tree: Tree): PyNode {
    try {
      return this.walk(tree);
    } catch (err) {
      if (err instanceof TypeError) throw new UnparsableSource('the Python parser could not build a tree of this file (malformed input it does not recover from); it was not read');
      throw err;
    }
  }

  private walk(tree: Tree): PyNode {
    const cursor = tree.cursor();
    const root: PyNode = { type: cursor.name, from: cursor.from, to: cursor.to, children: [] };
    const stack: PyNode[] = [root];
    if (!cursor.firstChild()) return root;
    for (;;) {
      const parent = stack[stack.length - 1];
      const name = nodeName(cursor);
      let node: PyNode | undefined;
      if (name !== undefined && (!SKIPPED.has(name) || (parent.type === 'ImportStatement' && (name === '.' || name === ',')))) {
        node = { type: name, from: cursor.from, to: cursor.to, children: [], parent };
        parent.children.push(node);
        let list = this.byType.get(name);
        if (!list) this.byType.set(name, (list = []));
        list.push(node);
      }
      if (node && cursor.firstChild()) {
        stack.push(node);
        continue;
      }
      while (!cursor.nextSibling()) {
        if (!cursor.parent() || stack.length === 1) return root;
        stack.pop();
      }
    }
  }

  all(type: string): readonly PyNode[] {
    return this.byType.get(type) ?? [];
  }

  source(n: PyNode): string {
    return this.text.slice(n.from, n.to);
  }
}

/**
 * The name of the cursor's node; undefined for the empty nodes without a type that @lezer/python 1.1 leaves in a
 * tree it recovered from certain errors (an unclosed call, a line of decorators, a very long expression after it).
 */
function nodeName(cursor: ReturnType<Tree['cursor']>): string | undefined {
  const type = cursor.type as (typeof cursor.type | undefined);
  return type?.name;
}

/** The parser's tree of `text`, cut short where `stop` first returns true (checked every few steps). */
function parseWithin(text: string, stop?: () => boolean): Tree {
  if (!stop) return parser.parse(text);
  const parse = parser.startParse(text);
  for (let step = 0; ; step++) {
    const tree = parse.advance();
    if (tree) return tree;
    if (step % STEPS_BETWEEN_CHECKS === 0 && parse.stoppedAt === null && stop()) parse.stopAt(parse.parsedPos);
  }
}

export function child(n: PyNode, type: string): PyNode | undefined {
  return n.children.find((c) => c.type === type);
}

export function* ancestors(n: PyNode): Generator<PyNode> {
  for (let p = n.parent; p; p = p.parent) yield p;
}

export function enclosing(n: PyNode, type: string): PyNode | undefined {
  for (const a of ancestors(n)) if (a.type === type) return a;
  return undefined;
}

export function* descendants(n: PyNode): Generator<PyNode> {
  const stack = [...n.children].reverse();
  while (stack.length) {
    const c = stack.pop()!;
    yield c;
    for (let i = c.children.length - 1; i >= 0; i--) stack.push(c.children[i]);
  }
}

/** Strips parentheses around an expression. */
export function unparen(n: PyNode): PyNode {
  let v = n;
  while (v.type === 'ParenthesizedExpression' && v.children.length === 1) v = v.children[0];
  return v;
}

export interface CallArgs {
  positional: PyNode[];
  keywords: Map<string, PyNode>;
  /** `*args` or `**kwargs` were passed: positions after them are unknown. */
  spread: boolean;
}

/** The arguments of a CallExpression (or a class's base list). */
export function callArgs(src: PySource, call: PyNode): CallArgs {
  const list = child(call, 'ArgList');
  const out: CallArgs = { positional: [], keywords: new Map(), spread: false };
  if (!list) return out;
  const kids = list.children;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    if (k.type === 'VariableName' && kids[i + 1]?.type === 'AssignOp' && kids[i + 2]) {
      out.keywords.set(src.source(k), kids[i + 2]);
      i += 2;
    } else if (k.type === '*' || k.type === '**' || (k.type === 'ArithOp' && /^\*\*?$/.test(src.source(k)))) {
      out.spread = true;
      i++;
    } else {
      out.positional.push(k);
    }
  }
  return out;
}

/** The argument at `position` or named `name`. */
export function argument(args: CallArgs, position: number, ...names: string[]): PyNode | undefined {
  for (const n of names) {
    const v = args.keywords.get(n);
    if (v) return v;
  }
  return args.spread ? undefined : args.positional[position];
}

/** `a.b.c` as ['a', 'b', 'c'] when the expression is a plain dotted name. */
export function dottedPath(src: PySource, n: PyNode): string[] | undefined {
  const v = unparen(n);
  if (v.type === 'VariableName') return [src.source(v)];
  if (v.type === 'MemberExpression' && v.children.length === 2 && v.children[1].type === 'PropertyName') {
    const head = dottedPath(src, v.children[0]);
    return head && [...head, src.source(v.children[1])];
  }
  return undefined;
}

/** The value of a string literal (no f-strings, no concatenation). */
export function stringValue(src: PySource, n: PyNode): string | undefined {
  const v = unparen(n);
  if (v.type !== 'String') return undefined;
  const m = /^([rRuU]?)('''|"""|'|")([\s\S]*)\2$/.exec(src.source(v));
  if (!m) return undefined;
  return m[1] ? m[3] : m[3].replace(/\\(.)/g, '$1');
}

/** The value of a number literal, negated numbers included. */
export function numberValue(src: PySource, n: PyNode): number | undefined {
  const v = unparen(n);
  if (v.type === 'Number') {
    const t = src.source(v).replace(/_/g, '');
    if (/[jJ]$/.test(t)) return undefined;
    const x = Number(/^0[oO]/.test(t) ? parseInt(t.slice(2), 8) : t.replace(/[lL]$/, ''));
    return Number.isFinite(x) ? x : undefined;
  }
  if (v.type === 'UnaryExpression' && v.children.length === 2 && v.children[0].type === 'ArithOp') {
    const x = numberValue(src, v.children[1]);
    const op = src.source(v.children[0]);
    return x === undefined ? undefined : op === '-' ? -x : op === '+' ? x : undefined;
  }
  return undefined;
}

/** The name a FunctionDefinition or ClassDefinition defines. */
export function definedName(src: PySource, def: PyNode): string | undefined {
  const n = child(def, 'VariableName');
  return n && src.source(n);
}

/** The parameter names of a function (`self` included), with their default value nodes. */
export function parameters(src: PySource, def: PyNode): { name: string; node: PyNode; default?: PyNode }[] {
  const list = child(def, 'ParamList');
  if (!list) return [];
  const out: { name: string; node: PyNode; default?: PyNode }[] = [];
  const kids = list.children;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    if (k.type !== 'VariableName') continue;
    const prev = kids[i - 1];
    if (prev && (prev.type === '*' || prev.type === '**' || prev.type === 'ArithOp')) continue;
    if (kids[i + 1]?.type === 'TypeDef') i++;
    if (kids[i + 1]?.type === 'AssignOp' && kids[i + 2]) {
      out.push({ name: src.source(k), node: k, default: kids[i + 2] });
      i += 2;
    } else {
      out.push({ name: src.source(k), node: k });
    }
  }
  return out;
}

/** The statements of a Body, flattening `a; b` groups. */
export function statements(body: PyNode | undefined): PyNode[] {
  if (!body) return [];
  const out: PyNode[] = [];
  for (const c of body.children) {
    if (c.type === 'StatementGroup') out.push(...c.children);
    else out.push(c);
  }
  return out;
}

/**
 * Whether a helper function returns a value computed with tanh (`def sigmoid(z): return 0.5 * (1 + np.tanh(0.5 * z))`):
 * a call whose name ends in `tanh` inside one of its return statements, comments and other branches' text aside.
 */
export function returnsThroughTanh(src: PySource, def: PyNode): boolean {
  const returns: PyNode[] = [];
  const collect = (body: PyNode | undefined): void => {
    for (const st of statements(body)) {
      if (st.type === 'ReturnStatement') returns.push(st);
      for (const c of st.children) if (c.type === 'Body') collect(c);
    }
  };
  collect(def.children.find((c) => c.type === 'Body'));
  const hasTanh = (n: PyNode): boolean => (n.type === 'CallExpression' && !!n.children[0] && /(?:^|\.)tanh$/.test(src.source(n.children[0]))) || n.children.some(hasTanh);
  return returns.length > 0 && returns.every(hasTanh);
}
