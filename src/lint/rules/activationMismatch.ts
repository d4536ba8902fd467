/**
 * `activation-mismatch`: the model's output activation does not suit its loss. What the loss is comes from
 * the framework loss the site names (with its family) or, for a custom loss, from the catalog loss the analysis
 * recognised; the pairs that go wrong, with their messages and fixes, are the table in activationTable.ts.
 */
import { recognizeLoss, walk, type Analysis, type CatalogMatch, type Node } from '../../core';
import type { ActivatedLogits, SiteFacts } from '../engine/frontEnd';
import { inlineActivation, withoutActivation, type InlineActivation } from '../engine/inlineActivation';
import { frameworkLossFamily, lossFamily, matchRule, type RuleInput } from './activationTable';
import { probabilityUse } from './probabilityUses';
import type { Rule, RuleContext, RuleFinding } from './rule';
import { shortText } from './summaries';
import { swappedLosses } from './swappedLosses';

/** Whether the prediction enters the loss only through its error from the target (`y - p` or `p - y`). */
function ofResidualOnly(analysis: Analysis): boolean {
  const { prediction, target } = analysis.roles;
  if (!prediction || !target) return false;
  const isSym = (n: Node, name: string) => n.kind === 'sym' && n.name === name;
  let inResidual = 0;
  let anywhere = 0;
  walk(analysis.ast, (n) => {
    if (isSym(n, prediction)) anywhere++;
    if (n.kind === 'op' && n.op === '-' && ((isSym(n.left, target) && isSym(n.right, prediction)) || (isSym(n.left, prediction) && isSym(n.right, target)))) inResidual++;
  });
  return anywhere > 0 && anywhere === inResidual;
}

/** Focal loss with γ = 0 and α = 1 is -y·log(p), categorical cross-entropy; the recogniser may name it focal. */
function effectiveCatalogId(match: CatalogMatch): string {
  // The recogniser fits γ and α numerically: `-y·log(p + 1e-10)` comes back as γ = 1e-10, α = 1 - 1e-10.
  if (match.id === 'focal' && Math.abs(match.parameters.gamma ?? 1) <= 1e-6 && Math.abs((match.parameters.alpha ?? 0) - 1) <= 1e-6) return 'categoricalCrossentropy';
  return match.id;
}

interface Identity {
  family: RuleInput['family'];
  label: string;
  /** The name alone, for the one-line summary. */
  short: string;
  clips: boolean;
  outOfRange?: string;
}

function identify(site: SiteFacts, match: CatalogMatch | null | undefined, analysis?: Analysis): Identity | undefined {
  const fl = site.frameworkLoss;
  if (fl) {
    // A name TF.js throws on is checked as what it plainly means: the rename its fix makes keeps the pairing.
    if (!fl.known && fl.meant) return { family: fl.meant.family, label: `'${fl.label}' (meant as '${fl.meant.label}')`, short: shortText(fl.label, 28), clips: fl.meant.clips };
    const family = frameworkLossFamily(fl);
    if (!family) return undefined;
    return { family, label: fl.label, short: shortText(fl.label, 28), clips: fl.clips, ...(fl.outOfRange ? { outOfRange: fl.outOfRange } : {}) };
  }
  // A squared error no line writes, implied by a hand-written backpropagation (error × σ′ at the output).
  if (site.impliedBy) return { family: 'regression', label: `the squared error that ${site.impliedBy.text} implies`, short: 'the backpropagated squared error', clips: false };
  const custom = site.lossSite ?? (site.modelFromCalls ? site : undefined);
  // A loss read without a term it could not read is not recognised as a whole.
  if ((custom ?? site).loss?.unreadTerms?.length) return undefined;
  if (custom && match) {
    // A function named only "loss" says nothing the label does not: `the custom loss (mean squared error)`.
    const name = custom.name && !/^(loss|lossFn|lossFunction|customLoss)$/i.test(custom.name) ? custom.name : undefined;
    return { family: lossFamily(effectiveCatalogId(match)), label: `the custom loss${name ? ` ${name}` : ''} (${match.name.toLowerCase()})`, short: shortText(name ?? match.name.toLowerCase(), 28), clips: false };
  }
  // A loss of the error alone (`(y − ŷ)² + |y − ŷ|`, MSE plus MAE): a regression loss, whatever its parts.
  if (custom && analysis && ofResidualOnly(analysis)) {
    const name = custom.name && !/^(loss|lossFn|lossFunction|customLoss)$/i.test(custom.name) ? custom.name : undefined;
    return { family: 'regression', label: `the custom loss${name ? ` ${name}` : ''} (a loss of the error y − ŷ)`, short: shortText(name ?? 'loss of y − ŷ', 28), clips: false };
  }
  if (site.kind === 'minimize' && match) return { family: lossFamily(effectiveCatalogId(match)), label: `the loss minimized here (${match.name.toLowerCase()})`, short: shortText(match.name.toLowerCase(), 28), clips: false };
  return undefined;
}

