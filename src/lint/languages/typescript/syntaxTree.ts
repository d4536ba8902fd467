/**
 * A parsed file and cheap navigation over it. The parser runs without parent pointers (setting them all
 * costs a second pass over every node); `parent()` sets them on demand along the path from the root to the
 * node asked about, so lookups pay only for the nodes a loss site touches.
 */
import type * as TS from 'typescript';
import { typescript } from './compiler';

export class SyntaxTree {
  readonly ts: typeof TS;

  constructor(
    readonly file: TS.SourceFile,
    readonly text: string,
  ) {
    this.ts = typescript();
  }

  /** Where each node asked about starts: finding it skips the node's leading trivia, which can be a long comment. */
  private readonly starts = new WeakMap<TS.Node, number>();

  start(node: TS.Node): number {
    let start = this.starts.get(node);
    if (start === undefined) {
      start = node.getStart(this.file);
      this.starts.set(node, start);
    }
    return start;
  }

  /**
   * Whether some identifier of the file (a name, a property or a parameter; not a word in a string or a comment) may
   * pass `test`: the parser's own table of every identifier's text, so that a scan of the whole text for a word
   * (`exp(`, a loss-named function) is skipped in a file that has no such name. True when the table is missing (it is
   * TypeScript's internal `identifiers`): the scan then runs as before.
   */
  mayHaveIdentifier(test: (name: string) => boolean): boolean {
    const names = (this.file as { identifiers?: ReadonlyMap<string, string> }).identifiers;
    if (!names || typeof names.keys !== 'function') return true;
    for (const name of names.keys()) if (test(name)) return true;
    return false;
  }

  /** Whether the file may have an identifier spelled `name` (see mayHaveIdentifier). */
  mayHaveName(...names: string[]): boolean {
    const table = (this.file as { identifiers?: ReadonlyMap<string, string> }).identifiers;
    if (!table || typeof table.has !== 'function') return true;
    return names.some((n) => table.has(n));
  }

  source(node: TS.Node): string {
    return this.text.slice(this.start(node), node.end);
  }

  /** A node's text without whitespace, for comparing code written with different spacing (`this.actor`, `x[0, 1]`). */
  compactSource(node: TS.Node): string {
    return this.source(node).replace(/\s+/g, '');
  }

  parent(node: TS.Node): TS.Node | undefined {
    if (node === this.file) return undefined;
    if (!node.parent) this.linkPathTo(node);
    return node.parent;
  }

  /** Ancestors from the parent up to the file. */
  *ancestors(node: TS.Node): Generator<TS.Node> {
    for (let p = this.parent(node); p; p = this.parent(p)) yield p;
  }

  /** The innermost node whose text (without leading trivia) contains [start, end), parents linked. */
  nodeAt(start: number, end = start): TS.Node {
    let current: TS.Node = this.file;
    for (;;) {
      const next = this.childContaining(current, start, end, (child) => this.start(child) <= start);
      if (!next) return current;
      current = next;
    }
  }

  private linkPathTo(target: TS.Node): void {
    let current: TS.Node = this.file;
    for (let depth = 0; depth < 10_000; depth++) {
      const next = this.childContaining(current, target.pos, target.end, () => true, target);
      if (!next || next === target) return;
      current = next;
    }
  }

  /**
   * The child of `node` whose range holds [start, end) (`target` itself when it is a child), with parent
   * pointers set. Statement lists, which can hold thousands of nodes in a large file, are binary-searched.
   */
  private childContaining(node: TS.Node, start: number, end: number, accept: (child: TS.Node) => boolean, target?: TS.Node): TS.Node | undefined {
    const statements = (node as { statements?: TS.NodeArray<TS.Statement> }).statements;
    if (statements && statements.length > 16 && (this.ts.isSourceFile(node) || this.ts.isBlock(node) || this.ts.isModuleBlock(node))) {
      let lo = 0;
      let hi = statements.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (statements[mid].pos <= start) lo = mid;
        else hi = mid - 1;
      }
      const st = statements[lo];
      if (st && st.pos <= start && end <= st.end) {
        (st as { parent: TS.Node }).parent = node;
        if (st === target || accept(st)) return st;
      }
      if (this.ts.isSourceFile(node) && node.endOfFileToken.pos <= start) (node.endOfFileToken as { parent: TS.Node }).parent = node;
      return undefined;
    }
    let next: TS.Node | undefined;
    this.ts.forEachChild(node, (child) => {
      (child as { parent: TS.Node }).parent = node;
      if (child === target) next = child;
      else if (!next && child.pos <= start && end <= child.end && accept(child)) next = child;
      return undefined;
    });
    return next;
  }
}

