/**
 * The Python front end: reads one file's loss sites into the engine's facts. Custom loss functions (Keras
 * `def my_loss(y_true, y_pred)`, PyTorch `forward(self, input, target)` of a loss module, NumPy helpers) are
 * translated into core expressions; `model.compile(loss=…)` calls, PyTorch criteria and functional losses are
 * paired with the model output they are applied to; losses written inline in a training loop are read where
 * they are computed. Fixes come back in the file's own library (renderer.ts, planFixes.ts).
 */
import type { Analysis, Fix } from '../../../core';
import type { FileReading, FixPlan, Framework, LossReading, ModelFacts, ReadRequest, SiteFacts } from '../../engine/frontEnd';
import { sourceFix } from '../../engine/sourceMap';
import type { SourceFix } from '../../engine/types';
import { NO_SEGMENTS } from '../../engine/expression';
import { configurations, type Configuration } from './configurations';
import { criterionUses, handedUses, type CriterionUse } from './criterionUses';
import { kerasLoss, torchOrOptaxLoss, type PyLoss } from './lossObjects';
import { ModelResolver, type ModelOutput } from './models';
import { planFix } from './planFixes';
import { ProjectCache, PyFile } from './pyFile';
import { PythonRenderer, renderStyle, stableLogFix, type RenderStyle } from './renderer';
import { isSecondPrediction, parameterRoles } from './roles';
import { argument, callArgs, child, definedName, descendants, dottedPath, enclosing, parameters, PySource, stringValue, unparen, type PyNode } from './syntax';
import { fitTargets } from './targetEvidence';
import { readTrainingLosses } from './trainingLoss';
import { Env, heldSample, isSymbolName, PyTranslator, Unreadable, type ActivationLog, type Binding } from './translate';

