/**
 * Lints one file with the front end of its language: reads its loss sites, analyses each loss with the core on
 * the prediction's domain (from the model, a stated activation, the option, or what the loss itself expects) in
 * the code's precision, runs every rule of the registry on each site, and realises the fixes the rules ask for
 * through the front end. All of it within one time budget.
 */
import { wayNote, withWay, type Way, type WayFinding } from './wayNotes';
import { dropFindingsOfVoidLosses } from './voidedLosses';
import { catalogLoss, type Activation, type Analysis, type Fix } from '../../core';
import { ruleFor, RULES, type FixRequest, type RuleFinding } from '../rules';
import { Budget } from './budget';
import { addCombinedFixes } from './combinedFixes';
import type { EagerBranch, FileReading, FrontEnd, SiteFacts } from './frontEnd';
import { mentionsSymbol, type Segment } from './expression';
import { analyzeLoss, type LossAnalysisRequest, type LossAnalysisResult } from './lossAnalysis';
import { resolveLintOptions } from './lintOptions';
import { impliedParameters } from './parameterDefaults';
import { LineMap } from './positions';
import { fileRangeOf, lastCallOfChain } from './sourceMap';
import { sourceShape } from './sourceShape';
import type { LintDiagnostic, LintOptions, LintResult, LossSite, SourceFix } from './types';

/** An ordinary value for data of unknown range (a probability, an advantage): neither 0 nor huge. */
const BENIGN_DATA = 0.5;

type PendingDiagnostic = Omit<LintDiagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>;

/** What a rule found on a site, before it is reported. */
type SiteFinding = { code: string; severity: LintDiagnostic['severity']; finding: RuleFinding; analysis: Analysis | undefined };

/** The share of the budget the parse may take; the reading and the analyses need the rest. */
const PARSE_SHARE = 0.5;

/**
 * Lints `text` within the budget of `options`, or within `budget` when the caller started the file's clock earlier
 * (a notebook's, before its JSON was read).
 */
export function lintDocument(frontEnd: FrontEnd, text: string, fileName: string, options: LintOptions, started?: Budget): LintResult {
  const resolved = resolveLintOptions(options);
  if (!frontEnd.looksRelevant(text)) return { sites: [], diagnostics: [] };
  frontEnd.loadParser?.();
  const budget = started ?? new Budget(resolved.budgetMs);
  const shape = sourceShape(text, frontEnd.language);
  if (shape.kind === 'skip') return { sites: [], diagnostics: [], incomplete: true, incompleteReason: shape.note };
  const readable = shape.kind === 'long-lines' ? shape.text : text;
  const parsed = frontEnd.parse(readable, fileName, () => budget.spentMoreThan(PARSE_SHARE));
  const reading = frontEnd.read({ text: readable, fileName, parsed, options: resolved, budget, project: resolved.project });
  const result = new DocumentLint(text, reading, resolved, budget).run();
  const notes = [shape.kind === 'long-lines' ? shape.note : undefined, reading.incompleteReason].filter((n): n is string => n !== undefined);
  return notes.length ? { ...result, incomplete: true, incompleteReason: notes.join('; ') } : result;
}

/** The pieces of a loss read from code that are the same value as the code they come from (not a reduction's element). */
function subexpressionsOf(segments: readonly Segment[]): NonNullable<LossSite['subexpressions']> {
  const out: NonNullable<LossSite['subexpressions']> = [];
  for (const s of segments) {
    if (s.reduced || s.end <= s.start || s.fileEnd <= s.fileStart) continue;
    const last = out[out.length - 1];
    if (last && last.start === s.start && last.end === s.end && last.fileStart === s.fileStart && last.fileEnd === s.fileEnd) continue;
    out.push({ start: s.start, end: s.end, fileStart: s.fileStart, fileEnd: s.fileEnd });
  }
  return out;
}

