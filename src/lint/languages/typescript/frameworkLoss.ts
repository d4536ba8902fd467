/**
 * What TF.js makes of the loss given to `model.compile`: a name it knows (and the built-in's formula, with its
 * clipping), a name it throws on (with the names the user most likely meant), or a `tf.losses` / `tf.metrics`
 * function. The rules decide what to report; this module only states the facts in the engine's terms.
 */
import { catalogLoss, TFJS_LOSS_NAMES } from '../../../core';
import type { FixPlan, FrameworkLoss, ModelFacts } from '../../engine/frontEnd';
import { lossFamily } from '../../rules/activationTable';
import { TF_METRIC_FUNCTIONS, type CompileLoss } from './compileSite';
import { compileLossFormula, CORE_LOSS_FUNCTIONS, intendedLossName, isKnownCompileLoss, suggestLossNames } from './lossNames';
import type * as TS from 'typescript';
import { constValueOf } from './scope';
import { objectProperty, propertyValue, unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

export function tfjsFrameworkLoss(tree: SyntaxTree, tf: TfBindings, loss: CompileLoss, quote: string, outputActivation: string | null): FrameworkLoss | undefined {
  const start = tree.start(loss.value);
  const end = loss.value.end;
  const q = quote;
  if (loss.stringName !== undefined) {
    const name = loss.stringName;
    if (isKnownCompileLoss(name)) {
      const c = catalogLoss(name);
      const formula = compileLossFormula(name);
      return {
        label: name, start, end, known: true, catalogId: c?.id, family: c ? lossFamily(c.id) : undefined, clips: c?.clipsPrediction === true,
        formula: formula && { expression: formula.expression, wrt: formula.loss.prediction, parameters: { ...formula.loss.parameters } },
      };
    }
    const suggestions = suggestLossNames(name);
    if (suggestions.includes('categoricalCrossentropy') && outputActivation === 'softmax') suggestions.reverse();
    const fixes: { title: string; plan: FixPlan }[] = [];
    for (const s of suggestions) {
      fixes.push(s === 'huberLoss'
        ? { title: 'Use tf.losses.huberLoss as the loss function', plan: { kind: 'wrap-loss-function', fn: 'huberLoss' } }
        : { title: `Use ${q}${s}${q}`, plan: { kind: 'rename-loss', loss: s } });
    }
    if (CORE_LOSS_FUNCTIONS.has(name) && name !== 'huberLoss') {
      fixes.push({ title: `Use tf.losses.${name} as the loss function`, plan: { kind: 'wrap-loss-function', fn: name } });
    }
    const hint = suggestions.length
      ? ` Did you mean ${suggestions.map((s) => (s === 'huberLoss' ? 'tf.losses.huberLoss' : `'${s}'`)).join(' or ')}?`
      : ` The names it accepts: ${TFJS_LOSS_NAMES.join(', ')}.`;
    const meant = meantLoss(name);
    return {
      label: name, start, end, known: false, clips: false, ...(meant ? { meant } : {}),
      unknown: { message: `'${name}' is not a loss name TF.js knows: model.compile() throws "Unknown loss ${name}".${hint}`, suggestions: fixes },
    };
  }
  if (loss.tfFunction) {
    const { group, name, exists, called, tensor } = loss.tfFunction;
    const label = `tf.${group}.${name}`;
    if (tensor) {
      // Measured with TF.js 4.22: compile takes the tensor for a dictionary of losses per output and throws
      // "Unknown entry in loss dictionary: "kept". Only expected the following keys: …".
      const fix = isKnownCompileLoss(name) ? { title: `Use ${q}${name}${q}`, plan: { kind: 'rename-loss' as const, loss: name } } : group === 'losses' ? { title: `Use ${label} as the loss function`, plan: { kind: 'wrap-loss-function' as const, fn: name } } : undefined;
      return {
        label: `${label}(…)`, start, end, known: false, clips: false,
        unknown: { message: `the loss given to model.compile() is the tensor ${label}(…) computes, not a loss: compile takes it for a dictionary of losses per output and throws "Unknown entry in loss dictionary". Give the loss by name or pass the function, which model.compile() calls with (yTrue, yPred).`, suggestions: fix && (tf.namespace || fix.plan.kind === 'rename-loss') ? [fix] : [] },
      };
    }
    if (exists && called) {
      // Measured with TF.js 4.22: `tf.losses.logLoss()` throws "Argument 'labels' passed to 'logLoss' must be a Tensor
      // or TensorLike, but got 'null'" where the config is built, before model.compile() sees it.
      const fix = group === 'losses' ? { title: `Use ${label} as the loss function`, plan: { kind: 'wrap-loss-function' as const, fn: name } } : { title: `Use ${label}`, plan: { kind: 'use-metric-function' as const, fn: name } };
      return {
        label: `${label}()`, start, end, known: false, clips: false,
        unknown: { message: `${label}() is called here, not passed: with no tensors it throws "Argument … must be a Tensor or TensorLike, but got 'null'". Pass the function, which model.compile() calls with (yTrue, yPred).`, suggestions: tf.namespace ? [fix] : [] },
      };
    }
    if (exists) {
      const c = catalogLoss(name);
      const formula = compileLossFormula(name);
      return {
        label, start, end, known: true, catalogId: c?.id, family: c ? lossFamily(c.id) : undefined, clips: group === 'metrics' && c?.clipsPrediction === true,
        formula: formula && { expression: formula.expression, wrt: formula.loss.prediction, parameters: { ...formula.loss.parameters } },
      };
    }
    const fixes: { title: string; plan: FixPlan }[] = [];
    if (isKnownCompileLoss(name)) fixes.push({ title: `Use ${q}${name}${q}`, plan: { kind: 'rename-loss', loss: name } });
    else if (group === 'losses' && TF_METRIC_FUNCTIONS.has(name) && tf.namespace) fixes.push({ title: `Use tf.metrics.${name}`, plan: { kind: 'use-metric-function', fn: name } });
    // `{ fromLogits: true }`: TF.js's compile names take probabilities, so the name alone would drop the logits.
    const logits = called && fromLogits(tree, loss.value);
    if (logits) fixes.splice(0, fixes.length);
    const named = logits ? ` TF.js's ${q}${name}${q} for compile takes probabilities: give the output layer a softmax, or train on the logits with tf.losses.softmaxCrossEntropy.` : fixes.length ? ` TF.js names it ${q}${name}${q} for compile.` : '';
    if (called) {
      // `loss: tf.losses.sparseCategoricalCrossentropy({ fromLogits: true })`: the call throws before compile runs.
      // Said on the name called, where a call of a missing tf.losses function is said anywhere else (one finding).
      const callee = (loss.value as { expression?: typeof loss.value }).expression ?? loss.value;
      return {
        label, start: tree.start(callee), end: callee.end, known: false, clips: false,
        unknown: { message: `${label} is not a TF.js function: the call throws "… is not a function" before model.compile() runs.${named}`, suggestions: fixes },
      };
    }
    return {
      label, start, end, known: false, clips: false,
      unknown: { message: `tf.${group} has no function ${name}: the loss is undefined and model.compile() throws.${named}`, suggestions: fixes },
    };
  }
  return undefined;
}

/** `model.compile({ optimizer })` with no loss: TF.js throws; the usual loss for the output is the fix. */
export function missingLoss(start: number, end: number, model: ModelFacts | undefined, q: string): FrameworkLoss {
  const suggested = model?.activation === 'sigmoid' ? 'binaryCrossentropy' : model?.activation === 'softmax' ? 'categoricalCrossentropy' : model?.activation ? 'meanSquaredError' : undefined;
  return {
    label: 'no loss', start, end, known: false, clips: false,
    unknown: {
      message: `model.compile() is given no loss: TF.js throws "When passing an Array as loss, it should have one entry per model output".${suggested ? ` For a ${model?.activationName} output, ${q}${suggested}${q} is the usual one.` : ''}`,
      suggestions: suggested ? [{ title: `Add loss: ${q}${suggested}${q}`, plan: { kind: 'add-loss' as const, loss: suggested } }] : [],
    },
  };
}

/** `{ fromLogits: true }` (or a const that is true) given to a call: the caller means the prediction to be logits. */
function fromLogits(tree: SyntaxTree, value: TS.Expression): boolean {
  const ts = tree.ts;
  const call = unwrapExpression(ts, value);
  if (!ts.isCallExpression(call)) return false;
  return call.arguments.some((a) => {
    const o = unwrapExpression(ts, a);
    const v = ts.isObjectLiteralExpression(o) ? propertyValue(ts, objectProperty(ts, o, 'fromLogits')) : undefined;
    const e = v && unwrapExpression(ts, v);
    const held = e && ts.isIdentifier(e) ? constValueOf(tree, e) : e;
    return held?.kind === ts.SyntaxKind.TrueKeyword;
  });
}

/** The compile loss an unknown name plainly means, with its family: none for a guess among near names. */
function meantLoss(name: string): FrameworkLoss['meant'] {
  const meant = intendedLossName(name);
  const c = meant ? catalogLoss(meant) : undefined;
  return meant && c ? { label: meant, family: lossFamily(c.id), clips: c.clipsPrediction === true } : undefined;
}
