/**
 * Fields of local objects set in loss code: `result.loss = pgLoss`, `result.loss = result.pgLoss = pgLoss`,
 * `state.step += 1`, `result = { loss: … }`. A field set is bound under `object.field` (translationEnv's fieldKey) and
 * read where the object's field is read, here or by a caller (`return result` to one that takes `.loss`). A name given
 * another object (assigned again, declared again in an inner block) forgets the fields set on the old one.
 */
import type * as TS from 'typescript';
import { binary, num } from '../../engine/expression';
import { unwrapExpression } from './syntaxTree';
import type { Translator } from './translate';
import { compoundOperator, fieldKey, type Binding, type Env } from './translationEnv';

/** The objects whose fields a translation has set, by name. */
const objectsWithFields = new WeakMap<Translator, Set<string>>();

function noteFields(t: Translator, object: string): void {
  let names = objectsWithFields.get(t);
  if (!names) objectsWithFields.set(t, (names = new Set()));
  names.add(object);
}

/** The env after a name is bound to another value: the fields set on the object it named are forgotten. */
export function forgetFields(t: Translator, name: string, env: Env): Env {
  return objectsWithFields.get(t)?.has(name) ? env.withoutFields(name) : env;
}

/**
 * The env after an expression statement that sets fields of local objects, or undefined when it sets none:
 * chains of `=` (names too: `a = b = v`), `field op= v`, `field++`, and a name given an object literal.
 */
export function fieldAssignment(t: Translator, e: TS.Expression, env: Env): Env | undefined {
  const ts = t.tree.ts;
  const fieldOf = (n: TS.Expression): { object: string; key: string } | undefined => {
    const x = unwrapExpression(ts, n);
    return ts.isPropertyAccessExpression(x) && ts.isIdentifier(x.expression) ? { object: x.expression.text, key: fieldKey(x.expression.text, x.name.text) } : undefined;
  };
  // `state.step++`, `--count.n`: one more or one less.
  if ((ts.isPostfixUnaryExpression(e) || ts.isPrefixUnaryExpression(e)) && (e.operator === ts.SyntaxKind.PlusPlusToken || e.operator === ts.SyntaxKind.MinusMinusToken)) {
    const field = fieldOf(e.operand);
    if (!field) return undefined;
    const operand = e.operand;
    const op = e.operator === ts.SyntaxKind.PlusPlusToken ? '+' : '-';
    noteFields(t, field.object);
    return env.with(field.key, { kind: 'lazy', compute: () => binary(op, t.expression(operand, env), num(1)) });
  }
  if (!ts.isBinaryExpression(e)) return undefined;
  // `state.step += 1`: the old value combined with the new.
  const compound = compoundOperator(ts, e.operatorToken.kind);
  if (compound) {
    const field = fieldOf(e.left);
    if (!field) return undefined;
    const [left, right] = [e.left, e.right];
    noteFields(t, field.object);
    return env.with(field.key, { kind: 'lazy', compute: () => binary(compound, t.expression(left, env), t.expression(right, env)) });
  }
  const targets: { name: string; object?: string }[] = [];
  let value: TS.Expression = e;
  while (ts.isBinaryExpression(value) && value.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = unwrapExpression(ts, value.left);
    const field = fieldOf(left);
    if (field) targets.push({ name: field.key, object: field.object });
    else if (ts.isIdentifier(left)) targets.push({ name: left.text });
    else return undefined;
    value = value.right;
  }
  const right = unwrapExpression(ts, value);
  // `result = { loss: … }`: the name holds another object, whose fields are those written.
  const literal = ts.isObjectLiteralExpression(right) ? right : undefined;
  if (!targets.some((x) => x.object !== undefined) && !(literal && targets.length > 0)) return undefined;
  const binding: Binding = { kind: 'lazy', compute: () => t.expression(value, env) };
  let out = env;
  for (const target of targets) {
    if (target.object !== undefined) noteFields(t, target.object);
    else out = forgetFields(t, target.name, out);
    out = out.with(target.name, binding);
    if (literal && target.object === undefined) out = withLiteralFields(t, target.name, literal, env, out);
  }
  return out;
}

/** Binds the fields an object literal writes out (`{ loss: x, ratio }`) under the name given it. */
function withLiteralFields(t: Translator, name: string, literal: TS.ObjectLiteralExpression, env: Env, out: Env): Env {
  const ts = t.tree.ts;
  noteFields(t, name);
  let next = out.withoutFields(name);
  for (const p of literal.properties) {
    const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    const v = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
    if (key === undefined || !v) continue;
    next = next.with(fieldKey(name, key), { kind: 'lazy', compute: () => t.expression(v, env) });
  }
  return next;
}
