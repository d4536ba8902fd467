import { parseArgs } from 'node:util';
import { analyze, analysisToJson, ExpressionError, isActivation, isPrecision, logitView, parseDomain, ACTIVATIONS, PRECISIONS, formatDomain } from '../core';
import type { LogitView, Precision } from '../core';
import { looksLikeLatex } from '../core';
import { loadLatexBundle } from './latexBundle';
import type { AnalyzeOptions, Analysis, Domain } from '../core';
import { formatFindings } from './findingsText';
import { UsageError } from './usage';

export const ANALYZE_HELP = `loss-lens analyze [--json] [--wrt NAME] [--set NAME=VALUE]... [--domain LO:HI] [--activation NAME] [--precision P] "<expression>"

  --json              print one JSON object (its fields are listed below)
  --wrt NAME          the prediction variable to differentiate by (default: inferred from the names)
  --set NAME=VALUE    fix a symbol's value, for kink positions and plots (repeatable)
  --domain LO:HI      the prediction's domain; ends may be -inf / inf
  --activation NAME   ${ACTIVATIONS.join(' | ')} (sets the domain; default linear)
  --precision P       ${PRECISIONS.join(' | ')}: the format the loss runs in (default float32, as in TF.js,
                      PyTorch, Keras and JAX; NumPy computes in float64, TF.js on WebGL phones in float16)
  --from FORMAT       auto (default: LaTeX when it has backslash commands) | mathjs | latex

The loss may be written as in an article: · × − ² |u| [ ] Σ(u) sum(u) mean(u), named steps
(error = y - p; error^2), or LaTeX (-\\frac{1}{n}\\sum_i y_i \\log \\hat{y}_i).

JSON fields: expression, latex, wrt, derivative (mathjs syntax), derivativeLatex, domain ([lo, hi], null
for an infinite end), precision, kinks ({at, value}), diagnostics ({code, severity, message, span, fix}),
steps ({name, expression, latex, span}), assumptions; with --activation sigmoid|tanh|softmax also
logitVariable, logitDerivative and logitDerivativeLatex. Fields may be added; none are renamed.
Exit status: 0 analysed, 2 bad input (the message names the column).`;

export interface CommonAnalysisArgs {
  options: AnalyzeOptions;
  /** The loss in the syntax the analysis reads (LaTeX already converted). */
  expression: string;
  /** The text as given, when it was converted from LaTeX. */
  input?: string;
  /** What reading the input assumed (the LaTeX reader's notes). */
  assumptions: string[];
}

/** Reads the flags shared by `analyze` and `preview`. */
export function readAnalysisFlags(values: Record<string, unknown>, positionals: string[], command: string): CommonAnalysisArgs {
  if (positionals.length === 0) throw new UsageError(`${command}: give the loss expression, e.g. loss-lens ${command} "(p - y)^2"`);
  if (positionals.length > 1) {
    throw new UsageError(`${command}: expected one expression, got ${positionals.length} (quote the expression; put one that starts with '-' after --)`);
  }
  const set: Record<string, number> = {};
  for (const item of (values.set as string[] | undefined) ?? []) {
    const m = /^\s*([^=\s]+)\s*=\s*(.+?)\s*$/.exec(item);
    if (!m) throw new UsageError(`--set expects NAME=VALUE, got '${item}'`);
    const v = Number(m[2]);
    if (!Number.isFinite(v)) throw new UsageError(`--set ${m[1]}: '${m[2]}' is not a finite number`);
    set[m[1]] = v;
  }
  const options: AnalyzeOptions = { set };
  if (values.wrt !== undefined) options.wrt = String(values.wrt);
  if (values.activation !== undefined) {
    const a = String(values.activation);
    if (!isActivation(a)) throw new UsageError(`--activation must be one of ${ACTIVATIONS.join(', ')}; got '${a}'`);
    options.activation = a;
  }
  if (values.domain !== undefined) {
    const d = parseDomain(String(values.domain));
    if (typeof d === 'string') throw new UsageError(d);
    options.domain = d as Domain;
  }
  const from = values.from === undefined ? 'auto' : String(values.from);
  if (!['auto', 'mathjs', 'latex'].includes(from)) throw new UsageError(`--from must be auto, mathjs or latex; got '${from}'`);
  const given = positionals[0];
  if (from === 'latex' || (from === 'auto' && looksLikeLatex(given))) {
    const reading = loadLatexBundle().readLatex(given);
    return { options, expression: reading.expression, input: given, assumptions: reading.assumptions };
  }
  return { options, expression: given, assumptions: [] };
}

export const ANALYSIS_FLAGS = {
  wrt: { type: 'string' },
  set: { type: 'string', multiple: true },
  domain: { type: 'string' },
  activation: { type: 'string' },
  from: { type: 'string' },
} as const;