export const activationMismatch: Rule = {
  meta: {
    code: 'activation-mismatch',
    defaultSeverity: 'warning',
    docs: {
      summary:
        'the output activation does not suit the loss: sigmoid + MSE on class targets, softmax + a regression loss (unless its targets are fractions), softmax with 1 unit, softmax over three or more units + binary cross-entropy for single-label classes (over two units it is categorical cross-entropy), categorical cross-entropy on several sigmoids, a probability cross-entropy on a linear output (also at a `tf.metrics.binaryCrossentropy` call given logits), a logits loss after a sigmoid/softmax or the output’s own activation applied again in the loss (applied twice), a logits loss on a prediction the same loss uses as a probability, softmaxCrossEntropy over 1 unit, hinge on a sigmoid, a least-squares GAN loss on a sigmoid discriminator',
      explanation:
        "The model's output activation does not suit its loss: for example a probability cross-entropy on an unbounded linear output, or a logits loss on a sigmoid output (the activation is applied twice).",
      fix: 'change the loss or the activation; swap back the losses of a list given in each other’s place',
    },
  },
  check(ctx: RuleContext): RuleFinding[] {
    if (ctx.site.unusedLoss) return [];
    const logits = [...activatedLogits(ctx.site, ctx.analysis), ...probabilitiesOfLogits(ctx.site)];
    const twice = activatedOutput(ctx);
    // Said at the logits argument (here, or in the loss function this compile call uses), or where that function gives a
    // probability loss the linear output: the whole loss recognised as the same loss would say it again at the compile.
    const own = ctx.site.lossSite && { ...ctx.site.lossSite, model: ctx.site.model };
    const inLossFunction = own ? activatedLogits(own).length > 0 || probabilitiesOfLogits(own).length > 0 : false;
    return [...logits, ...twice, ...(twice.length || logits.length || inLossFunction ? [] : modelMismatch(ctx))];
  },
};

/**
 * A logits loss given an activation's output in the loss's own code: `sigmoidCrossEntropy(y, x.sigmoid())`, or the
 * loss's own prediction when the model it belongs to ends in a sigmoid or softmax (`sigmoidCrossEntropy(yTrue,
 * yPred.slice(…))` in a detector's loss, whatever else the loss adds).
 */
