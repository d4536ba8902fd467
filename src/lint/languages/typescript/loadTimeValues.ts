/**
 * What a browser script's top-level settings hold when the code that runs at load reads them (layers built at load
 * read `let act = 'sigmoid'` before any event handler can change it).
 */
import type * as TS from 'typescript';
import { assignmentsTo, type Declaration } from './scope';
import type { SyntaxTree } from './syntaxTree';
import { wordsAt } from './wordSearch';

/**
 * The value a script's top-level `let` holds when top-level code reads it, at load: its initializer (`let act =
 * 'sigmoid'` read by the layers built at load) when nothing at load can have changed it: every other assignment is in a
 * named function the file names only in top-level code after the read (or never: a handler the page's HTML calls,
 * `onchange="actchange()"`), or in a callback registered after the read, and no top-level `await` lets events run
 * before it. Undefined otherwise.
 */
export function valueAtLoad(tree: SyntaxTree, use: TS.Identifier, decl: Declaration & { kind: 'variable' }): TS.Expression | undefined {
  const ts = tree.ts;
  if (!decl.initializer || !ts.isSourceFile(decl.container) || decl.node.end > use.pos) return undefined;
  if (insideFunction(tree, use)) return undefined;
  let known = loadTimeWrites.get(decl.node);
  if (known === undefined) loadTimeWrites.set(decl.node, (known = firstUnsafeStatement(tree, use.text, decl)));
  if (known === null || use.end > known) return undefined;
  // A top-level `await` between: events may run while it waits.
  const awaited = /\bawait\b/g;
  awaited.lastIndex = decl.node.end;
  const at = awaited.exec(tree.text);
  return at && at.index < use.pos ? undefined : decl.initializer;
}

const insideFunction = (tree: SyntaxTree, n: TS.Node) => [...tree.ancestors(n)].some((a) => tree.ts.isFunctionLike(a));
/** The start of the statement of the file's top level that holds `n`, if any. */
const topLevelStart = (tree: SyntaxTree, n: TS.Node) => {
  const statement = [...tree.ancestors(n)].find((x) => tree.parent(x) === tree.file);
  return statement ? tree.start(statement) : undefined;
};

/** Per declaration: where the first top-level statement that registers a write starts (Infinity: none), null: unsafe. */
const loadTimeWrites = new WeakMap<TS.Node, number | null>();
const MAX_HANDLERS = 8;

function firstUnsafeStatement(tree: SyntaxTree, name: string, decl: Declaration & { kind: 'variable' }): number | null {
  const ts = tree.ts;
  let first = Infinity;
  const handlers = new Set<TS.FunctionDeclaration>();
  for (const a of assignmentsTo(tree, name, decl)) {
    // The outermost function around the write: a callback inside a declared function runs when that function does
    // (hoisted, it may be called before it is written).
    const fn = [...tree.ancestors(a)].filter((x) => ts.isFunctionLike(x)).pop();
    if (!fn) return null;
    // A function declaration of the top level, by name: it runs only if something names it.
    if (ts.isFunctionDeclaration(fn) && fn.name && tree.parent(fn) === tree.file) {
      handlers.add(fn);
      if (handlers.size > MAX_HANDLERS) return null;
      continue;
    }
    // Any other function (a callback, a method): from the top-level statement that holds it.
    const start = topLevelStart(tree, fn);
    if (start === undefined) return null;
    first = Math.min(first, start);
  }
  // A handler named by top-level code (`select.addEventListener('change', actchange)`) may run from there on; named in a
  // function, which hoisting lets run at any time, it may run before the read.
  for (const fn of handlers) {
    const own = fn.name!;
    for (const at of wordsAt(tree.text, own.text)) {
      const ref = tree.nodeAt(at, at + own.text.length);
      if (ref === own || !ts.isIdentifier(ref) || ref.text !== own.text) continue;
      const start = insideFunction(tree, ref) ? undefined : topLevelStart(tree, ref);
      if (start === undefined) return null;
      first = Math.min(first, start);
    }
  }
  return first;
}
