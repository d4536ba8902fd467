import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ACTIVATIONS, analyze, ExpressionError } from '../core';
import type { LintResult, LossSite } from '../lint';
import { inlineFonts, previewHtml, type StandalonePageOptions } from '../render/previewHtml';
import type { PreviewState } from '../../webview/src/protocol';
import { initialAnalysis } from '../../webview/src/initialAnalysis';
import { ANALYSIS_FLAGS, readAnalysisFlags } from './analyzeCommand';
import { loadLintBundle } from './lintBundle';
import { UsageError } from './usage';

export const PREVIEW_HELP = `loss-lens preview [--set NAME=VALUE]... [--activation NAME] [--domain LO:HI] [--wrt NAME] --out FILE.html "<expression>"
loss-lens preview --out FILE.html --file SRC.ts --line N

Writes a self-contained HTML page (typeset loss and gradient, plot, sliders, hazards) that works offline.

  --out FILE.html     where to write the page (required)
  --file SRC --line N the loss written at line N of a TypeScript/JavaScript file
  --samples N         plot samples (default 1000)
  --title TEXT        the page's heading
  --view VIEW         prediction (default) | logit: open on the loss against the logit (sigmoid, tanh, softmax)
  --wrt NAME          the prediction variable (default: inferred from the names)
  --set NAME=VALUE    a symbol's starting value (repeatable)
  --domain LO:HI      the prediction's domain; ends may be -inf / inf
  --activation NAME   ${ACTIVATIONS.join(' | ')} (sets the domain; default linear)`;

type LintModule = Pick<typeof import('../lint'), 'lintText' | 'siteAt'>;

