import { walk, type Node } from '../expression/ast';
import { compile } from '../expression/evaluate';
import { toBounds } from './domain';
import { kinkPositionsAt } from './kinks';
import { searchWindow } from './switchRoots';
import { evaluators, type Analysis } from '../analyze';
import type { DiagnosticCode } from '../diagnostics';
import { plotRange } from './plotRange';
import { sampleLossAndGradient, type SampleSeries } from './sampling';
import { formatOf, type NumberFormat } from '../precision';

/**
 * Everything a plot of a loss needs for given values of the target and parameters: the x range, loss and
 * gradient samples (gaps at NaN/Infinity and at discontinuities), kink positions, and hazard zones, the
 * x ranges where a hazard's subexpression really breaks in the analysis's precision (where sigmoid has
 * saturated, say).
 */
export interface HazardZone {
  code: DiagnosticCode;
  lo: number;
  hi: number;
  /** Index into analysis.diagnostics. */
  diagnostic: number;
}

export interface PlotData {
  range: { lo: number; hi: number };
  series: SampleSeries;
  kinks: number[];
  zones: HazardZone[];
  /** The values used for every symbol other than the prediction. */
  values: Record<string, number>;
}

export interface PlotDataOptions {
  values?: Readonly<Record<string, number>>;
  count?: number;
  range?: { lo: number; hi: number };
}

/** Values for every non-prediction symbol: given, else the analysis's parameter values, else a typical target. */
export function symbolValues(analysis: Analysis, given: Readonly<Record<string, number>> = {}): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of analysis.parameters) out[p.name] = p.value;
  if (analysis.roles.target) out[analysis.roles.target] = DEFAULT_TARGET;
  for (const [k, v] of Object.entries(given)) if (k !== analysis.wrt && Number.isFinite(v)) out[k] = v;
  return out;
}

/** A target of 1 suits every standard loss: a positive class, a +1 label, a non-zero regression target (MAPE divides by it). */
const DEFAULT_TARGET = 1;

export function plotData(analysis: Analysis, options: PlotDataOptions = {}): PlotData {
  const values = symbolValues(analysis, options.values);
  const { variables, loss, gradient } = evaluators(analysis);
  const vals = variables.map((v, i) => (i === 0 ? 0 : values[v] ?? 0));
  const searchRange = searchWindow(toBounds(analysis.domain), [{ values: vals.slice(1), allSet: true }]);
  let kinks = kinkPositionsAt(analysis.kinks, analysis.ast, variables, vals, options.range ?? searchRange);
  let range = options.range ?? plotRange(analysis.domain, [...kinks, ...(analysis.roles.target ? [values[analysis.roles.target]] : [])]);
  if (!options.range) {
    if (analysis.kinks.some((k) => k.switching)) range = { lo: Math.max(range.lo, searchRange.lo), hi: Math.min(range.hi, searchRange.hi) };
    range = widenToShowZones(analysis, variables, vals, range);
    if (range.lo < searchRange.lo || range.hi > searchRange.hi) kinks = kinkPositionsAt(analysis.kinks, analysis.ast, variables, vals, range);
  }
  const series = sampleLossAndGradient(loss, gradient, { lo: range.lo, hi: range.hi, count: options.count ?? 400, breaks: kinks, values: vals });
  const zones = hazardZones(analysis, variables, vals, range);
  return { range, series, kinks: kinks.filter((k) => k >= range.lo && k <= range.hi), zones, values };
}



function hazardZones(analysis: Analysis, variables: string[], vals: number[], range: { lo: number; hi: number }): HazardZone[] {
  const zones: HazardZone[] = [];
  const format = formatOf(analysis.precision);
  const count = 600;
  analysis.diagnostics.forEach((d, index) => {
    if (d.code === 'non-differentiable') return;
    const node = nodeAtSpan(analysis.ast, d.span.start, d.span.end);
    if (!node) return;
    const subject = subjectOf(node);
    if (!subject) return;
    const f = compile(subject, variables, { precision: analysis.precision });
    const broken = (x: number): boolean => {
      vals[0] = x;
      const v = f(vals);
      return isBroken(d.code, node, v, format);
    };
    let start: number | undefined;
    let prev = range.lo;
    for (let i = 0; i <= count; i++) {
      const x = range.lo + ((range.hi - range.lo) * i) / count;
      const b = broken(x);
      if (b && start === undefined) start = i === 0 ? x : prev;
      if (!b && start !== undefined) {
        zones.push({ code: d.code, lo: start, hi: x, diagnostic: index });
        start = undefined;
      }
      prev = x;
    }
    if (start !== undefined) zones.push({ code: d.code, lo: start, hi: range.hi, diagnostic: index });
  });
  return zones;
}

/**
 * On an unbounded domain, hazards often start far out (float32 sigmoid saturates at 17.3, float64 exp overflows
 * past 709.8): look as far as the format's exp overflow and show the nearest one.
 */
function widenToShowZones(analysis: Analysis, variables: string[], vals: number[], range: { lo: number; hi: number }): { lo: number; hi: number } {
  const [dlo, dhi] = analysis.domain;
  if ((dlo !== null && dhi !== null) || !analysis.diagnostics.some((d) => d.code !== 'non-differentiable')) return range;
  const reach = Math.max(150, Math.ceil(formatOf(analysis.precision).expOverflow * 1.2));
  const wide = { lo: dlo ?? -reach, hi: dhi ?? reach };
  const zones = hazardZones(analysis, variables, vals, wide);
  if (zones.length === 0 || zones.some((z) => z.hi >= range.lo && z.lo <= range.hi)) return range;
  const distance = (z: HazardZone) => (z.lo > range.hi ? z.lo - range.hi : range.lo - z.hi);
  const nearest = zones.reduce((a, b) => (distance(b) < distance(a) ? b : a));
  const margin = Math.max(3, Math.abs(distance(nearest)) * 0.3);
  return nearest.lo > range.hi ? { lo: range.lo, hi: nearest.lo + margin } : { lo: nearest.hi - margin, hi: range.hi };
}

function subjectOf(node: Node): Node | undefined {
  if (node.kind === 'call') return node.args[0];
  if (node.kind === 'op') return node.op === '/' ? node.right : node.left;
  return undefined;
}

function isBroken(code: DiagnosticCode, node: Node, v: number, format: NumberFormat): boolean {
  if (Number.isNaN(v)) return true;
  switch (code) {
    case 'log-of-zero':
      return node.kind === 'call' && node.fn === 'log1p' ? v <= -1 : v <= 0;
    case 'division-by-zero':
      return v === 0;
    case 'sqrt-at-zero':
      return v <= 0;
    case 'exp-overflow':
      return node.kind === 'call' && (node.fn === 'exp' || node.fn === 'expm1') ? v > format.expOverflow : Math.abs(v) > format.hyperbolicOverflow;
    default:
      return false;
  }
}

function nodeAtSpan(ast: Node, start: number, end: number): Node | undefined {
  let found: Node | undefined;
  walk(ast, (n) => {
    if (!found && n.span && n.span.start === start && n.span.end === end && (n.kind === 'call' || n.kind === 'op')) found = n;
  });
  return found;
}
