/**
 * The TypeScript/JavaScript front end: reads one file's loss sites (compile calls, custom loss functions, minimize
 * closures, `@loss` annotations) into the engine's facts, each loss a core expression mapped back to the code, and
 * writes the rules' fixes back as TF.js code in the file's style.
 */
import type * as TS from 'typescript';
import { domainOfActivation, type Analysis, type Domain, type Fix } from '../../../core';
import type { FileReading, FixPlan, FrontEnd, FrontEndProblem, LossReading, ModelFacts, ReadRequest, SiteFacts } from '../../engine/frontEnd';
import { sourceFix } from '../../engine/sourceMap';
import { lossParameterShape } from '../../engine/roleNames';
import type { SourceFix } from '../../engine/types';
import { annotationProblems, findAnnotations, type Annotation } from './annotations';
import { dominantQuote, TfjsRenderer } from './codeRenderer';
import { addLossFix, planFix, type CompileEditContext } from './compileFixes';
import { handWrittenLossFix } from './handWrittenLossFix';
import { chosenAway, consistent, enclosingConditions, pairable, type Condition } from './configurationChoices';
import { unitsUnderConditions } from './unitsByCondition';
import { compiledLossUnused, compiledOnly, evolvedNotTrained } from './unusedCompileLoss';
import { attachLossList } from './lossLists';
import { importedCompileCalls } from './importedCompiles';
import { keepSharedDefaults, lossListForOneOutput, lossMapForOneOutput, lossOutput, possibleLosses, readCompileCall, writtenInCall, type CompileCall, type CompileLoss } from './compileSite';
import { LINTABLE_EXTENSIONS, typescript } from './compiler';
import { parsedFile, type ModuleFile } from './parsedFiles';
import { fixInAttributes } from './embeddedScripts';
import { forwardFunctionOutput, forwardPassRanges } from './forwardPasses';
import { scoresActivatedOutput } from '../../engine/inlineActivation';
import { forwardedFunction, functionValue, soleCallee } from './functionValues';
import { derivativeMember, functionName, neverDifferentiated, notALoss, onlyEvaluated, SAYS_LOSS, usedOnlyAsMetric, writtenAsMetric } from './functionNames';
import { missingLoss, tfjsFrameworkLoss } from './frameworkLoss';
import { lossReadingOf, readingTensors, mentionsPrediction, ownTargets, readingOf, namesPrediction, noRoleParameter, predictsWithModel, readTrainingStep, roleNamesSilent, roleOrder, translateLossFunction, translateMinimizeClosure, type TranslatedLoss } from './lossFunction';
import { ImportResolver } from './imports';
import { resolveModel, type ImportContext, type ModelInfo } from './modelResolution';
import { outputLayerFacts } from './modelInfo';
import { trainedModelOf } from './minimizeVarList';
import { modelGivenToParameter } from './argumentOutputs';
import { operationProblems } from './operationProblems';
import { findHingeProbes } from './hingeProbes';
import { findLogProbes } from './operationProbes';
import { backpropSites } from './backpropSites';
import { findCandidates, stepCallText, takesStep } from './siteDiscovery';
import { declarationEvidence, targetEvidence } from './targetEvidence';
import { meetOnSomeValue, modelUnderLossTest } from './settingValues';
import { typedLossNames, unreadCompileLossReason } from './typedLossNames';
import { CompanionFiles } from './companionFiles';
import { modelFromCallers, predictionArgument, type CallerFacts } from './callerModels';
import { buildableWays, cannotBeBuilt } from './missingLayers';
import { unwrapExpression, SyntaxTree, type FunctionNode } from './syntaxTree';
import { TfBindings } from './tfBindings';
import { looksLikeTfjsSource } from './relevance';
import { once, Unreadable, unreadableText } from './translationEnv';
import { unknownTfCalls } from './unknownTfCalls';
import { gradientFunctionProblems } from './gradientInputs';
import { NO_SEGMENTS } from '../../engine/expression';
import type { FunctionSiteRequest, SiteCode } from './siteRequests';
import { columnRanges, withSliceRanges } from './outputColumns';

export const typescriptFrontEnd: FrontEnd = {
  language: 'typescript',
  extensions: LINTABLE_EXTENSIONS,
  looksRelevant: looksLikeTfjsSource,
  loadParser: () => void typescript(),
  parse: (text, fileName) => parsedFile(text, fileName, false),
  read: (request) => new TsFileReader(request).read(),
};

