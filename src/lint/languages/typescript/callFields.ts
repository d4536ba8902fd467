/**
 * Fields destructured from a call in loss code, read one by one: a model call's fields are outputs of their own
 * (`const { probs, value } = agent.forward(s)`), a helper's are read from the object literal it returns
 * (`const { loss_pi, pi_info } = computeLossPi(data)`). Function bodies and loop bodies both read them.
 */
import type * as TS from 'typescript';
import { functionValue, returnedExpressions } from './functionValues';
import { modelCall, modelField } from './modelOutputs';
import { propertyName, unwrapExpression, type FunctionNode } from './syntaxTree';
import type { Translator } from './translate';
import type { Env } from './translationEnv';

/**
 * `const { actionLogits, value } = this.predict(s)`: each field of what a model call returns is an output of its own
 * (of no known layer); `const { loss_pi, pi_info } = computeLossPi(data)`: each field of what a helper of the file
 * returns (an object literal) is read from that helper.
 */
export function fieldsOfCall(t: Translator, pattern: TS.ObjectBindingPattern, init: TS.Expression, env: Env, out: Env): Env {
  const ts = t.tree.ts;
  const call = unwrapExpression(ts, init);
  if (!ts.isCallExpression(call)) return out;
  const model = modelCall(t, call);
  const helper = model ? undefined : functionValue(t.tree, call.expression);
  if (!model && !(helper && returnsObjectLiteral(t, helper))) return out;
  let scope = out;
  for (const el of pattern.elements) {
    if (!ts.isIdentifier(el.name) || el.dotDotDotToken || scope.lookup(el.name.text) !== env.lookup(el.name.text)) continue;
    const name = el.name.text;
    const field = el.propertyName ? propertyName(ts, el.propertyName) : name;
    if (field === undefined) continue;
    scope = scope.with(name, {
      kind: 'lazy',
      compute: () => {
        if (model) return modelField(t, model, field, name);
        t.nextReturnField = field;
        try {
          return t.expression(call, env);
        } finally {
          t.nextReturnField = undefined;
        }
      },
    });
  }
  return scope;
}

function returnsObjectLiteral(t: Translator, fn: FunctionNode): boolean {
  const ts = t.tree.ts;
  const returned = returnedExpressions(t.tree, fn).map((r) => unwrapExpression(ts, r));
  return returned.length > 0 && returned.every((r) => ts.isObjectLiteralExpression(r) || (ts.isCallExpression(r) && t.tf.path(r.expression) === 'tidy'));
}
