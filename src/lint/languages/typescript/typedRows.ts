/**
 * Rows a parameter's declared type says it is given, when no call in the file gives it any: `trainStep(params, lr, data:
 * DataPoint[])` exported to a component, in a file that writes its DataPoint rows out (`const XOR_DATA: DataPoint[] = [
 * { input: [0, 1], label: 1 }, … ]`, or a `DataPoint[]` it fills with pushes). The type is the file's own interface or
 * type alias, so every list the file declares of it holds the rows such a parameter is given.
 */
import type * as TS from 'typescript';
import { enclosingClass } from './functionValues';
import { resolveIdentifier } from './scope';
import { propertyName, type SyntaxTree } from './syntaxTree';

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

/**
 * The numbers a declared type lets each target be, when it names them (`train_labels: [0 | 1][]`, `labels: Array<0 |
 * 1>`, `ys: Label[]` of the file's `type Label = 0 | 1`): the declaration of a name, or of a field of the class a
 * `this.field` is read in. Undefined when the type allows other values (`number[]`).
 */
export function declaredTargetNumbers(tree: SyntaxTree, n: TS.Expression): { numbers: number[]; at: TS.Node } | undefined {
  const type = declaredType(tree, n);
  const numbers = type ? literalNumbers(tree, type, 0, new Set()) : undefined;
  return type && numbers?.length ? { numbers, at: type } : undefined;
}

function declaredType(tree: SyntaxTree, n: TS.Expression): TS.TypeNode | undefined {
  const ts = tree.ts;
  if (ts.isIdentifier(n)) {
    const d = resolveIdentifier(tree, n);
    return d && (ts.isVariableDeclaration(d.node) || ts.isParameter(d.node)) ? d.node.type : undefined;
  }
  if (!ts.isPropertyAccessExpression(n) || n.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const member = enclosingClass(tree, n)?.members.find((m) => ts.isPropertyDeclaration(m) && m.name && propertyName(ts, m.name) === n.name.text);
  return member && ts.isPropertyDeclaration(member) ? member.type : undefined;
}

/** Members of a union or tuple looked at: a type naming more is no set of labels. */
const MAX_MEMBERS = 64;

/**
 * Every number a type of numeric literals allows, through arrays, tuples, unions and the file's own aliases, each
 * alias expanded once (`type L = L | 0` goes nowhere).
 */
function literalNumbers(tree: SyntaxTree, type: TS.TypeNode, depth: number, expanding: Set<string>): number[] | undefined {
  const ts = tree.ts;
  if (depth > 6) return undefined;
  const all = (types: readonly TS.TypeNode[]) => {
    if (types.length > MAX_MEMBERS) return undefined;
    const out = new Set<number>();
    for (const t of types) {
      const part = literalNumbers(tree, ts.isNamedTupleMember(t) ? t.type : t, depth + 1, expanding);
      if (!part) return undefined;
      part.forEach((x) => out.add(x));
    }
    return [...out];
  };
  if (ts.isParenthesizedTypeNode(type) || ts.isTypeOperatorNode(type)) return literalNumbers(tree, type.type, depth + 1, expanding);
  if (ts.isArrayTypeNode(type)) return literalNumbers(tree, type.elementType, depth + 1, expanding);
  if (ts.isTupleTypeNode(type)) return all(type.elements);
  if (ts.isUnionTypeNode(type)) return all(type.types);
  if (ts.isLiteralTypeNode(type)) return ts.isNumericLiteral(type.literal) ? [Number(type.literal.text)] : undefined;
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return undefined;
  if (/^(?:Readonly)?Array$/.test(type.typeName.text) && type.typeArguments?.length === 1) return literalNumbers(tree, type.typeArguments[0]!, depth + 1, expanding);
  const name = type.typeName.text;
  let known = aliasNumbers.get(tree);
  if (!known) aliasNumbers.set(tree, (known = new Map()));
  if (known.has(name)) return known.get(name) ?? undefined;
  if (expanding.has(name)) return undefined;
  const alias = tree.file.statements.find((s): s is TS.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === name && !s.typeParameters);
  if (!alias) return undefined;
  expanding.add(name);
  const numbers = literalNumbers(tree, alias.type, depth + 1, expanding);
  expanding.delete(name);
  known.set(name, numbers ?? null);
  return numbers;
}

/** What each alias of a file allows, worked out once. */
const aliasNumbers = new WeakMap<SyntaxTree, Map<string, number[] | null>>();