const ML_HINTS = /\b(?:import|from)\s+(?:torch|tensorflow|keras|numpy|jax|optax|tf_keras)\b|\b(?:np|torch|tf|K|jnp|F|nn)\.\w|\bdef\s+\w*(?:loss|entropy|cost)\w*\s*\(|\.compile\s*\(/i;

export function looksLikePythonMl(text: string): boolean {
  return typeof text === 'string' && ML_HINTS.test(text);
}

export const pythonReader = (request: ReadRequest): FileReading => new PyFileReader(request).read();

const LOSS_NAME = /loss|entropy|cost|criterion|nll|bce|dice|focal|hinge|huber|objective|divergence|^(mse|mae|rmse|msle|mape|cce|kld?|kl_div\w*)$/i;
/** Names a loss factory gives the function it returns. */
const GENERIC_INNER_NAME = /^_*(loss(_?(fn|func|function|impl))?|fn|func|f|inner|wrapper|wrapped|compute(_loss)?|criterion)$/i;
/** Hand-written activations (and their classes) whose exp overflows on an unbounded input. */
const ACTIVATION_HELPER = /^_?(sigmoid|logistic|softmax|log_softmax|softplus|tanh|elu|selu|swish|silu|gelu|mish|softsign|expit)(_?(function|fn|forward|prime|derivative|grad|gradient|np|numpy|torch))?\d*$/i;
/** A log-scale output passed to a loss (a VAE's `log_var`, a Gaussian head's `log_sigma`): a linear layer's output, unbounded. */
const LOG_SCALE = /^(t_|z_)?log_?(var|variance|sigma|sigma2|std|scale)s?$|^logvar\w*$/i;
/** Parameters of a training step, not of a loss: `train_step(model, x, y)`. */
const TRAINING_PARAMETERS = /^(model|net|network|module|optimizer|opt|params|state|batch|loader|dataloader|device|epoch)$/;
const CLASSIFICATION_METRICS = /^(acc|accuracy|binary_accuracy|categorical_accuracy|sparse_categorical_accuracy|top_k_categorical_accuracy|auc|AUC|precision|recall|Accuracy|BinaryAccuracy|CategoricalAccuracy|SparseCategoricalAccuracy)$/;

/** What the front end keeps about a site to write its fixes. */
export interface SiteCode {
  style?: RenderStyle;
  activationLogs?: ActivationLog[];
  loss?: PyLoss;
  output?: ModelOutput;
  /** Tensor symbols besides the prediction and the target (the other inputs of a loss function). */
  tensors?: string[];
}

class PyFileReader {
  private readonly file: PyFile;
  private readonly models = new ModelResolver();
  private readonly sites: SiteFacts[] = [];
  private readonly code = new Map<SiteFacts, SiteCode>();
  private readonly functionSites = new Map<PyNode, SiteFacts>();
  /** Loss functions a compile call hands to a model, with that model's output. */
  private readonly compiledFunctions = new Map<PyNode, ModelOutput | undefined>();

  constructor(private readonly request: ReadRequest) {
    const parsed = request.parsed instanceof PySource && request.parsed.text === request.text ? request.parsed : request.text;
    this.file = new PyFile(parsed, request.fileName, new ProjectCache(request.project, () => request.budget.expired()));
  }

  read(): FileReading {
    const src = this.file.src;
    const compiles = src.all('CallExpression').filter((c) => this.isCompile(c));
    for (const c of compiles) this.noteCompiledFunction(c);
    for (const def of src.all('FunctionDefinition')) {
      if (this.request.budget.expired()) return this.reading(true);
      this.functionSite(def);
    }
    for (const c of compiles) {
      if (this.request.budget.expired()) return this.reading(true);
      this.compileSite(c);
    }
    for (const c of src.all('CallExpression')) {
      if (this.request.budget.expired()) return this.reading(true);
      this.criterionSite(c);
    }
    if (this.request.budget.expired()) return this.reading(true);
    for (const config of configurations(this.file)) this.configSite(config);
    const readable = [...this.functionSites].filter(([, site]) => site.unreadable === undefined).map(([def]) => def);
    for (const t of readTrainingLosses(this.file, this.models, readable, this.fileFramework())) {
      this.addSite({ kind: 'custom-function', name: t.name, start: t.node.from, end: t.node.to, anchorStart: t.anchor.from, anchorEnd: t.anchor.to, loss: t.loss, ...(t.model ? { model: this.modelFacts(t.model) } : {}) }, t.framework, { style: renderStyle(this.file, t.framework), activationLogs: t.activationLogs });
    }
    return this.reading(false);
  }

  private reading(incomplete: boolean): FileReading {
    const src = this.file.src;
    const cut = src.parsedTo < src.text.length;
    return {
      sites: this.sites,
      problems: [],
      renderCoreFix: (site, fix, analysis) => this.renderCoreFix(site, fix, analysis),
      realisePlan: (site, plan) => this.realisePlan(site, plan),
      ...(incomplete || cut ? { incomplete: true } : {}),
      ...(cut ? { incompleteReason: parsedPart(src) } : {}),
    };
  }

  private addSite(site: Omit<SiteFacts, 'framework' | 'precision'>, framework: Framework, code: SiteCode): SiteFacts {
    const full: SiteFacts = { ...site, framework, precision: framework === 'numpy' ? 'float64' : 'float32' };
    this.sites.push(full);
    this.code.set(full, code);
    return full;
  }

  /** The library the file mostly uses, when a site's own code does not say. */
  private fileFramework(): Framework {
    const b = this.file.bindings;
    if (b.uses('torch')) return 'pytorch';
    if (b.uses('keras')) return 'keras';
    if (b.uses('tensorflow')) return 'tensorflow';
    if (b.uses('jax')) return 'jax';
    if (b.uses('numpy')) return 'numpy';
    const text = this.file.src.text;
    if (/\btorch\./.test(text)) return 'pytorch';
    if (/\b(tf|K|keras)\./.test(text)) return 'keras';
    if (/\bjnp\./.test(text)) return 'jax';
    return 'numpy';
  }

  private modelFacts(out: ModelOutput): ModelFacts {
    return {
      activation: out.activation,
      activationName: out.activationName,
      units: out.units,
      ...(out.zeroReachable ? { zeroReachable: true } : {}),
      ...(out.layer && out.file === this.file ? { outputLayer: { start: out.layer.from, end: out.layer.to } } : {}),
    };
  }

  private isCompile(call: PyNode): boolean {
    const callee = call.children[0];
    return callee.type === 'MemberExpression' && callee.children[1]?.type === 'PropertyName' && this.file.src.source(callee.children[1]) === 'compile' && this.lossArgument(call) !== undefined;
  }

  private lossArgument(call: PyNode): PyNode | undefined {
    return argument(callArgs(this.file.src, call), 1, 'loss');
  }

  private compileModel(call: PyNode): ModelOutput | undefined {
    const receiver = call.children[0].children[0];
    return this.models.modelOf(this.file, receiver);
  }

  private noteCompiledFunction(call: PyNode): void {
    const value = unparen(this.lossArgument(call)!);
    if (value.type !== 'VariableName') return;
    const def = this.file.scope.function(this.file.src.source(value), call);
    if (def?.type === 'FunctionDefinition') this.compiledFunctions.set(def, this.compileModel(call));
  }

  private functionSite(def: PyNode): void {
    const src = this.file.src;
    const name = definedName(src, def) ?? '';
    const cls = enclosing(def, 'ClassDefinition');
    const className = cls && definedName(src, cls);
    const isLossForward = (name === 'forward' || name === 'call' || name === '__call__') && !!className && LOSS_NAME.test(className);
    const params = parameters(src, def).filter((p, i) => !(i === 0 && (p.name === 'self' || p.name === 'cls')));
    const names = params.map((p) => p.name);
    if (this.isActivationHelper(def, name, className, names)) {
      this.activationHelperSite(def, className && !ACTIVATION_HELPER.test(name) ? `${className}.${name}` : name, params);
      return;
    }
    if (cls && !isLossForward && !LOSS_NAME.test(name)) return;
    const compiled = this.compiledFunctions.has(def);
    const framework = this.fileFramework();
    const roles = parameterRoles(names, framework === 'keras' || framework === 'tensorflow');
    if (!roles) return;
    const byName = LOSS_NAME.test(name) || isLossForward;
    if (!roles.named && !byName && !compiled) return;
    if (!byName && !compiled && names.some((n) => TRAINING_PARAMETERS.test(n))) return;
    if (roles.target < 0 && !byName) return;
    const translator = new PyTranslator(src, this.file.bindings, this.file.scope);
    const vars = new Map<string, Binding>();
    this.bindFactoryParameters(def, translator, vars, new Set(names));
    const pred = translator.claimSymbol(names[roles.prediction], params[roles.prediction].node);
    translator.predictions.add(pred);
    const target = roles.target >= 0 ? translator.claimSymbol(names[roles.target], params[roles.target].node) : undefined;
    let others = 0;
    const ranges: Record<string, [null, null]> = {};
    const tensors: string[] = [];
    params.forEach((p, i) => {
      if (i === roles.prediction) vars.set(p.name, { kind: 'expr', expr: { text: pred, prec: 10, segments: NO_SEGMENTS, tensor: true } });
      else if (i === roles.target && target) vars.set(p.name, { kind: 'expr', expr: { text: target, prec: 10, segments: NO_SEGMENTS, tensor: true } });
      else if (p.default && isSymbolName(p.name)) {
        const v = translator.numberOf(p.default);
        if (v !== undefined && Number.isFinite(v)) {
          const sym = translator.claimSymbol(p.name, p.node);
          translator.parameters[sym] = v;
          vars.set(p.name, { kind: 'expr', expr: { text: sym, prec: 10, segments: NO_SEGMENTS, tensor: false } });
        }
      } else if (!p.default && isSymbolName(p.name) && (roles.named || byName)) {
        // Another input of the loss (the negative of a triplet, a margin passed in): a symbol the analysis holds at a value of its own.
        const sym = translator.claimSymbol(p.name, p.node);
        tensors.push(sym);
        if (LOG_SCALE.test(p.name)) ranges[sym] = [null, null];
        else translator.parameters[sym] = heldSample(1 + others++);
        vars.set(p.name, { kind: 'expr', expr: { text: sym, prec: 10, segments: NO_SEGMENTS, tensor: true } });
      }
    });
    const anchorNode = child(def, 'VariableName') ?? def;
    const siteName = isLossForward ? className : (this.factoryName(def, name) ?? name);
    const model = this.compiledFunctions.get(def) ?? this.appliedModel(def, roles.prediction, isLossForward ? cls : undefined);
    const base = { name: siteName, start: def.from, end: def.to, anchorStart: anchorNode.from, anchorEnd: anchorNode.to, ...(model ? { model: this.modelFacts(model) } : {}), ...(Object.keys(ranges).length ? { ranges } : {}) };
    try {
      const expr = translator.body(child(def, 'Body')!, new Env(vars));
      const fw = translator.framework(framework);
      if (!expr.tensor && !roles.named) return;
      const reduction = translator.reductions.includes('mean') ? 'mean' : translator.reductions.includes('sum') ? 'sum' : 'none';
      const eagerBranches = translator.eagerBranches(expr);
      const loss: LossReading = { expr, wrt: pred, ...(target ? { target } : {}), parameters: { ...translator.parameters }, reduction, origin: 'code', ...(eagerBranches.length ? { eagerBranches } : {}) };
      if (!expr.text.includes(pred)) return;
      const code = { style: renderStyle(this.file, fw), activationLogs: translator.activationLogs, tensors };
      const site = this.addSite({ kind: 'custom-function', ...base, loss }, fw, code);
      this.functionSites.set(def, site);
      // Two model outputs (a GAN discriminator's real and fake logits): the other one is checked as the prediction too.
      if (target && isSecondPrediction(names, roles) && expr.text.includes(target)) this.addSite({ kind: 'custom-function', ...base, loss: { ...loss, wrt: target, target: pred }, variantOf: site }, fw, code);
    } catch (err) {
      if (!(err instanceof Unreadable)) throw err;
      if (!roles.named && !compiled) return;
      const line = err.node ? ` (line ${src.text.slice(0, err.node.from).split('\n').length})` : '';
      this.functionSites.set(def, this.addSite({ kind: 'custom-function', ...base, unreadable: `${err.message}${line}` }, translator.framework(framework), {}));
    }
  }

  /**
   * The factory's name for a nested loss with a generic name (`def dice_loss(smooth=1e-6): def loss_function(…)`):
   * what the code calls the loss, and what says it scores probabilities.
   */
  private factoryName(def: PyNode, name: string): string | undefined {
    if (!GENERIC_INNER_NAME.test(name)) return undefined;
    const outer = enclosing(def, 'FunctionDefinition');
    return outer ? definedName(this.file.src, outer) : undefined;
  }

  /**
   * The parameters of the functions around a nested loss (`def focal(gamma=2.0): def loss(y_true, y_pred): …`):
   * the values the loss closes over, as parameters (at their default when it is a number, else a symbol the
   * analysis holds at a typical value). The loss's own parameters shadow them.
   */
  private bindFactoryParameters(def: PyNode, translator: PyTranslator, vars: Map<string, Binding>, own: ReadonlySet<string>): void {
    const src = this.file.src;
    for (let outer = enclosing(def, 'FunctionDefinition'); outer; outer = enclosing(outer, 'FunctionDefinition')) {
      for (const p of parameters(src, outer)) {
        if (own.has(p.name) || vars.has(p.name) || !isSymbolName(p.name) || p.name === 'self' || p.name === 'cls') continue;
        const sym = translator.claimSymbol(p.name, p.node);
        const v = p.default ? translator.numberOf(p.default) : undefined;
        if (v !== undefined) translator.parameters[sym] = v;
        vars.set(p.name, { kind: 'expr', expr: { text: sym, prec: 10, segments: NO_SEGMENTS, tensor: false } });
      }
    }
  }

  /**
   * A hand-written activation or its derivative that calls exp (`def sigmoid(z): return 1 / (1 + np.exp(-z))`, a
   * `Softmax` class's `__call__`): its input is an unbounded pre-activation, where exp overflows.
   */
  private isActivationHelper(def: PyNode, name: string, className: string | undefined, names: string[]): boolean {
    if (names.length === 0 || !/\bexp\s*\(|\.exp\(\)/.test(this.file.src.source(def))) return false;
    if (ACTIVATION_HELPER.test(name)) return true;
    return !!className && ACTIVATION_HELPER.test(className) && /^(__call__|forward|call|gradient|derivative|grad|backward|activate|function|f)$/.test(name);
  }

  private activationHelperSite(def: PyNode, name: string, params: { name: string; node: PyNode }[]): void {
    const src = this.file.src;
    const translator = new PyTranslator(src, this.file.bindings, this.file.scope);
    const input = translator.claimSymbol(params[0].name, params[0].node);
    const vars = new Map<string, Binding>([[params[0].name, { kind: 'expr', expr: { text: input, prec: 10, segments: NO_SEGMENTS, tensor: true } }]]);
    const anchor = child(def, 'VariableName') ?? def;
    try {
      const expr = translator.body(child(def, 'Body')!, new Env(vars));
      if (!expr.text.includes(input) || !/\bexp\(/.test(expr.text)) return;
      const fw = translator.framework(this.fileFramework());
      const eagerBranches = translator.eagerBranches(expr);
      const loss: LossReading = { expr, wrt: input, parameters: { ...translator.parameters }, reduction: 'none', origin: 'code', ...(eagerBranches.length ? { eagerBranches } : {}) };
      this.functionSites.set(def, this.addSite({ kind: 'custom-function', name, start: def.from, end: def.to, anchorStart: anchor.from, anchorEnd: anchor.to, loss, statedActivation: 'linear' }, fw, { style: renderStyle(this.file, fw), activationLogs: translator.activationLogs }));
    } catch (err) {
      if (!(err instanceof Unreadable)) throw err;
    }
  }

  /** The model output a loss function is applied to: `my_loss(model(x), y)`, `crit = FocalLoss(); crit(out, y)`. */
  private appliedModel(def: PyNode, predictionIndex: number, cls: PyNode | undefined): ModelOutput | undefined {
    const src = this.file.src;
    const name = cls ? definedName(src, cls) : definedName(src, def);
    if (!name) return undefined;
    const callees = new Set<string>([name]);
    if (cls) {
      callees.clear();
      for (const call of this.file.callsTo(name)) {
        if (call.parent?.type !== 'AssignStatement') continue;
        const target = call.parent.children[0];
        if (target !== call) callees.add(src.source(target));
      }
    }
    const calls = [...callees].flatMap((c) => [...this.file.callsTo(c), ...this.file.callsTo(`self.${c}`)]).sort((a, b) => a.from - b.from);
    for (const call of calls) {
      const arg = argument(callArgs(src, call), predictionIndex);
      const out = arg && this.models.output(this.file, arg);
      if (out) return out;
    }
    return undefined;
  }

  private compileSite(call: PyNode): void {
    const src = this.file.src;
    const value = this.lossArgument(call)!;
    const v = unparen(value);
    const model = this.compileModel(call);
    const metrics = argument(callArgs(src, call), 2, 'metrics');
    const metricNames = metrics ? [...descendants(metrics)].map((m) => stringValue(src, m) ?? (m.type === 'VariableName' || m.type === 'PropertyName' ? src.source(m) : '')).filter(Boolean) : [];
    const classification = metricNames.find((m) => CLASSIFICATION_METRICS.test(m));
    const targets = fitTargets(this.file, call) ?? (classification ? { kind: 'classes' as const, because: `the metrics ask for ${classification}` } : undefined);
    const multiple = v.type === 'DictionaryExpression' || v.type === 'ArrayExpression' || v.type === 'TupleExpression';
    const loss = multiple ? undefined : kerasLoss(this.file, v);
    const fnDef = v.type === 'VariableName' ? this.file.scope.function(src.source(v), call) : undefined;
    const fnSite = fnDef ? this.functionSites.get(fnDef) : undefined;
    const anchor = call.parent?.type === 'ExpressionStatement' || call.parent?.type === 'AssignStatement' ? value : value;
    this.addSite(
      {
        kind: 'compile',
        name: loss?.label ?? fnSite?.name,
        start: call.from,
        end: call.to,
        anchorStart: anchor.from,
        anchorEnd: anchor.to,
        lossValue: { start: v.from, end: v.to },
        ...(model ? { model: this.modelFacts(model) } : {}),
        ...(loss ? { frameworkLoss: loss } : {}),
        ...(fnSite ? { lossSite: fnSite } : {}),
        ...(targets ? { targets } : {}),
        ...(multiple ? { multipleLosses: true } : {}),
        ...(!fnSite && !loss && !multiple ? { unreadable: 'the loss is not a Keras loss name, a keras.losses object or a function in this file' } : {}),
      },
      this.file.bindings.uses('keras') || !this.file.bindings.uses('tensorflow') ? 'keras' : 'tensorflow',
      { ...(loss ? { loss } : {}), ...(model ? { output: model } : {}) },
    );
  }

  /** A configuration dictionary that names a Keras loss and lists the model's layers: the loss is compiled with that model. */
  private configSite(config: Configuration): void {
    const loss = kerasLoss(this.file, config.loss);
    const model = loss && this.models.layers(this.file, config.layers);
    if (!loss || !model) return;
    const v = config.loss;
    this.addSite(
      { kind: 'compile', name: loss.label, start: v.from, end: v.to, anchorStart: v.from, anchorEnd: v.to, lossValue: { start: v.from, end: v.to }, model: this.modelFacts(model), frameworkLoss: loss },
      this.file.bindings.uses('keras') || !this.file.bindings.uses('tensorflow') ? 'keras' : 'tensorflow',
      { loss, output: model },
    );
  }

  /** `nn.CrossEntropyLoss()` (with where it is applied), `F.nll_loss(out, y)`, `optax.softmax_cross_entropy(logits, labels)`. */
  private criterionSite(call: PyNode): void {
    const src = this.file.src;
    const path = this.file.bindings.callee(call);
    if (!path) return;
    const loss = torchOrOptaxLoss(this.file, call, path);
    if (!loss) return;
    for (const def of this.functionSites.keys()) if (def.from <= call.from && call.to <= def.to) return;
    let output: ModelOutput | undefined;
    let applied: PyNode | undefined;
    if (loss.form === 'functional') {
      applied = call;
      const input = argument(callArgs(src, call), 0, 'input', 'logits', 'predictions');
      output = input && this.models.output(this.file, input);
    } else {
      for (const application of this.applications(call)) {
        const input = argument(callArgs(application.file.src, application.call), 0, 'input');
        output = input && this.models.output(application.file, input);
        const here = application.file === this.file ? application.call : undefined;
        applied ??= here;
        if (output) {
          applied = here;
          break;
        }
      }
    }
    this.addSite(
      {
        kind: 'compile',
        name: loss.label,
        start: call.from,
        end: (applied && applied.to > call.to ? applied : call).to,
        anchorStart: call.from,
        anchorEnd: call.to,
        lossValue: { start: call.from, end: call.to },
        frameworkLoss: loss,
        ...(output ? { model: this.modelFacts(output) } : {}),
      },
      loss.framework,
      { loss, ...(output ? { output } : {}) },
    );
  }

  /** Where a criterion object is called: `criterion = nn.X(); … criterion(out, y)`, `nn.X()(out, y)`, or where it is handed on to. */
  private applications(ctor: PyNode): CriterionUse[] {
    const src = this.file.src;
    if (ctor.parent?.type === 'CallExpression' && ctor.parent.children[0] === ctor) return [{ file: this.file, call: ctor.parent }];
    let value = ctor;
    while (value.parent?.type === 'MemberExpression' && value.parent.parent?.type === 'CallExpression' && /^\.(cuda|to|cpu)$/.test(src.source(value.parent).slice(src.source(value).length))) value = value.parent.parent;
    const assign = value.parent;
    const handedTo = assign?.type === 'ArgList' ? assign.parent : undefined;
    if (handedTo?.type === 'CallExpression') return handedUses(this.file, handedTo, value);
    if (assign?.type !== 'AssignStatement' || assign.children[2] !== value) return [];
    const target = dottedPath(src, assign.children[0]);
    if (!target) return [];
    const names = new Set([target.join('.')]);
    if (target[0] === 'self') names.add(target.slice(1).join('.'));
    return criterionUses(this.file, names, ctor.from).filter((u) => u.call !== ctor);
  }

  private renderCoreFix(site: SiteFacts, fix: Fix, _analysis: Analysis): SourceFix | undefined {
    const code = this.code.get(site);
    const loss = site.loss;
    if (!code?.style || !loss || loss.origin !== 'code') return undefined;
    const map = { text: loss.expr.text, segments: loss.expr.segments.all, tensorSymbols: [loss.wrt, ...(loss.target ? [loss.target] : []), ...(code.tensors ?? [])].filter((s): s is string => !!s) };
    const stable = stableLogFix(this.file, map, fix, code.activationLogs ?? [], code.style);
    if (stable) return stable;
    return sourceFix(map, this.file.src.text, fix, new PythonRenderer(code.style));
  }

  private realisePlan(site: SiteFacts, plan: FixPlan): SourceFix | undefined {
    const code = this.code.get(site);
    if (!code?.loss) return undefined;
    return planFix(this.file, plan, code.loss, code.output);
  }
}

/** Where a parse cut short by the budget stopped, as the note of an incomplete result. */
function parsedPart(src: PySource): string {
  let line = 1;
  let lines = 1;
  for (let i = 0; i < src.text.length; i++) {
    if (src.text.charCodeAt(i) !== 10) continue;
    lines++;
    if (i < src.parsedTo) line++;
  }
  return `the time budget ran out while parsing: the file was read up to line ${line} of ${lines}`;
}
