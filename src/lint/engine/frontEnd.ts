/**
 * The seam between the language-neutral lint engine and the front end of one language. A front end turns a
 * file into facts the rules understand (loss sites with the loss as a core expression and a map back to the
 * source, the model's output activation, the loss the framework is given and how the targets look) and turns
 * the rules' abstract fixes back into edits written in the file's own style. Rules never see a syntax tree.
 */
import type { Activation, Analysis, Fix } from '../../core';
import type { Budget } from './budget';
import type { Expr } from './expression';
import type { ProjectFiles } from './project';
import type { LintOptions, Precision, SiteKind, SourceFix } from './types';

/** The library a site's code uses; it decides names, defaults (precision, epsilon) and how fixes are written. */
export type Framework = 'tfjs' | 'keras' | 'pytorch' | 'numpy' | 'jax' | 'tensorflow';

export interface FrontEnd {
  readonly language: 'typescript' | 'python';
  /** File extensions this front end reads, lower case with the dot. */
  readonly extensions: readonly string[];
  /** A cheap test without parsing: whether the text can contain a loss site at all. */
  looksRelevant(text: string): boolean;
  /** Loads the parser if it is not loaded yet: the process's work, not the file's, so it comes before the file's budget starts. */
  loadParser?(): void;
  /**
   * Parses the file, within the file's budget. A parser that can stop between steps (Python's) stops once `stop()`
   * says so, and the reading then covers the text it parsed and says where it stopped.
   */
  parse(text: string, fileName: string, stop: () => boolean): unknown;
  read(request: ReadRequest): FileReading;
}

export interface ReadRequest {
  text: string;
  fileName: string;
  /** What `parse` returned for this text. */
  parsed: unknown;
  options: Required<Pick<LintOptions, 'epsilon' | 'precision'>> & LintOptions;
  budget: Budget;
  /** Other files of the project, for imports; absent when the file is linted on its own. */
  project?: ProjectFiles;
}

/** The loss a site computes, read into a core expression. */
export interface LossReading {
  /** The per-element loss in mathjs syntax, with the map from expression spans to file ranges. */
  expr: Expr;
  /** The prediction symbol; inferred by the core when absent (an annotation). */
  wrt?: string;
  target?: string;
  /** The target's range when the code says it by other means than the model (a parameter named `oldProbs`). */
  targetRange?: [number, number];
  /**
   * Symbols for other parts of the prediction and of the target (`yPred.slice(…)` from other columns, the pieces of a
   * `tf.split`): values of the same output and the same data, typical values taken inside their ranges.
   */
  parts?: { prediction?: string[]; target?: string[] };
  /** Values of the other symbols (defaults of extra parameters, constants of the file). */
  parameters: Record<string, number>;
  reduction: 'mean' | 'sum' | 'none';
  /**
   * 'code' when the expression was translated from code (fixes are rendered back into code by the front end);
   * 'annotation' when it is the text of a `@loss` comment starting at `annotationStart` (fixes edit the comment).
   */
  origin: 'code' | 'annotation';
  annotationStart?: number;
  /**
   * Symbols for data the front end knows nothing about (the tensors a minimize closure takes from its scope). A
   * hazard that only their unknown range causes (the old probabilities of a PPO ratio as a divisor) is not reported.
   */
  opaque?: string[];
  /** Ops on the prediction's path that have no gradient in the framework (TF.js comparisons …). */
  gradientless?: GradientlessOp[];
  /** A training step whose model ran before the step's function: TF.js throws (no-gradient). */
  untaped?: UntapedStep;
  /**
   * Guards whose result the code throws away (`tf.clipByValue(yPred, ε, 1 - ε);` as a statement): tensors are
   * immutable, so the hazard they were meant to clear is still there. The hazard's message names them.
   */
  discarded?: { start: number; end: number; text: string; line: number }[];
  /**
   * Terms of a sum the front end could not read and left out, each an opaque symbol (`name`) of the expression: the
   * rest is checked for hazards (none is reported where a left-out term takes part), but the loss is not recognised as
   * a whole. A `kept` one was read as an unknown function of the model's output (an unseen output): its kinks count.
   */
  unreadTerms?: { name: string; code: string; reason: string; line: number; kept?: true }[];
  /**
   * Outputs of a network the front end cannot see (a forward inherited from another file): their range is unknown, so
   * a hazard of their value (log, division) is not reported; a kink of the loss in them is.
   */
  unseenOutputs?: string[];
  /** Logits losses fed an activation's output in the loss's own code. */
  activatedLogits?: ActivatedLogits[];
  /**
   * Branches of an eager select (`tf.where`, `torch.where`, `jnp.where`), as spans of `expr`: the framework computes
   * both branches everywhere and sends the gradient through both, so a hazard in a branch that the condition does
   * not select still makes the gradient NaN.
   */
  eagerBranches?: EagerBranch[];
}