const MAX_FORWARD_DEPTH = 4; // forward passes followed to the model: `this.forward(x)` → `this.encode(x)` → `this.model.apply(…)`

class TsFileReader {
  private readonly tree: SyntaxTree;
  private readonly tf: TfBindings;
  private readonly sites: SiteFacts[] = [];
  private readonly problems: FrontEndProblem[] = [];
  private readonly code = new Map<SiteFacts, SiteCode>();
  /** The ways a model may be built by configuration, by the facts of the model they leave unknown. */
  private readonly modelWays = new WeakMap<ModelFacts, { facts: ModelFacts; when: Condition[]; info: ModelInfo }[]>();
  private readonly functionSites = new Map<TS.Node, SiteFacts>();
  private readonly annotationsByFunction = new Map<TS.Node, Annotation>();
  private readonly quote = once(() => dominantQuote(this.tree.text)); // the file's usual quote, for names fixes write
  private steps: readonly { call: TS.CallExpression; fn: TS.Expression }[] = [];
  private compileCalls: readonly TS.CallExpression[] = [];
  private incomplete = false;
  /** A model of the file is compiled with a loss TF.js has by name (`'meanSquaredError'`, `tf.losses.huberLoss`). */
  private compilesBuiltInLoss = false;
  /** How many forward passes deep the model of a prediction is being looked for. */
  private forwardDepth = 0;
  /** What each forward pass of the file gives, found once per reading. */
  private readonly forwardOutputs = new Map<number | undefined, Map<TS.Node, ModelInfo | undefined>>();
  private readonly imports?: ImportContext;
  private companions?: CompanionFiles;

  constructor(private readonly request: ReadRequest) {
    const parsed = request.parsed as ModuleFile;
    this.tree = parsed.tree;
    this.tf = parsed.tf;
    if (request.project) this.imports = { resolver: new ImportResolver(this.tree.ts, request.project), fileName: request.fileName };
  }

  read(): FileReading {
    this.readSites();
    const attributes = (this.request.parsed as ModuleFile).attributes; // a fix in an onclick="…" must not write `"`
    return {
      sites: this.sites,
      problems: this.problems,
      renderCoreFix: (site, fix, analysis) => this.renderCoreFix(site, fix, analysis),
      realisePlan: (site, plan) => this.realisePlan(site, plan),
      ...(attributes ? { finishFix: (fix: SourceFix) => fixInAttributes(fix, attributes) } : {}),
      ...(this.incomplete ? { incomplete: true } : {}),
    };
  }

  /** Whether the time budget is spent: the reading is then incomplete and stops where it is. */
  private outOfTime(): boolean {
    if (!this.incomplete && this.request.budget.expired()) this.incomplete = true;
    return this.incomplete;
  }

  /** Finds and reads the sites, asking the budget before each one (and each annotation tag). */
  private readSites(): void {
    const annotations = findAnnotations(this.tree, () => this.outOfTime()).filter((a) => {
      const { problems, expressionUnreadable } = annotationProblems(a);
      this.problems.push(...problems);
      // An expression that cannot be read annotates nothing: the function's own code is read instead.
      return !expressionUnreadable;
    });
    for (const a of annotations) if (a.fn) this.annotationsByFunction.set(a.fn, a);
    if (this.outOfTime()) return;
    this.problems.push(...unknownTfCalls(this.tree, this.tf, () => this.outOfTime()));
    const candidates = findCandidates(this.tree);
    this.steps = candidates.minimizeCalls;
    this.compileCalls = candidates.compileCalls;
    const compiles: CompileCall[] = [];
    for (const c of candidates.compileCalls) {
      if (this.outOfTime()) return;
      const cc = readCompileCall(this.tree, this.tf, c, this.imports);
      if (cc) compiles.push(cc);
    }
    if (this.imports) compiles.push(...importedCompileCalls(this.tree, this.tf, this.imports, () => this.outOfTime()));
    keepSharedDefaults(compiles);
    this.compilesBuiltInLoss = compiles.some((cc) => cc.losses.some((l) => l.stringName !== undefined || l.tfFunction?.exists));
    for (const cc of compiles) {
      for (const loss of cc.losses.flatMap(possibleLosses)) {
        if (this.outOfTime()) return;
        if (loss.fn) this.functionSite(loss.fn, { model: lossOutput(this.tree, this.tf, cc, loss, this.imports) ?? cc.model, closureValues: loss.closureValues, compileLoss: loss });
      }
    }
    // A function given to minimize by name (`optimizer.minimize(lossFunction1, …)`) is read there, with its var list.
    const minimized = new Set(candidates.minimizeCalls.map((c) => functionValue(this.tree, c.fn)));
    for (const { fn } of candidates.namedFunctions) {
      if (this.outOfTime()) return;
      if (!minimized.has(fn)) this.functionSite(fn, { byName: true });
    }
    for (const { call, fn } of candidates.minimizeCalls) {
      if (this.outOfTime()) return;
      this.minimizeSite(call, fn);
    }
    for (const a of annotations) {
      if (this.outOfTime()) return;
      if (!a.fn || !this.functionSites.has(a.fn)) this.annotationSite(a);
    }
    for (const cc of compiles) {
      if (this.outOfTime()) return;
      this.compileSites(cc);
    }
    this.operationSites();
    for (const b of backpropSites(this.tree, this.tf, () => this.outOfTime(), () => this.companionFiles())) this.addSite(b.site, { style: { style: 'scalar', namespace: this.tf.namespace }, targets: b.targets });
    // Functions given to gradient calls that ignore their inputs or return no tensor; a step's reading may say more.
    const untaped = this.sites.flatMap((s) => (s.loss?.untaped ? [s.loss.untaped] : []));
    this.problems.push(...gradientFunctionProblems(this.tree, this.tf, untaped, () => this.outOfTime()));
  }