class DocumentLint {
  private readonly sites: LossSite[] = [];
  private readonly ids = new Map<SiteFacts, number>();
  private readonly analyses = new Map<SiteFacts, Analysis>();
  private readonly dataOnly = new Map<SiteFacts, Set<string>>();
  private readonly branches = new Map<SiteFacts, { branch: EagerBranch; analysis: Analysis }[]>();
  private readonly diagnostics: PendingDiagnostic[] = [];
  private readonly wayFindings = new Map<PendingDiagnostic, WayFinding>();
  /** Sites whose model is built one way or another: their own reading assumed an activation the ways replace. */
  private readonly withWays = new Set<SiteFacts>();
  /** Per site, its `everyWay` variants and what each found (checkEveryWay). */
  private readonly everyWay = new Map<SiteFacts, { f: SiteFacts; findings: SiteFinding[] }[]>();
  private readonly everyWayReported = new Set<PendingDiagnostic>();
  /** The codes each site checked on its own found (checkEveryWay leaves those to it). */
  private readonly checked = new Map<SiteFacts, Set<string>>();
  private linesOfText?: LineMap;
  private owners?: { sites: SiteFacts[]; maxEnd: number[] };
  private incomplete: boolean;

  constructor(
    private readonly text: string,
    private readonly reading: FileReading,
    private readonly options: LintOptions & { epsilon: number },
    private readonly budget: Budget,
  ) {
    this.incomplete = reading.incomplete === true;
  }

  private get lines(): LineMap {
    this.linesOfText ??= new LineMap(this.text);
    return this.linesOfText;
  }

  run(): LintResult {
    for (const facts of this.reading.sites) {
      if (facts.variantOf) {
        this.ids.set(facts, this.ids.get(facts.variantOf)!);
        continue;
      }
      this.ids.set(facts, this.sites.length);
      this.sites.push(this.publicSite(facts));
    }
    // A site read once per way reports through its ways; one whose ways are all `everyWay` is also checked itself (a
    // misspelt loss name is wrong whatever the head, and its fix is the site's), its ways adding what every way gives.
    for (const facts of this.reading.sites) if (facts.variantOf && this.wayOf(facts) && !facts.everyWay) this.withWays.add(facts.variantOf);
    for (const facts of this.reading.sites) if (facts.kind !== 'compile') this.analyse(facts);
    for (const facts of this.reading.sites) if (facts.kind === 'compile') this.analyseCompile(facts);
    for (const facts of this.reading.sites) this.check(facts);
    this.checkEveryWay();
    for (const p of this.reading.problems) {
      const rule = ruleFor(p.code);
      const fixes = (p.fixes ?? []).flatMap((f) => (this.reading.finishFix ? this.reading.finishFix(f) ?? [] : [f]));
      if (rule) this.report({ code: p.code, severity: rule.meta.defaultSeverity, message: p.message, ...(p.detail ? { detail: p.detail } : {}), start: p.start, end: p.end, fixes, siteId: -1 });
    }
    dropFindingsOfVoidLosses(this.diagnostics, this.sites, this.reading.problems);
    return this.result();
  }

  private publicSite(f: SiteFacts): LossSite {
    const site: LossSite = {
      id: this.sites.length,
      kind: f.kind,
      framework: f.framework,
      name: f.name,
      start: f.start,
      end: f.end,
      anchorStart: f.anchorStart,
      anchorEnd: f.anchorEnd,
      activation: f.model?.activation ?? null,
      units: f.model?.units ?? null,
    };
    if (f.via) site.via = f.via;
    if (f.heldAt) site.heldAt = { ...f.heldAt };
    if (f.model?.activationName && f.model.activationName !== f.model.activation) site.activationName = f.model.activationName;
    if (f.model?.outputLayer) site.outputLayer = { ...f.model.outputLayer };
    if (f.model && f.kind === 'compile') site.activationSource = 'model';
    if (f.frameworkLoss) site.lossName = f.frameworkLoss.label;
    if (f.loss) {
      site.expression = f.loss.expr.text;
      site.reduction = f.loss.reduction;
      if (f.loss.origin === 'code') {
        site.wrt = f.loss.wrt;
        site.target = f.loss.target;
        site.parameters = f.loss.parameters;
        const pieces = subexpressionsOf(f.loss.expr.segments.all);
        if (pieces.length) site.subexpressions = pieces;
      }
    }
    if (f.unreadable !== undefined) site.unreadable = f.unreadable;
    const left = f.loss?.unreadTerms;
    if (left?.length && f.unreadable === undefined) site.partlyUnread = left.map((u) => `${u.code} (line ${u.line}): ${u.reason.replace(/[.\s]+$/, '')}${u.kept ? '' : ', left out'}`).join('; ');
    return site;
  }

