import { catalogLoss, DEFAULT_SEVERITY, TFJS_LOSS_NAMES, type DiagnosticCode, type Severity } from '../core';
import { lossFamily, matchRule } from './activationRules';
import type { CompileCall, CompileLoss } from './compileSite';
import { TF_METRIC_FUNCTIONS } from './compileSite';
import { planFix, renameLossEdits, wrapperEdits, type CompileEditContext } from './compileFixes';
import { CORE_LOSS_FUNCTIONS, isKnownCompileLoss, suggestLossNames } from './lossNames';
import type { SourceFix } from './types';

/**
 * The checks of a `model.compile` site: loss names TF.js throws on (unknown-loss), and losses that do not
 * suit the model's output activation (activation-mismatch, by the rules in activationRules.ts).
 */
export interface Finding {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fixes: SourceFix[];
  rule?: string;
}

const CLASSIFICATION_METRICS = /^(acc|accuracy|binaryAccuracy|categoricalAccuracy|sparseCategoricalAccuracy|precision|recall)$/;

export function checkLossName(ctx: CompileEditContext, loss: CompileLoss, outputActivation: string | null): Finding | undefined {
  const start = ctx.tree.start(loss.value);
  const end = loss.value.end;
  const q = ctx.quote;
  if (loss.stringName !== undefined && !isKnownCompileLoss(loss.stringName)) {
    const name = loss.stringName;
    const suggestions = suggestLossNames(name);
    if (suggestions.includes('categoricalCrossentropy') && outputActivation === 'softmax') suggestions.reverse();
    const fixes: SourceFix[] = [];
    for (const s of suggestions) {
      const edits = s === 'huberLoss' ? wrapperEdits(ctx, loss.value, 'huberLoss') : renameLossEdits(ctx, loss.value, s);
      if (edits) fixes.push({ title: s === 'huberLoss' ? 'Use tf.losses.huberLoss as the loss function' : `Use ${q}${s}${q}`, edits });
    }
    if (CORE_LOSS_FUNCTIONS.has(name) && name !== 'huberLoss') {
      const edits = wrapperEdits(ctx, loss.value, name);
      if (edits) fixes.push({ title: `Use tf.losses.${name} as the loss function`, edits });
    }
    if (fixes[0]) fixes[0].preferred = true;
    const hint = suggestions.length
      ? ` Did you mean ${suggestions.map((s) => (s === 'huberLoss' ? 'tf.losses.huberLoss' : `'${s}'`)).join(' or ')}?`
      : ` The names it accepts: ${TFJS_LOSS_NAMES.join(', ')}.`;
    return { code: 'unknown-loss', severity: DEFAULT_SEVERITY['unknown-loss'], message: `'${name}' is not a loss name TF.js knows: model.compile() throws "Unknown loss ${name}".${hint}`, start, end, fixes };
  }
  if (loss.tfFunction && !loss.tfFunction.exists) {
    const { group, name } = loss.tfFunction;
    const fixes: SourceFix[] = [];
    if (isKnownCompileLoss(name)) fixes.push({ title: `Use ${q}${name}${q}`, edits: renameLossEdits(ctx, loss.value, name), preferred: true });
    else if (group === 'losses' && TF_METRIC_FUNCTIONS.has(name) && ctx.tf.namespace) {
      fixes.push({ title: `Use tf.metrics.${name}`, edits: [{ start, end, text: `${ctx.tf.namespace}.metrics.${name}` }], preferred: true });
    }
    return {
      code: 'unknown-loss',
      severity: DEFAULT_SEVERITY['unknown-loss'],
      message: `tf.${group} has no function ${name}: the loss is undefined and model.compile() throws.${fixes.length ? ` TF.js names it ${q}${name}${q} for compile.` : ''}`,
      start,
      end,
      fixes,
    };
  }
  return undefined;
}

export interface LossIdentity {
  catalogId?: string;
  /** How the loss reads in messages. */
  label: string;
  /** A built-in that clips its input. */
  clips: boolean;
}

/** Focal loss with γ = 0 and α = 1 is -y·log(p), categorical cross-entropy; the recogniser may name it focal. */
function effectiveCatalogId(match: { id: string; parameters: Record<string, number> }): string {
  if (match.id === 'focal' && match.parameters.gamma === 0 && match.parameters.alpha === 1) return 'categoricalCrossentropy';
  return match.id;
}

export function identifyCompileLoss(loss: CompileLoss, customMatch?: { id: string; name: string; parameters: Record<string, number> }, customName?: string): LossIdentity | undefined {
  if (loss.stringName !== undefined) {
    const c = isKnownCompileLoss(loss.stringName) ? catalogLoss(loss.stringName) : undefined;
    return c ? { catalogId: c.id, label: loss.stringName, clips: c.clipsPrediction === true } : undefined;
  }
  if (loss.tfFunction?.exists) {
    const c = catalogLoss(loss.tfFunction.name);
    return c ? { catalogId: c.id, label: `tf.${loss.tfFunction.group}.${loss.tfFunction.name}`, clips: loss.tfFunction.group === 'metrics' && c.clipsPrediction === true } : undefined;
  }
  if (customMatch) {
    return { catalogId: effectiveCatalogId(customMatch), label: `the custom loss${customName ? ` ${customName}` : ''} (${customMatch.name.toLowerCase()})`, clips: false };
  }
  return undefined;
}

export function checkActivation(ctx: CompileEditContext, cc: CompileCall, loss: CompileLoss, identity: LossIdentity): Finding | undefined {
  const model = cc.model;
  if (!model?.activation || !model.activationName || cc.losses.length !== 1) return undefined;
  const input = {
    family: lossFamily(identity.catalogId),
    loss: identity.label,
    activation: model.activation,
    activationName: model.activationName,
    units: model.units,
    classificationMetric: cc.metrics.some((m) => CLASSIFICATION_METRICS.test(m)),
    clips: identity.clips,
  };
  const rule = matchRule(input);
  if (!rule) return undefined;
  const fixes = rule
    .fixes(input)
    .map((plan) => planFix(ctx, plan, loss.value, model.decidingLayer, model.activationName ?? 'linear'))
    .filter((f): f is SourceFix => f !== undefined);
  if (fixes[0]) fixes[0].preferred = true;
  const layer = model.decidingLayer;
  const where = layer ? ` (output layer at line ${lineOf(ctx, ctx.tree.start(layer.call))})` : '';
  return {
    code: 'activation-mismatch',
    severity: DEFAULT_SEVERITY['activation-mismatch'],
    message: `${rule.message(input)}${where}`,
    start: ctx.tree.start(loss.value),
    end: loss.value.end,
    fixes,
    rule: rule.id,
  };
}

function lineOf(ctx: CompileEditContext, offset: number): number {
  return ctx.tree.file.getLineAndCharacterOfPosition(offset).line + 1;
}
