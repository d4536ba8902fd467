import { parseArgs } from 'node:util';
import { analyze, analysisToJson, ExpressionError, isActivation, isPrecision, parseDomain, ACTIVATIONS, PRECISIONS, formatDomain } from '../core';
import type { AnalyzeOptions, Analysis, Domain, Precision } from '../core';
import { UsageError } from './usage';

export const ANALYZE_HELP = `loss-lens analyze [--json] [--wrt NAME] [--set NAME=VALUE]... [--domain LO:HI] [--activation NAME] [--precision P] "<expression>"

  --json              print one JSON object (see CONTRACT.md)
  --wrt NAME          the prediction variable to differentiate by (default: inferred from the names)
  --set NAME=VALUE    fix a symbol's value, for kink positions and plots (repeatable)
  --domain LO:HI      the prediction's domain; ends may be -inf / inf
  --activation NAME   ${ACTIVATIONS.join(' | ')} (sets the domain; default linear)
  --precision P       ${PRECISIONS.join(' | ')}: the format the loss runs in (default float32, as in TF.js,
                      PyTorch, Keras and JAX; NumPy computes in float64, TF.js on WebGL phones in float16)`;

export interface CommonAnalysisArgs {
  options: AnalyzeOptions;
  expression: string;
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
  return { options, expression: positionals[0] };
}

export const ANALYSIS_FLAGS = {
  wrt: { type: 'string' },
  set: { type: 'string', multiple: true },
  domain: { type: 'string' },
  activation: { type: 'string' },
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
    args: normaliseArgv(argv, ['wrt', 'set', 'domain', 'activation', 'precision']),
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
    const { options, expression } = readAnalysisFlags(values, positionals, 'analyze');
    if (values.precision !== undefined) options.precision = readPrecision(values.precision);
    const analysis = analyze(expression, options);
    out(json ? JSON.stringify(analysisToJson(analysis), null, 2) : formatAnalysis(analysis));
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

function formatAnalysis(a: Analysis): string {
  const lines: string[] = [];
  lines.push(`loss        ${a.expression}`);
  lines.push(`d/d${a.wrt}${' '.repeat(Math.max(1, 9 - a.wrt.length))}${a.derivative}`);
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
  if (a.diagnostics.length === 0) lines.push('\nno hazards found');
  for (const d of a.diagnostics) {
    lines.push('');
    lines.push(`${d.severity} ${d.code} (columns ${d.span.start + 1}-${d.span.end}): ${d.message}`);
    lines.push(`  ${a.source}`);
    lines.push(`  ${' '.repeat(d.span.start)}${'^'.repeat(Math.max(1, d.span.end - d.span.start))}`);
    if (d.fix?.expression) lines.push(`  fixed: ${d.fix.expression}`);
  }
  return lines.join('\n');
}