  private addSite(site: Omit<SiteFacts, 'framework' | 'precision'>, code: SiteCode = {}): SiteFacts {
    // Plain JavaScript numbers (a loss written with Math.* over arrays) are float64, whatever the tensors' precision.
    const units = site.model && unitsUnderConditions(this.tree, code.model, [...(code.when ?? []), ...(code.chosen ?? [])]);
    const full: SiteFacts = { ...site, ...(units ? { model: { ...site.model!, units } } : {}), framework: 'tfjs', precision: code.style?.style === 'scalar' ? 'float64' : this.request.options.precision };
    if (code.targets) Object.defineProperty(full, 'targets', { get: code.targets, enumerable: true });
    this.sites.push(full);
    this.code.set(full, code);
    // A model built one way or another by configuration: the site once per way, as hidden variants.
    const ways = site.model && !site.variantOf ? this.modelWays.get(site.model) : undefined;
    const canRun = (w: { when: Condition[] }) => consistent(w.when, code.when ?? []) && meetOnSomeValue(this.tree, w.when, [...(code.when ?? []), ...(code.chosen ?? [])]);
    const paired = (ways ?? []).filter((w) => canRun(w) && (!code.chosen || pairable(w.when, code.chosen)));
    // A loss a setting chooses that no way of the head tests: it meets every way, reported for what every way gives.
    const everyWay = !!code.chosen && paired.length === 0;
    for (const { facts: way, info } of everyWay ? (ways ?? []).filter(canRun) : paired) {
      const wrt = site.loss?.wrt;
      const domain = way.activation ? domainOfActivation(way.activation) : undefined;
      const ranges = wrt && domain ? { ...site.ranges, [wrt]: domain } : site.ranges;
      const variant: SiteFacts = { ...full, model: way, ...(ranges ? { ranges } : {}), variantOf: full, modelWay: true, ...(everyWay ? { everyWay } : {}) };
      this.sites.push(variant);
      // The way's own model, whose output layer a fix of this way may set.
      this.code.set(variant, code.model ? { ...code, model: info } : code);
    }
    return full;
  }

  private modelFacts(model: ModelInfo | undefined): ModelFacts | undefined {
    if (!model || cannotBeBuilt(this.tree, this.tf, model)) return undefined; // a layer TF.js lacks: it throws before compile
    if (model.alternatives) {
      // Unknown as one model; each way TF.js can build is a variant of the sites that use it (see addSite).
      const facts: ModelFacts = { activation: null, activationName: null, units: null };
      this.modelWays.set(facts, buildableWays(this.tree, this.tf, model).map((a) => ({ facts: this.modelFacts(a)!, when: a.when ?? [], info: a })));
      return facts;
    }
    const layer = model.decidingLayer;
    return {
      activation: model.activation, activationName: model.activationName, units: model.units,
      ...(layer && !model.file ? outputLayerFacts(this.tree, layer) : {}),
      ...(model.file ? { definedIn: { file: model.file, ...(model.fileLine ? { line: model.fileLine } : {}) } } : {}),
    };
  }

