/**
 * The calls of a name in a file, found once per parse from the text (a regular expression on the name, then a check of
 * the node there): every caller of a function, every `new` of a class is asked for again and again.
 */
import type * as TS from 'typescript';
import { isIdentifierName } from './scope';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';

/**
 * Calls of a name in a file, in order and lazily, at most `limit`: `name(…)`, `x.name(…)`, or with 'new' `new name(…)`.
 * Callers decide which of them call what they look for.
 */
export function* callsByName(tree: SyntaxTree, name: string, kind: 'call' | 'new' = 'call', limit = Infinity): Generator<TS.CallExpression | TS.NewExpression> {
  const calls = namedCalls(tree, name, kind);
  for (let i = 0; i < calls.length && i < limit; i++) yield calls[i]!;
}

/** The calls (or `new`s) of each name, found once per parse: the same function's callers are asked for again and again. */
const namedCallsByTree = new WeakMap<SyntaxTree, Map<string, (TS.CallExpression | TS.NewExpression)[]>>();
/** Calls of one name kept, at most (a name called more often is a utility, not a loss's or a model's function). */
const MAX_NAMED_CALLS = 400;
const WORD_CHAR = /[\w$]/;
const WHITE_SPACE = /\s/;
/** Names shorter than this are searched with a regular expression, longer ones with `indexOf`. */
const SHORT_NAME = 3;
/** The compiled searches of short names (`f(`, `e(`), kept across files: there are few of them. */
const shortNameSearches = new Map<string, RegExp>();

/**
 * Where `name` starts before a `(` (after any white space). A long name is found by `indexOf`, in native code, and the
 * parenthesis checked here: a regular expression per name would be compiled anew for every file, and a project's
 * names are mostly its own. A short name (`f`, `e`) stands in many words, so a regular expression checks the
 * parenthesis natively; there are few such names, and each is compiled once.
 */
function* nameBeforeParenthesis(text: string, name: string): Generator<number> {
  if (name.length < SHORT_NAME) {
    let pattern = shortNameSearches.get(name);
    if (!pattern) shortNameSearches.set(name, (pattern = new RegExp(`${name.replace(/\$/g, '\\$')}(?=\\s*\\()`, 'g')));
    for (const m of text.matchAll(pattern)) yield m.index!;
    return;
  }
  for (let k = text.indexOf(name); k >= 0; k = text.indexOf(name, k + name.length)) {
    let after = k + name.length;
    while (after < text.length && WHITE_SPACE.test(text[after]!)) after++;
    if (text[after] === '(') yield k;
  }
}

function namedCalls(tree: SyntaxTree, name: string, kind: 'call' | 'new'): (TS.CallExpression | TS.NewExpression)[] {
  const ts = tree.ts;
  if (!isIdentifierName(name)) return [];
  let byName = namedCallsByTree.get(tree);
  if (!byName) namedCallsByTree.set(tree, (byName = new Map()));
  const key = `${kind} ${name}`;
  const known = byName.get(key);
  if (known) return known;
  const out: (TS.CallExpression | TS.NewExpression)[] = [];
  byName.set(key, out);
  const text = tree.text;
  for (const k of nameBeforeParenthesis(text, name)) {
    if (out.length >= MAX_NAMED_CALLS) break;
    if (k > 0 && WORD_CHAR.test(text[k - 1]!)) continue;
    const id = tree.nodeAt(k, k + name.length);
    if (!ts.isIdentifier(id) || id.text !== name) continue;
    const parent = tree.parent(id);
    const callee = parent && ts.isPropertyAccessExpression(parent) && parent.name === id ? parent : id;
    const call = tree.parent(callee);
    if (!call || !(kind === 'new' ? ts.isNewExpression(call) : ts.isCallExpression(call)) || unwrapExpression(ts, (call as TS.CallExpression | TS.NewExpression).expression) !== callee) continue;
    out.push(call as TS.CallExpression | TS.NewExpression);
  }
  return out;
}
