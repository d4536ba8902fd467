import { dependsOn, symbolsOf, walk, type Node, type Span } from '../expression/ast';
import { printMathjs } from '../expression/print';
import { parseExpression } from '../expression/parse';
import { DEFAULT_SEVERITY, type Diagnostic, type DiagnosticCode, type Fix, type TextEdit } from '../diagnostics';
import type { NumberFormat } from '../precision';
import { contains, evaluateInterval, type Env, type Interval } from './interval';
import type { Domain } from './domain';

/**
 * Finds the numerical hazards of a loss by interval analysis over the prediction's domain, in the precision
 * the loss runs in: where a log, a divisor or a sqrt can reach 0, and where exp can overflow. Each hazard
 * names the subexpression responsible (its span), what happens, and a fix that is checked to clear it.
 */
export interface HazardContext {
  source: string;
  ast: Node;
  wrt: string;
  env: Env;
  domain: Domain;
  epsilon: number;
  /** The number format the loss is evaluated in. */
  format: NumberFormat;
  /** Parameters nobody set, held at a typical value (1 for most names). */
  assumed?: ReadonlySet<string>;
}

/** Fixes are computed (and checked) for at most this many hazards; beyond that a loss is beyond repair by hint. */
const MAX_FIXED_HAZARDS = 12;

interface Finding {
  code: DiagnosticCode;
  node: Node;
  arg: Interval;
  /** The argument node the hazard is about (the log's argument, the divisor …). */
  subject: Node;
}

export function findHazards(ctx: HazardContext): Diagnostic[] {
  // sqrt(0) is harmful only through its derivative: a root of data alone (the std that normalises advantages) is
  // never differentiated by the prediction, so its value 0 is just a value.
  const findings = scan(ctx.ast, ctx.env, ctx.format).filter((f) => (f.code !== 'sqrt-at-zero' || dependsOn(f.subject, ctx.wrt)) && !onlyAssumed(f.subject, ctx));
  const counts = new Map<DiagnosticCode, number>();
  for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return findings.map((f, i) => toDiagnostic(f, ctx, i < MAX_FIXED_HAZARDS ? counts : undefined));
}

/**
 * A hazard of assumed values coinciding: `log((high - low) / 2)` of two settings the code does not give reaches
 * log(0) only because both were assumed to be 1. Its argument is neither the prediction nor the target, and
 * nothing the code says puts it at the hazard. One assumed value alone is a typical value, kept: `log(1 - q)` of a
 * second probability `q` does reach log(0).
 */
function onlyAssumed(subject: Node, ctx: HazardContext): boolean {
  const names = symbolsOf(subject);
  return names.size > 1 && !!ctx.assumed && [...names].every((n) => ctx.assumed!.has(n));
}

function scan(ast: Node, env: Env, format: NumberFormat): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<Node>();
  const push = (f: Finding) => {
    if (seen.has(f.node)) return;
    seen.add(f.node);
    out.push(f);
  };
  const overflowing = new Set<Node>();
  evaluateInterval(ast, env, {
    onNode(node, args) {
      if (node.kind === 'call') {
        const [a] = args;
        const subject = node.args[0];
        switch (node.fn) {
          case 'log':
          case 'log2':
          case 'log10':
            if (a.lo <= 0 && !sumOfOverflowingExps(subject, overflowing)) push({ code: 'log-of-zero', node, arg: a, subject });
            break;
          case 'log1p':
            if (a.lo <= -1) push({ code: 'log-of-zero', node, arg: a, subject });
            break;
          case 'sqrt':
            if (a.lo <= 0) push({ code: 'sqrt-at-zero', node, arg: a, subject });
            break;
          case 'exp':
          case 'expm1':
          case 'sinh':
          case 'cosh':
            if (overflows(node.fn, a, format)) {
              overflowing.add(node);
              push({ code: 'exp-overflow', node, arg: a, subject });
            }
            break;
          case 'pow':
            powHazard(node, node.args[0], args[0], args[1], push);
            break;
        }
      } else if (node.kind === 'op') {
        if (node.op === '/' && contains(args[1], 0)) {
          push({ code: 'division-by-zero', node, arg: args[1], subject: node.right });
        } else if (node.op === '^') {
          powHazard(node, node.left, args[0], args[1], push);
        }
      }
    },
  }, format);
  return out;
}

/**
 * A sum of exps written out without the max shift (`log(exp(a) + exp(b))`, a log-cosh `log((exp(d) + exp(-d)) / 2)`)
 * whose exps overflow: it reaches log(0) only where every exponent underflows at once (below about -103 in float32),
 * the other end of the same unshifted exponents. The exp-overflow said there has the fix of both (subtract the max),
 * so the log is not said again. A log of one exp (`log(exp(logStd))`) is still said: it reaches 0 on its own.
 */