  private functionSite(fn: FunctionNode, req: FunctionSiteRequest): void {
    if (this.functionSites.has(fn)) return;
    if (req.byName && forwardedFunction(this.tree, fn)) return;
    if (req.byName && notALoss(this.tree, fn)) return;
    if (req.byName && onlyEvaluated(this.tree, fn)) return;
    if (writtenAsMetric(this.tree, fn) || usedOnlyAsMetric(this.tree, fn)) return;
    const ts = this.tree.ts;
    const { name, node } = functionName(this.tree, fn);
    const annotation = this.annotationsByFunction.get(fn);
    const anchorStart = node ? this.tree.start(node) : this.tree.start(fn);
    const anchorEnd = node ? node.end : fn.body ? this.tree.start(fn.body) : fn.end;
    const model = this.modelFacts(req.model);
    const base = { name, start: this.tree.start(fn), end: fn.end, anchorStart, anchorEnd, ...(model ? { model } : {}), ...(derivativeMember(this.tree, fn) ? { unchecked: ['non-differentiable'] } : {}) };
    if (annotation) {
      this.functionSites.set(fn, this.annotatedSite(annotation, { ...base, anchorStart: annotation.start, anchorEnd: annotation.end }));
      return;
    }
    const names = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
    const { distributions, lossParameters, residualLoss } = lossParameterShape(names, name, req.byName === true, (i) => !!fn.parameters[i]?.initializer);
    let translated: TranslatedLoss[];
    // A training step's tensors come from outside it, like a minimize closure's: data of unknown range.
    let trainingStep = false;
    // Parameters whose names do not say which is the prediction: the file's calls that pass a model's output say.
    // A function given to compile is called as TF.js calls it, (yTrue, yPred), unless its names say otherwise.
    const calledWithPrediction = req.compileLoss && !namesPrediction(names) ? 1 : !req.model && (roleNamesSilent(names) || distributions) ? predictionArgument(this.tree, fn, (call) => this.predictingModel(call)) : undefined;
    try {
      translated = translateLossFunction(this.tree, this.tf, fn, req.closureValues, calledWithPrediction);
      if (req.byName && !lossParameters && !residualLoss && translated[0].style === 'scalar') return;
      // Plain numbers in a file whose models TF.js trains with a loss it has by name (`calculateMAE(actual, predicted)`
      // with Math.abs beside `compile({ loss: 'meanSquaredError' })`): an evaluation of the predictions read back, which
      // no gradient goes through. A function named as a loss is still read.
      if (req.byName && this.compilesBuiltInLoss && translated.every((t) => t.style === 'scalar') && !SAYS_LOSS.test(name ?? '')) return;
      // No parameter is the prediction (`this.loss = (state, action, reward) => …` running the weights itself,
      // `ppoLoss(states, actions, oldLogProbs, advantages)` running the policy): the function is a training step's
      // body, read as one when it can be (a model runs in it).
      const mentioned = translated.some(mentionsPrediction);
      const asStep = !lossParameters && (!mentioned || (!req.model && noRoleParameter(names))) ? readTrainingStep(this.tree, this.tf, fn) : undefined;
      if (asStep && (!mentioned || asStep.some((r) => predictsWithModel(r, this.tree)))) [translated, trainingStep] = [asStep, true];
    } catch (err) {
      if (!(err instanceof Unreadable)) throw err;
      const asTrainingStep = req.byName && !lossParameters ? readTrainingStep(this.tree, this.tf, fn) : undefined;
      if (asTrainingStep) {
        translated = asTrainingStep;
        trainingStep = true;
      } else {
        if (req.byName && !lossParameters) return;
        this.functionSites.set(fn, this.addSite({ kind: 'custom-function', ...base, unreadable: unreadableText(this.tree, err) }));
        return;
      }
    }
    if (trainingStep && req.byName && neverDifferentiated(this.tree, fn, this.steps)) return;
    // A loss compiled with a model can have its fixes on the model too (the output layer's activation).
    const code = req.compileLoss && req.model ? { compileLoss: req.compileLoss, model: req.model } : {};
    const callers = req.model || trainingStep ? {} : this.callerFacts(fn, names, translated[0], calledWithPrediction);
    // Targets the loss one-hot encodes itself (`tf.oneHot(yTrue, k)`) are classes when its callers show none.
    const targets = callers.targets ?? ownTargets(translated[0]);
    const used = { ...(callers.model ? { model: this.modelFacts(callers.model), modelFromCalls: true } : {}), ...(targets ? { targets } : {}) };
    this.functionSites.set(fn, this.addReadSite({ kind: 'custom-function', ...base, ...used }, translated, trainingStep, code));
  }

