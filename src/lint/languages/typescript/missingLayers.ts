/**
 * Layers TF.js does not have. Code written from Keras habits or by code assistants calls `tf.layers.multiHeadAttention`,
 * `tf.layers.attention` or `tf.layers.globalAveragePooling1D`: TF.js 4.22 has no such factory, so building the model
 * throws "tf.layers.… is not a function" and the model is never compiled or trained. Its output activation against its
 * loss is then no finding: the lint checks only the ways a model can really be built.
 */
import type * as TS from 'typescript';
import type { LayerInfo } from './layers';
import type { ModelInfo } from './modelInfo';
import { isFunctionNode, type SyntaxTree } from './syntaxTree';
import type { TfBindings } from './tfBindings';

/** Every `tf.layers.*` factory of TF.js 4.22 (test/unit/lint-missing-layers.test.mjs compares it with the installed tfjs-layers). */
export const TFJS_LAYER_FACTORIES: ReadonlySet<string> = new Set([
  'Layer', 'RNN', 'RNNCell', 'activation', 'add', 'alphaDropout', 'average', 'averagePooling1d', 'averagePooling2d',
  'averagePooling3d', 'avgPool1d', 'avgPool2d', 'avgPool3d', 'avgPooling1d', 'avgPooling2d', 'avgPooling3d',
  'batchNormalization', 'bidirectional', 'categoryEncoding', 'centerCrop', 'concatenate', 'conv1d', 'conv2d',
  'conv2dTranspose', 'conv3d', 'conv3dTranspose', 'convLstm2d', 'convLstm2dCell', 'cropping2D', 'dense', 'depthwiseConv2d',
  'dot', 'dropout', 'elu', 'embedding', 'flatten', 'gaussianDropout', 'gaussianNoise', 'globalAveragePooling1d',
  'globalAveragePooling2d', 'globalMaxPool1d', 'globalMaxPool2d', 'globalMaxPooling1d', 'globalMaxPooling2d', 'gru',
  'gruCell', 'input', 'inputLayer', 'layerNormalization', 'leakyReLU', 'lstm', 'lstmCell', 'masking', 'maxPool1d',
  'maxPool2d', 'maxPooling1d', 'maxPooling2d', 'maxPooling3d', 'maximum', 'minimum', 'multiply', 'permute', 'prelu',
  'randomWidth', 'reLU', 'repeatVector', 'rescaling', 'reshape', 'resizing', 'rnn', 'separableConv2d', 'simpleRNN',
  'simpleRNNCell', 'softmax', 'spatialDropout1d', 'stackedRNNCells', 'thresholdedReLU', 'timeDistributed', 'upSampling2d',
  'zeroPadding2d',
]);

/** A model, or one way of building it, that TF.js cannot build: one of its layers, or a call its output layer's builder makes first, is a factory TF.js lacks. */
export function cannotBeBuilt(tree: SyntaxTree, tf: TfBindings, model: ModelInfo): boolean {
  if (model.alternatives) return buildableWays(tree, tf, model).length === 0;
  return model.layers.some((l) => !!l && (isMissing(l.kind) || buildsMissingLayer(tree, tf, l)));
}

/** The ways of building a model chosen by configuration that TF.js can build. */
export function buildableWays(tree: SyntaxTree, tf: TfBindings, model: ModelInfo): ModelInfo[] {
  return (model.alternatives ?? []).filter((way) => !cannotBeBuilt(tree, tf, way));
}

function isMissing(kind: string): boolean {
  return /^[A-Za-z]\w*$/.test(kind) && !TFJS_LAYER_FACTORIES.has(kind);
}

/**
 * The block that makes a layer (the `case` of a switch over architectures, else the function's body) calls a missing
 * factory before it, on the path that reaches the layer: `createTransformerBlock()` adding `multiHeadAttention` before its
 * dense layers. A call after the layer, in a branch the layer is not in, or behind a guard (`tf.layers.x && tf.layers.x(…)`,
 * `tf.layers.x?.(…)`) does not stop the build.
 */
function buildsMissingLayer(tree: SyntaxTree, tf: TfBindings, layer: LayerInfo): boolean {
  const ts = tree.ts;
  if (!mayCallMissingLayer(tree)) return false;
  let region: TS.Node | undefined = layer.call.parent;
  while (region && !ts.isCaseClause(region) && !ts.isDefaultClause(region) && !isFunctionNode(ts, region) && !ts.isSourceFile(region)) region = region.parent;
  if (!region || ts.isSourceFile(region)) return false;
  return missingCallsIn(tree, tf, region).some((c) => c.call.end <= layer.call.pos && c.branches.every((b) => contains(b, layer.call)));
}

interface MissingCall {
  call: TS.CallExpression;
  /** The branches around it inside the region: the layer must be in each for the call to run on its way. */
  branches: TS.Node[];
}

const missingByRegion = new WeakMap<TS.Node, MissingCall[]>();

/** The calls of missing factories in a region, with the branches around each: found in one walk per region. */
function missingCallsIn(tree: SyntaxTree, tf: TfBindings, region: TS.Node): MissingCall[] {
  const ts = tree.ts;
  let found = missingByRegion.get(region);
  if (found) return found;
  const out: MissingCall[] = [];
  const visit = (n: TS.Node, branches: TS.Node[]): void => {
    if (n !== region && isFunctionNode(ts, n)) return;
    const branched = n !== region && (ts.isIfStatement(n) || ts.isConditionalExpression(n) || ts.isSwitchStatement(n) || ts.isTryStatement(n) || ts.isCaseClause(n) || ts.isDefaultClause(n));
    const inner = branched ? [...branches, n] : branches;
    // `tf.layers.x && tf.layers.x(…)`: the right operand runs only when the left allows it.
    if (ts.isBinaryExpression(n) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(n.operatorToken.kind)) {
      visit(n.left, inner);
      visit(n.right, [...inner, n.right]);
      return;
    }
    if (ts.isCallExpression(n) && !n.questionDotToken) {
      const path = tf.path(n.expression);
      if (path?.startsWith('layers.') && isMissing(path.slice('layers.'.length))) out.push({ call: n, branches: inner });
    }
    ts.forEachChild(n, (c) => visit(c, inner));
  };
  visit(region, []);
  missingByRegion.set(region, (found = out));
  return found;
}

function contains(outer: TS.Node, inner: TS.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end;
}

/** Array and object methods a `layers` list has (`model.layers.forEach(…)`): not factories. */
const LIST_METHODS = new Set(['forEach', 'map', 'filter', 'push', 'pop', 'slice', 'splice', 'find', 'findIndex', 'some', 'every', 'reduce', 'indexOf', 'includes', 'concat', 'join', 'at', 'entries', 'keys', 'values', 'flatMap', 'shift', 'unshift', 'reverse', 'sort', 'fill', 'toString', 'hasOwnProperty']);
const FACTORY_CALL = /\blayers\s*\.\s*([A-Za-z]\w*)\s*\(/g;
const missingWritten = new WeakMap<SyntaxTree, boolean>();

/** Whether the file's text calls a factory TF.js lacks at all (read once per file: most files call none). */
function mayCallMissingLayer(tree: SyntaxTree): boolean {
  let found = missingWritten.get(tree);
  if (found === undefined) missingWritten.set(tree, (found = [...tree.text.matchAll(FACTORY_CALL)].some((m) => isMissing(m[1]!) && !LIST_METHODS.has(m[1]!))));
  return found;
}
