/**
 * The names a loss can use besides its parameters: functions and lambdas of the module (and of enclosing
 * functions), module constants (`EPS = 1e-7`), and in a class the values its `__init__` gives `self.<attr>`
 * (`self.gamma = gamma` with `gamma=2.0`) and its other methods.
 */
import { ancestors, child, definedName, numberValue, parameters, statements, unparen, type PyNode, type PySource } from './syntax';

export class PyScope {
  private readonly functions = new Map<string, PyNode>();
  private readonly constants = new Map<string, number>();
  private readonly classes = new Map<string, PyNode>();
  private readonly reassigned = new Set<string>();
  /** Module-level lists assigned once (`QUANTILES = [0.1, 0.5, 0.9]`). */
  private readonly lists = new Map<string, PyNode>();

  constructor(private readonly src: PySource) {
    for (const st of src.root.children) {
      if (st.type === 'FunctionDefinition' || st.type === 'DecoratedStatement') {
        const def = st.type === 'FunctionDefinition' ? st : child(st, 'FunctionDefinition');
        const name = def && definedName(src, def);
        if (def && name) this.functions.set(name, def);
        const cls = st.type === 'DecoratedStatement' ? child(st, 'ClassDefinition') : undefined;
        const cname = cls && definedName(src, cls);
        if (cls && cname) this.classes.set(cname, cls);
      } else if (st.type === 'ClassDefinition') {
        const name = definedName(src, st);
        if (name) this.classes.set(name, st);
      } else if (st.type === 'AssignStatement' && st.children.length === 3 && st.children[0].type === 'VariableName') {
        const name = src.source(st.children[0]);
        const value = unparen(st.children[2]);
        if (value.type === 'LambdaExpression') this.functions.set(name, value);
        if (value.type === 'ArrayExpression' && !this.lists.has(name) && !this.reassigned.has(name)) this.lists.set(name, value);
        else this.lists.delete(name);
        const v = numberValue(src, value);
        if (this.constants.has(name) || this.reassigned.has(name)) {
          this.constants.delete(name);
          this.reassigned.add(name);
        } else if (v !== undefined) {
          this.constants.set(name, v);
        }
      }
    }
  }

  /** A module constant's value. */
  constant(name: string): number | undefined {
    return this.constants.get(name);
  }

  /** The def (or lambda) `name` refers to at `at`: nested in an enclosing function first, then the module. */
  function(name: string, at: PyNode): PyNode | undefined {
    for (const a of ancestors(at)) {
      if (a.type !== 'Body') continue;
      for (const st of statements(a)) if (st.type === 'FunctionDefinition' && definedName(this.src, st) === name) return st;
    }
    return this.functions.get(name);
  }

  /** The list literal a module name is given once. */
  constantList(name: string): PyNode | undefined {
    return this.lists.get(name);
  }

  classNamed(name: string): PyNode | undefined {
    return this.classes.get(name);
  }

  /** The class whose method contains `at`. */
  enclosingClass(at: PyNode): PyNode | undefined {
    for (const a of ancestors(at)) if (a.type === 'ClassDefinition') return a;
    return undefined;
  }

  /** The method `name` of the class containing `at` (or of the class itself). */
  method(cls: PyNode, name: string): PyNode | undefined {
    for (const st of statements(child(cls, 'Body'))) {
      const def = st.type === 'DecoratedStatement' ? child(st, 'FunctionDefinition') : st;
      if (def?.type === 'FunctionDefinition' && definedName(this.src, def) === name) return def;
    }
    return undefined;
  }

  selfMethod(at: PyNode, name: string): PyNode | undefined {
    const cls = this.enclosingClass(at);
    return cls && this.method(cls, name);
  }

  /** The value `__init__` (or the class body) gives `self.<attr>`: a number, or a parameter with a numeric default. */
  selfAttribute(at: PyNode, attr: string): number | undefined {
    const cls = this.enclosingClass(at);
    if (!cls) return undefined;
    for (const st of statements(child(cls, 'Body'))) {
      if (st.type === 'AssignStatement' && st.children.length === 3 && this.src.source(st.children[0]) === attr) return numberValue(this.src, st.children[2]);
    }
    const init = this.method(cls, '__init__');
    if (!init) return undefined;
    const params = parameters(this.src, init);
    for (const st of this.selfAssignments(init)) {
      const [target, , value] = st.children;
      if (this.src.source(target) !== `self.${attr}`) continue;
      const v = numberValue(this.src, value);
      if (v !== undefined) return v;
      const p = value.type === 'VariableName' ? params.find((x) => x.name === this.src.source(value)) : undefined;
      return p?.default ? numberValue(this.src, p.default) : undefined;
    }
    return undefined;
  }

  /** Whether `__init__` stores one of its parameters in `self.<attr>` (`self.margin = margin`): a setting of the object. */
  selfSetting(at: PyNode, attr: string): boolean {
    const cls = this.enclosingClass(at);
    const init = cls && this.method(cls, '__init__');
    if (!init) return false;
    const params = new Set(parameters(this.src, init).map((p) => p.name));
    return this.selfAssignments(init).some((st) => this.src.source(st.children[0]) === `self.${attr}` && st.children[2].type === 'VariableName' && params.has(this.src.source(st.children[2])));
  }

  /** `self.x = …` statements of a method body, in order (nested blocks included). */
  selfAssignments(def: PyNode): PyNode[] {
    const out: PyNode[] = [];
    const visit = (body: PyNode | undefined) => {
      for (const st of statements(body)) {
        if (st.type === 'AssignStatement' && st.children.length === 3 && /^self\.\w+$/.test(this.src.source(st.children[0]))) out.push(st);
        for (const b of st.children) if (b.type === 'Body') visit(b);
      }
    };
    visit(child(def, 'Body'));
    return out;
  }
}