  /** The model (and targets) the file's own calls give a loss function read on its own: `loss(model.predict(xs), ys)`. */
  private callerFacts(fn: FunctionNode, names: string[], t: TranslatedLoss, calledWithPrediction: number | undefined): CallerFacts {
    // The reading renames the two parameters of a loss whose names say nothing (`(realOutput, fakeOutput)`: yTrue, yPred).
    const order = names.length === 2 ? roleOrder(names, undefined, functionName(this.tree, fn).name) : undefined;
    const predictionIndex = calledWithPrediction ?? (names.includes(t.wrt) ? names.indexOf(t.wrt) : t.wrt === 'yPred' && order ? order.prediction : -1);
    if (predictionIndex < 0) return {};
    const targetIndex = calledWithPrediction !== undefined ? 1 - calledWithPrediction : t.target ? (names.includes(t.target) ? names.indexOf(t.target) : t.target === 'yTrue' && order ? order.target : -1) : -1;
    return modelFromCallers(this.tree, this.tf, fn, predictionIndex, targetIndex, (call) => this.predictingModel(call), (d) => declarationEvidence(this.tree, this.tf, d, this.companionFiles()));
  }

  /** A site whose loss was read, and one hidden variant per other way its configuration can go. */
  private addReadSite(base: Omit<SiteFacts, 'framework' | 'precision' | 'loss'>, given: TranslatedLoss[], opaqueTarget: boolean, code: Omit<SiteCode, 'style'> = {}): SiteFacts {
    const readings = given.flatMap((t) => [t, ...(t.otherPredictions ?? []).map((wrt) => readingOf(t, wrt))]);
    const [first, ...others] = readings;
    const way = (t: TranslatedLoss) => (t.when ? { when: [...(code.when ?? []), ...t.when], chosen: [...(code.chosen ?? []), ...t.when] } : {});
    const facts = (t: TranslatedLoss) => withSliceRanges(this.outputFacts(t), columnRanges(code.model?.parts, t.columns));
    const site = this.addSite({ ...base, ...facts(first), loss: this.lossReading(first, opaqueTarget) }, { ...code, ...way(first), style: { style: first.style, namespace: this.tf.namespace } });
    for (const t of others) this.addSite({ ...base, ...facts(t), loss: this.lossReading(t, opaqueTarget), variantOf: site }, { ...code, ...way(t), style: { style: t.style, namespace: this.tf.namespace } });
    return site;
  }

  /** A reading of a closure that runs several models (an actor and a critic, a policy's mean and log-std heads): the model
   * of the output it takes as the prediction, and the range of every output whose model says it. */
  private outputFacts(t: TranslatedLoss): Pick<SiteFacts, 'model' | 'ranges'> {
    if (!t.modelOutputs) return {};
    const ranges: Record<string, Domain> = {};
    let model: ModelInfo | undefined;
    for (const [symbol, output] of t.modelOutputs) {
      // A field of what a call returns (`{ logits, value } = this.predict(s)`) is of no layer the lint can name.
      const m = output.field === undefined ? this.predictingModel(output.call, output.index) : undefined;
      if (symbol === t.wrt) model = m;
      const domain = m?.range ?? (m?.activation ? domainOfActivation(m.activation) : undefined);
      if (domain && !(domain[0] === null && domain[1] === null)) ranges[symbol] = domain;
    }
    // The model of this reading's own output, none when it is not known: never the first output's.
    return { model: t.modelOutputs.has(t.wrt) ? this.modelFacts(model) : undefined, ...(Object.keys(ranges).length ? { ranges } : {}) };
  }

  /** Another output a loss reads: the output activation of the model it comes from, when the file shows one. */
  private otherOutput(t: TranslatedLoss, symbol: string): { activation?: 'sigmoid' | 'softmax'; linear?: boolean } {
    const output = t.modelOutputs?.get(symbol);
    const activation = output && output.field === undefined ? this.predictingModel(output.call, output.index)?.activation : undefined;
    return activation === 'sigmoid' || activation === 'softmax' ? { activation } : activation === 'linear' ? { linear: true } : {};
  }

  private lossReading(t: TranslatedLoss, opaqueTarget = false): LossReading {
    return lossReadingOf(t, opaqueTarget, (symbol) => this.otherOutput(t, symbol));
  }

