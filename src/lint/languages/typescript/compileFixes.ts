/**
 * Edits for compile-site fixes: set the output layer's activation, rename the loss, or switch to a
 * tf.losses logits loss. Every edit replaces or inserts a literal or an expression of the same kind, so the
 * code still compiles.
 */
import type * as TS from 'typescript';
import type { FixPlan } from '../../engine/frontEnd';
import type { SourceEdit, SourceFix } from '../../engine/types';
import type { LayerInfo } from './layers';
import { unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

export interface CompileEditContext {
  tree: SyntaxTree;
  tf: TfBindings;
  /** The quote character the file uses for the loss. */
  quote: string;
}

const ACTIVATION_LAYER_KINDS = new Set(['softmax', 'reLU', 'elu', 'leakyReLU', 'prelu', 'thresholdedReLU']);

/** Edits that make `layer` apply `activation`; undefined when the layer is not written in a way the lint can edit. */
export function setActivationEdits(ctx: CompileEditContext, layer: LayerInfo | undefined, activation: string): SourceEdit[] | undefined {
  const ts = ctx.tree.ts;
  // A layer whose activation is chosen by configuration (each way its own layer, or a ternary) is not set as one.
  if (!layer || layer.activationChoices) return undefined;
  const q = ctx.quote;
  if (layer.activationNode) {
    const v = unwrapExpression(ts, layer.activationNode);
    if (!ts.isStringLiteral(v) && !ts.isNoSubstitutionTemplateLiteral(v)) return undefined;
    return [{ start: ctx.tree.start(v) + 1, end: v.end - 1, text: activation }];
  }
  // `tf.layers.activation('softmax')`, which TF.js ignores: the options object it wants.
  if (layer.ignoredActivation) return [{ start: ctx.tree.start(layer.ignoredActivation), end: layer.ignoredActivation.end, text: `{activation: ${q}${activation}${q}}` }];
  if (ACTIVATION_LAYER_KINDS.has(layer.kind)) {
    const callee = unwrapExpression(ts, layer.call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const prefix = ctx.tree.source(callee.expression);
    return [{ start: ctx.tree.start(layer.call), end: layer.call.end, text: `${prefix}.activation({activation: ${q}${activation}${q}})` }];
  }
  const arg = layer.call.arguments[0];
  const config = arg ? unwrapExpression(ts, arg) : undefined;
  if (!config || !ts.isObjectLiteralExpression(config)) return undefined;
  const props = config.properties;
  const property = `activation: ${q}${activation}${q}`;
  if (props.length === 0) return [{ start: ctx.tree.start(config) + 1, end: ctx.tree.start(config) + 1, text: property }];
  const last = props[props.length - 1];
  return [{ start: last.end, end: last.end, text: `, ${property}` }];
}

/** Replaces the loss value by a name: inside a string literal, or the whole expression by a string. */
export function renameLossEdits(ctx: CompileEditContext, value: TS.Expression, name: string): SourceEdit[] {
  const ts = ctx.tree.ts;
  const v = unwrapExpression(ts, value);
  if (ts.isStringLiteral(v) || ts.isNoSubstitutionTemplateLiteral(v)) return [{ start: ctx.tree.start(v) + 1, end: v.end - 1, text: name }];
  return [replacing(ctx, value, `${ctx.quote}${name}${ctx.quote}`)];
}

/** An edit that puts `text` where `value` is; a shorthand property (`{ loss }`) keeps its key (`loss: text`). */
function replacing(ctx: CompileEditContext, value: TS.Expression, text: string): SourceEdit {
  const parent = ctx.tree.parent(value);
  const shorthand = parent && ctx.tree.ts.isShorthandPropertyAssignment(parent) && parent.name === value;
  return { start: ctx.tree.start(value), end: value.end, text: shorthand ? `${parent.name.text}: ${text}` : text };
}

/** `tf.losses` as the file can write it: through the namespace, or a named import of `losses`. */
export function lossesNamespace(tf: TfBindings): string | undefined {
  if (tf.namespace) return `${tf.namespace}.losses`;
  for (const [local, exported] of tf.named) if (exported === 'losses') return local;
  return undefined;
}

export function wrapperEdits(ctx: CompileEditContext, value: TS.Expression, fn: string): SourceEdit[] | undefined {
  const losses = lossesNamespace(ctx.tf);
  if (!losses) return undefined;
  return [replacing(ctx, value, `(yTrue, yPred) => ${losses}.${fn}(yTrue, yPred)`)];
}

function merge(...parts: (SourceEdit[] | undefined)[]): SourceEdit[] | undefined {
  const out: SourceEdit[] = [];
  for (const p of parts) {
    if (!p) return undefined;
    for (const e of p) {
      if (out.some((x) => x.start < e.end && e.start < x.end)) return undefined;
      out.push(e);
    }
  }
  return out;
}

/** A rule's fix plan as edits of this compile site and its model. */
export function planFix(ctx: CompileEditContext, plan: FixPlan, value: TS.Expression, layer: LayerInfo | undefined, currentActivation: string): SourceFix | undefined {
  const q = ctx.quote;
  switch (plan.kind) {
    case 'set-activation': {
      const edits = merge(setActivationEdits(ctx, layer, plan.activation), plan.alsoLoss ? renameLossEdits(ctx, value, plan.alsoLoss) : []);
      if (!edits) return undefined;
      const also = plan.alsoLoss ? ` and the loss to ${q}${plan.alsoLoss}${q}` : '';
      return { title: `Set the output layer's activation to ${q}${plan.activation}${q}${also}`, edits };
    }
    case 'rename-loss': {
      const edits = merge(renameLossEdits(ctx, value, plan.loss), plan.alsoActivation ? setActivationEdits(ctx, layer, plan.alsoActivation) : []);
      if (!edits) return undefined;
      const also = plan.alsoActivation ? ` with a ${q}${plan.alsoActivation}${q} output` : '';
      return { title: `Use the loss ${q}${plan.loss}${q}${also}`, edits };
    }
    case 'logits-loss': {
      const activationEdits = !plan.alsoActivation || currentActivation === plan.alsoActivation ? [] : setActivationEdits(ctx, layer, plan.alsoActivation);
      const edits = merge(wrapperEdits(ctx, value, plan.fn), activationEdits);
      if (!edits) return undefined;
      return { title: `Use the stable logits loss tf.losses.${plan.fn}${activationEdits?.length ? ' on a linear output' : ''}`, edits };
    }
    case 'wrap-loss-function': {
      const edits = wrapperEdits(ctx, value, plan.fn);
      return edits && { title: `Use tf.losses.${plan.fn} as the loss function`, edits };
    }
    case 'add-loss':
      return undefined;
    case 'use-metric-function': {
      const ns = ctx.tf.namespace;
      return ns ? { title: `Use tf.metrics.${plan.fn}`, edits: [{ start: ctx.tree.start(value), end: value.end, text: `${ns}.metrics.${plan.fn}` }] } : undefined;
    }
    case 'use-log-probabilities':
      return undefined;
  }
}

/** `model.compile({ optimizer })` with no loss: the loss added after the configuration's last property. */
export function addLossFix(config: TS.ObjectLiteralExpression | undefined, loss: string, quote: string): SourceFix | undefined {
  const last = config?.properties[config.properties.length - 1];
  return last ? { title: `Add loss: ${quote}${loss}${quote}`, edits: [{ start: last.end, end: last.end, text: `, loss: ${quote}${loss}${quote}` }] } : undefined;
}
