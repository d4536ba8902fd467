/** What the model resolver finds: a model's output layers, the ways it may be built, the file that builds it. */
import type { ModelFacts } from '../../engine/frontEnd';
import type { Condition } from './configurationChoices';
import type { ImportResolver } from './imports';
import type * as TS from 'typescript';
import { configValue, objectLiteralOf, outputOf, type LayerInfo, type OutputInfo } from './layers';
import { resolveIdentifier } from './scope';
import { stringValue, unwrapExpression, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

export interface ModelInfo extends OutputInfo {
  layers: (LayerInfo | undefined)[];
  /**
   * The outputs the model may have when the code builds it one way or another by configuration (`if
   * (config.continuous) output = dense(tanh) else output = dense(softmax)`): this model's own output is then unknown,
   * and each way is checked on its own.
   */
  alternatives?: ModelInfo[];
  /** For one of the alternatives: the configuration it is built under, when the code says (see configurationChoices.ts). */
  when?: Condition[];
  /** One way of a builder, chosen by the arguments of the call that makes this model: its layer is not the call's to edit. */
  chosenByCall?: boolean;
  /** Built with tf.sequential: one output, whatever layers it stacks. */
  oneOutput?: true;
  /** The file that defines the model's layers, when it is another file of the project. */
  file?: string;
  /** The line of the deciding layer in that file (1-based). */
  fileLine?: number;
}

/** How this file reaches others: the resolver and the file's own name. */
export interface ImportContext {
  resolver: ImportResolver;
  fileName: string;
}

/** A model one of whose possible values the lint could not read: its count of outputs is not known. */
export function mayHaveMoreOutputs(m: ModelInfo | undefined, unread: boolean): ModelInfo | undefined {
  if (!m || !unread || !m.oneOutput) return m;
  const { oneOutput: _one, ...rest } = m;
  return rest;
}

/**
 * The one model several values agree on (each read when its turn comes): undefined when two disagree on the output's
 * activation or units; a value the lint cannot read leaves the count of outputs unknown.
 */
export function agreedModel(values: readonly (() => ModelInfo | undefined)[]): ModelInfo | undefined {
  let found: ModelInfo | undefined;
  let unread = false;
  for (const value of values) {
    const m = value();
    if (!m) {
      unread = true;
      continue;
    }
    if (found && (found.activation !== m.activation || found.units !== m.units)) return undefined;
    found ??= m;
  }
  return mayHaveMoreOutputs(found, unread);
}

/** A model resolved in another file of the project, marked with where its output layer is. */
export function fromFile(model: ModelInfo | undefined, file: { path: string; tree: SyntaxTree }): ModelInfo | undefined {
  if (!model || model.file) return model;
  const layer = model.decidingLayer;
  return { ...model, file: file.path, ...(layer ? { fileLine: file.tree.file.getLineAndCharacterOfPosition(file.tree.start(layer.call)).line + 1 } : {}) };
}

/**
 * Where a model's output layer is, for the rules' findings: the layer's call, a name TF.js ignores, and the activation
 * when it is written apart from the call (`{ type: 'dense', units: 5, activation: 'softmax' }` of a configuration the
 * layer reads), which says which configuration a way of building the model is.
 */
export function outputLayerFacts(tree: SyntaxTree, layer: LayerInfo): Pick<ModelFacts, 'outputLayer' | 'ignoredActivation' | 'activationAt'> {
  const start = tree.start(layer.call);
  const written = layer.activationLiteral ?? layer.activationNode;
  const apart = written && (tree.start(written) < start || written.end > layer.call.end) ? { activationAt: tree.start(written) } : {};
  return { outputLayer: { start, end: layer.call.end }, ...(layer.ignoredActivation ? { ignoredActivation: layer.ignoredActivation.text } : {}), ...apart };
}

/**
 * A Sequential model made elsewhere (`const model = base()`) with layers added to it here (`model.add(softmax)`): its
 * layers, then these, the last deciding the output. A model built one way or another is left unread.
 */
export function withLayersAdded(made: ModelInfo, added: readonly (LayerInfo | undefined)[]): ModelInfo | undefined {
  if (made.alternatives) return undefined;
  const layers = [...made.layers, ...added];
  const output = outputOf(layers);
  // A layer the builder made still decides (a dropout added here): where it is written, and whose call chose it, stay.
  const builders = output.decidingLayer !== undefined && !added.includes(output.decidingLayer);
  const { file, fileLine, chosenByCall } = made;
  return { ...output, layers, oneOutput: true, ...(builders ? { ...(file ? { file } : {}), ...(fileLine ? { fileLine } : {}), ...(chosenByCall ? { chosenByCall } : {}) } : {}) };
}

/** The name a model is built with (`const head = tf.sequential({ name: 'policyHead', … })`), when written as a string. */
export function modelName(tree: SyntaxTree, tf: TfBindings, expr: TS.Expression): string | undefined {
  const ts = tree.ts;
  const id = unwrapExpression(ts, expr);
  const d = ts.isIdentifier(id) ? resolveIdentifier(tree, id) : undefined;
  const built = d?.kind === 'variable' && d.initializer ? unwrapExpression(ts, d.initializer) : undefined;
  const config = built && ts.isCallExpression(built) && /^(sequential|model)$/.test(tf.path(built.expression) ?? '') ? objectLiteralOf(tree, built.arguments[0]) : undefined;
  const name = config ? configValue(tree, config, 'name', undefined) : undefined;
  return name ? stringValue(ts, unwrapExpression(ts, name)) : undefined;
}
