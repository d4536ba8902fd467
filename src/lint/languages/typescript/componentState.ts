/**
 * The state of a front-end component, as the code that trains a model in one keeps it: a Vue component's methods see
 * the component as `this`, whose state `data()` returns; React's `useState` holds its start and what its setter is
 * given.
 */
import type * as TS from 'typescript';
import { callsByName, propertyOf, returnedExpressions } from './functionValues';
import type { Located } from './objectValues';
import { resolveIdentifier } from './scope';
import { isFunctionNode, stringValue, unwrapExpression, type SyntaxTree } from './syntaxTree';
import { wordsAt } from './wordSearch';

/**
 * A method of the Vue component whose options `holder` is, or is a group of (`methods`, `computed`, `watch`): `this.x()`
 * in `mounted()` calls `methods.x`.
 */
export function vueMethod(tree: SyntaxTree, holder: TS.ObjectLiteralExpression, name: string): TS.Expression | undefined {
  const ts = tree.ts;
  const component = vueComponent(tree, holder) ?? (VUE_OPTION.some((k) => propertyOf(ts, holder, k)) ? holder : undefined);
  const methods = component && propertyOf(ts, component, 'methods');
  const group = methods && unwrapExpression(ts, methods);
  return group && ts.isObjectLiteralExpression(group) && group !== holder ? propertyOf(ts, group, name) : undefined;
}

/** Options only a Vue component has beside its `methods`. */
const VUE_OPTION = ['data', 'mounted', 'created', 'beforeMount', 'computed', 'watch', 'props', 'components', 'template'];

/** Vue's options object (`export default { data() { … }, methods: { … } }`) whose `methods` (or `computed`, `watch`) `holder` is. */
export function vueComponent(tree: SyntaxTree, holder: TS.ObjectLiteralExpression): TS.ObjectLiteralExpression | undefined {
  const ts = tree.ts;
  const group = tree.parent(holder);
  const component = group && ts.isPropertyAssignment(group) && ts.isIdentifier(group.name) && /^(?:methods|computed|watch)$/.test(group.name.text) ? tree.parent(group) : undefined;
  return component && ts.isObjectLiteralExpression(component) && propertyOf(ts, component, 'data') ? component : undefined;
}

/** The value a Vue component's `data()` gives a field: `model` of `data() { return { model: tf.sequential() } }`. */
export function componentData(tree: SyntaxTree, component: TS.ObjectLiteralExpression, key: string): TS.Expression[] {
  const ts = tree.ts;
  const data = propertyOf(ts, component, 'data');
  const fn = data && (isFunctionNode(ts, data) ? data : undefined);
  const returned = fn ? returnedExpressions(tree, fn).map((r) => unwrapExpression(ts, r)) : [];
  return returned.flatMap((r) => {
    const value = ts.isObjectLiteralExpression(r) ? propertyOf(ts, r, key) : undefined;
    return value ? [value] : [];
  });
}

/**
 * React's state: `const [rows, setRows] = useState([])` holds its initial value and every value the file gives its
 * setter (`setRows(initialRows)`); a setter given a function (`setRows((old) => …)`) may hold anything.
 */
export function reactState(tree: SyntaxTree, pattern: TS.ArrayBindingPattern, element: TS.BindingElement): Located[] | undefined {
  const ts = tree.ts;
  const init = stateHook(tree, pattern, element);
  if (!init) return undefined;
  const values: TS.Expression[] = stateStarts(tree, init);
  // `const [points] = useState(() => makePoints())`: state no setter changes is what it starts as.
  const setter = pattern.elements[1];
  if (!setter) return values.map((node) => ({ tree, node }));
  if (!ts.isBindingElement(setter) || !ts.isIdentifier(setter.name)) return undefined;
  // A setter handed on (`<Child setRows={setRows} />`) may be called with anything.
  const calls = [...callsByName(tree, setter.name.text)];
  if ([...wordsAt(tree.text, setter.name.text)].length > calls.length + 1) return undefined;
  for (const call of calls) {
    const v = (call as TS.CallExpression).arguments[0];
    if (!v || isFunctionNode(ts, unwrapExpression(ts, v))) return undefined;
    values.push(v);
  }
  return values.map((node) => ({ tree, node }));
}

/**
 * What React state starts as, read through a member (`config.activation` of `const [config, setConfig] =
 * useState({ activation: 'sigmoid', … })`) or whole: the value the component runs with until a setter changes it.
 */
export function reactStateStart(tree: SyntaxTree, subject: TS.Expression): TS.Expression | undefined {
  const ts = tree.ts;
  const u = unwrapExpression(ts, subject);
  const holder = ts.isPropertyAccessExpression(u) ? unwrapExpression(ts, u.expression) : u;
  if (!ts.isIdentifier(holder)) return undefined;
  const d = resolveIdentifier(tree, holder);
  const pattern = d?.kind === 'binding' ? tree.parent(d.node) : undefined;
  const init = pattern && ts.isArrayBindingPattern(pattern) ? stateHook(tree, pattern, d!.node as TS.BindingElement) : undefined;
  if (!init) return undefined;
  const starts = stateStarts(tree, init);
  const start = starts.length === 1 ? unwrapExpression(ts, starts[0]!) : undefined;
  const field = (v: TS.Expression | undefined): TS.Expression | undefined => {
    const w = v && unwrapExpression(ts, v);
    if (!w || !ts.isPropertyAccessExpression(u)) return w;
    return ts.isObjectLiteralExpression(w) ? propertyOf(ts, w, u.name.text) : undefined;
  };
  const value = field(start);
  // A setter the file calls with another literal (`setConfig({ activation: 'linear' })` in an effect, a preset) does not
  // leave the state at its start: a choice the page's controls make (`e.target.value`) does.
  const setter = (pattern as TS.ArrayBindingPattern).elements[1];
  const wanted = value && stringValue(ts, unwrapExpression(ts, value));
  if (wanted !== undefined && setter && ts.isBindingElement(setter) && ts.isIdentifier(setter.name)) {
    for (const call of callsByName(tree, setter.name.text)) {
      const given = field((call as TS.CallExpression).arguments[0]);
      const literal = given && stringValue(ts, unwrapExpression(ts, given));
      if (literal !== undefined && literal !== wanted) return undefined;
    }
  }
  return value;
}

/** The `useState(…)` call whose state `element` is, the first element of the pattern it is destructured with. */
function stateHook(tree: SyntaxTree, pattern: TS.ArrayBindingPattern, element: TS.BindingElement): TS.CallExpression | undefined {
  const ts = tree.ts;
  const decl = tree.parent(pattern);
  const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrapExpression(ts, decl.initializer) : undefined;
  const isState = !!init && ts.isCallExpression(init) && /^(?:React\.)?useState$/.test(tree.compactSource(init.expression)) && pattern.elements[0] === element;
  return isState ? (init as TS.CallExpression) : undefined;
}

/** What `useState(start)` starts as: `start`, or what a lazy initializer returns (`useState(() => makeRows())`). */
function stateStarts(tree: SyntaxTree, init: TS.CallExpression): TS.Expression[] {
  const ts = tree.ts;
  const start = init.arguments[0] ? unwrapExpression(ts, init.arguments[0]) : undefined;
  if (!start) return [];
  return isFunctionNode(ts, start) ? returnedExpressions(tree, start) : [init.arguments[0]!];
}
