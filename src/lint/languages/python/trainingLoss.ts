/**
 * Losses computed inline in training code rather than in a loss function: `cost = -np.mean(Y * np.log(A2) + …)`,
 * `loss = -(y * torch.log(probs)).sum()`, `log_probs = torch.log(F.softmax(logits, dim=1))`. The names such a
 * statement uses are followed back through the assignments before it; a name that holds a model's or an
 * activation's output (`A2 = sigmoid(Z2)`, `probs = model(x)`) becomes the prediction, with that output's
 * activation as its domain.
 */
import { isPredictionName, isTargetName } from '../../../core';
import type { Framework, LossReading } from '../../engine/frontEnd';
import type { ModelOutput, ModelResolver } from './models';
import type { PyFile } from './pyFile';
import { argument, callArgs, descendants, dottedPath, enclosing, definedName, unparen, type PyNode } from './syntax';
import { Env, PyTranslator, Unreadable, type ActivationLog } from './translate';

export interface TrainingLoss {
  name: string;
  node: PyNode;
  anchor: PyNode;
  loss: LossReading;
  model?: ModelOutput;
  framework: Framework;
  activationLogs: ActivationLog[];
}

const LOSS_VARIABLE = /loss|cost|entropy|nll|bce|objective|^ce$|^kl/i;
const HAZARD_CALLS = /^(log|log2|log10|log1p|exp|sqrt|power|pow|abs|absolute|maximum|minimum|relu|clip|clamp|where|sign)$/;
/** Bare expressions a notebook displays, or code prints: only these calls are read as losses. */
const DISPLAY_CALLS = /^(print|display|plt|logging|logger|assert)$/;

function lastName(file: PyFile, call: PyNode): string | undefined {
  const d = dottedPath(file.src, unparen(call.children[0]));
  return d?.[d.length - 1];
}

function hazardous(file: PyFile, value: PyNode): boolean {
  for (const n of [value, ...descendants(value)]) if (n.type === 'CallExpression' && HAZARD_CALLS.test(lastName(file, n) ?? '')) return true;
  return false;
}

function logOfActivation(file: PyFile, value: PyNode): boolean {
  for (const n of [value, ...descendants(value)]) {
    if (n.type !== 'CallExpression' || lastName(file, n) !== 'log') continue;
    const arg = n.children.find((c) => c.type === 'ArgList')?.children[0];
    const inner = arg && unparen(arg);
    if (inner?.type === 'CallExpression' && /^(softmax|sigmoid)$/.test(lastName(file, inner) ?? '')) return true;
    const callee = unparen(n.children[0]);
    const receiver = callee.type === 'MemberExpression' ? unparen(callee.children[0]) : undefined;
    if (receiver?.type === 'CallExpression' && /^(softmax|sigmoid)$/.test(lastName(file, receiver) ?? '')) return true;
  }
  return false;
}

/** A bare expression is read only when it computes on a prediction (`np.abs(y_predicted - y_true)`). */
function mentionsPrediction(file: PyFile, value: PyNode): boolean {
  for (const n of descendants(value)) if (n.type === 'VariableName' && (isPredictionName(file.src.source(n)) || /pred|hat|prob|logit|output/i.test(file.src.source(n)))) return true;
  return false;
}

export function readTrainingLosses(file: PyFile, models: ModelResolver, sites: readonly PyNode[], fallback: Framework): TrainingLoss[] {
  const src = file.src;
  const out: TrainingLoss[] = [];
  const inside = (n: PyNode) => sites.some((d) => d.from <= n.from && n.to <= d.to);
  const bare = src.all('ExpressionStatement').filter((st) => st.parent?.type === 'Script' && st.children[0]?.type === 'CallExpression');
  const statements = [...src.all('AssignStatement'), ...src.all('ReturnStatement'), ...bare].sort((a, b) => a.from - b.from);
  for (const st of statements) {
    if (inside(st)) continue;
    let target: PyNode | undefined;
    let value: PyNode | undefined;
    let name: string;
    if (st.type === 'AssignStatement') {
      if (st.children.length !== 3) continue;
      target = st.children[0];
      value = st.children[2];
      const d = dottedPath(src, target);
      if (!d) continue;
      name = d[d.length - 1];
    } else if (st.type === 'ExpressionStatement') {
      value = st.children[0];
      target = value;
      const head = dottedPath(src, unparen(value.children[0]))?.[0] ?? '';
      if (DISPLAY_CALLS.test(head)) continue;
      name = 'loss';
    } else {
      value = st.children.find((c) => c.type !== 'return');
      const fn = enclosing(st, 'FunctionDefinition');
      name = fn ? (definedName(src, fn) ?? '') : '';
      target = st.children[0];
    }
    if (!value) continue;
    if (!(LOSS_VARIABLE.test(name) && hazardous(file, value)) && !logOfActivation(file, value)) continue;
    if (st.type === 'ExpressionStatement' && !mentionsPrediction(file, value)) continue;
    const read = readStatement(file, models, value, fallback);
    if (read) out.push({ name, node: st, anchor: target, ...read });
  }
  return out;
}

