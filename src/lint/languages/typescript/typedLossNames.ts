/**
 * A loss read from a setting the file does not give a value (`loss: config.lossFunction`), whose declared TypeScript
 * type lists the names it may take (`lossFunction: 'mse' | 'crossentropy' | 'categorical_crossentropy'`): when TF.js
 * knows none of them, `model.compile()` throws "Unknown loss …" whatever the caller sets. Said once, at the compile's
 * loss, naming them; the names are a choice the caller makes, so no activation is checked against them. A type that
 * also allows names TF.js knows (`'mse' | 'binaryCrossentropy'`) leaves the choice to callers the file does not show:
 * its unknown names go in the compile's unread note, not in a problem.
 */
import type * as TS from 'typescript';
import type { FrontEndProblem } from '../../engine/frontEnd';
import { possibleLosses, type CompileCall } from './compileSite';
import { isKnownCompileLoss, suggestLossNames } from './lossNames';
import { resolveIdentifier } from './scope';
import { propertyName, propertyValue, unwrapExpression, type SyntaxTree } from './syntaxTree';

/** Type aliases followed from a name to the union it stands for. */
const MAX_ALIAS_DEPTH = 4;

export function typedLossNames(tree: SyntaxTree, cc: CompileCall): FrontEndProblem | undefined {
  const typed = typedLoss(tree, cc);
  const unknown = typed?.names.filter((n) => !isKnownCompileLoss(n)) ?? [];
  if (!typed || unknown.length === 0 || unknown.length !== typed.names.length) return undefined;
  const { names, value } = typed;
  const renames = unknown.flatMap((n) => suggestLossNames(n).slice(0, 1).map((s) => `'${s}' for '${n}'`));
  return {
    code: 'unknown-loss',
    message: `The loss's type allows only ${quoted(names)}, and TF.js knows none of them: model.compile() throws "Unknown loss …" whatever the setting is.`,
    detail: `TF.js's compile takes its own names (${quoted(['meanSquaredError', 'binaryCrossentropy', 'categoricalCrossentropy'])} …), not Keras's or short ones.${renames.length ? ` TF.js's names for these: ${renames.join(', ')}.` : ''}`,
    start: tree.start(value),
    end: value.end,
  };
}

/** Why a compile's loss cannot be read, with the names its declared type allows when it has them. */
export function unreadCompileLossReason(tree: SyntaxTree, cc: CompileCall): string {
  const typed = typedLoss(tree, cc);
  const fallback = 'the loss is not a name, a tf.losses function or a function the lint can find';
  if (!typed) return fallback;
  const unknown = typed.names.filter((n) => !isKnownCompileLoss(n));
  // Some of the names would throw: said here, where the caller's choice is left open.
  const throwsOn = unknown.length > 0 && unknown.length < typed.names.length ? ` (model.compile() throws on ${quoted(unknown)})` : '';
  return `the loss is ${tree.compactSource(typed.value)}, a setting the file gives no value; its type allows ${quoted(typed.names)}${throwsOn}`;
}

const quoted = (list: readonly string[]) => list.map((n) => `'${n}'`).join(', ');

type TypedLoss = { value: TS.Expression; names: string[] } | undefined;
/** Each compile's typed loss, found once (its problem and its sites' unread note both ask). */
const typedByCompile = new WeakMap<CompileCall, TypedLoss>();

/** A compile's one loss, read from a setting with no value here, and the names its declared type allows. */
function typedLoss(tree: SyntaxTree, cc: CompileCall): TypedLoss {
  if (!typedByCompile.has(cc)) typedByCompile.set(cc, findTypedLoss(tree, cc));
  return typedByCompile.get(cc);
}

function findTypedLoss(tree: SyntaxTree, cc: CompileCall): TypedLoss {
  const ts = tree.ts;
  if (cc.losses.length !== 1 || cc.setOnObject) return undefined;
  const value = ts.isBinaryExpression(cc.lossProperty) ? cc.lossProperty.right : propertyValue(ts, cc.lossProperty as TS.ObjectLiteralElementLike);
  const read = possibleLosses(cc.losses[0]!);
  // Only where nothing else says what the loss is: a name, a function, a tf.losses function, a choice read.
  if (!value || read.length !== 1 || read[0]!.stringName !== undefined || read[0]!.fn || read[0]!.tfFunction || read[0]!.candidates) return undefined;
  const names = declaredNames(tree, unwrapExpression(ts, value));
  return names ? { value, names } : undefined;
}