  private minimizeSite(call: TS.CallExpression, arg: TS.Expression): void {
    const fn = functionValue(this.tree, arg);
    if (!fn || !takesStep(this.tree, this.tf, call, fn)) return;
    if (this.callsLossFunction(fn)) return;
    const base = { name: undefined, via: stepCallText(this.tree.ts, call), start: this.tree.start(call), end: call.end, anchorStart: this.tree.start(call.expression), anchorEnd: call.expression.end };
    let translated: TranslatedLoss[];
    try {
      // `minimize(f, model.getWeights())`: a weight list in the returnCost slot still says which model is meant.
      const trained = trainedModelOf(this.tree, call.arguments[2]) ?? (call.arguments.length === 2 ? trainedModelOf(this.tree, call.arguments[1]) : undefined);
      try {
        translated = translateMinimizeClosure(this.tree, this.tf, fn, trained, call);
      } catch (err) {
        // The var list's model is not one the closure runs by that name: read it as if no var list were given.
        if (!(err instanceof Unreadable) || trained === undefined) throw err;
        translated = translateMinimizeClosure(this.tree, this.tf, fn, undefined, call);
      }
    } catch (err) {
      if (!(err instanceof Unreadable)) throw err;
      this.addSite({ kind: 'minimize', ...base, unreadable: unreadableText(this.tree, err) });
      return;
    }
    const model = this.modelFacts(this.predictingModel(translated[0].predictionCall));
    const owner = translated[0].targetOwner;
    const targets = owner && scoresActivatedOutput(model?.activation, translated[0]) ? once(() => declarationEvidence(this.tree, this.tf, owner, this.companionFiles())) : undefined;
    const modelCode = forwardPassRanges(this.tree, this.tf, fn, translated.flatMap((t) => [...(t.modelOutputs?.values() ?? [])].map((o) => o.call)));
    // A step under a flag (`if (useOneHot) optimizer.minimize(…)`) runs with the ways of building its model that agree.
    const when = enclosingConditions(this.tree, call);
    this.addReadSite({ kind: 'minimize', ...base, ...(model ? { model } : {}), ...(modelCode.length ? { modelCode } : {}) }, translated, true, { ...(targets ? { targets } : {}), ...(when.length ? { when } : {}) });
  }

  /** Logs outside every readable loss site, each checked on its own for log(0). */
  private operationSites(): void {
    const read = this.sites.filter((s) => s.loss && s.unreadable === undefined && s.kind !== 'annotation');
    const covered = (node: TS.Node) => {
      const start = this.tree.start(node);
      return read.some((s) => s.start <= start && node.end <= s.end);
    };
    const modelOf = (call: TS.CallExpression, output?: number) => this.predictingModel(call, output);
    this.problems.push(...operationProblems(this.tree, this.tf, this.imports, covered, modelOf, this.request.options.precision, () => this.outOfTime()));
    // A log's value from a model call, or the prediction (TF.js's second argument) of a loss compiled with a model.
    // A helper's parameter every call gives the same model output (`logProb(mean, std)` with a softplus head's std).
    const modelOfValue = (m: TS.CallExpression | TS.ParameterDeclaration) => (!this.tree.ts.isParameter(m) ? modelOf(m) : (this.tree.parent(m) as FunctionNode).parameters.indexOf(m) === 1 ? this.functionSites.get(this.tree.parent(m)!)?.model : undefined) ?? (this.tree.ts.isParameter(m) ? modelGivenToParameter(this.tree, m, (c, output) => this.predictingModel(c, output)) : undefined);
    const logs = findLogProbes(this.tree, this.tf, covered, modelOfValue, () => this.outOfTime()).map((p) => ({ ...p, checks: ['log-of-zero'] }));
    for (const probe of [...logs, ...findHingeProbes(this.tree, this.tf, covered, () => this.outOfTime()).map((p) => ({ ...p, scalar: true, checks: ['non-differentiable'] }))]) {
      const [start, end] = [this.tree.start(probe.node), probe.node.end];
      const loss = { expr: probe.expr, wrt: probe.wrt, parameters: probe.parameters, reduction: 'none', origin: 'code' } as const;
      // `Math.log` of plain numbers is float64 code, fixed with Math.*; a plain hinge (`Math.max(0, 1 - m)`) is too.
      this.addSite({ kind: 'operation', start, end, anchorStart: start, anchorEnd: end, loss, ranges: probe.ranges, checks: probe.checks }, { style: { style: probe.scalar ? 'scalar' : 'tensor', namespace: this.tf.namespace } });
    }
  }