/** `a || b` or `a ?? b`: a value, else a fallback (`config.loss || 'mse'`, `model ?? build()`). */
export function isFallback(ts: typeof TS, node: TS.Node): node is TS.BinaryExpression {
  return ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.BarBarToken || node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken);
}

/** Strips parentheses, `as`/`satisfies`/`<T>` casts and non-null assertions. */
/** The name an operand goes by: `targets`, `this.outputs` → outputs, `targets[i]` → targets. */
export function rootName(ts: typeof TS, e: TS.Expression): string | undefined {
  let u = unwrapExpression(ts, e);
  while (ts.isElementAccessExpression(u)) u = unwrapExpression(ts, u.expression);
  if (ts.isIdentifier(u)) return u.text;
  if (ts.isPropertyAccessExpression(u)) return u.name.text;
  return undefined;
}

export function unwrapExpression(ts: typeof TS, node: TS.Expression): TS.Expression {
  let n = node;
  for (;;) {
    if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isSatisfiesExpression(n) || ts.isTypeAssertionExpression(n)) {
      n = n.expression;
    } else if (ts.isAwaitExpression(n)) {
      n = n.expression;
    } else {
      return n;
    }
  }
}

/** The name of a property (identifier, string or numeric literal key). */
export function propertyName(ts: typeof TS, name: TS.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

/** The property a destructured name reads (`{ output: target }` reads `output`), when written as a name or a string. */
export function bindingKey(ts: typeof TS, element: TS.BindingElement): string | undefined {
  const name = element.propertyName ?? element.name;
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** The property `name` of an object literal, the last one when repeated (as JavaScript reads it). */
export function objectProperty(ts: typeof TS, obj: TS.ObjectLiteralExpression, name: string): TS.ObjectLiteralElementLike | undefined {
  let found: TS.ObjectLiteralElementLike | undefined;
  for (const p of obj.properties) {
    if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) || ts.isMethodDeclaration(p)) && p.name && propertyName(ts, p.name) === name) found = p;
  }
  return found;
}

/** The value of a property: the initializer, or the identifier of a shorthand `{ loss }`. */
export function propertyValue(ts: typeof TS, p: TS.ObjectLiteralElementLike | undefined): TS.Expression | undefined {
  if (!p) return undefined;
  if (ts.isPropertyAssignment(p)) return p.initializer;
  if (ts.isShorthandPropertyAssignment(p)) return p.name;
  return undefined;
}

/** The value a destructuring declaration takes apart: `loadData()` of `const { xs, ys } = loadData()`, for the `ys`. */
export function destructuredFrom(tree: SyntaxTree, element: TS.BindingElement): TS.Expression | undefined {
  const pattern = tree.parent(element);
  const decl = pattern && (tree.ts.isObjectBindingPattern(pattern) || tree.ts.isArrayBindingPattern(pattern)) ? tree.parent(pattern) : undefined;
  return decl && tree.ts.isVariableDeclaration(decl) && decl.initializer ? decl.initializer : undefined;
}

/** A string literal's text (plain or template without substitutions). */
export function stringValue(ts: typeof TS, node: TS.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

export type FunctionNode = TS.FunctionDeclaration | TS.FunctionExpression | TS.ArrowFunction | TS.MethodDeclaration;

export function isFunctionNode(ts: typeof TS, node: TS.Node): node is FunctionNode {
  return ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node);
}

/** A function written as an argument (`y.reduce((s, yi) => …)`, `errors.forEach((e, i) => …)`): part of the code around it. */
export function isCallback(tree: SyntaxTree, fn: TS.Node): boolean {
  const parent = tree.parent(fn);
  return !!parent && tree.ts.isCallExpression(parent) && parent.arguments.some((a) => a === fn);
}

/** The array a `for (const x of array)` variable runs over. */
export function forOfArray(tree: SyntaxTree, declaration: TS.Node): TS.Expression | undefined {
  const ts = tree.ts;
  const list = tree.parent(declaration);
  const loop = list && tree.parent(list);
  return loop && ts.isForOfStatement(loop) && loop.initializer === list ? loop.expression : undefined;
}
