/**
 * GAN losses written as functions of the discriminator's outputs (`discriminatorLoss(realOutput, fakeOutput)`,
 * `generatorLoss(discFakeOutput, …)`), as the TensorFlow DCGAN and pix2pix tutorials write them, exported to a
 * training loop in another file: nothing in this file calls them with a model's output, but what they are given is
 * named for it. When the file builds one discriminator (`createDiscriminator()` returning a model, a `discriminator`
 * variable or field), a parameter of such a loss named for a real or fake score is that discriminator's output.
 */
import type * as TS from 'typescript';
import { GAN_LOSS_NAME } from '../../engine/roleNames';
import { returnedExpressions } from './functionValues';
import { functionName } from './functionNames';
import { referencesTo, resolveIdentifier } from './scope';
import type { ModelInfo } from './modelResolution';
import { isFunctionNode, unwrapExpression, type FunctionNode, type SyntaxTree } from './syntaxTree';

/** A function named as a GAN loss, and nothing after (a `Fn` suffix at most): `discriminatorLoss`, `g_loss`, `dLossFn`. */
export const GAN_LOSS = new RegExp(`${GAN_LOSS_NAME.source}(_?fn)?$`, 'i');
/** `realOutput`, `fakeOutput`, `discFakeOutput`, `d_real`, `generatedPred`, `truePred`: what the discriminator says of real or fake data. */
export const DISCRIMINATOR_OUTPUT = /(real|fake|disc|generated|^true)/i;
/** `createDiscriminator`, `buildDiscriminatorModel`, `discriminator`, `this.disc`, `dModel`. */
const DISCRIMINATOR = /^((build|create|make|get|define|init|new)_?)?(discriminator|disc)(_?(model|net|network))?$|^d_?model$/i;
const DISCRIMINATOR_TEXT = /\b\w*(discriminator|disc|dModel|d_model)\w*\b/gi;
const MAX_CANDIDATES = 20;

/**
 * A GAN loss of the discriminator's output alone, named so (`gLoss(generatedPred)`, `generatorLoss(fakeOutput)`):
 * `-mean(log(D(G(z))))` has no target, and its one parameter is the prediction.
 */
export function isGanLossOfOutput(tree: SyntaxTree, fn: FunctionNode): boolean {
  const ts = tree.ts;
  const params = fn.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'));
  if (params.length !== 1 || !ts.isIdentifier(params[0]!.name) || !DISCRIMINATOR_OUTPUT.test(params[0]!.name.text)) return false;
  const { name } = functionName(tree, fn);
  return name !== undefined && GAN_LOSS.test(name);
}

/** The discriminator model a GAN loss's parameter stands for, when the file says so plainly (see above). */
export function discriminatorOutput(tree: SyntaxTree, parameter: TS.ParameterDeclaration, resolve: DiscriminatorResolver): ModelInfo | undefined {
  const ts = tree.ts;
  const fn = tree.parent(parameter);
  if (!fn || !isFunctionNode(ts, fn) || !ts.isIdentifier(parameter.name) || !DISCRIMINATOR_OUTPUT.test(parameter.name.text)) return undefined;
  const { name, node } = functionName(tree, fn as FunctionNode);
  if (!name || !node || !ts.isIdentifier(node) || !GAN_LOSS.test(name)) return undefined;
  // Used nowhere in the file but exported (`export { discriminatorLoss }` too): a call or a compile here would say more.
  const decl = resolveIdentifier(tree, node);
  const container = decl && 'container' in decl ? decl.container : tree.file;
  const uses = decl ? referencesTo(tree, container, name, decl).filter((id) => id !== node && !ts.isExportSpecifier(tree.parent(id) ?? id)) : [];
  if (uses.length > 0) return undefined;
  return fileDiscriminator(tree, resolve);
}

/** The discriminator the file builds, when every one it builds under that name ends in the same activation. */
export function fileDiscriminator(tree: SyntaxTree, resolve: DiscriminatorResolver): ModelInfo | undefined {
  let models = found.get(tree);
  if (!models) found.set(tree, (models = discriminators(tree, resolve)));
  return models.length > 0 && models.every((m) => m.activationName === models![0]!.activationName && !m.alternatives) ? models[0] : undefined;
}

/** A discriminator whose output is not known: no activation the file's discriminators agree on. */
const UNREAD: ModelInfo = { layers: [], activation: null, activationName: null, units: null };

/** What a discriminator's value is; `returned` when it is what a function so named returns (a forward pass). */
export type DiscriminatorResolver = (e: TS.Expression, returned: boolean) => ModelInfo | undefined;

/** The discriminators of each file, looked for once. */
const found = new WeakMap<SyntaxTree, ModelInfo[]>();

/** The models the file builds under a discriminator's name: returned by a function so named, or given to such a variable or field. */
function discriminators(tree: SyntaxTree, resolve: DiscriminatorResolver): ModelInfo[] {
  const ts = tree.ts;
  const out: ModelInfo[] = [];
  const seen = new Set<TS.Node>();
  let looked = 0;
  for (const m of tree.text.matchAll(DISCRIMINATOR_TEXT)) {
    if (++looked > MAX_CANDIDATES * 10 || out.length >= MAX_CANDIDATES) break;
    if (!DISCRIMINATOR.test(m[0])) continue;
    const id = tree.nodeAt(m.index!, m.index! + m[0].length);
    const holder = ts.isIdentifier(id) ? tree.parent(id) : undefined;
    if (!holder || seen.has(holder)) continue;
    seen.add(holder);
    const values: TS.Expression[] = [];
    // What a function so named returns: each return must be read, and all of them agree (a discriminator that returns its
    // logits on one path and their sigmoid on another is no sigmoid discriminator).
    let returned: TS.Expression[] | undefined;
    if ((ts.isFunctionDeclaration(holder) || ts.isMethodDeclaration(holder)) && holder.name === id) returned = returnedExpressions(tree, holder);
    else if ((ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder)) && holder.name === id && holder.initializer) {
      const init = unwrapExpression(ts, holder.initializer);
      if (isFunctionNode(ts, init)) returned = returnedExpressions(tree, init);
      else values.push(init);
    } else if (ts.isPropertyAccessExpression(holder) && holder.name === id) {
      const assignment = tree.parent(holder);
      if (assignment && ts.isBinaryExpression(assignment) && assignment.left === holder && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken) values.push(assignment.right);
    }
    if (returned) {
      const models = returned.map((r) => resolve(r, true));
      out.push(models.length > 0 && models.every((m) => m !== undefined) ? models[0]! : UNREAD);
      if (models.some((m) => m && m.activationName !== models[0]?.activationName)) out.push(UNREAD);
    }
    for (const v of values) {
      const model = resolve(v, false);
      if (model) out.push(model);
    }
  }
  return out;
}