  private siteOf(f: SiteFacts): LossSite {
    return this.sites[this.ids.get(f)!];
  }

  private analyse(f: SiteFacts): void {
    const loss = f.loss;
    if (!loss || f.unreadable !== undefined) return;
    if (this.budget.expired()) {
      this.incomplete = true;
      return;
    }
    const site = this.siteOf(f);
    const activation: Activation | null = f.model?.activation ?? f.statedActivation ?? null;
    const ranges = f.ranges && loss.wrt ? Object.fromEntries(Object.entries(f.ranges).filter(([s]) => s !== loss.wrt)) : undefined;
    const request = {
      ...(f.ranges && loss.wrt && f.ranges[loss.wrt] ? { domain: f.ranges[loss.wrt] } : {}),
      ...(ranges && Object.keys(ranges).length ? { ranges } : {}),
      expression: loss.expr.text,
      wrt: loss.wrt,
      ...(loss.targetRange ? { targetRange: loss.targetRange } : {}),
      ...(loss.parts ? { parts: loss.parts } : {}),
      parameters: impliedParameters(loss.expr.text, loss.parameters),
      activation,
      ...(f.model?.zeroReachable ? { zeroReachable: true } : {}),
      defaultActivation: this.options.defaultActivation,
      epsilon: this.options.epsilon,
      precision: f.precision,
      budgetMs: this.budget.analysisMs(),
      nameHint: f.name,
    };
    const r = analyzeLoss(request);
    if (r.analysis && loss.eagerBranches?.length) this.analyseBranches(f, loss.eagerBranches, { ...request, activation: r.activation });
    if (f.variantOf) {
      if (r.analysis) {
        this.analyses.set(f, r.analysis);
        this.markDataOnly(f, r, request);
      }
      return;
    }
    site.activationSource = f.statedActivation && !f.model?.activation ? 'annotation' : r.source;
    if (site.activationSource !== 'model') site.assumedActivation = r.activation;
    if (!r.analysis) {
      site.unreadable = loss.origin === 'annotation' ? `the annotation could not be read: ${r.error}` : `the expression could not be analysed: ${r.error}`;
      if (loss.origin === 'annotation') this.reportAnnotation(f, loss.annotationStart ?? f.start, loss.expr.text, r.error ?? '');
      return;
    }
    site.analysis = r.analysis;
    this.markDataOnly(f, r, request);
    if (loss.origin === 'annotation') {
      site.wrt = r.analysis.wrt;
      site.target = r.analysis.roles.target;
    }
    this.analyses.set(f, r.analysis);
  }

  /** An annotation that parses but cannot be analysed (no prediction to differentiate by …), at its expression. */
  private reportAnnotation(f: SiteFacts, start: number, expression: string, error: string): void {
    const rule = ruleFor('invalid-annotation');
    if (!rule) return;
    const reason = error.replace(/ at column \d+/, '');
    const short = reason.split(/\. /)[0];
    this.report({
      code: 'invalid-annotation', severity: rule.meta.defaultSeverity,
      message: `@loss cannot be analysed: ${short.length > 76 ? `${short.slice(0, 75)}…` : `${short}.`}`,
      detail: `The @loss annotation cannot be analysed: ${reason}${/[.!?]$/.test(reason) ? '' : '.'}`,
      start, end: start + Math.max(1, expression.length), fixes: [], siteId: this.ids.get(f)!,
    });
  }

