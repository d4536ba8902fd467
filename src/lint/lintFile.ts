import type * as TS from 'typescript';
import { ACTIVATIONS, isPredictionName, isTargetName, type Activation } from '../core';
import { findAnnotations, type Annotation } from './annotations';
import { checkActivation, checkLossName, identifyCompileLoss, type Finding } from './compileChecks';
import { readCompileCall, type CompileCall } from './compileSite';
import { parseSource } from './compiler';
import type { Expr } from './expressionBuilder';
import { compileLossFormula, isKnownCompileLoss } from './lossNames';
import { translateLossFunction, translateMinimizeClosure, type TranslatedLoss } from './lossFunction';
import { LineMap } from './positions';
import { findCandidates } from './siteDiscovery';
import { analyzeLoss, isSaturationGuard } from './siteAnalysis';
import { fileRangeOf, sourceFix, type ExpressionMap } from './sourceFixes';
import { isFunctionNode, propertyName, unwrapExpression, SyntaxTree, type FunctionNode } from './syntaxTree';
import { TfBindings } from './tfBindings';
import { Unreadable } from './translationEnv';
import type { LintDiagnostic, LintOptions, LintResult, LossSite, SourceFix } from './types';

/**
 * Lints one file: finds its loss sites (compile calls, custom loss functions, minimize closures,
 * annotations), reads each loss into an expression, analyses it with the prediction's domain from the
 * model, and reports the core's findings and the compile-site checks with file ranges and source fixes.
 */
const DEFAULT_BUDGET_MS = 5000;
/** No single analysis may take more than this share of the budget (at least 250 ms). */
const PER_ANALYSIS_SHARE = 0.25;

interface FunctionSiteRequest {
  model?: { activation: Activation | null; activationName: string | null; units: number | null };
  closureValues?: Map<TS.Node, Expr>;
  /** Found only by its name: kept only when it reads as a loss. */
  byName?: boolean;
}

class FileLinter {
  readonly sites: LossSite[] = [];
  private readonly diagnostics: (Omit<LintDiagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>)[] = [];
  private readonly functionSites = new Map<TS.Node, LossSite>();
  private readonly annotationsByFunction = new Map<TS.Node, Annotation>();
  private readonly deadline: number;
  private readonly perAnalysisMs: number;
  private readonly epsilon: number;
  incomplete = false;
  readonly tf: TfBindings;
  private quoteChar?: string;

  constructor(
    readonly tree: SyntaxTree,
    private readonly options: LintOptions,
  ) {
    const budget = options.budgetMs ?? DEFAULT_BUDGET_MS;
    this.deadline = Date.now() + budget;
    this.perAnalysisMs = Math.max(250, budget * PER_ANALYSIS_SHARE);
    this.epsilon = options.epsilon ?? 1e-7;
    this.tf = new TfBindings(tree.ts, tree.file, tree.text);
  }

  /** The quote the file uses most in its first 20,000 characters, for names written into fixes. */
  get quote(): string {
    if (this.quoteChar === undefined) {
      const head = this.tree.text.slice(0, 20_000);
      let single = 0;
      let double = 0;
      for (let i = 0; i < head.length; i++) {
        if (head[i] === "'") single++;
        else if (head[i] === '"') double++;
      }
      this.quoteChar = single >= double ? "'" : '"';
    }
    return this.quoteChar;
  }

  run(): LintResult {
    const annotations = findAnnotations(this.tree);
    for (const a of annotations) if (a.fn) this.annotationsByFunction.set(a.fn, a);
    const candidates = findCandidates(this.tree);
    const compiles = candidates.compileCalls.map((c) => readCompileCall(this.tree, this.tf, c)).filter((c): c is CompileCall => c !== undefined);
    for (const cc of compiles) for (const loss of cc.losses) if (loss.fn) this.functionSite(loss.fn, { model: cc.model, closureValues: loss.closureValues });
    for (const { fn } of candidates.namedFunctions) this.functionSite(fn, { byName: true });
    for (const { call, fn } of candidates.minimizeCalls) this.minimizeSite(call, fn);
    for (const a of annotations) if (!a.fn || !this.functionSites.has(a.fn)) this.annotationSite(a);
    for (const cc of compiles) this.compileSites(cc);
    return this.result();
  }

  private remainingMs(): number {
    return this.deadline - Date.now();
  }

  private analysisBudget(): number {
    return Math.min(this.perAnalysisMs, this.remainingMs());
  }

  private addSite(site: Omit<LossSite, 'id'>): LossSite {
    const full = { id: this.sites.length, ...site } as LossSite;
    this.sites.push(full);
    return full;
  }