/**
 * Makes `-log(p)` a positional and `--domain -inf:0` a value: node's parseArgs would take both for options.
 * Options that take a value are joined with `=`; after `--` everything is left alone.
 */
export function normaliseArgv(argv: string[], valueOptions: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const name = a.startsWith('--') ? a.slice(2) : undefined;
    if (name !== undefined && valueOptions.includes(name) && i + 1 < argv.length) {
      out.push(`${a}=${argv[++i]}`);
    } else if (/^-[^-]/.test(a) && a !== '-h') {
      out.push('--', a, ...argv.slice(i + 1).filter((x) => x !== '--'));
      break;
    } else {
      out.push(a);
    }
  }
  return out;
}

export function runAnalyze(argv: string[], out: (s: string) => void): number {
  const { values, positionals } = parseArgs({
    args: normaliseArgv(argv, ['wrt', 'set', 'domain', 'activation', 'precision', 'from']),
    options: { ...ANALYSIS_FLAGS, precision: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    out(ANALYZE_HELP);
    return 0;
  }
  const json = values.json === true;
  try {
    const { options, expression, input, assumptions } = readAnalysisFlags(values, positionals, 'analyze');
    if (values.precision !== undefined) options.precision = readPrecision(values.precision);
    const analysis = analyze(expression, options);
    analysis.assumptions = [...(input !== undefined ? [`read from LaTeX as ${analysis.expression}`] : []), ...assumptions, ...analysis.assumptions];
    const logit = logitView(analysis);
    out(json ? JSON.stringify({ ...(input !== undefined ? { input } : {}), ...analysisToJson(analysis), ...logitJson(logit) }, null, 2) : formatAnalysis(analysis, logit));
    return 0;
  } catch (err) {
    if (err instanceof ExpressionError || err instanceof UsageError) {
      const column = err instanceof ExpressionError ? err.column : err.column ?? null;
      if (json) out(JSON.stringify({ error: { message: err.message, column } }));
      throw new UsageError(err.message, column ?? undefined);
    }
    throw err;
  }
}

function readPrecision(text: string): Precision {
  if (!isPrecision(text)) throw new UsageError(`--precision must be one of ${PRECISIONS.join(', ')}; got '${text}'`);
  return text;
}

/** The gradient through the activation (CONTRACT.md): present when the activation has a logit. */
function logitJson(view: LogitView | undefined): Record<string, unknown> {
  if (!view) return {};
  return { logitVariable: view.variable, logitDerivative: view.derivative, logitDerivativeLatex: view.derivativeLatex };
}

function formatAnalysis(a: Analysis, logit: LogitView | undefined): string {
  const lines: string[] = [];
  const label = (name: string) => `${name}${' '.repeat(Math.max(1, 12 - name.length))}`;
  for (const s of a.steps) lines.push(`${label(`where ${s.name}`)}${s.expression}`);
  lines.push(`${label(a.lossName ?? 'loss')}${a.expression}`);
  lines.push(`${label(`d/d${a.wrt}`)}${a.derivative}`);
  if (logit) lines.push(`${label(`d/d${logit.variable}`)}${logit.derivative}  (through ${a.wrt} = ${logit.activation === 'tanh' ? 'tanh' : 'sigmoid'}(${logit.variable}))`);
  const roles = [`prediction ${a.roles.prediction}`];
  if (a.roles.target) roles.push(`target ${a.roles.target}`);
  if (a.parameters.length) roles.push(`parameters ${a.parameters.map((p) => `${p.name}=${p.value}${p.assumed ? ' (assumed)' : ''}`).join(', ')}`);
  lines.push(`roles       ${roles.join('; ')}`);
  lines.push(`domain      ${formatDomain(a.domain)}${a.activation ? ` (${a.activation} output)` : ''}, ${a.precision}`);
  if (a.match) {
    const params = Object.entries(a.match.parameters).map(([k, v]) => `${k} = ${v}`).join(', ');
    lines.push(`is          ${a.match.name}${params ? ` (${params})` : ''}${a.match.agreement === 'binary' ? ', for 0/1 targets' : ''}`);
  }
  lines.push(`kinks       ${a.kinks.length ? a.kinks.map((k) => (k.value !== null ? `${k.at} (${k.value})` : k.at)).join('; ') : 'none'}`);
  lines.push(`latex       ${a.latex}`);
  for (const note of a.assumptions) lines.push(`assumed     ${note}`);
  if (a.diagnostics.length === 0) lines.push('\nno hazards found');
  lines.push(...formatFindings(a.source, a.diagnostics));
  return lines.join('\n');
}
