/**
 * The activation rules' fixes, written in Keras or PyTorch: change the output layer's `activation=`, remove a
 * final `F.softmax` / `nn.Softmax` (so a logits loss gets logits), switch to `log_softmax` for `NLLLoss`, rename a
 * Keras loss, turn on `from_logits=True`, or use the logits criterion (`nn.BCEWithLogitsLoss`,
 * `nn.CrossEntropyLoss`). Edits go only where the code is written in a form the lint can edit, in this file.
 */
import type { FixPlan } from '../../engine/frontEnd';
import type { SourceEdit, SourceFix } from '../../engine/types';
import type { PyLoss } from './lossObjects';
import type { ModelOutput } from './models';
import type { PyFile } from './pyFile';
import { argument, callArgs, child, stringValue, unparen } from './syntax';
import { ownEntry } from '../../../core';

/** TF.js catalog names the rules use, as Keras names them. */
const KERAS_NAMES: Readonly<Record<string, string>> = {
  binaryCrossentropy: 'binary_crossentropy', categoricalCrossentropy: 'categorical_crossentropy', sparseCategoricalCrossentropy: 'sparse_categorical_crossentropy',
  meanSquaredError: 'mean_squared_error', meanAbsoluteError: 'mean_absolute_error',
};

const TORCH_LOGITS: Readonly<Record<string, string>> = {
  BCELoss: 'BCEWithLogitsLoss', binary_cross_entropy: 'binary_cross_entropy_with_logits', NLLLoss: 'CrossEntropyLoss', nll_loss: 'cross_entropy',
};