/**
 * The string literals the declared type of `e` is a union of: a parameter or variable with a type (`loss: LossName`),
 * or a property of one (`config.lossFunction`, `this.config.loss`) whose interface, type alias or type literal this file
 * declares. Undefined when the type is not such a union, or cannot be found.
 */
function declaredNames(tree: SyntaxTree, e: TS.Expression): string[] | undefined {
  const ts = tree.ts;
  if (ts.isIdentifier(e)) return literalUnion(tree, declaredType(tree, e), 0);
  if (!ts.isPropertyAccessExpression(e)) return undefined;
  const holder = unwrapExpression(ts, e.expression);
  const type = ts.isIdentifier(holder) ? declaredType(tree, holder) : ts.isPropertyAccessExpression(holder) ? fieldType(tree, holder) : undefined;
  return literalUnion(tree, memberType(tree, type, e.name.text, 0), 0);
}

/** The type annotation of a parameter or variable. */
function declaredType(tree: SyntaxTree, id: TS.Identifier): TS.TypeNode | undefined {
  const ts = tree.ts;
  const d = resolveIdentifier(tree, id);
  const node = d?.node;
  return node && (ts.isParameter(node) || ts.isVariableDeclaration(node)) ? node.type : undefined;
}

/** `this.config`: the type the class declares its field with. */
function fieldType(tree: SyntaxTree, access: TS.PropertyAccessExpression): TS.TypeNode | undefined {
  const ts = tree.ts;
  if (access.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const cls = [...tree.ancestors(access)].find((a) => ts.isClassLike(a)) as TS.ClassLikeDeclaration | undefined;
  const field = cls?.members.find((m) => ts.isPropertyDeclaration(m) && m.name && propertyName(ts, m.name) === access.name.text) as TS.PropertyDeclaration | undefined;
  return field?.type;
}

/** The type of member `key` of a type: a type literal, or an interface or type alias this file declares by that name. */
function memberType(tree: SyntaxTree, type: TS.TypeNode | undefined, key: string, depth: number): TS.TypeNode | undefined {
  const ts = tree.ts;
  if (!type || depth > MAX_ALIAS_DEPTH) return undefined;
  if (ts.isTypeLiteralNode(type)) return memberOf(ts, type.members, key);
  if (ts.isParenthesizedTypeNode(type)) return memberType(tree, type.type, key, depth + 1);
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return undefined;
  const decl = typeDeclaration(tree, type.typeName.text);
  if (decl && ts.isInterfaceDeclaration(decl)) return memberOf(ts, decl.members, key);
  return decl && ts.isTypeAliasDeclaration(decl) ? memberType(tree, decl.type, key, depth + 1) : undefined;
}

function memberOf(ts: typeof TS, members: TS.NodeArray<TS.TypeElement>, key: string): TS.TypeNode | undefined {
  const m = members.find((x) => ts.isPropertySignature(x) && x.name && propertyName(ts, x.name) === key) as TS.PropertySignature | undefined;
  return m?.type;
}

/** A top-level interface or type alias of the file, by name (exported or not). */
function typeDeclaration(tree: SyntaxTree, name: string): TS.InterfaceDeclaration | TS.TypeAliasDeclaration | undefined {
  const ts = tree.ts;
  return tree.file.statements.find((s) => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === name) as TS.InterfaceDeclaration | TS.TypeAliasDeclaration | undefined;
}

/** `'a' | 'b'` (through aliases of this file): its strings; undefined when a member is anything else. */
function literalUnion(tree: SyntaxTree, type: TS.TypeNode | undefined, depth: number): string[] | undefined {
  const ts = tree.ts;
  if (!type || depth > MAX_ALIAS_DEPTH) return undefined;
  if (ts.isParenthesizedTypeNode(type)) return literalUnion(tree, type.type, depth + 1);
  if (ts.isLiteralTypeNode(type)) return ts.isStringLiteral(type.literal) ? [type.literal.text] : undefined;
  if (ts.isUnionTypeNode(type)) {
    const parts = type.types.map((t) => literalUnion(tree, t, depth + 1));
    return parts.every((p) => p !== undefined) ? [...new Set(parts.flat() as string[])] : undefined;
  }
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const decl = typeDeclaration(tree, type.typeName.text);
    return decl && ts.isTypeAliasDeclaration(decl) ? literalUnion(tree, decl.type, depth + 1) : undefined;
  }
  return undefined;
}