function sumOfOverflowingExps(subject: Node, overflowing: ReadonlySet<Node>): boolean {
  const terms: Node[] = [];
  const collect = (n: Node): boolean => {
    if (n.kind === 'op' && n.op === '+') return collect(n.left) && collect(n.right);
    if (n.kind === 'op' && n.op === '/' && n.right.kind === 'num' && n.right.value > 0) return collect(n.left);
    terms.push(n);
    return n.kind === 'call' && n.fn === 'exp' && overflowing.has(n);
  };
  return collect(subject) && terms.length >= 2;
}

function overflows(fn: string, a: Interval, format: NumberFormat): boolean {
  if (fn === 'exp' || fn === 'expm1') return a.hi > format.expOverflow;
  return Math.max(Math.abs(a.lo), Math.abs(a.hi)) > format.hyperbolicOverflow;
}

/** Where exp (or sinh, cosh) starts to overflow in the format, rounded for a message. */
function overflowText(node: Node, format: NumberFormat): string {
  const exp = node.kind === 'call' && (node.fn === 'exp' || node.fn === 'expm1');
  return String(Number((exp ? format.expOverflow : format.hyperbolicOverflow).toPrecision(4)));
}

function powHazard(node: Node, base: Node, b: Interval, e: Interval, push: (f: Finding) => void): void {
  if (!contains(b, 0) && b.lo >= 0) return;
  if (e.lo === e.hi) {
    const n = e.lo;
    if (n < 0 && contains(b, 0)) push({ code: 'division-by-zero', node, arg: b, subject: base });
    else if (n > 0 && n < 1 && b.lo <= 0) push({ code: 'sqrt-at-zero', node, arg: b, subject: base });
  }
}

function fmt(v: number): string {
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '-∞';
  return String(Number(v.toPrecision(4)));
}

function domainText(d: Domain): string {
  return `[${d[0] === null ? '-∞' : d[0]}, ${d[1] === null ? '∞' : d[1]}]`;
}

/** Which ends of [0, 1] the prediction reaches exactly: a float64 sigmoid reaches 1 but not 0 (see LOGIT_BOUND). */
function saturation(ctx: HazardContext): string {
  const p = ctx.env.get(ctx.wrt);
  const ends = [p && p.lo > 0 ? [] : ['0'], p && p.hi < 1 ? [] : ['1']].flat();
  return ends.length ? `${ctx.format.name} saturates to exactly ${ends.join(' and ')}` : `${ctx.format.name} keeps it inside (0, 1)`;
}

function textOf(ctx: HazardContext, n: Node): string {
  return n.span ? ctx.source.slice(n.span.start, n.span.end) : printMathjs(n);
}

/** `counts`: hazards per code in the unfixed loss, which a fix must lower; without it no fixes are computed. */
function toDiagnostic(f: Finding, ctx: HazardContext, counts: ReadonlyMap<DiagnosticCode, number> | undefined): Diagnostic {
  const span: Span = f.node.span ?? { start: 0, end: ctx.source.length };
  const where = dependsOn(f.subject, ctx.wrt)
    ? `on the prediction's domain ${domainText(ctx.domain)}${ctx.domain[0] === 0 && ctx.domain[1] === 1 ? ` (${saturation(ctx)})` : ''}`
    : 'for some values of the target or parameters';
  const subject = textOf(ctx, f.subject);
  const range = `its argument ranges over [${fmt(f.arg.lo)}, ${fmt(f.arg.hi)}]`;
  let message: string;
  switch (f.code) {
    case 'log-of-zero': {
      const negative = f.arg.lo < 0 && !(f.node.kind === 'call' && f.node.fn === 'log1p');
      message = `${textOf(ctx, f.node)} can reach log(0) ${where}: ${range}. The loss becomes -Infinity${negative ? ' (NaN where the argument is negative)' : ''} and the gradient NaN.`;
      break;
    }
    case 'division-by-zero':
      message = `the divisor ${subject} can reach 0 ${where}: ${range}. The loss becomes Infinity or NaN (0/0) and the gradient NaN.`;
      break;
    case 'sqrt-at-zero':
      message = `${textOf(ctx, f.node)} is evaluated at 0 ${where}: ${range}. Its derivative there is Infinity${f.arg.lo < 0 ? ', and a negative argument gives NaN' : ''}, so the gradient is not finite.`;
      break;
    case 'exp-overflow':
      message = `${textOf(ctx, f.node)} overflows ${ctx.format.name} (past about ${overflowText(f.node, ctx.format)}) ${where}: ${range}. The loss becomes Infinity and the gradient NaN.`;
      break;
    default:
      message = `${f.code} in ${textOf(ctx, f.node)}`;
  }
  const fixes = counts ? fixesFor(f, ctx, counts.get(f.code) ?? 0) : [];
  const [fix, ...alternatives] = fixes;
  if (fix) message += ` Fix: ${fix.title}.`;
  const diagnostic: Diagnostic = { code: f.code, severity: DEFAULT_SEVERITY[f.code], message, span: { start: span.start, end: span.end }, argument: { lo: f.arg.lo, hi: f.arg.hi }, ...(f.subject.span ? { subject: { ...f.subject.span } } : {}) };
  if (fix) diagnostic.fix = { ...fix, preferred: true };
  if (alternatives.length) diagnostic.alternatives = alternatives;
  return diagnostic;
}