function quoteOf(file: PyFile): string {
  const head = file.src.text.slice(0, 20_000);
  return (head.match(/'/g)?.length ?? 0) >= (head.match(/"/g)?.length ?? 0) ? "'" : '"';
}

/** Edits that make the model output apply `activation` ('linear' removes an activation function or module). */
function activationEdits(file: PyFile, out: ModelOutput | undefined, activation: string): SourceEdit[] | undefined {
  if (!out?.form || out.file !== file) return undefined;
  const src = file.src;
  const form = out.form;
  const q = quoteOf(file);
  if (form.kind === 'keras-argument') {
    const value = form.value && unparen(form.value);
    if (value && stringValue(src, value) !== undefined) return [{ start: value.from + 1 + (/^[rRuU]/.test(src.source(value)) ? 1 : 0), end: value.to - 1, text: activation }];
    if (value) return [{ start: value.from, end: value.to, text: `${q}${activation}${q}` }];
    const list = child(form.call, 'ArgList');
    if (!list) return undefined;
    const close = list.to - 1;
    const empty = callArgs(src, form.call).positional.length === 0 && callArgs(src, form.call).keywords.size === 0;
    return [{ start: close, end: close, text: `${empty ? '' : ', '}activation=${q}${activation}${q}` }];
  }
  if (form.kind === 'call') {
    if (activation === 'linear') return [{ start: form.call.from, end: form.call.to, text: src.source(form.input) }];
    const callee = form.call.children[0];
    const calleeText = src.source(callee);
    const m = /(\w+)$/.exec(calleeText);
    if (!m || !/^(softmax|sigmoid|log_softmax|Softmax|Sigmoid|LogSoftmax)$/.test(m[1]) || form.path.length > 1 && /^[A-Z]/.test(form.path)) return undefined;
    const names: Record<string, string> = { sigmoid: 'sigmoid', softmax: 'softmax', log_softmax: 'log_softmax' };
    const target = ownEntry(names, activation);
    if (!target) return undefined;
    return [{ start: callee.to - m[1].length, end: callee.to, text: target }];
  }
  const item = form.item;
  const itemName = /(\w+)\s*\(/.exec(src.source(item))?.[1];
  if (itemName === 'Activation') {
    const value = argument(callArgs(src, item), 0, 'activation');
    if (value && stringValue(src, value) !== undefined) return [{ start: value.from + 1, end: value.to - 1, text: activation }];
    return undefined;
  }
  if (activation === 'linear' && form.list !== item) {
    const siblings = form.list.children.filter((c) => c.type !== 'ArgList');
    const i = siblings.indexOf(item);
    if (i > 0) return [{ start: siblings[i - 1].to, end: item.to, text: '' }];
    return undefined;
  }
  if (activation === 'log_softmax' && itemName === 'Softmax') {
    const callee = item.children[0];
    return [{ start: callee.to - 'Softmax'.length, end: callee.to, text: 'LogSoftmax' }];
  }
  return undefined;
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
  return out.length ? out : undefined;
}

/** A Keras loss renamed: the string's content, or a loss object's `from_logits` turned off. */
function renameKeras(file: PyFile, loss: PyLoss, name: string): SourceEdit[] | undefined {
  const src = file.src;
  const keras = ownEntry(KERAS_NAMES, name) ?? name;
  if (loss.form === 'name') {
    const quoteLength = /^[rRuU]/.test(src.source(loss.node)) ? 2 : 1;
    return [{ start: loss.node.from + quoteLength, end: loss.node.to - 1, text: keras }];
  }
  if (loss.form === 'object' && loss.fromLogits && loss.family?.startsWith('logits')) {
    const v = unparen(loss.fromLogits);
    return [{ start: v.from, end: v.to, text: 'False' }];
  }
  return undefined;
}

/** The file's way to write `keras.losses`: `keras.losses`, `tf.keras.losses`, or a `losses` import. */
function kerasLosses(file: PyFile): string | undefined {
  for (const name of ['losses', 'keras', 'tf', 'tensorflow']) {
    const path = file.bindings.resolveName(name);
    if (path === 'keras.losses' && name === 'losses') return 'losses';
    if (path === 'keras' && name === 'keras') return 'keras.losses';
    if (path === 'tensorflow') return `${name}.keras.losses`;
  }
  return undefined;
}

function logitsLossEdits(file: PyFile, loss: PyLoss, fn: 'sigmoidCrossEntropy' | 'softmaxCrossEntropy'): { edits: SourceEdit[]; label: string } | undefined {
  const src = file.src;
  if (loss.framework === 'keras') {
    if (loss.form === 'object') {
      if (loss.fromLogits) return { edits: [{ start: unparen(loss.fromLogits).from, end: unparen(loss.fromLogits).to, text: 'True' }], label: 'from_logits=True' };
      const list = child(loss.node, 'ArgList')!;
      const empty = callArgs(src, loss.node).positional.length === 0 && callArgs(src, loss.node).keywords.size === 0;
      return { edits: [{ start: list.to - 1, end: list.to - 1, text: `${empty ? '' : ', '}from_logits=True` }], label: 'from_logits=True' };
    }
    const ns = kerasLosses(file);
    if (!ns) return undefined;
    const cls = fn === 'sigmoidCrossEntropy' ? 'BinaryCrossentropy' : loss.family === 'sparse-ce' ? 'SparseCategoricalCrossentropy' : 'CategoricalCrossentropy';
    const text = `${ns}.${cls}(from_logits=True)`;
    return { edits: [{ start: loss.node.from, end: loss.node.to, text }], label: text };
  }
  if (loss.framework === 'pytorch') {
    const callee = loss.node.children[0];
    const name = /(\w+)$/.exec(src.source(callee))?.[1] ?? '';
    const replacement = ownEntry(TORCH_LOGITS, name);
    if (!replacement) return undefined;
    return { edits: [{ start: callee.to - name.length, end: callee.to, text: replacement }], label: src.source(callee).replace(/\w+$/, replacement) };
  }
  return undefined;
}

/** A rule's plan as edits of this loss site and its model. */
export function planFix(file: PyFile, plan: FixPlan, loss: PyLoss, output: ModelOutput | undefined): SourceFix | undefined {
  const q = quoteOf(file);
  switch (plan.kind) {
    case 'set-activation': {
      if (loss.framework === 'pytorch' && plan.activation !== 'linear') return undefined;
      const rename = plan.alsoLoss ? (loss.framework === 'keras' ? renameKeras(file, loss, plan.alsoLoss) : undefined) : [];
      const edits = merge(activationEdits(file, output, plan.activation), rename);
      if (!edits) return undefined;
      const also = plan.alsoLoss ? ` and the loss to ${q}${ownEntry(KERAS_NAMES, plan.alsoLoss) ?? plan.alsoLoss}${q}` : '';
      if (loss.framework === 'pytorch') return { title: `Remove the final ${output?.activationName ?? 'activation'}: ${loss.label} applies it itself`, edits };
      return { title: `Set the output layer's activation to ${q}${plan.activation}${q}${also}`, edits };
    }
    case 'rename-loss': {
      if (loss.framework !== 'keras') return undefined;
      const edits = merge(renameKeras(file, loss, plan.loss), plan.alsoActivation ? activationEdits(file, output, plan.alsoActivation) : []);
      if (!edits) return undefined;
      if (loss.form === 'object') return { title: 'Set from_logits=False: the output is already probabilities', edits };
      const also = plan.alsoActivation ? ` with a ${q}${plan.alsoActivation}${q} output` : '';
      return { title: `Use the loss ${q}${ownEntry(KERAS_NAMES, plan.loss) ?? plan.loss}${q}${also}`, edits };
    }
    case 'logits-loss': {
      const l = logitsLossEdits(file, loss, plan.fn);
      if (!l) return undefined;
      const needs = output && output.activation !== 'linear' || output?.activationName === 'log_softmax';
      const act = needs ? activationEdits(file, output, 'linear') : [];
      const edits = merge(l.edits, act);
      if (!edits) return undefined;
      return { title: `Use ${l.label} on the raw outputs${act?.length ? ` and remove the final ${output?.activationName}` : ''}`, edits };
    }
    case 'use-log-probabilities': {
      const edits = activationEdits(file, output, 'log_softmax');
      return edits && { title: 'Return log-probabilities (log_softmax), as NLLLoss expects', edits };
    }
    default:
      return undefined;
  }
}