/**
 * `np.clip(y_pred, eps, 1 - eps, y_pred)` (or `out=y_pred`, `y_pred.clip_(…)`, `y_pred.clamp_(…)`) as a statement
 * after `y_pred` was assigned and before `at`, in the same function: the value `at` sees is that clip.
 */
function inPlaceClip(file: PyFile, name: string, after: number, at: PyNode): PyNode | undefined {
  const src = file.src;
  const scope = enclosing(at, 'FunctionDefinition');
  let found: PyNode | undefined;
  for (const st of src.all('ExpressionStatement')) {
    if (st.from < after || st.to > at.from || enclosing(st, 'FunctionDefinition') !== scope) continue;
    const call = st.children[0] && unparen(st.children[0]);
    if (call?.type !== 'CallExpression') continue;
    const callee = unparen(call.children[0]);
    const path = file.bindings.callee(call);
    const args = callArgs(src, call);
    const out = path && /\.(clip|clamp)$/.test(path) ? argument(args, 3, 'out') : undefined;
    const method = !path && callee.type === 'MemberExpression' && /^(clip_|clamp_|clamp_min_)$/.test(src.source(callee.children[1] ?? callee)) ? callee.children[0] : undefined;
    const target = out && args.positional[0] && src.source(unparen(args.positional[0])) === name ? out : method;
    if (target && unparen(target).type === 'VariableName' && src.source(unparen(target)) === name) found = call;
  }
  return found;
}

function readStatement(file: PyFile, models: ModelResolver, value: PyNode, fallback: Framework): Omit<TrainingLoss, 'name' | 'node' | 'anchor'> | undefined {
  const outputs = new Map<string, ModelOutput>();
  const translator: PyTranslator = new PyTranslator(file.src, file.bindings, file.scope, (name, node) => {
    const a = file.values.assigned(name, node);
    if (!a || a.partial) return undefined;
    const clipped = inPlaceClip(file, name, a.end, node);
    if (clipped) return { node: clipped };
    const v = unparen(a.value);
    const out = v.type === 'CallExpression' ? models.output(file, v) : undefined;
    if (out) {
      const sym = translator.claimSymbol(name, a.value);
      outputs.set(sym, out);
      translator.predictions.add(sym);
      return sym;
    }
    return { node: a.value };
  });
  try {
    const expr = translator.expression(value, Env.empty);
    if (!expr.tensor && translator.freeSymbols.length === 0) return undefined;
    const free = translator.freeSymbols;
    const prediction = free.find((s) => outputs.has(s)) ?? free.find((s) => isPredictionName(s)) ?? free.find((s) => !isTargetName(s));
    if (!prediction || !expr.text.includes(prediction)) return undefined;
    const target = free.find((s) => s !== prediction && isTargetName(s));
    const reduction = translator.reductions.includes('mean') ? 'mean' : translator.reductions.includes('sum') ? 'sum' : 'none';
    const model = outputs.get(prediction);
    return {
      loss: { expr, wrt: prediction, ...(target ? { target } : {}), parameters: { ...translator.parameters }, reduction, origin: 'code' },
      ...(model ? { model } : {}),
      framework: translator.framework(fallback),
      activationLogs: translator.activationLogs,
    };
  } catch (err) {
    if (err instanceof Unreadable) return undefined;
    throw err;
  }
}