  /** Each branch of an eager select on its own, over the whole domain (the select computes both everywhere). */
  private analyseBranches(f: SiteFacts, branches: readonly EagerBranch[], request: Parameters<typeof analyzeLoss>[0]): void {
    const out: { branch: EagerBranch; analysis: Analysis }[] = [];
    for (const branch of branches) {
      if (this.budget.expired()) break;
      const text = request.expression.slice(branch.span.start, branch.span.end);
      if (request.wrt && !mentionsSymbol(text, request.wrt)) continue;
      const analysis = analyzeLoss({ ...request, expression: text, budgetMs: this.budget.analysisMs() }).analysis;
      if (analysis) out.push({ branch, analysis });
    }
    if (out.length) this.branches.set(f, out);
  }

  /**
   * Hazards that vanish once the data takes an ordinary value are the data's, not the loss's. The data is the opaque
   * values the loss reads, and a target nothing gives a range, for the hazards of ops that see the target and not the
   * prediction: under a linear output, log(yTrue + ε) hits 0 only for targets the code never said it has. Under a
   * sigmoid the target is a label in [0, 1], and its log(0) is the loss's.
   */
  private markDataOnly(f: SiteFacts, r: LossAnalysisResult, request: LossAnalysisRequest): void {
    const analysis = r.analysis!;
    const key = (d: Analysis['diagnostics'][number]) => `${d.code}:${d.span.start}:${d.span.end}`;
    // Where a term left out unread takes part (`log(ε() + p)` with ε() unread), what its value would do is unknown.
    const unread = (f.loss?.unreadTerms ?? []).filter((u) => !u.kept).map((u) => u.name);
    const gone = new Set(analysis.diagnostics.filter((d) => unread.some((u) => mentionsSymbol(analysis.source.slice(d.span.start, d.span.end), u))).map(key));
    // Where an output of a network the lint cannot see takes part, what its value does is unknown: its kinks stay.
    const unseen = f.loss?.unseenOutputs ?? [];
    for (const d of analysis.diagnostics) if (d.code !== 'non-differentiable' && unseen.some((u) => mentionsSymbol(analysis.source.slice(d.span.start, d.span.end), u))) gone.add(key(d));
    if (gone.size) this.dataOnly.set(f, gone);
    const hazards = analysis.diagnostics.filter((d) => d.code !== 'non-differentiable' && !gone.has(key(d)));
    if (hazards.length === 0) return;
    const opaque = f.loss?.opaque ?? [];
    const target = analysis.roles.target;
    const freeTarget = target !== undefined && r.targetRange?.[0] === null && r.targetRange[1] === null && !Object.hasOwn(request.parameters ?? {}, target);
    const targetOnly = freeTarget ? hazards.filter((d) => !mentionsSymbol(analysis.source.slice(d.span.start, d.span.end), analysis.wrt)) : [];
    const vanishing = (data: readonly string[], among: typeof hazards) => {
      if (data.length === 0 || among.length === 0 || this.budget.expired()) return;
      const again = analyzeLoss({ ...request, activation: r.activation, parameters: { ...request.parameters, ...Object.fromEntries(data.map((s) => [s, BENIGN_DATA])) } }).analysis;
      if (!again) return;
      const persisting = new Set(again.diagnostics.map(key));
      for (const d of among) if (!persisting.has(key(d))) gone.add(key(d));
    };
    vanishing(opaque, hazards);
    vanishing([...opaque, ...(target !== undefined ? [target] : [])], targetOnly);
    if (gone.size) this.dataOnly.set(f, gone);
  }

