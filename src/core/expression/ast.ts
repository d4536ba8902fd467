/**
 * The expression tree the analysis works on. mathjs parses the source; `parse.ts` converts its nodes into
 * this small, immutable, fully typed tree and records where each node came from in the input, which
 * mathjs's own nodes do not.
 */

export interface Span {
  /** Offset of the first character in the input. */
  start: number;
  /** Offset one past the last character. */
  end: number;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '^';
export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type LogicOp = 'and' | 'or';

/** A comparison read from the other side (`a < b` is `b > a`). */
export const FLIPPED_COMPARISON: Readonly<Record<CompareOp, CompareOp>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '==', '!=': '!=' };
/** A comparison's negation (`!(a < b)` is `a >= b`). */
export const NEGATED_COMPARISON: Readonly<Record<CompareOp, CompareOp>> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '==': '!=', '!=': '==' };

export type Node =
  | { kind: 'num'; value: number; span?: Span }
  | { kind: 'const'; name: 'pi' | 'e'; span?: Span }
  | { kind: 'sym'; name: string; span?: Span }
  | { kind: 'neg'; arg: Node; span?: Span }
  | { kind: 'op'; op: BinaryOp; left: Node; right: Node; span?: Span }
  | { kind: 'call'; fn: string; args: Node[]; span?: Span }
  | { kind: 'cmp'; op: CompareOp; left: Node; right: Node; span?: Span }
  | { kind: 'logic'; op: LogicOp; left: Node; right: Node; span?: Span }
  | { kind: 'not'; arg: Node; span?: Span }
  | { kind: 'cond'; test: Node; then: Node; else: Node; span?: Span };

export const num = (value: number): Node => ({ kind: 'num', value });
export const sym = (name: string): Node => ({ kind: 'sym', name });

export function constValue(name: 'pi' | 'e'): number {
  return name === 'pi' ? Math.PI : Math.E;
}

/** Calls `visit` on every node, parents before children. */
export function walk(node: Node, visit: (n: Node, parent: Node | undefined) => void, parent?: Node): void {
  visit(node, parent);
  for (const child of children(node)) walk(child, visit, node);
}

export function children(node: Node): Node[] {
  switch (node.kind) {
    case 'num':
    case 'const':
    case 'sym':
      return [];
    case 'neg':
    case 'not':
      return [node.arg];
    case 'op':
    case 'cmp':
    case 'logic':
      return [node.left, node.right];
    case 'call':
      return node.args;
    case 'cond':
      return [node.test, node.then, node.else];
  }
}

export function symbolsOf(node: Node): Set<string> {
  const out = new Set<string>();
  walk(node, (n) => {
    if (n.kind === 'sym') out.add(n.name);
  });
  return out;
}

export function dependsOn(node: Node, name: string): boolean {
  switch (node.kind) {
    case 'sym':
      return node.name === name;
    case 'num':
    case 'const':
      return false;
    default:
      return children(node).some((c) => dependsOn(c, name));
  }
}

/** Counts nodes as a tree (shared subtrees count each time), stopping once the count passes `limit`. */
export function countNodes(node: Node, limit = Infinity): number {
  let n = 0;
  const stack: Node[] = [node];
  while (stack.length > 0 && n <= limit) {
    const cur = stack.pop() as Node;
    n++;
    for (const c of children(cur)) stack.push(c);
  }
  return n;
}

/**
 * Structural equality, ignoring spans. Derivatives share subtrees (a node and its copy in d/dx reach the same
 * children), so the same pair of nodes comes up again and again: pairs found equal are remembered for the call,
 * which keeps it linear in the size of the two graphs rather than exponential in their depth.
 */
export function sameNode(a: Node, b: Node): boolean {
  return sameIn(a, b, new WeakMap());
}

function sameIn(a: Node, b: Node, equal: WeakMap<Node, Set<Node>>): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  if (equal.get(a)?.has(b)) return true;
  const same = sameShallow(a, b, (x, y) => sameIn(x, y, equal));
  if (same) {
    let known = equal.get(a);
    if (!known) equal.set(a, (known = new Set()));
    known.add(b);
  }
  return same;
}

function sameShallow(a: Node, b: Node, same: (x: Node, y: Node) => boolean): boolean {
  switch (a.kind) {
    case 'num':
      return Object.is(a.value, (b as typeof a).value);
    case 'const':
    case 'sym':
      return a.name === (b as typeof a).name;
    case 'neg':
    case 'not':
      return same(a.arg, (b as typeof a).arg);
    case 'op':
    case 'cmp':
    case 'logic': {
      const o = b as typeof a;
      return a.op === o.op && same(a.left, o.left) && same(a.right, o.right);
    }
    case 'call': {
      const o = b as typeof a;
      return a.fn === o.fn && a.args.length === o.args.length && a.args.every((x, i) => same(x, o.args[i]));
    }
    case 'cond': {
      const o = b as typeof a;
      return same(a.test, o.test) && same(a.then, o.then) && same(a.else, o.else);
    }
  }
}

/** The node with `f` applied to each of its children (a leaf as it is): the one step of every tree rewrite. */
export function mapChildren(n: Node, f: (child: Node) => Node): Node {
  switch (n.kind) {
    case 'num':
    case 'const':
    case 'sym':
      return n;
    case 'neg':
    case 'not':
      return { ...n, arg: f(n.arg) };
    case 'op':
    case 'cmp':
    case 'logic':
      return { ...n, left: f(n.left), right: f(n.right) };
    case 'call':
      return { ...n, args: n.args.map(f) };
    case 'cond':
      return { ...n, test: f(n.test), then: f(n.then), else: f(n.else) };
  }
}

/** Replaces every occurrence of the symbol `name` by `by`. */
export function substitute(node: Node, name: string, by: Node): Node {
  switch (node.kind) {
    case 'sym':
      return node.name === name ? by : node;
    case 'num':
    case 'const':
      return node;
    case 'neg':
    case 'not':
      return { ...node, arg: substitute(node.arg, name, by) };
    case 'op':
    case 'cmp':
    case 'logic':
      return { ...node, left: substitute(node.left, name, by), right: substitute(node.right, name, by) };
    case 'call':
      return { ...node, args: node.args.map((a) => substitute(a, name, by)) };
    case 'cond':
      return {
        ...node,
        test: substitute(node.test, name, by),
        then: substitute(node.then, name, by),
        else: substitute(node.else, name, by),
      };
  }
}