function activatedLogits(site: SiteFacts, analysis?: Analysis): RuleFinding[] {
  const modelActivation = site.model?.activation === 'sigmoid' || site.model?.activation === 'softmax' ? site.model.activation : undefined;
  return (site.loss?.activatedLogits ?? []).filter((a) => a.expects !== 'probabilities').flatMap((a) => {
    // Another output the loss reads (a discriminator's on the fake batch) has its own model's activation.
    const activation = a.activation ?? (a.otherOutput ? a.otherOutput.activation : modelActivation);
    if (!activation) return a.otherOutput ? [] : usedAsProbability(a, site, analysis);
    const what = a.activation ? `this is a ${activation} output` : `the prediction is the model's ${activation} output`;
    return [{
      at: { file: { start: a.start, end: a.end } },
      message: `${shortText(a.loss, 36)} expects logits, but ${what}: it is applied twice.`,
      detail: `${a.loss} expects logits, but ${a.activation ? `this is already a ${activation} output` : `the prediction it is given is the output of the model's ${activation} layer`}: the ${activation} is applied twice, so the loss only ever sees values in [0, 1], cannot reach confident predictions, and its gradient is squashed.`,
      // On the model's own output, the first choice is the output layer's: linear, keeping the stable logits loss.
      // The site's model is the loss's own prediction's, so another output's layer is not offered.
      fixes: [...(a.activation || a.otherOutput ? [] : [{ plan: { kind: 'set-activation' as const, activation: 'linear' as const } }]), ...(a.fix ? [{ source: a.fix }] : [])],
      rule: 'logits-loss-on-probabilities',
    }];
  });
}

/**
 * A loss that takes probabilities given a linear output as it is, in the loss's own code: `tf.metrics.binaryCrossentropy(
 * ones, realOutput)` in a GAN whose discriminator ends in `dense({ units: 1 })`. TF.js clips the logits to
 * [1e-7, 1 − 1e-7] before the log, so every logit outside that range gets no gradient.
 */
function probabilitiesOfLogits(site: SiteFacts): RuleFinding[] {
  const ownLinear = site.model?.activation === 'linear';
  return (site.loss?.activatedLogits ?? []).filter((a) => a.expects === 'probabilities' && (a.otherOutput ? a.otherOutput.linear : ownLinear)).map((a) => ({
    at: { file: { start: a.start, end: a.end } },
    message: `${shortText(a.loss, 36)} wants probabilities, but ${a.otherOutput ? 'this output' : "the model's output"} is linear (logits).`,
    detail: `${a.loss} expects probabilities in [0, 1], but it is given the output of a linear layer: TF.js clips it to [1e-7, 1 - 1e-7] before the log, so every logit outside that range gets zero gradient and training stalls. Give it the sigmoid (or softmax) of the output, or use the logits form (tf.losses.sigmoidCrossEntropy / softmaxCrossEntropy).`,
    fixes: [...(a.fix ? [{ source: a.fix }] : []), ...(a.otherOutput ? [] : [{ plan: { kind: 'set-activation' as const, activation: a.loss.includes('categorical') ? ('softmax' as const) : ('sigmoid' as const) } }])],
    rule: 'probability-loss-on-unbounded-output',
  }));
}

/** A logits loss given the prediction that the same loss uses as a probability (probabilityUses.ts). */
function usedAsProbability(a: ActivatedLogits, site: SiteFacts, analysis: Analysis | undefined): RuleFinding[] {
  const wrt = site.loss?.wrt;
  const use = analysis && wrt ? probabilityUse(analysis, wrt) : undefined;
  if (!use) return [];
  return [{
    at: { file: { start: a.start, end: a.end } },
    message: `${shortText(a.loss, 36)} expects logits, but this loss also uses ${wrt} as a probability (${shortText(use, 30)}).`,
    detail: `${a.loss} expects logits (it applies the ${a.loss.includes('softmax') ? 'softmax' : 'sigmoid'} itself), but the same loss also treats ${wrt} as a probability in ${use}: ${wrt} cannot be both. If the model outputs probabilities, the logits loss applies the activation a second time and the loss cannot reach confident predictions; if it outputs logits, the probability terms are wrong. Use the loss that takes probabilities, or apply the activation to the logits where a probability is meant.`,
    fixes: a.fix ? [{ source: a.fix }] : [],
    rule: 'logits-loss-on-probabilities',
  }];
}