  /** A compile site shows the analysis of the custom loss it uses, or of the framework's built-in formula. */
  private analyseCompile(f: SiteFacts): void {
    // A variant (the model built another way) is checked on its own; the public site shows the main reading.
    const site = f.variantOf ? undefined : this.siteOf(f);
    if (f.lossSite) {
      const fn = this.siteOf(f.lossSite);
      if (site) {
        site.lossSiteId = fn.id;
        Object.assign(site, { expression: fn.expression, analysis: fn.analysis, reduction: fn.reduction, wrt: fn.wrt, target: fn.target, ...(fn.partlyUnread ? { partlyUnread: fn.partlyUnread } : {}) });
      }
      const a = this.analyses.get(f.lossSite);
      if (a) this.analyses.set(f, a);
      return;
    }
    const formula = f.frameworkLoss?.known ? f.frameworkLoss.formula : undefined;
    const catalog = f.frameworkLoss?.catalogId ? catalogLoss(f.frameworkLoss.catalogId) : undefined;
    if (!formula || !catalog || this.budget.expired()) return;
    const activation = f.model?.activation ?? catalog.activations[0];
    const r = analyzeLoss({ expression: formula.expression, wrt: formula.wrt, parameters: formula.parameters, activation, epsilon: this.options.epsilon, precision: f.precision, budgetMs: this.budget.analysisMs() });
    if (site) Object.assign(site, { expression: formula.expression, wrt: formula.wrt, target: r.analysis?.roles.target, reduction: 'mean', parameters: formula.parameters });
    if (site && !f.model?.activation) site.assumedActivation = activation;
    if (r.analysis) {
      const { id, name, parameters } = catalog;
      const analysis = { ...r.analysis, match: { id, name, parameters: { ...parameters }, agreement: 'all' as const } };
      if (site) site.analysis = analysis;
      this.analyses.set(f, analysis);
    }
  }

  private assumption(f: SiteFacts): string | undefined {
    if (this.wayOf(f)) return undefined;
    const site = this.siteOf(f);
    if (f.loss?.origin !== 'code' || f.kind === 'operation' || site.activationSource === 'model' || !site.assumedActivation) return undefined;
    const why = site.activationSource === 'option' ? 'the configured default' : 'no model for this loss in the file';
    return ` (assuming a ${site.assumedActivation} output: ${why})`;
  }

  private check(f: SiteFacts): void {
    if (this.withWays.has(f)) return;
    const findings = this.findingsOf(f);
    // A way checked only for what every way gives: held until its siblings are checked (checkEveryWay).
    if (f.everyWay && f.variantOf) {
      const group = this.everyWay.get(f.variantOf);
      if (group) group.push({ f, findings });
      else this.everyWay.set(f.variantOf, [{ f, findings }]);
      return;
    }
    for (const x of findings) this.addFinding(f, x.code, x.severity, x.finding, x.analysis);
    this.checked.set(f, new Set(findings.map((x) => x.code)));
  }

  private findingsOf(f: SiteFacts): SiteFinding[] {
    const analysis = this.analyses.get(f);
    const ctx = { site: f, analysis, assumption: this.assumption(f), dataOnly: this.dataOnly.get(f), branches: this.branches.get(f), lineOf: (offset: number) => this.lines.line(offset) };
    const out: SiteFinding[] = [];
    for (const rule of RULES) {
      if (rule.meta.frameworks && !rule.meta.frameworks.includes(f.framework)) continue;
      if ((f.checks && !f.checks.includes(rule.meta.code)) || f.unchecked?.includes(rule.meta.code)) continue;
      for (const finding of rule.check(ctx)) out.push({ code: rule.meta.code, severity: rule.meta.defaultSeverity, finding, analysis });
    }
    return out;
  }

  /**
   * Ways of building the model that a loss chosen by another setting meets whichever way the model is built: a finding
   * is reported only when every way gives it (MSE on a sigmoid head and on a softmax head alike), never for one way the
   * setting may not go with.
   */
  private checkEveryWay(): void {
    for (const [site, group] of this.everyWay) {
      const codes = group.map((g) => new Set(g.findings.map((x) => x.code)));
      const own = this.checked.get(site);
      for (const { f, findings } of group) for (const x of findings) if (!own?.has(x.code) && codes.every((c) => c.has(x.code))) this.addFinding(f, x.code, x.severity, x.finding, x.analysis);
    }
  }

  /**
   * The way a variant builds its model, when the site's model is built one way or another by configuration (the
   * front end then reads the site once per way): its output activation and layer, for the finding's detail.
   */
  private wayOf(f: SiteFacts): Way | undefined {
    if (!f.modelWay || !f.model?.activationName) return undefined;
    return { activation: f.model.activationName, ...(f.model.outputLayer ? { layerLine: this.lines.line(f.model.activationAt ?? f.model.outputLayer.start) } : {}) };
  }

