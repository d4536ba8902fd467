/**
 * Rows a parameter's declared type says it is given, when no call in the file gives it any: `trainStep(params, lr, data:
 * DataPoint[])` exported to a component, in a file that writes its DataPoint rows out (`const XOR_DATA: DataPoint[] = [
 * { input: [0, 1], label: 1 }, … ]`, or a `DataPoint[]` it fills with pushes). The type is the file's own interface or
 * type alias, so every list the file declares of it holds the rows such a parameter is given.
 */
import type * as TS from 'typescript';
import type { SyntaxTree } from './syntaxTree';

/** Lists of one type looked at: a file declaring more is generated code. */
const MAX_LISTS = 16;

const declaredListsByTree = new WeakMap<SyntaxTree, Map<string, TS.Identifier[]>>();

/** The names of the lists the file declares as `T[]` (or `Array<T>`) of the parameter's element type T, when T is the file's own. */
export function listsOfParameterType(tree: SyntaxTree, parameter: TS.ParameterDeclaration): TS.Identifier[] {
  const element = elementTypeName(tree.ts, parameter.type);
  if (!element || !declaresType(tree, element)) return [];
  let lists = declaredListsByTree.get(tree);
  if (!lists) {
    lists = declaredLists(tree);
    declaredListsByTree.set(tree, lists);
  }
  return (lists.get(element) ?? []).slice(0, MAX_LISTS);
}

/** `T[]`, `readonly T[]`, `Array<T>`, `ReadonlyArray<T>` of a type named T: T. */
function elementTypeName(ts: typeof TS, type: TS.TypeNode | undefined): string | undefined {
  if (!type) return undefined;
  if (ts.isTypeOperatorNode(type)) return elementTypeName(ts, type.type);
  if (ts.isArrayTypeNode(type)) return ts.isTypeReferenceNode(type.elementType) && ts.isIdentifier(type.elementType.typeName) ? type.elementType.typeName.text : undefined;
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && /^(?:Readonly)?Array$/.test(type.typeName.text) && type.typeArguments?.length === 1) {
    const [arg] = type.typeArguments;
    return arg && ts.isTypeReferenceNode(arg) && ts.isIdentifier(arg.typeName) ? arg.typeName.text : undefined;
  }
  return undefined;
}

function declaresType(tree: SyntaxTree, name: string): boolean {
  const ts = tree.ts;
  return tree.file.statements.some((s) => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === name);
}

/** Every variable the file declares with a list type, by element type name. */
function declaredLists(tree: SyntaxTree): Map<string, TS.Identifier[]> {
  const ts = tree.ts;
  const out = new Map<string, TS.Identifier[]>();
  const visit = (n: TS.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) {
      const element = elementTypeName(ts, n.type);
      if (element) out.set(element, [...(out.get(element) ?? []), n.name]);
    }
    ts.forEachChild(n, visit);
  };
  visit(tree.file);
  return out;
}