/** A logits loss given the output of an activation in the same code: the activation is applied twice. */
export interface ActivatedLogits {
  /** The loss as written (`tf.losses.sigmoidCrossEntropy`, `nn.BCEWithLogitsLoss`). */
  loss: string;
  /**
   * The activation the logits argument already went through; undefined when the argument is the loss's
   * prediction itself (`yPred`, a slice of it), whose activation is the model's: the rule decides then.
   */
  activation?: 'sigmoid' | 'softmax';
  /**
   * The argument is another model output the loss reads (a GAN's discriminator on fake samples beside the real
   * ones), not the loss's own prediction: its model's output activation, when it has one.
   */
  otherOutput?: { activation?: 'sigmoid' | 'softmax'; linear?: boolean };
  /**
   * The mirror case: a loss that takes probabilities (`tf.metrics.binaryCrossentropy`, `tf.losses.logLoss`) given the
   * prediction or another output as it is, which is wrong when that output is linear (logits).
   */
  expects?: 'probabilities';
  /** The logits argument in the file. */
  start: number;
  end: number;
  /** The fix the front end can write: the loss that takes probabilities (`tf.losses.logLoss`). */
  fix?: SourceFix;
}

export interface EagerBranch {
  branch: 'then' | 'else';
  /** The branch and the condition, as spans of the loss expression. */
  span: { start: number; end: number };
  test: { start: number; end: number };
  /** The select as the code writes it, for messages (`tf.where`). */
  op: string;
}

/**
 * A training step whose model ran before its function was called (`const loss = …model.predict(xs)…;
 * optimizer.minimize(() => loss)`): no gradient reaches the model's weights, so the step throws.
 */
export interface UntapedStep {
  /** The function given to the step (where the finding goes). */
  start: number;
  end: number;
  /** The call that gives the step its function (`optimizer.minimize`, `tf.variableGrads`, `tf.grads`). */
  stepCall: string;
  /** The line of the call that gives the prediction. */
  modelLine: number;
  /** The helper that call is in, when the code calls it before the step (`computeLoss`, called at `line`). */
  via?: { name: string; line: number };
  /** What TF.js throws. */
  error: string;
}

export interface GradientlessOp {
  /** The framework's op (`greater`, `lessEqual` …) and the kernel the error names (`Greater`). */
  op: string;
  kernel: string;
  start: number;
  end: number;
  /** What a differentiable form would be, for the message. */
  suggestion?: string;
  /** The fix the front end can write (the same test with an op that has a gradient). */
  fix?: SourceFix;
}

/** One entry of a loss list given per output: where it is written, what it is, and the output it is for. */
export interface LossListEntry {
  start: number;
  end: number;
  /** The entry as written. */
  text: string;
  loss?: FrameworkLoss;
  model?: ModelFacts;
}

/** The model output a loss is applied to. */
export interface ModelFacts {
  activation: Activation | null;
  /** The activation as the framework names it (`hardSigmoid`, `log_softmax` …). */
  activationName: string | null;
  units: number | null;
  /** The code that decides the activation (the output layer, the last op of `forward`). */
  outputLayer?: { start: number; end: number };
  /** Where the activation is written, when apart from the output layer (an entry of a configuration the layer reads). */
  activationAt?: number;
  /** The model is defined in another file of the project: which, and the output layer's line there. */
  definedIn?: { file: string; line?: number };
  /** An activation the output layer names where the framework ignores it (`tf.layers.activation('softmax')` is linear). */
  ignoredActivation?: string;
  /** The output is exactly 0 within the logits a model gives, whatever the format (a sigmoid computed through tanh). */
  zeroReachable?: boolean;
}