/** What applying each activation again to an output that already has one does. */
const AGAIN: Readonly<Record<string, readonly string[]>> = {
  softmax: ['softmax', 'logSoftmax', 'log_softmax'],
  sigmoid: ['sigmoid', 'logSigmoid', 'log_sigmoid'],
};

/**
 * The loss applies the model's own output activation again: `tf.softmax(actor.predict(s))` when the actor ends in
 * a softmax layer. The probabilities are squashed toward uniform (a softmax of values in [0, 1] spans at most a
 * factor e), so the loss and its gradient are those of a much less confident model.
 */
function activatedOutput(ctx: RuleContext): RuleFinding[] {
  const { site, analysis } = ctx;
  const activation = site.model?.activation;
  const wrt = site.loss?.wrt;
  if (!analysis || !wrt || (activation !== 'softmax' && activation !== 'sigmoid') || !site.model?.activationName) return [];
  const again = AGAIN[activation];
  const out: RuleFinding[] = [];
  walk(analysis.ast, (n) => {
    if (n.kind !== 'call' || !again.includes(n.fn) || !n.span || n.args.length !== 1) return;
    const arg = n.args[0];
    if (arg.kind !== 'sym' || arg.name !== wrt) return;
    out.push({
      at: { expression: { start: n.span.start, end: n.span.end } },
      message: `${n.fn} of the model's output, which already ends in ${activation}: it is applied twice.`,
      detail: `The model's output layer already applies ${site.model!.activationName}, and the loss applies ${n.fn} to that output again: the values it sees are squashed (a ${activation} of numbers in [0, 1] is far from confident), so the loss and its gradient are those of a much less certain model and training is slow or stalls. Apply it once: drop it here, or make the output layer linear and keep it here.`,
      fixes: [{ plan: { kind: 'set-activation', activation: 'linear' } }],
      rule: 'activation-applied-twice',
    });
  });
  return out;
}

function modelMismatch(ctx: RuleContext): RuleFinding[] {
  const { site } = ctx;
  const trained = site.kind === 'compile' || site.kind === 'minimize' || !!site.modelFromCalls;
  // A loss function that applies the activation itself and one-hot encodes its own targets says all there is to say
  // without a model: `(oneHot(y) - softmax(z))²` is a squared error on a softmax trained on classes.
  if ((!trained && site.kind !== 'custom-function') || site.multipleLosses) return [];
  const inline = lossOwnActivation(ctx);
  if (inline) return inlineMismatch(ctx, inline);
  if (!trained) return [];
  const model = site.model;
  if (!model?.activation || !model.activationName) return [];
  const identity = identify(site, ctx.analysis?.match, ctx.analysis);
  if (!identity) return [];
  const input: RuleInput = {
    family: identity.family,
    loss: identity.label,
    shortLoss: identity.short,
    activation: model.activation,
    activationName: model.activationName,
    units: model.units,
    targets: site.targets,
    clips: identity.clips,
    ...(identity.outOfRange ? { outOfRange: identity.outOfRange } : {}),
  };
  const rule = matchRule(input, site.framework);
  // A network evolved, never trained: a pairing wrong only for class targets has none to be wrong for.
  if (!rule || (site.evolved && (rule.id === 'regression-loss-on-classes' || rule.id === 'regression-loss-on-softmax'))) return [];
  const where = model.outputLayer
    ? ` (output layer at line ${ctx.lineOf(model.outputLayer.start)})`
    : model.definedIn
      ? ` (output layer in ${model.definedIn.file.split(/[\\/]/).pop()}${model.definedIn.line ? `:${model.definedIn.line}` : ''})`
      : '';
  // `tf.layers.activation('softmax')` reads like a softmax: say why the output is linear.
  const ignored = model.ignoredActivation !== undefined ? ` tf.layers.activation('${model.ignoredActivation}') ignores a name given alone (the layer is linear): write {activation: '${model.ignoredActivation}'}.` : '';
  const message = `${rule.summary(input)}${ignored}`;
  const implied = site.impliedBy && `${rule.message(input)} Here the error is multiplied by the sigmoid's derivative ${site.impliedBy.derivative.text} (line ${site.impliedBy.derivative.line}): without that factor, the error (target − output) is binary cross-entropy's gradient on the logit, which does not vanish.`;
  const detail = implied ?? `${rule.message(input)}${where}${ignored}`;
  // A backpropagation's loss is no compiled name to change: the detail says what to drop. Losses of a list given in each
  // other's place are swapped back first.
  const swap = swappedLosses(site);
  const fixes = site.impliedBy ? [] : [...(swap ? [{ source: swap }] : []), ...rule.fixes(input).map((plan) => ({ plan }))];
  return [placed(site, { message, detail, fixes, rule: rule.id })];
}