  /** The model whose output a minimize closure's prediction is: `model.predict(xs)`, `model.apply(xs)`. */
  private predictingModel(call: TS.CallExpression | undefined, output?: number): ModelInfo | undefined {
    const ts = this.tree.ts;
    const callee = call && unwrapExpression(ts, call.expression);
    // A function of the file, or a method of the class, that runs the model (`this.forward(users, items)` returning
    // `this.model.apply(x)`), followed a few calls deep, each function once per reading (its result kept).
    const inner = (c: TS.CallExpression) => {
      if (this.forwardDepth >= MAX_FORWARD_DEPTH) return undefined;
      this.forwardDepth++;
      try {
        return this.predictingModel(c, output);
      } finally {
        this.forwardDepth--;
      }
    };
    // Kept per output: the same forward pass gives each output of a multi-output model.
    const found = this.forwardOutputs.get(output) ?? new Map<TS.Node, ModelInfo | undefined>();
    this.forwardOutputs.set(output, found);
    const own = call ? forwardFunctionOutput(this.tree, this.tf, call, inner, found) : undefined;
    // Else the receiver's model; `this.predict(x)` of a class with no such method of its own (a subclass) is the class's.
    if (own || !callee || !ts.isPropertyAccessExpression(callee)) return own;
    return resolveModel(this.tree, this.tf, callee.expression, this.imports, output);
  }

  /** `() => myLoss(labels, model.predict(x))`: the closure only calls a loss function of the file, which is read as its
   * own site (with its annotation, when it has one), so the closure is not a second site of the same loss. */
  private callsLossFunction(fn: FunctionNode): boolean {
    const callee = soleCallee(this.tree, fn);
    if (!callee || callee.parameters.length < 2) return false;
    this.functionSite(callee, {});
    return this.functionSites.has(callee);
  }

  private annotationSite(a: Annotation): void {
    this.annotatedSite(a, { start: a.commentStart, end: a.commentEnd, anchorStart: a.start, anchorEnd: a.end });
  }

  private annotatedSite(a: Annotation, base: Pick<SiteFacts, 'name' | 'start' | 'end' | 'anchorStart' | 'anchorEnd' | 'model'>): SiteFacts {
    const loss: LossReading = { expr: { text: a.expression, prec: 0, segments: NO_SEGMENTS, tensor: false }, parameters: {}, reduction: 'none', origin: 'annotation', annotationStart: a.start };
    return this.addSite({ kind: 'annotation', ...base, loss, ...(a.activation ? { statedActivation: a.activation } : {}) });
  }

  /** The project's files that may train this file's models, looked for once per reading. */
  private companionFiles(): CompanionFiles | undefined {
    const project = this.request.project;
    if (!project?.listDirectory) return undefined;
    this.companions ??= new CompanionFiles(this.tree, this.tf, this.request.fileName, project, () => this.outOfTime());
    return this.companions;
  }

  private compileSites(cc: CompileCall): void {
    const model = this.modelFacts(cc.model);
    if (cc.missingLoss) {
      const start = this.tree.start(cc.missingLoss);
      const frameworkLoss = missingLoss(start, cc.missingLoss.end, model, this.quote());
      this.addSite({ kind: 'compile', name: 'no loss', start: this.tree.start(cc.call), end: cc.call.end, anchorStart: start, anchorEnd: cc.missingLoss.end, frameworkLoss, ...(model ? { model } : {}) }, { missingLoss: cc.missingLoss });
      return;
    }
    const tooMany = lossListForOneOutput(this.tree, cc) ?? lossMapForOneOutput(this.tree, cc);
    if (tooMany) return void this.problems.push(tooMany);
    const typed = typedLossNames(this.tree, cc);
    if (typed) this.problems.push(typed);
    // The targets decide something only under a sigmoid or softmax output (of any way the model is built, or one its loss
    // applies itself: a classifier trained with a regression loss), and only for a rule that asks: looked for then, once.
    const activations = model ? [model, ...(this.modelWays.get(model)?.map((w) => w.facts) ?? [])].map((m) => m.activation) : [undefined];
    const outputNeedsTargets = cc.losses.some((l) => activations.some((a) => scoresActivatedOutput(a, l.fn ? this.functionSites.get(l.fn)?.loss : undefined)));
    const targets = outputNeedsTargets ? once(() => targetEvidence(this.tree, this.tf, cc, this.companionFiles(), () => this.outOfTime())) : undefined;
    const made: { site: SiteFacts; given: CompileLoss }[] = [];
    for (const given of cc.losses) {
      // One loss per output (`loss: { group_output: kl }`): checked against that output alone.
      const output = lossOutput(this.tree, this.tf, cc, given, this.imports);
      const possible = possibleLosses(given);
      for (const loss of possible) {
        // The model as the loss's own test leaves it (`switch (config.outputActivation)` picking the loss).
        const info = output ?? modelUnderLossTest(this.tree, cc.model, loss.when);
        const facts = info === cc.model ? model : this.modelFacts(info);
        made.push({ site: this.compileSite(cc, loss, info, facts, output ? undefined : targets, cc.losses.length === 1 && (possible.length === 1 || chosenAway(cc, loss)) && writtenInCall(cc, loss) ? cc.lossProperty : loss.value, !!output), given });
      }
    }
    attachLossList(this.tree, cc.losses, made);
  }