  private addFinding(f: SiteFacts, code: string, severity: LintDiagnostic['severity'], finding: RuleFinding, analysis: Analysis | undefined): void {
    const range = this.fileRange(f, finding);
    if ('expression' in finding.at && this.ownedElsewhere(f, range)) return;
    if (code === 'non-differentiable' && f.modelCode?.some((m) => m.start <= range.start && range.end <= m.end)) return;
    const way = this.wayOf(f);
    // In one way of building the model, a fix may edit the loss only where it guards (a clamp), or that way's own
    // output layer: a new loss would be wrong for the other ways.
    // A loss a setting chooses for this way alone (`loss = 'categoricalCrossentropy'` in its branch) may be changed there.
    // Not when another setting chose the loss (`everyWay`): each way would want its own loss, and its own output layer.
    const ownLoss = (r: RuleFinding['fixes'][number]) => f.chosenAway === true && 'plan' in r && r.plan.kind !== 'set-activation';
    const wayFix = (r: RuleFinding['fixes'][number]) => 'core' in r || (!f.everyWay && (ownLoss(r) || ('plan' in r && r.plan.kind === 'set-activation' && !r.plan.alsoLoss)));
    const requested = way ? finding.fixes.filter(wayFix) : finding.fixes;
    const fixes = requested.map((r) => this.realise(f, r, analysis)).filter((x): x is SourceFix => x !== undefined);
    if (fixes[0] && !fixes.some((x) => x.preferred)) fixes[0].preferred = true;
    const said = finding.detail ?? finding.message;
    const fixSuffix = fixes[0] ? ` Fix: ${fixes[0].title[0].toLowerCase()}${fixes[0].title.slice(1)}.` : '';
    const detail = said + (way ? wayNote([way], said) : '') + fixSuffix;
    const pending: PendingDiagnostic = {
      code: code as LintDiagnostic['code'], severity, message: finding.message, ...(detail !== finding.message ? { detail } : {}),
      start: range.start, end: range.end, fixes, siteId: this.ids.get(f)!, ...(finding.rule ? { rule: finding.rule } : {}),
    };
    const same = this.report(pending, f.everyWay === true);
    if (!way) return;
    if (!same) {
      this.wayFindings.set(pending, { ways: [way], said, fixSuffix });
      return;
    }
    // The same finding in another way of building the model: one diagnostic that names every way.
    // A way whose finding says something else (a softmax's reason beside a sigmoid's) keeps its own words.
    const known = this.wayFindings.get(same);
    if (known) same.detail = withWay(known, way, said);
  }

  /**
   * A hazard in the code of a helper that is a loss site of its own (a `diceLoss` inlined into `combinedLoss`)
   * belongs to that helper, which was analysed on its own and reports it, unless this site knows its model and the
   * helper does not.
   */
  private ownedElsewhere(f: SiteFacts, range: { start: number; end: number }): boolean {
    const rank = (s: LossSite) => (s.activationSource === 'model' ? 2 : s.activationSource === 'annotation' || s.activationSource === 'option' ? 1 : 0);
    const self = this.siteOf(f);
    const { sites, maxEnd } = this.ownerIndex();
    let at = -1;
    for (let lo = 0, hi = sites.length - 1; lo <= hi; ) {
      const mid = (lo + hi) >> 1;
      if (sites[mid].start <= range.start) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let i = at; i >= 0 && maxEnd[i] >= range.end; i--) {
      const other = sites[i];
      if (other === f || other === f.variantOf || other.variantOf === f || range.end > other.end) continue;
      const containsSelf = other.start <= f.start && f.end <= other.end;
      if (!containsSelf && rank(this.siteOf(other)) >= rank(self)) return true;
    }
    return false;
  }