/** A finding on the site's whole loss: a minimize closure's expression, or a compile call's loss. */
function placed(site: SiteFacts, finding: Omit<RuleFinding, 'at'>): RuleFinding {
  if (site.kind === 'minimize' && site.loss) return { at: { expression: { start: 0, end: site.loss.expr.text.length } }, ...finding };
  const at = (!site.chosenAway && (site.frameworkLoss ?? site.lossValue)) || { start: site.anchorStart, end: site.anchorEnd };
  return { at: { file: { start: at.start, end: at.end } }, ...finding };
}

/**
 * The output activation a custom loss applies itself to the model's raw (linear or unknown) output, with the loss
 * that is left when it is taken off: `(y - sigmoid(z))^2` is a squared error on a sigmoid.
 */
function lossOwnActivation(ctx: RuleContext): { activation: InlineActivation; match: CatalogMatch } | undefined {
  const { site, analysis } = ctx;
  const own = site.model?.activation;
  // Only a regression loss on class targets is judged this way (see inlineMismatch): without them, no catalog match.
  if ((own !== undefined && own !== 'linear') || !analysis || site.frameworkLoss || site.targets?.kind !== 'classes') return undefined;
  if ((site.lossSite ?? site).loss?.unreadTerms?.length) return undefined;
  const wrt = analysis.roles.prediction;
  const activation = inlineActivation(analysis.ast, wrt);
  if (!activation) return undefined;
  const match = recognizeLoss(withoutActivation(analysis.ast, wrt, activation), analysis.roles, new Map(analysis.parameters.map((p) => [p.name, p.value])));
  return match ? { activation, match } : undefined;
}

/**
 * A regression loss on the activation the loss applies itself, trained on class targets: the same mistake as a
 * sigmoid output layer with MSE. Only this pair is judged: without an output layer nothing else says what the
 * outputs are (a distillation loss compares two softmaxes on purpose), and the fix is the logits loss on the same
 * raw output, which is what the code already has at hand.
 */
function inlineMismatch(ctx: RuleContext, inline: { activation: InlineActivation; match: CatalogMatch }): RuleFinding[] {
  const { site } = ctx;
  const family = lossFamily(effectiveCatalogId(inline.match));
  if (family !== 'regression' || site.targets?.kind !== 'classes') return [];
  const name = inline.match.name.toLowerCase();
  const activationName = `${inline.activation} applied in the loss`;
  const input: RuleInput = { family, loss: name, shortLoss: shortText(name, 28), activation: inline.activation, activationName, units: site.model?.units ?? null, targets: site.targets, clips: false };
  const rule = matchRule(input, site.framework);
  if (!rule || rule.id !== 'regression-loss-on-classes') return [];
  const fn = inline.activation === 'sigmoid' ? ('sigmoidCrossEntropy' as const) : ('softmaxCrossEntropy' as const);
  const fixes = [{ plan: { kind: 'logits-loss' as const, fn } }];
  const message = rule.summary(input);
  const detail = `${rule.message(input)} The loss applies the ${inline.activation} to the raw output itself, so the stable cross-entropy on those logits is at hand.`;
  return [placed(site, { message, detail, fixes, rule: rule.id })];
}