function epsText(eps: number): string {
  return printMathjs({ kind: 'num', value: eps });
}

/**
 * The ε to write next to `base` (base + ε, or base - ε with `sign` -1) so that the sum is a different number
 * in the format: the requested ε, else the first of 10ε, 100ε … that is. In float16 1 - 1e-4 rounds to
 * exactly 1, so a clip to 1 - 1e-4 would not move the upper end; 1 - 1e-3 does.
 */
function representableEpsilon(base: number, sign: 1 | -1, eps: number, format: NumberFormat): number {
  const start = format.round(base);
  let e = eps;
  for (let k = 0; k < 8 && format.round(base + sign * e) === start; k++) e = Number((e * 10).toPrecision(12));
  return e;
}

/** ε as text for base ± ε, with a note when the format forced a bigger one than asked for. */
function epsilonFor(base: number, sign: 1 | -1, ctx: HazardContext): { text: string; note: string } {
  const e = representableEpsilon(base, sign, ctx.epsilon, ctx.format);
  if (e === ctx.epsilon) return { text: epsText(e), note: '' };
  const asked = base === 0 ? `${sign < 0 ? '-' : ''}${epsText(ctx.epsilon)}` : `${base} ${sign < 0 ? '-' : '+'} ${epsText(ctx.epsilon)}`;
  return { text: epsText(e), note: ` (in ${ctx.format.name} ${asked} rounds to ${base})` };
}

/** Candidate fixes, most natural first; each is kept only if re-analysis shows the hazard gone. */
function fixesFor(f: Finding, ctx: HazardContext, before: number): Fix[] {
  const candidates: Fix[] = [];
  const { text: eps, note } = epsilonFor(0, 1, ctx);
  const node = f.node;
  const nodeSpan = node.span;
  const subjectSpan = f.subject.span;
  if (!nodeSpan || !subjectSpan) return [];
  const replace = (span: Span, text: string, title: string): Fix => ({ title, edits: [{ start: span.start, end: span.end, text }] });

  if (f.code === 'log-of-zero' && node.kind === 'call') {
    const stable = stableLogSigmoid(node, ctx);
    if (stable) candidates.push(replace(nodeSpan, stable.text, stable.title));
    const clipped = clipPrediction(f.subject, ctx);
    if (clipped) candidates.push(clipped);
    candidates.push(replace(subjectSpan, `max(${textOf(ctx, f.subject)}, ${eps})`, `clamp the argument of ${node.fn} to at least ${eps}${note}`));
  } else if (f.code === 'exp-overflow' && node.kind === 'call') {
    const cap = ctx.format.expCap;
    const u = textOf(ctx, f.subject);
    const both = node.fn === 'sinh' || node.fn === 'cosh';
    const capped = both ? `clip(${u}, -${cap}, ${cap})` : `min(${u}, ${cap})`;
    candidates.push(replace(subjectSpan, capped, `cap the ${both ? 'argument' : 'exponent'} at ${both ? '±' : ''}${cap} so ${node.fn} stays finite in ${ctx.format.name}`));
  } else if (f.code === 'division-by-zero') {
    if (f.arg.lo >= 0) {
      const clipped = clipPrediction(f.subject, ctx);
      if (clipped) candidates.push(clipped);
      candidates.push(replace(subjectSpan, `max(${textOf(ctx, f.subject)}, ${eps})`, `keep the divisor at least ${eps}${note}`));
    }
  } else if (f.code === 'sqrt-at-zero') {
    const inner = textOf(ctx, f.subject);
    const text = f.arg.lo >= 0 ? `${inner} + ${eps}` : `max(${inner}, 0) + ${eps}`;
    candidates.push(replace(subjectSpan, text, `add ${eps} under the root so its derivative stays finite${note}`));
  }
  const logSoftplus = f.code === 'exp-overflow' ? softplusRewrite(node, ctx) : undefined;
  if (logSoftplus) candidates.unshift(logSoftplus);
  return candidates
    .map((fix) => ({ ...fix, expression: applyEdits(ctx.source, fix.edits) }))
    .filter((fix) => clears(fix.expression, f.code, before, ctx.env, ctx.format));
}