  report(f: Finding, siteId: number): void {
    if (this.diagnostics.some((d) => d.code === f.code && d.start === f.start && d.end === f.end)) return;
    this.diagnostics.push({ code: f.code, severity: f.severity, message: f.message, start: f.start, end: f.end, fixes: f.fixes, siteId, ...(f.rule ? { rule: f.rule } : {}) });
  }

  private functionName(fn: FunctionNode): { name?: string; node?: TS.Node } {
    const ts = this.tree.ts;
    if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) && fn.name) return { name: propertyName(ts, fn.name), node: fn.name };
    const parent = this.tree.parent(fn);
    if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return { name: parent.name.text, node: parent.name };
    if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name) && parent.name.text !== 'loss') return { name: parent.name.text, node: parent.name };
    const factory = parent && (ts.isReturnStatement(parent) ? [...this.tree.ancestors(parent)].find((a) => isFunctionNode(ts, a)) : isFunctionNode(ts, parent) ? parent : undefined);
    if (factory && isFunctionNode(ts, factory)) {
      const outer = this.functionName(factory);
      return outer.name ? { name: outer.name } : {};
    }
    return {};
  }

  private functionSite(fn: FunctionNode, req: FunctionSiteRequest): void {
    if (this.functionSites.has(fn)) return;
    const ts = this.tree.ts;
    const { name, node } = this.functionName(fn);
    const annotation = this.annotationsByFunction.get(fn);
    const anchorStart = node ? this.tree.start(node) : this.tree.start(fn);
    const anchorEnd = node ? node.end : fn.body ? this.tree.start(fn.body) : fn.end;
    const base = { name, start: this.tree.start(fn), end: fn.end, anchorStart, anchorEnd, activation: req.model?.activation ?? null, units: req.model?.units ?? null };
    if (annotation) {
      const site = this.annotatedSite(annotation, { ...base, anchorStart: annotation.start, anchorEnd: annotation.end }, req.model?.activation ?? null);
      this.functionSites.set(fn, site);
      return;
    }
    const names = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
    const lossParameters = names.some(isTargetName) && names.some(isPredictionName);
    let translated: TranslatedLoss;
    try {
      translated = translateLossFunction(this.tree, this.tf, fn, req.closureValues);
      if (req.byName && !lossParameters && translated.style === 'scalar') return;
    } catch (err) {
      if (!(err instanceof Unreadable)) throw err;
      const asTrainingStep = req.byName && !lossParameters ? this.trainingStep(fn) : undefined;
      if (asTrainingStep) {
        translated = asTrainingStep;
      } else {
        if (req.byName && !lossParameters) return;
        this.functionSites.set(fn, this.addSite({ kind: 'custom-function', ...base, unreadable: this.unreadableText(err) }));
        return;
      }
    }
    const site = this.addSite({ kind: 'custom-function', ...base });
    this.functionSites.set(fn, site);
    this.analyseTranslated(site, translated, req.model?.activation ?? null, req.model?.activationName ?? null);
  }

  /** A loss-named function of a custom training loop, `computeLoss(model, xs, ys)`: read like a minimize closure. */
  private trainingStep(fn: FunctionNode): TranslatedLoss | undefined {
    try {
      return translateMinimizeClosure(this.tree, this.tf, fn);
    } catch (err) {
      if (err instanceof Unreadable) return undefined;
      throw err;
    }
  }

  private unreadableText(err: Unreadable): string {
    return err.node ? `${err.message} (line ${this.tree.file.getLineAndCharacterOfPosition(this.tree.start(err.node)).line + 1})` : err.message;
  }

  private analyseTranslated(site: LossSite, t: TranslatedLoss, activation: Activation | null, activationName: string | null): void {
    Object.assign(site, { expression: t.expr.text, reduction: t.reduction, wrt: t.wrt, target: t.target, parameters: t.parameters });
    if (activationName && activationName !== activation) site.activationName = activationName;
    if (this.remainingMs() <= 0) {
      this.incomplete = true;
      return;
    }
    const r = analyzeLoss({
      expression: t.expr.text, wrt: t.wrt, parameters: t.parameters, activation, defaultActivation: this.options.defaultActivation,
      epsilon: this.epsilon, budgetMs: this.analysisBudget(),
    });
    site.activationSource = r.source;
    if (r.source !== 'model') site.assumedActivation = r.activation;
    if (!r.analysis) {
      site.unreadable = `the expression could not be analysed: ${r.error}`;
      return;
    }
    site.analysis = r.analysis;
    const map: ExpressionMap = { text: t.expr.text, segments: t.expr.segments, tensorSymbols: [t.wrt, ...(t.target ? [t.target] : [])] };
    const style = { style: t.style, namespace: this.tf.namespace };
    const note = r.source === 'model' ? '' : ` (assuming a ${r.activation} output: ${r.source === 'option' ? 'the configured default' : 'no model for this loss in the file'})`;
    for (const d of r.analysis.diagnostics) {
      if (isSaturationGuard(d, t.expr.text, r.analysis.domain)) continue;
      const range = fileRangeOf(map, d.span.start, d.span.end) ?? { start: site.anchorStart, end: site.anchorEnd };
      const fixes = [d.fix, ...(d.alternatives ?? [])]
        .filter((f) => f !== undefined)
        .map((f) => sourceFix(map, this.tree.text, f, style))
        .filter((f): f is SourceFix => f !== undefined);
      if (fixes[0] && !fixes.some((f) => f.preferred)) fixes[0].preferred = true;
      const bare = d.fix ? d.message.replace(` Fix: ${d.fix.title}.`, '') : d.message;
      const fixText = fixes[0] ? ` Fix: ${fixes[0].title[0].toLowerCase()}${fixes[0].title.slice(1)}.` : '';
      this.report({ code: d.code, severity: d.severity, message: `${bare}${note}${fixText}`, start: range.start, end: range.end, fixes }, site.id);
    }
  }

  private minimizeSite(call: TS.CallExpression, arg: TS.Expression): void {
    const ts = this.tree.ts;
    const v = unwrapExpression(ts, arg);
    const fn = isFunctionNode(ts, v) ? v : undefined;
    if (!fn || fn.parameters.length > 0) return;
    if (this.callsKnownLoss(fn)) return;
    const base = { name: undefined, start: this.tree.start(call), end: call.end, anchorStart: this.tree.start(call.expression), anchorEnd: call.expression.end, activation: null, units: null };
    let translated: TranslatedLoss;
    try {
      translated = translateMinimizeClosure(this.tree, this.tf, fn);
    } catch (err) {
      if (!(err instanceof Unreadable)) throw err;
      this.addSite({ kind: 'minimize', ...base, unreadable: this.unreadableText(err) });
      return;
    }
    this.analyseTranslated(this.addSite({ kind: 'minimize', ...base }), translated, null, null);
  }

  /** `() => myLoss(labels, model.predict(x))` where myLoss carries a @loss annotation: the annotation says what the loss is, once. */
  private callsKnownLoss(fn: FunctionNode): boolean {
    const ts = this.tree.ts;
    const body = fn.body;
    let returned: TS.Expression | undefined;
    if (body && ts.isBlock(body)) {
      const statements = body.statements;
      const last = statements[statements.length - 1];
      if (statements.length === 1 && last && ts.isReturnStatement(last)) returned = last.expression;
    } else if (body) {
      returned = body as TS.Expression;
    }
    const inner = returned ? unwrapExpression(ts, returned) : undefined;
    if (!inner || !ts.isCallExpression(inner) || !ts.isIdentifier(inner.expression)) return false;
    const callee = inner.expression.text;
    return [...this.annotationsByFunction.keys()].some((annotated) => isFunctionNode(ts, annotated) && this.functionName(annotated).name === callee);
  }

  private annotationSite(a: Annotation): void {
    this.annotatedSite(a, { start: a.commentStart, end: a.commentEnd, anchorStart: a.start, anchorEnd: a.end, activation: null, units: null }, null);
  }

  private annotatedSite(a: Annotation, base: Omit<LossSite, 'id' | 'kind'>, modelActivation: Activation | null): LossSite {
    const site = this.addSite({ kind: 'annotation', ...base, expression: a.expression, reduction: 'none' });
    if (a.badActivation) {
      site.unreadable = `@activation ${a.badActivation.name} is not one of ${ACTIVATIONS.join(', ')}`;
      return site;
    }
    const activation = a.activation ?? modelActivation;
    if (this.remainingMs() <= 0) {
      this.incomplete = true;
      return site;
    }
    const r = analyzeLoss({ expression: a.expression, activation, defaultActivation: this.options.defaultActivation, epsilon: this.epsilon, budgetMs: this.analysisBudget() });
    site.activationSource = a.activation ? 'annotation' : r.source;
    if (site.activationSource !== 'model') site.assumedActivation = r.activation;
    if (!r.analysis) {
      site.unreadable = `the annotation could not be read: ${r.error}`;
      return site;
    }
    site.analysis = r.analysis;
    site.wrt = r.analysis.wrt;
    site.target = r.analysis.roles.target;
    for (const d of r.analysis.diagnostics) {
      if (isSaturationGuard(d, a.expression, r.analysis.domain)) continue;
      const fixes = [d.fix, ...(d.alternatives ?? [])]
        .filter((f) => f !== undefined)
        .map((f) => ({ title: f.title[0].toUpperCase() + f.title.slice(1), edits: f.edits.map((e) => ({ start: a.start + e.start, end: a.start + e.end, text: e.text })), ...(f.preferred ? { preferred: true } : {}) }));
      this.report({ code: d.code, severity: d.severity, message: d.message, start: a.start + d.span.start, end: a.start + d.span.end, fixes }, site.id);
    }
    return site;
  }

  private compileSites(cc: CompileCall): void {
    const ctx = { tree: this.tree, tf: this.tf, quote: this.quote };
    for (const loss of cc.losses) {
      const fnSite = loss.fn ? this.functionSites.get(loss.fn) : undefined;
      const lossName = loss.stringName ?? (loss.tfFunction ? `tf.${loss.tfFunction.group}.${loss.tfFunction.name}` : undefined);
      const anchor = cc.losses.length === 1 ? cc.lossProperty : loss.value;
      const site = this.addSite({
        kind: 'compile', name: lossName ?? fnSite?.name, start: this.tree.start(cc.call), end: cc.call.end,
        anchorStart: this.tree.start(anchor), anchorEnd: anchor.end, activation: cc.model?.activation ?? null, units: cc.model?.units ?? null,
        lossName,
      });
      if (cc.model?.activationName && cc.model.activationName !== cc.model.activation) site.activationName = cc.model.activationName;
      if (cc.model?.decidingLayer) site.outputLayer = { start: this.tree.start(cc.model.decidingLayer.call), end: cc.model.decidingLayer.call.end };
      if (cc.model) site.activationSource = 'model';
      if (fnSite) {
        Object.assign(site, { lossSiteId: fnSite.id, expression: fnSite.expression, analysis: fnSite.analysis, reduction: fnSite.reduction, wrt: fnSite.wrt, target: fnSite.target });
      } else if (loss.stringName !== undefined ? isKnownCompileLoss(loss.stringName) : loss.tfFunction?.exists) {
        this.builtInAnalysis(site, loss.stringName ?? loss.tfFunction?.name);
      }
      const nameFinding = checkLossName(ctx, loss, cc.model?.activationName ?? null);
      if (nameFinding) this.report(nameFinding, site.id);
      const match = fnSite?.analysis?.match ?? undefined;
      const identity = identifyCompileLoss(loss, match, fnSite?.name);
      const mismatch = identity ? checkActivation(ctx, cc, loss, identity) : undefined;
      if (mismatch) this.report(mismatch, site.id);
      if (!fnSite && !lossName && !nameFinding) site.unreadable = 'the loss is not a name, a tf.losses function or a function in this file';
    }
  }

  private builtInAnalysis(site: LossSite, name: string | undefined): void {
    const formula = name ? compileLossFormula(name) : undefined;
    if (!formula || this.remainingMs() <= 0) return;
    const activation = site.activation ?? formula.loss.activations[0];
    const r = analyzeLoss({ expression: formula.expression, wrt: formula.loss.prediction, parameters: formula.loss.parameters, activation, epsilon: this.epsilon, budgetMs: this.analysisBudget() });
    Object.assign(site, { expression: formula.expression, wrt: formula.loss.prediction, target: r.analysis?.roles.target, reduction: 'mean', parameters: formula.loss.parameters });
    if (!site.activation) site.assumedActivation = activation;
    if (r.analysis) {
      const { id, name: title, parameters } = formula.loss;
      site.analysis = { ...r.analysis, match: { id, name: title, parameters: { ...parameters }, agreement: 'all' } };
    }
  }

  private result(): LintResult {
    const lines = this.diagnostics.length ? new LineMap(this.tree.text) : undefined;
    const diagnostics: LintDiagnostic[] = this.diagnostics
      .sort((a, b) => a.start - b.start || a.end - b.end)
      .map((d) => {
        const s = lines!.position(d.start);
        const e = lines!.position(d.end);
        return { ...d, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
      });
    return this.incomplete ? { sites: this.sites, diagnostics, incomplete: true } : { sites: this.sites, diagnostics };
  }
}

export function lintFile(text: string, fileName: string, options: LintOptions): LintResult {
  const tree = new SyntaxTree(parseSource(text, fileName), text);
  return new FileLinter(tree, options).run();
}
