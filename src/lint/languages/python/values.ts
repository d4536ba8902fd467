/**
 * Where a name got its value: the last assignment to it before a point, in that point's function or the
 * functions and module around it, and the values a class's methods give `self.<attr>`. Enough to follow
 * `out = model(x)` to the model and `model = Net()` to its class, without running anything.
 */
import { ancestors, child, statements, type PyNode, type PySource } from './syntax';

export interface Assignment {
  name: string;
  value: PyNode;
  /** Where the statement starts; an assignment counts for uses after it. */
  at: number;
  /** Where the statement ends: a use inside it (`x = np.array(x)`) sees the value before. */
  end: number;
  /** Part of a tuple unpacking (`out, h = model(x)`), or a loop variable: not the whole value. */
  partial?: boolean;
  /** The position in a tuple unpacking (`_, classes = net(x)` → 1). */
  index?: number;
}

const SCOPES = new Set(['Script', 'FunctionDefinition', 'ClassDefinition', 'LambdaExpression']);

export class ValueFinder {
  private readonly byScope = new Map<PyNode, Assignment[]>();

  constructor(private readonly src: PySource) {}

  private scopeOf(n: PyNode): PyNode {
    for (const a of ancestors(n)) if (SCOPES.has(a.type)) return a;
    return this.src.root;
  }

  private assignments(scope: PyNode): Assignment[] {
    let list = this.byScope.get(scope);
    if (list) return list;
    list = [];
    const body = scope.type === 'Script' ? scope : child(scope, 'Body');
    if (body) this.collect(body, list);
    this.byScope.set(scope, list);
    return list;
  }

  private collect(block: PyNode, out: Assignment[]): void {
    for (const st of statements(block)) {
      if (st.type === 'AssignStatement') this.assignment(st, out);
      if (st.type === 'ForStatement') {
        for (const c of st.children) {
          if (c.type === 'in') break;
          if (c.type === 'VariableName') out.push({ name: this.src.source(c), value: st, at: st.from, end: st.from, partial: true });
        }
      }
      if (st.type === 'FunctionDefinition' || st.type === 'ClassDefinition' || st.type === 'DecoratedStatement') continue;
      for (const c of st.children) if (c.type === 'Body') this.collect(c, out);
      for (const c of st.children) if (c.type === 'ElseClause' || c.type === 'ExceptClause' || c.type === 'FinallyClause') for (const b of c.children) if (b.type === 'Body') this.collect(b, out);
    }
  }

  private assignment(st: PyNode, out: Assignment[]): void {
    const kids = st.children;
    const value = kids[kids.length - 1];
    let group: PyNode[] = [];
    const flush = () => {
      const names = group.filter((g) => g.type === 'VariableName' || (g.type === 'MemberExpression' && /^self\.\w+$/.test(this.src.source(g))));
      if (group.length === 1) for (const n of names) out.push({ name: this.src.source(n), value, at: st.from, end: st.to });
      if (group.length > 1) group.forEach((g, index) => g.type === 'VariableName' && out.push({ name: this.src.source(g), value, at: st.from, end: st.to, partial: true, index }));
      for (const g of group) if (g.type === 'TupleExpression' || g.type === 'ArrayExpression') g.children.forEach((v, index) => v.type === 'VariableName' && out.push({ name: this.src.source(v), value, at: st.from, end: st.to, partial: true, index }));
      group = [];
    };
    for (let i = 0; i < kids.length - 1; i++) {
      if (kids[i].type === 'AssignOp') flush();
      else if (kids[i].type !== 'TypeDef') group.push(kids[i]);
    }
  }

  /** The last assignment to `name` before `at` (in its scope, then the enclosing ones). */
  assigned(name: string, at: PyNode): Assignment | undefined {
    for (let scope: PyNode | undefined = this.scopeOf(at); scope; scope = scope.type === 'Script' ? undefined : this.scopeOf(scope)) {
      if (scope.type === 'ClassDefinition') continue;
      const list = this.assignments(scope);
      let best: Assignment | undefined;
      for (const a of list) if (a.name === name && a.end <= at.from) best = a;
      if (!best && scope.type !== 'Script') {
        for (const a of list) if (a.name === name) best = a;
      }
      if (best) return best;
      if (scope.type === 'Script') return undefined;
    }
    return undefined;
  }

  /** What the class around `at` (or `cls`) assigns to `self.<attr>` in any of its methods, `__init__` first. */
  selfValue(attr: string, cls: PyNode): Assignment | undefined {
    const methods = statements(child(cls, 'Body'))
      .map((st) => (st.type === 'DecoratedStatement' ? child(st, 'FunctionDefinition') : st))
      .filter((d): d is PyNode => d?.type === 'FunctionDefinition');
    methods.sort((a, b) => Number(this.isInit(b)) - Number(this.isInit(a)));
    for (const m of methods) {
      const hit = this.assignments(m).find((a) => a.name === `self.${attr}`);
      if (hit) return hit;
    }
    return undefined;
  }

  private isInit(def: PyNode): boolean {
    const n = child(def, 'VariableName');
    return !!n && this.src.source(n) === '__init__';
  }

  /** Calls of `name(…)` / `self.name(…)` and `name.method(…)` anywhere in the file, in order. */
  classOfNode(at: PyNode): PyNode | undefined {
    for (const a of ancestors(at)) if (a.type === 'ClassDefinition') return a;
    return undefined;
  }
}