export async function runPreview(argv: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...ANALYSIS_FLAGS,
      out: { type: 'string', short: 'o' },
      file: { type: 'string' },
      line: { type: 'string' },
      samples: { type: 'string' },
      title: { type: 'string' },
      view: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    out(PREVIEW_HELP);
    return 0;
  }
  if (!values.out) throw new UsageError('preview: --out FILE.html is required');
  const samples = values.samples !== undefined ? positiveInteger('--samples', values.samples, 50, 20_000) : undefined;
  const state = values.file !== undefined ? stateFromSource(values, positionals) : stateFromExpression(values, positionals);
  if (samples !== undefined) state.samples = samples;
  if (values.title !== undefined) state.title = values.title;
  if (values.view !== undefined) {
    if (values.view !== 'prediction' && values.view !== 'logit') throw new UsageError(`--view must be prediction or logit, got '${values.view}'`);
    state.view = values.view;
  }
  try {
    const initial = initialAnalysis(state);
    if (initial) state.initial = initial;
  } catch (err) {
    if (!(err instanceof ExpressionError)) throw err;
  }
  const html = previewHtml({ state, ...standaloneAssets() });
  try {
    writeFileSync(values.out, html);
  } catch (err) {
    throw new UsageError(`preview: cannot write ${values.out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  out(`wrote ${values.out} (${Math.round(Buffer.byteLength(html) / 1024)} KB)`);
  return 0;
}

function stateFromExpression(values: Record<string, unknown>, positionals: string[]): PreviewState {
  const { options, expression, assumptions } = readAnalysisFlags(values, positionals, 'preview');
  let notes: string[];
  try {
    notes = [...assumptions, ...analyze(expression, options).assumptions];
  } catch (err) {
    if (err instanceof ExpressionError) throw new UsageError(err.message, err.column);
    throw err;
  }
  return {
    expression,
    options: { wrt: options.wrt, set: options.set, activation: options.activation, domain: options.domain },
    title: 'Loss preview',
    ...(notes.length ? { note: `Assumed: ${notes.join('; ')}.` } : {}),
  };
}

function stateFromSource(values: Record<string, unknown>, positionals: string[]): PreviewState {
  if (positionals.length > 0) throw new UsageError('preview: give either an expression or --file SRC --line N, not both');
  const file = String(values.file);
  if (values.line === undefined) throw new UsageError('preview: --file needs --line N (the 1-based line of the loss)');
  const line = positiveInteger('--line', String(values.line), 1, Number.MAX_SAFE_INTEGER);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`preview: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const where = `${file}:${line}`;
  const lint = loadLintBundle();
  if (!lint) throw new UsageError(`no loss found at ${where} (this build has no lint module)`);
  const bounds = lineBounds(text, line);
  if (!bounds) throw new UsageError(`no loss found at ${where}: the file has fewer lines`);
  const result = lint.lintText(text, file);
  const site = pickSite(lint, result, bounds);
  if (!site) throw new UsageError(`no loss found at ${where}`);
  if (!site.expression) throw new UsageError(`the loss at ${where} cannot be previewed: ${site.unreadable ?? 'it could not be read as an expression'}`);
  const flags = readAnalysisFlags(values, [site.expression], 'preview').options;
  const activation = flags.activation ?? site.activation ?? site.assumedActivation;
  const note =
    !flags.activation && !flags.domain && !site.activation && site.assumedActivation
      ? `The model's output activation was not found; the preview assumes ${site.assumedActivation}.`
      : undefined;
  return {
    expression: site.expression,
    options: { wrt: flags.wrt ?? site.wrt, set: { ...site.parameters, ...flags.set }, activation: activation ?? undefined, domain: flags.domain },
    title: site.kind === 'compile' && site.lossName ? `${site.lossName} in model.compile` : site.name ?? 'Loss',
    source: { uri: pathToFileURL(path.resolve(file)).href, line, siteId: site.id, label: `${path.basename(file)}:${line}` },
    sourceDiagnostics: result.diagnostics
      .filter((d) => d.siteId === site.id)
      .map((d) => ({ code: d.code, severity: d.severity, message: d.message, line: d.line, fixes: d.fixes.map((f) => ({ title: f.title, preferred: f.preferred })) })),
    note,
  };
}

function pickSite(lint: LintModule, result: LintResult, bounds: { start: number; end: number; first: number }): LossSite | undefined {
  const onLine = (s: LossSite) => s.start <= bounds.end && s.end >= bounds.start;
  const anchored = result.sites.filter((s) => s.anchorStart <= bounds.end && s.anchorEnd >= bounds.start);
  const byAnchor = anchored.find((s) => s.expression) ?? anchored[0];
  if (byAnchor) return byAnchor;
  const found = lint.siteAt(result, bounds.first);
  if (found && onLine(found)) return found;
  return result.sites.filter(onLine).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
}

/** Offsets of line `line` (1-based): its start, its end, and its first non-blank character. */
function lineBounds(text: string, line: number): { start: number; end: number; first: number } | undefined {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return undefined;
    start = next + 1;
  }
  const newline = text.indexOf('\n', start);
  const end = newline < 0 ? text.length : newline;
  const first = start + (/^\s*/.exec(text.slice(start, end))?.[0].length ?? 0);
  return { start, end, first };
}

function positiveInteger(flag: string, text: string, min: number, max: number): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < min || v > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got '${text}'`);
  return v;
}

/** The built page (dist/webview) inlined: script, its style sheet, KaTeX's with every woff2 font as data. */
export function standaloneAssets(): Omit<StandalonePageOptions, 'state'> {
  const dir = path.join(__dirname, 'webview');
  const read = (name: string) => {
    const file = path.join(dir, name);
    if (!existsSync(file)) throw new Error(`${file} is missing: run the build (npm run build) first`);
    return readFileSync(file, 'utf8');
  };
  const fonts: Record<string, string> = {};
  for (const name of readdirSync(path.join(dir, 'fonts'))) {
    if (name.endsWith('.woff2')) fonts[name] = readFileSync(path.join(dir, 'fonts', name)).toString('base64');
  }
  return {
    nonce: randomBytes(18).toString('base64'),
    script: read('preview.js'),
    styles: [inlineFonts(read('katex.min.css'), fonts), read('preview.css')],
  };
}