  /** A compile call's loss: for the model (`info`), or for one output of it (a loss per output). */
  private compileSite(cc: CompileCall, loss: CompileLoss, info: ModelInfo | undefined, model: ModelFacts | undefined, targets: SiteCode['targets'], anchor: TS.Node, perOutput: boolean): SiteFacts {
    const fnSite = loss.fn ? this.functionSites.get(loss.fn) : undefined;
    const frameworkLoss = tfjsFrameworkLoss(this.tree, this.tf, loss, this.quote(), info?.activationName ?? null);
    return this.addSite(
      {
        kind: 'compile',
        name: frameworkLoss?.label ?? fnSite?.name,
        start: this.tree.start(cc.call),
        end: cc.call.end,
        anchorStart: this.tree.start(anchor),
        anchorEnd: anchor.end,
        lossValue: { start: this.tree.start(loss.value), end: loss.value.end }, ...(loss.heldAt ? { heldAt: { start: this.tree.start(loss.heldAt), end: loss.heldAt.end } } : {}),
        ...(model ? { model } : {}),
        ...(frameworkLoss ? { frameworkLoss } : {}),
        ...(fnSite ? { lossSite: fnSite } : {}),
        ...(cc.losses.length !== 1 && !perOutput ? { multipleLosses: true } : {}),
        ...(chosenAway(cc, loss) ? { chosenAway: true } : {}),
        ...(compiledLossUnused(this.tree, cc, this.steps, this.compileCalls) || compiledOnly(this.tree, this.tf, cc) ? { unusedLoss: true } : evolvedNotTrained(this.tree, this.steps) ? { evolved: true } : {}),
        ...(!fnSite && !frameworkLoss ? { unreadable: unreadCompileLossReason(this.tree, cc) } : {}),
      },
      { compileLoss: loss, model: info, when: [...(loss.when ?? []), ...enclosingConditions(this.tree, cc.call)], ...(loss.when ? { chosen: loss.when } : {}), ...(targets ? { targets } : {}) },
    );
  }

  private renderCoreFix(site: SiteFacts, fix: Fix, _analysis: Analysis): SourceFix | undefined {
    const style = this.code.get(site)?.style;
    const loss = site.loss;
    // Tensor code of a file that never names TF.js (a matrix class of its own, an ops object): no TF.js to write with.
    if (!style || !loss || loss.origin !== 'code' || (style.style === 'tensor' && !this.tf.inFile)) return undefined;
    const map = { text: loss.expr.text, segments: loss.expr.segments.all, tensorSymbols: readingTensors(loss, site.ranges) };
    return sourceFix(map, this.tree.text, fix, new TfjsRenderer(style));
  }

  private realisePlan(site: SiteFacts, plan: FixPlan): SourceFix | undefined {
    const code = this.code.get(site);
    if (plan.kind === 'add-loss') return addLossFix(code?.missingLoss, plan.loss, this.quote());
    const loss = code?.compileLoss;
    if (!loss) return code?.style?.style === 'scalar' ? undefined : handWrittenLossFix(this.tree, this.tf, site.loss, plan);
    const ctx: CompileEditContext = { tree: this.tree, tf: this.tf, quote: this.quote() };
    const layer = code.model?.file || code.model?.chosenByCall ? undefined : code.model?.decidingLayer;
    return planFix(ctx, plan, loss.writtenAt ?? loss.value, layer, code.model?.activationName ?? 'linear');
  }
}