/** log(sigmoid(u)) = -softplus(-u) and log(1 - sigmoid(u)) = -softplus(u): exact and finite everywhere. */
function stableLogSigmoid(node: Extract<Node, { kind: 'call' }>, ctx: HazardContext): { text: string; title: string } | undefined {
  if (node.fn !== 'log' || node.args.length !== 1) return undefined;
  const arg = node.args[0];
  if (arg.kind === 'call' && arg.fn === 'sigmoid') {
    const inner = arg.args[0];
    const u = textOf(ctx, inner);
    const negated = inner.kind === 'sym' || inner.kind === 'call' || inner.kind === 'num' ? `-${u}` : `-(${u})`;
    return { text: `(-softplus(${negated}))`, title: 'use the stable form log(sigmoid(z)) = -softplus(-z)' };
  }
  if (arg.kind === 'op' && arg.op === '-' && arg.left.kind === 'num' && arg.left.value === 1 && arg.right.kind === 'call' && arg.right.fn === 'sigmoid') {
    const u = textOf(ctx, arg.right.args[0]);
    return { text: `(-softplus(${u}))`, title: 'use the stable form log(1 - sigmoid(z)) = -softplus(z)' };
  }
  return undefined;
}

/** log(1 + exp(u)) → softplus(u). */
function softplusRewrite(expNode: Node, ctx: HazardContext): Fix | undefined {
  let found: Fix | undefined;
  walk(ctx.ast, (n) => {
    if (found || n.kind !== 'call' || !n.span) return;
    const a = n.args[0];
    const isExpNode = (x: Node) => x === expNode;
    if (n.fn === 'log' && n.args.length === 1 && a.kind === 'op' && a.op === '+') {
      const [one, e] = a.left.kind === 'num' && a.left.value === 1 ? [a.left, a.right] : [a.right, a.left];
      if (one.kind === 'num' && one.value === 1 && e.kind === 'call' && e.fn === 'exp' && isExpNode(e)) {
        found = { title: 'use softplus(u), the stable form of log(1 + exp(u))', edits: [{ start: n.span.start, end: n.span.end, text: `softplus(${textOf(ctx, e.args[0])})` }] };
      }
    }
    if (n.fn === 'log1p' && a.kind === 'call' && a.fn === 'exp' && isExpNode(a)) {
      found = { title: 'use softplus(u), the stable form of log1p(exp(u))', edits: [{ start: n.span.start, end: n.span.end, text: `softplus(${textOf(ctx, a.args[0])})` }] };
    }
  });
  return found;
}

/** Replaces the prediction inside `subject` by the prediction clipped to [lo + ε, hi - ε] of its domain. */
function clipPrediction(subject: Node, ctx: HazardContext): Fix | undefined {
  const [lo, hi] = ctx.domain;
  if (lo === null && hi === null) return undefined;
  const lowEps = lo === null ? undefined : epsilonFor(lo, 1, ctx);
  const highEps = hi === null ? undefined : epsilonFor(hi, -1, ctx);
  const low = lowEps && (lo === 0 ? lowEps.text : `${lo} + ${lowEps.text}`);
  const high = highEps && (hi === 0 ? `-${highEps.text}` : `${hi} - ${highEps.text}`);
  const note = `${lowEps?.note ?? ''}${highEps?.note ?? ''}`;
  const w = ctx.wrt;
  const text = low && high ? `clip(${w}, ${low}, ${high})` : low ? `max(${w}, ${low})` : `min(${w}, ${high})`;
  const edits: TextEdit[] = [];
  walk(subject, (n) => {
    // A named step used twice is one shared subtree: its prediction is edited once, in the step.
    if (n.kind === 'sym' && n.name === w && n.span && !edits.some((e) => e.start === n.span?.start)) edits.push({ start: n.span.start, end: n.span.end, text });
  });
  if (edits.length === 0) return undefined;
  const title = `${low && high ? 'clip the prediction' : "keep the prediction away from the domain's end"}: ${text}${note}`;
  return { title, edits };
}

export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  let out = source;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Whether the fixed expression has fewer hazards of `code` than the `before` the original had. */
function clears(fixedSource: string, code: DiagnosticCode, before: number, env: Env, format: NumberFormat): boolean {
  try {
    const fixed = parseExpression(fixedSource);
    return scan(fixed.ast, env, format).filter((x) => x.code === code).length < before;
  } catch {
    return false;
  }
}
