/** The lint's public types: its options, what it returns per file (loss sites and diagnostics), and source edits. */
import type { Activation, Analysis, DiagnosticCode, Severity } from '../../core';
import type { Framework } from './frontEnd';
import type { ProjectFiles } from './project';

export type LintSeverity = Severity;
/** The codes the core reports, and those only the lint can: about models, names, gradients and annotations. */
export type LintCode = DiagnosticCode | 'no-gradient' | 'invalid-annotation';
/** The float format the code computes in: TF.js and PyTorch default to float32, NumPy to float64, phones' WebGL to float16. */
export type Precision = 'float16' | 'float32' | 'float64';

/** Options of `lintText`. */
export interface LintOptions {
  /** ε written into fixes (`tf.clipByValue(yPred, ε, 1 - ε)`). Default 1e-7, TF.js's float32 epsilon. */
  epsilon?: number;
  /**
   * The output activation assumed for a custom loss whose model is not found in the file. When absent
   * the lint infers it from the loss itself: the activation the recognised catalog loss expects (sigmoid
   * for a hand-written binary cross-entropy, linear for MSE), else sigmoid when the loss takes the log of
   * the prediction or of 1 minus it (it treats the prediction as a probability), else linear.
   */
  defaultActivation?: Activation;
  /**
   * Time budget for the whole file, in ms (parsing excluded). Default 5000; a typical file takes a few ms, the
   * first lint in a process more while the analysis warms up. Sites left when it runs out are not analysed.
   */
  budgetMs?: number;
  /**
   * The float format of TF.js tensors (float32 unless the code runs on a float16 WebGL backend). Python code runs in
   * its library's own precision (NumPy float64, the others float32).
   */
  precision?: Precision;
  /** Other files of the project, to follow imports; without it each file is read on its own. */
  project?: ProjectFiles;
}

export interface SourceEdit {
  /** Offsets into the file text (into the cell's text when `cell` is set). */
  start: number;
  end: number;
  text: string;
  /** Notebooks: the code cell the edit applies to (0-based among code cells). */
  cell?: number;
}

export interface SourceFix {
  title: string;
  edits: SourceEdit[];
  preferred?: boolean;
}

export interface LintDiagnostic {
  code: LintCode;
  severity: LintSeverity;
  /** One sentence (about 100 characters at most): what is wrong, where, and what it does to training. */
  message: string;
  /** The whole explanation and the fix, for hovers, the preview and related information. */
  detail?: string;
  /** Offsets into the file text. */
  start: number;
  end: number;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixes: SourceFix[];
  /** Index into `LintResult.sites`; -1 for a problem outside any site (an annotation that cannot be read). */
  siteId: number;
  /** Notebooks: the code cell (0-based among code cells); offsets, lines and columns count within it. */
  cell?: number;
  /** activation-mismatch: the id of the rule in ACTIVATION_RULES that matched. */
  rule?: string;
}

/**
 * Where a loss is: a custom loss function, a compile call, an annotation, a minimize closure. An `operation` is a
 * tensor operation outside any loss (a `tf.log` of a softmax in a layer or a policy's entropy), checked for its
 * numerical hazard only; it has no formula of its own to preview.
 */
export type SiteKind = 'custom-function' | 'compile' | 'annotation' | 'minimize' | 'operation';

/** Where the activation of a site came from. */
export type ActivationSource = 'model' | 'annotation' | 'option' | 'inferred';

export interface LossSite {
  id: number;
  /** Notebooks: the code cell of the site (its offsets count within it; an output layer may sit in an earlier cell). */
  cell?: number;
  kind: SiteKind;
  /** The library the site's code uses. */
  framework?: Framework;
  /** Function name, or the loss name for compile sites. */
  name?: string;
  /** Minimize sites: the call the loss is given to, as written (`optimizer.minimize`, `tf.variableGrads`, `tf.grads`). */
  via?: string;
  /** The whole site. */
  start: number;
  end: number;
  /** Where a hover or CodeLens attaches: the function name, the `loss:` property, the annotation. */
  anchorStart: number;
  anchorEnd: number;
  /** Where a loss the site reads by a name is given its value (`this.lossFunction = tf.losses.x`): hovers there too. */
  heldAt?: { start: number; end: number };
  /** Per-element loss in mathjs syntax, when it could be read. */
  expression?: string;
  reduction?: 'mean' | 'sum' | 'none';
  /** The model's output activation when resolved; `null` when the model was not found. */
  activation?: Activation | null;
  /** The output layer's units when resolved. */
  units?: number | null;
  /** String or tf.losses.* name at compile sites. */
  lossName?: string;
  /** Core analysis of `expression`, the domain from the activation (or `assumedActivation`). */
  analysis?: Analysis;
  /** Why the loss could not be translated (unsupported call …). */
  unreadable?: string;
  /**
   * Terms of the loss that could not be read and were left out (`'criticLoss.mult(this.c1)' (line 196): .mult() is not
   * supported in a loss`): the rest was checked for hazards, but the loss was not recognised as a whole.
   */
  partlyUnread?: string;
  /** The activation the analysis used when `activation` is not known. */
  assumedActivation?: Activation;
  activationSource?: ActivationSource;
  /** The activation as TF.js names it (`hardSigmoid`, `relu6` …) when it differs from `activation`. */
  activationName?: string;
  /** The prediction and target symbols of `expression`. */
  wrt?: string;
  target?: string;
  /** Values of the other parameters (default values of extra function parameters …). */
  parameters?: Record<string, number>;
  /** Compile sites: the custom-function site of the loss, when the loss is a function. */
  lossSiteId?: number;
  /** Compile sites: the range of the output layer that decides the activation. */
  outputLayer?: { start: number; end: number };
  /**
   * Losses read from code: which code computes each piece of `expression` ([start, end) of the expression was
   * translated from file text [fileStart, fileEnd)), so an editor can show a piece on its own where the pointer is.
   */
  subexpressions?: { start: number; end: number; fileStart: number; fileEnd: number }[];
}

export interface LintResult {
  sites: LossSite[];
  diagnostics: LintDiagnostic[];
  /** True when the time budget ran out before every site was analysed, or the file was too large to lint. */
  incomplete?: boolean;
  /**
   * Why the result is incomplete, when it is not only that the budget ran out among the analyses: the file was too
   * large, minified or nested too deeply, or its parse stopped part way (how far it got).
   */
  incompleteReason?: string;
  /** Set when linting stopped on an unexpected error (a bug): what the error said. */
  internalError?: string;
}