  /**
   * The sites that can own a hazard in their code (analysed losses of their own), by start, with the furthest end
   * reached so far: a finding looks only at the sites that can contain it (one scan of every site per finding was
   * quadratic: 5 s of a notebook with 2,300 losses).
   */
  private ownerIndex(): { sites: SiteFacts[]; maxEnd: number[] } {
    if (!this.owners) {
      const sites = this.reading.sites
        .filter((o) => o.kind !== 'compile' && o.kind !== 'operation' && o.loss && o.unreadable === undefined && this.analyses.has(o))
        .sort((a, b) => a.start - b.start);
      const maxEnd: number[] = [];
      for (const s of sites) maxEnd.push(Math.max(s.end, maxEnd[maxEnd.length - 1] ?? -Infinity));
      this.owners = { sites, maxEnd };
    }
    return this.owners;
  }

  private fileRange(f: SiteFacts, finding: RuleFinding): { start: number; end: number } {
    if ('file' in finding.at) return finding.at.file;
    const span = finding.at.expression;
    const loss = f.loss;
    if (loss?.origin === 'annotation' && loss.annotationStart !== undefined) return { start: loss.annotationStart + span.start, end: loss.annotationStart + span.end };
    const map = loss && { text: loss.expr.text, segments: loss.expr.segments.all, tensorSymbols: [] };
    const range = map && fileRangeOf(map, span.start, span.end);
    return range ? lastCallOfChain(this.text, range) : { start: f.anchorStart, end: f.anchorEnd };
  }

  private realise(f: SiteFacts, request: FixRequest, analysis: Analysis | undefined): SourceFix | undefined {
    const fix = this.made(f, request, analysis);
    return fix && this.reading.finishFix ? this.reading.finishFix(fix) : fix;
  }

  private made(f: SiteFacts, request: FixRequest, analysis: Analysis | undefined): SourceFix | undefined {
    if ('core' in request) {
      const fix = request.core;
      const loss = f.loss;
      if (loss?.origin === 'annotation') return annotationFix(fix, loss.annotationStart ?? 0);
      return analysis ? this.reading.renderCoreFix(f, fix, analysis) : undefined;
    }
    if ('source' in request) return { ...request.source, edits: request.source.edits.map((e) => ({ ...e })) };
    const fix = this.reading.realisePlan(f, request.plan);
    if (!fix) return undefined;
    return { ...fix, ...(request.title ? { title: request.title } : {}), ...(request.preferred ? { preferred: true } : {}) };
  }

  /**
   * Keeps a diagnostic unless one of the same code and range is already kept, and returns that one then: one diagnostic
   * per code and place, except that the pairings of the losses a setting chooses between, all said at the compile
   * call, keep their different findings (unless both meet every way of the head: `everyWay`).
   */
  private report(d: PendingDiagnostic, everyWay = false): PendingDiagnostic | undefined {
    const compile = (p: PendingDiagnostic) => this.sites[p.siteId]?.kind === 'compile';
    // Two losses of one compile (`'mse'` under two settings' values) that meet every way say one thing: not distinct.
    const distinct = (x: PendingDiagnostic) => d.code === 'activation-mismatch' && x.siteId !== d.siteId && x.message !== d.message && compile(x) && compile(d) && !(everyWay && this.everyWayReported.has(x));
    const same = this.diagnostics.find((x) => x.code === d.code && x.start === d.start && x.end === d.end && !distinct(x));
    if (!same) this.diagnostics.push(d);
    if (!same && everyWay) this.everyWayReported.add(d);
    return same;
  }

  private result(): LintResult {
    addCombinedFixes(this.diagnostics);
    const diagnostics: LintDiagnostic[] = this.diagnostics
      .sort((a, b) => a.start - b.start || a.end - b.end)
      .map((d) => {
        const s = this.lines.position(d.start);
        const e = this.lines.position(d.end);
        return { ...d, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
      });
    return this.incomplete ? { sites: this.sites, diagnostics, incomplete: true } : { sites: this.sites, diagnostics };
  }
}

/** A core fix of an annotation's expression: the same edits, shifted to where the expression sits in the comment. */
function annotationFix(fix: Fix, offset: number): SourceFix {
  return {
    title: fix.title[0].toUpperCase() + fix.title.slice(1),
    edits: fix.edits.map((e) => ({ start: offset + e.start, end: offset + e.end, text: e.text })),
    ...(fix.preferred ? { preferred: true } : {}),
  };
}