/** What the targets are, from the code that makes them (fit(xs, ys), the metrics, the data). */
export interface TargetEvidence {
  kind: 'classes' | 'continuous';
  /** Why, for the message: `the metrics ask for accuracy`, `ys are 0/1 literals (line 40)`. */
  because: string;
}

/** A loss given to the framework by name or object: `'binaryCrossentropy'`, `nn.CrossEntropyLoss()` … */
export interface FrameworkLoss {
  /** As written, for messages. */
  label: string;
  start: number;
  end: number;
  /** False when the framework does not know it and throws (unknown-loss). */
  known: boolean;
  /** unknown-loss: what the framework does, and the names meant, best first. */
  unknown?: { message: string; suggestions: { title: string; plan: FixPlan }[] };
  /**
   * unknown-loss: the loss a name TF.js throws on plainly means (`'categorical_crossentropy'`, `'mse'`), whose pairing
   * with the output is checked as the code intends it, since the rename the fix makes keeps that pairing.
   */
  meant?: { label: string; family: LossFamily; clips: boolean };
  /** The catalog loss it computes, when known. */
  catalogId?: string;
  /** How it treats its input; decides the activation rules (e.g. 'logits-softmax' for CrossEntropyLoss). */
  family?: LossFamily;
  /** It clips its input to [ε, 1 - ε] (TF.js and Keras built-ins). */
  clips: boolean;
  /** What the framework does with an input outside [0, 1], when it neither clips nor passes it on (PyTorch's BCELoss raises). */
  outOfRange?: string;
  /** The per-element formula it computes, for the preview and the hover. */
  formula?: { expression: string; wrt: string; parameters: Record<string, number> };
}

export type LossFamily =
  | 'binary-ce'
  | 'categorical-ce'
  | 'sparse-ce'
  | 'kl'
  | 'nll'
  | 'logits-binary'
  | 'logits-softmax'
  | 'regression'
  | 'hinge'
  | 'other';

export interface SiteFacts {
  kind: SiteKind;
  name?: string;
  /** Minimize sites: the call the loss is given to, as written (`optimizer.minimize`, `tf.grads`). */
  via?: string;
  start: number;
  end: number;
  /** Where a hover or CodeLens attaches. */
  anchorStart: number;
  anchorEnd: number;
  /** Where a loss the site reads by a name is given its value (`this.lossFunction = tf.losses.x`): a hover there too. */
  heldAt?: { start: number; end: number };
  framework: Framework;
  precision: Precision;
  loss?: LossReading;
  /** Why the loss could not be read. */
  unreadable?: string;
  model?: ModelFacts;
  /** The activation the code states for an annotated loss (`@activation`). */
  statedActivation?: Activation;
  frameworkLoss?: FrameworkLoss;
  /** Compile and criterion sites: the loss as given (a name, a function, an object), where findings about it go. */
  lossValue?: { start: number; end: number };
  /** The site has several outputs or losses: the activation rules do not apply. */
  multipleLosses?: boolean;
  /**
   * The site is one entry of a loss list given per output (`loss: ['categoricalCrossentropy', 'meanSquaredError']`):
   * its place and every entry, so a rule can tell two entries given in each other's place.
   */
  lossList?: { index: number; entries: readonly LossListEntry[] };
  /** The loss is one a setting chooses away from the compile call (`getLoss(config)`): the model's findings are said at the call. */
  chosenAway?: boolean;
  /** A compiled loss nothing uses: the file trains the model with its own steps and never fits it. */
  unusedLoss?: boolean;
  /** A compiled network the file evolves (weights mutated and set) and never trains: no targets meet its loss. */
  evolved?: boolean;
  /** The custom-function site whose function this compile or criterion site uses. */
  lossSite?: SiteFacts;
  targets?: TargetEvidence;
  /**
   * A loss function whose model comes from the file's own calls of it in a training step (`minimize(() =>
   * loss(model.predict(xs), ys))`), where no compile site stands for the pair: the activation rules check it here.
   */
  modelFromCalls?: boolean;
  /** Operations: the codes checked (the op's own hazard), and the ranges of its inputs. */
  checks?: readonly string[];
  /** Codes not checked here (the jumps of a derivative written beside its loss are the loss's kinks, said there). */
  unchecked?: readonly string[];
  ranges?: Record<string, [number | null, number | null]>;
  /** A finding of the front end itself that belongs to this site (an @activation it cannot read …). */
  problem?: string;
  /**
   * The same site read with its configuration tests going another way (`if (this.lossType === 'bce')`): analysed
   * and checked like the site, its findings reported as the site's, but not a site of its own.
   */
  variantOf?: SiteFacts;
  /**
   * A variant for one way the site's model may be built by configuration (its `model` is that way's output): its
   * findings say which way, and the site itself, whose model is then unknown, reports only through its ways.
   */
  modelWay?: boolean;
  /**
   * A way the model may be built that a loss chosen by another setting meets (the head chosen by `numClasses`, the loss
   * by `lossType`): none of the ways goes with the loss, so each is checked and a finding is reported only when every
   * way gives it.
   */
  everyWay?: boolean;
  /**
   * Parts of the file that are the model's own forward pass, written by hand (a `policyTensors(state)` helper that acting
   * code calls too): a kink there (a clipped log-std head, a relu hidden layer) is the model's, not the loss's.
   */
  modelCode?: readonly { start: number; end: number }[];
  /**
   * A loss no line writes down, implied by hand-written backpropagation: the output's error times the sigmoid's
   * derivative there (`derivative`, its code and line, for the message) is a squared error's gradient.
   */
  impliedBy?: { text: string; derivative: { text: string; line: number } };
}

/** The abstract fixes rules ask for; the front end writes them in the file's language, or cannot. */
export type FixPlan =
  | { kind: 'set-activation'; activation: string; alsoLoss?: string }
  | { kind: 'rename-loss'; loss: string; alsoActivation?: string }
  /** The stable logits loss; `alsoActivation` makes the output linear, left out when the prediction is already logits. */
  | { kind: 'logits-loss'; fn: 'sigmoidCrossEntropy' | 'softmaxCrossEntropy'; alsoActivation?: 'linear' }
  | { kind: 'wrap-loss-function'; fn: string }
  | { kind: 'use-metric-function'; fn: string }
  | { kind: 'add-loss'; loss: string }
  /** Make the output layer return log-probabilities (`log_softmax`), for a loss that expects them (NLLLoss). */
  | { kind: 'use-log-probabilities' };

export interface FileReading {
  sites: SiteFacts[];
  /** Problems the front end found outside any site's loss (a malformed annotation …), in file offsets. */
  problems: FrontEndProblem[];
  /** A core fix of a site's loss as edits of the file, in its style; undefined when it cannot be written. */
  renderCoreFix(site: SiteFacts, fix: Fix, analysis: Analysis): SourceFix | undefined;
  /** A rule's fix plan as edits of the file; undefined when the code is not written in a way it can edit. */
  realisePlan(site: SiteFacts, plan: FixPlan): SourceFix | undefined;
  /**
   * The last word on every fix of the file, however it was made, title included: a page's inline handler takes the
   * quote its attribute is not in. Undefined (the fix withheld) when it cannot be written there.
   */
  finishFix?(fix: SourceFix): SourceFix | undefined;
  /** True when the budget ran out while parsing or reading. */
  incomplete?: boolean;
  /** How much of the file was read, when the parse stopped before its end. */
  incompleteReason?: string;
}

export interface FrontEndProblem {
  code: 'invalid-annotation' | 'unknown-loss' | 'activation-mismatch' | 'exp-overflow' | 'no-gradient';
  /** One short sentence; the whole explanation in `detail`. */
  message: string;
  detail?: string;
  fixes?: SourceFix[];
  start: number;
  end: number;
  /** The loss around it computes no tensor (NaN): the hazards of its formula are dropped (voidedLosses.ts). */
  voidsLoss?: boolean;
}
