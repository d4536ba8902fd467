import { countNodes, symbolsOf, walk, type Node } from './expression/ast';
import { differentiate } from './expression/derivative';
import { compile, type Evaluator } from './expression/evaluate';
import { toLatex } from './expression/latex';
import { describeSteps, stepNames, type AnalysisStep } from './expression/input/steps';
import { ExpressionError, parseExpression, type ParsedExpression } from './expression/parse';
import { printMathjs } from './expression/print';
import { defaultParameterValue, inferRoles, type Roles } from './expression/roles';
import { simplify } from './expression/simplify';
import { domainOfActivation, targetRangeFor, toBounds, type Activation, type Domain } from './analysis/domain';
import { findHazards } from './analysis/hazards';
import { interval, point, probabilityInterval, REAL, type Interval } from './analysis/interval';
import { findKinks, type Kink } from './analysis/kinks';
import { patchRemovable } from './analysis/removable';
import { planSwitchSides } from './analysis/switchSides';
import { recognizeLoss, type CatalogMatch } from './catalog/recognize';
import { DEFAULT_SEVERITY, type Diagnostic } from './diagnostics';
import { DEFAULT_PRECISION, formatOf, type NumberFormat, type Precision } from './precision';

/**
 * The analysis engine: one call takes a loss expression and answers what it is (typeset), its gradient
 * with respect to the prediction, where it is not differentiable, where it breaks numerically on the
 * prediction's domain, and which standard loss it is. Everything it returns is plain data.
 */
export interface AnalyzeOptions {
  /** The prediction variable; inferred from the names when absent. */
  wrt?: string;
  /** Fixed values of other symbols. */
  set?: Readonly<Record<string, number>>;
  /** The prediction's domain; overrides `activation`. */
  domain?: Domain;
  activation?: Activation;
  /**
   * The output reaches exactly 0 in any format: the activation was only read from the loss's own form (a cross-entropy
   * takes a probability, and a relu or clipped output reaches 0), or the sigmoid is computed through tanh
   * (`0.5 * (1 + tanh(z / 2))` is exactly 0 from z = -38 in float64). Otherwise a float64 sigmoid or softmax is not.
   */
  zeroReachable?: boolean;
  /** Range of the target, when known better than from the domain. */
  targetRange?: Domain;
  /** ε used by fixes. Default: the frameworks' own for the precision, 1e-7 (float32, float64) or 1e-4 (float16). */
  epsilon?: number;
  /**
   * The floating-point format the loss runs in: TF.js, PyTorch, Keras and JAX default to float32, NumPy to
   * float64, TF.js on WebGL phones to float16. Decides rounding, saturation and overflow. Default float32.
   */
  precision?: Precision;
  /**
   * Symbols that range over an interval instead of taking one value: data the caller knows only the range of (a
   * probability in [0, 1]), or nothing about ([null, null]). Hazards are then checked over the whole range.
   */
  ranges?: Readonly<Record<string, Domain>>;
  /**
   * Other parts of the prediction (the slices or split pieces of one output: a box's corners beside its confidence)
   * and of the target: their typical values are taken inside the prediction's domain and the target's range, each
   * part its own, so a kink in one part is not hidden by another part sitting where a log is infinite.
   */
  parts?: { prediction?: readonly string[]; target?: readonly string[] };
  /** Time budget for the whole analysis, in ms. Default 250. */
  budgetMs?: number;
}

export interface ParameterInfo {
  name: string;
  value: number;
  /** True when nobody set it and a typical value was assumed. */
  assumed: boolean;
}

export interface Analysis {
  source: string;
  expression: string;
  latex: string;
  wrt: string;
  derivative: string;
  derivativeLatex: string;
  domain: Domain;
  /** The floating-point format the hazards were checked in. */
  precision: Precision;
  kinks: Kink[];
  diagnostics: Diagnostic[];
  roles: Roles;
  activation: Activation | null;
  parameters: ParameterInfo[];
  match: CatalogMatch | null;
  /** False when simplification ran out of budget and the derivative is shown unsimplified. */
  simplified: boolean;
  ast: Node;
  derivativeAst: Node;
  /** The input's named steps in order (`pt = …; …`); the loss's TeX uses their names. */
  steps: AnalysisStep[];
  /** The name the input gave the loss (`L = …`). */
  lossName?: string;
  /** What was assumed to read the input. */
  assumptions: string[];
}

export { ExpressionError };
export type { AnalysisStep };

/** No standard loss is bigger than this; larger trees skip recognition. */
const MAX_RECOGNISABLE_NODES = 150;

export function analyze(source: string, options: AnalyzeOptions = {}): Analysis {
  const started = Date.now();
  const deadline = started + (options.budgetMs ?? 250);
  const parsed = parseExpression(source);
  const symbols = symbolsOf(parsed.ast);
  if (options.wrt !== undefined && !symbols.has(options.wrt)) {
    if (parsed.steps.some((s) => s.name === options.wrt)) throw new ExpressionError(`--wrt ${options.wrt}: '${options.wrt}' is a named step, not a variable`, 1);
    const list = symbols.size ? [...symbols].join(', ') : 'none';
    throw new ExpressionError(`--wrt ${options.wrt}: the expression has no variable '${options.wrt}' (its variables: ${list})`, 1);
  }
  const roles = inferRoles(symbols, options.wrt);
  try {
    return analyzeParsed(parsed, roles, options, deadline);
  } catch (err) {
    if (err instanceof ExpressionError) throw err;
    if (err instanceof RangeError) throw new ExpressionError('the expression is too complex to analyse', 1);
    throw err;
  }
}

function analyzeParsed(parsed: ParsedExpression, roles: Roles, options: AnalyzeOptions, deadline: number): Analysis {
  const { source, ast } = parsed;
  const wrt = roles.prediction;
  const activation = options.domain ? null : options.activation ?? 'linear';
  const domain: Domain = options.domain ?? domainOfActivation(activation ?? 'linear');
  const set = new Map(Object.entries(options.set ?? {}).filter(([k]) => k !== wrt));
  const parameters: ParameterInfo[] = roles.parameters.map((name) => {
    const v = set.get(name);
    return { name, value: v ?? defaultParameterValue(name), assumed: v === undefined };
  });

  const bounds = toBounds(domain);
  const sides = planSwitchSides(ast, wrt, bounds, deadline);
  const raw = differentiate(ast, wrt, deadline, { sides });
  const simplified = simplify(raw);
  const targetRange = options.targetRange ?? targetRangeFor(domain);
  const trials = new Map<string, readonly number[]>();
  const extraTrials = new Map<string, readonly number[]>();
  if (roles.target) trials.set(roles.target, targetTrials(targetRange));
  // A divisor the code does not give a value is tried small too: a PPO ratio p / p_old with p_old = 0.3 reaches its
  // clip range, which p_old = 1 or 2 keeps outside a probability's [0, 1].
  const divisors = divisorSymbols(ast);
  // So is a term subtracted in an exponent, tried negative: a log-probability (exp(logp - logp_old), PPO's ratio on
  // log-probabilities) is negative, and logp_old = 1 keeps the ratio below its clip range.
  const exponents = exponentSubtrahends(ast);
  for (const p of parameters) {
    const base = [p.value, p.value * 1.7 + 0.3];
    if (p.assumed && divisors.has(p.name)) base.push(p.value * 0.3);
    // A log-probability's own default, log(0.5), is negative already: it is tried further below, not flipped above zero.
    if (p.assumed && exponents.has(p.name)) base.push(p.value > 0 ? -2.5 * p.value : Math.min(-2.5, 3.6 * p.value));
    // And, in rounds of their own, at 0: a probability of 1, or a "log-probability" that is a probability
    // (exp(p - p_old) on softmax outputs), whose ratio crosses the clip range only near there.
    if (p.assumed && exponents.has(p.name)) extraTrials.set(p.name, [0]);
    // An advantage is signed: PPO's min(ratio·A, clip(ratio)·A) has its lower clip kink only where A < 0. Tried
    // negative in the rounds where the others take their first and fourth values (the target's 0 among them).
    trials.set(p.name, p.assumed && SIGNED.test(p.name) ? [-p.value, ...base] : base);
  }
  // Pieces of the prediction and of the target take values inside their ranges (when bounded), each piece its own; and,
  // in rounds of their own, spread over those ranges together (with the target, when it has pieces too).
  const targetPieces = options.parts?.target?.length && roles.target ? [roles.target, ...options.parts.target] : options.parts?.target ?? [];
  const pieces = [...(options.parts?.prediction ?? []).map((name) => [name, domain] as const), ...targetPieces.map((name) => [name, targetRange] as const)];
  const jointTrials = new Map<string, number[]>();
  for (const [k, [name, range]] of pieces.entries()) {
    const unset = name === roles.target ? !set.has(name) : parameters.some((p) => p.name === name && p.assumed);
    const values = unset ? pieceTrials(range, k) : undefined;
    if (!values) continue;
    if (name !== roles.target) trials.set(name, values);
    jointTrials.set(name, spreadOver(range, k));
  }
  // A test on data alone (`drew ? log(p) : log(1 - p)`, `isDiscard ? 0 : ppoTerm`) is tried the other way too, in
  // rounds of its own: every default value is non-zero, so a bare flag would always take its first branch.
  for (const [name, values] of testFlips(ast, wrt)) {
    const p = parameters.find((q) => q.name === name);
    if (p?.assumed && !extraTrials.has(name)) extraTrials.set(name, values);
  }
  // Data far from the others, in rounds of their own, when the code sets a large constant: PPO's clipped value loss
  // max((V - R)², (V_old + clip(V - V_old, -c, c) - R)²) with c = 10 has its kinks only where |R - V_old| > c.
  const scale = Math.max(0, ...[...set].filter(([name]) => name !== roles.target).map(([, v]) => Math.abs(v)).filter(Number.isFinite));
  if (scale > 2) {
    for (const p of parameters) if (p.assumed && !extraTrials.has(p.name)) extraTrials.set(p.name, [p.value + 2 * scale + 1]);
  }
  const derivativeAst = patchRemovable(ast, simplified.node, wrt, bounds, symbolTrials(ast, wrt, set, trials), deadline);
  const latexOptions = { prediction: wrt, target: roles.target };

  const precision = options.precision ?? DEFAULT_PRECISION;
  const format = formatOf(precision);
  const env = new Map<string, Interval>();
  // The prediction is a number of its format: an unbounded end is the format's largest number, never Infinity itself
  // (Infinity comes only from what the loss computes), so `log(max(ε, t) / max(ε, p))` in float64 is finite however
  // large p is, while `exp(p)` still overflows. A domain given as wholly unknown (the input of an operation outside a
  // loss, of unknown size) keeps its infinite ends: the rules read them as "unknown".
  const unknown = options.domain !== undefined && options.domain[0] === null && options.domain[1] === null;
  // A sigmoid or softmax output takes what its logits within the bound give: [0, 1] in float32, (0, 1] in float64.
  const probability = !options.domain && !options.zeroReachable && (activation === 'sigmoid' || activation === 'softmax');
  env.set(wrt, probability ? probabilityInterval(format) : unknown ? interval(bounds.lo, bounds.hi, format) : interval(Math.max(bounds.lo, -format.max), Math.min(bounds.hi, format.max), format));
  if (roles.target) {
    const v = set.get(roles.target);
    env.set(roles.target, v !== undefined ? point(v, format) : rangeInterval(targetRange, format));
  }
  for (const p of parameters) {
    const range = options.ranges && Object.hasOwn(options.ranges, p.name) ? options.ranges[p.name] : undefined;
    env.set(p.name, range ? rangeInterval(range, format) : point(p.value, format));
  }
  const epsilon = options.epsilon ?? format.fixEpsilon;
  const assumed = new Set(parameters.filter((p) => p.assumed && !(options.ranges && Object.hasOwn(options.ranges, p.name))).map((p) => p.name));
  const hazards = findHazards({ source, ast, wrt, env, domain, epsilon, format, assumed });

  const kinks = findKinks({ ast, wrt, target: roles.target, set, trials, extraTrials, matched: matchedSubtrahends(ast, wrt, parameters), ...(jointTrials.size > 1 ? { jointTrials } : {}), domain: bounds, deadline });
  const kinkDiagnostics = kinks.map((k) => kinkDiagnostic(k, source));

  const values = new Map<string, number>(parameters.map((p) => [p.name, p.value]));
  const match = countNodes(ast, MAX_RECOGNISABLE_NODES) <= MAX_RECOGNISABLE_NODES ? recognizeLoss(ast, roles, values) ?? null : null;

  return {
    source,
    expression: printMathjs(ast),
    latex: toLatex(parsed.loss, latexOptions),
    wrt,
    derivative: printMathjs(derivativeAst, { mathjsOnly: true }),
    derivativeLatex: toLatex(derivativeAst, { ...latexOptions, names: stepNames(parsed.steps) }),
    domain,
    precision,
    kinks,
    diagnostics: [...hazards, ...kinkDiagnostics].sort((a, b) => a.span.start - b.span.start),
    roles,
    activation,
    parameters,
    match,
    simplified: simplified.complete,
    ast,
    derivativeAst,
    steps: describeSteps(parsed.steps, latexOptions),
    ...(parsed.lossName ? { lossName: parsed.lossName } : {}),
    assumptions: parsed.assumptions,
  };
}

function rangeInterval(d: Domain, format: NumberFormat): Interval {
  const { lo, hi } = toBounds(d);
  return lo === -Infinity && hi === Infinity ? REAL : interval(lo, hi, format);
}

/** Values of every other symbol to check a derivative's limit against: the set (or first trial) ones, moved far and a little. */
function symbolTrials(ast: Node, wrt: string, set: ReadonlyMap<string, number>, trials: ReadonlyMap<string, readonly number[]>): Map<string, number>[] {
  const options = [...symbolsOf(ast)]
    .filter((s) => s !== wrt)
    .map((s): [string, readonly number[]] => {
      const v = set.get(s) ?? trials.get(s)?.[0] ?? 1;
      return [s, [v, v * 1.7 + 0.3, v * 1.001 + 0.001]];
    });
  return [0, 1, 2].map((k) => new Map(options.map(([s, o]) => [s, o[k]])));
}

/** The symbols in the divisor of a division somewhere in the expression. */
function divisorSymbols(ast: Node): Set<string> {
  const out = new Set<string>();
  walk(ast, (n) => {
    if (n.kind === 'op' && n.op === '/') for (const s of symbolsOf(n.right)) out.add(s);
  });
  return out;
}

/**
 * Values that send a conditional's test on one symbol the other way than its default: a bare flag (`d ? a : b`, `!d`) at
 * 0, a comparison with a constant (`n == 0`, `k > 2`) at and on both sides of the constant.
 */
function testFlips(ast: Node, wrt: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const add = (name: string, values: number[]) => out.set(name, [...new Set([...(out.get(name) ?? []), ...values])]);
  const visitTest = (t: Node): void => {
    if (t.kind === 'sym' && t.name !== wrt) add(t.name, [0]);
    else if (t.kind === 'not') visitTest(t.arg);
    else if (t.kind === 'logic') (visitTest(t.left), visitTest(t.right));
    else if (t.kind === 'cmp') {
      const [s, c] = t.left.kind === 'sym' && t.right.kind === 'num' ? [t.left.name, t.right.value] : t.right.kind === 'sym' && t.left.kind === 'num' ? [t.right.name, t.left.value] : [undefined, undefined];
      if (s !== undefined && s !== wrt && c !== undefined) add(s, [c, c - 1, c + 1]);
    }
  };
  walk(ast, (n) => {
    if (n.kind === 'cond') visitTest(n.test);
    // A comparison used as a number is a mask (`relu(m - d) * (sign < 0)` of a contrastive loss's negative pairs):
    // 1 only where it holds, which the default values may never reach.
    else if (n.kind === 'cmp') visitTest(n);
  });
  return out;
}

/** Names of values that take either sign whatever the code gives: advantages (`adv`, `advantages`, `normAdv`, `gae`). */
// Case-sensitive after the word so camelCase ends it (`advantageBufferT`, `advNorm`) while a longer word does not
// (`adversarial`, `advance`).
const SIGNED = /[aA]dv(?:antage)?s?(?![a-z])|ADV|^(?:gae|GAE|Gae)/;

/** Symbols subtracted inside an `exp` (`exp(a - b)`): log-space terms, negative when they are log-probabilities. */
function exponentSubtrahends(ast: Node): Set<string> {
  const out = new Set<string>();
  walk(ast, (n) => {
    if (n.kind !== 'call' || n.fn !== 'exp' || !n.args[0]) return;
    walk(n.args[0], (m) => {
      if (m.kind === 'op' && m.op === '-') for (const s of symbolsOf(m.right)) out.add(s);
    });
  });
  return out;
}

/** `old` ↦ M for each `exp(M - old)` whose M depends on the prediction and whose `old` is a parameter the code gives no value. */
function matchedSubtrahends(ast: Node, wrt: string, parameters: readonly ParameterInfo[]): Map<string, Node> {
  const out = new Map<string, Node>();
  const assumed = new Set(parameters.filter((p) => p.assumed).map((p) => p.name));
  walk(ast, (n) => {
    const arg = n.kind === 'call' && n.fn === 'exp' ? n.args[0] : undefined;
    if (arg?.kind !== 'op' || arg.op !== '-' || arg.right.kind !== 'sym' || !assumed.has(arg.right.name)) return;
    if (!out.has(arg.right.name) && symbolsOf(arg.left).has(wrt)) out.set(arg.right.name, arg.left);
  });
  return out;
}

/** Where in a bounded range the k-th piece of a prediction or target is tried: spread out, and each piece elsewhere. */
const PIECE_FRACTIONS = [0.3, 0.7, 0.45, 0.85, 0.15, 0.6];

function pieceTrials(range: Domain, k: number): number[] | undefined {
  const { lo, hi } = toBounds(range);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return undefined;
  return PIECE_FRACTIONS.map((_, i) => lo + (hi - lo) * PIECE_FRACTIONS[(i + k) % PIECE_FRACTIONS.length]!);
}

/** Rounds in which the pieces are spread over their ranges together. */
const JOINT_ROUNDS = 24;

/**
 * The k-th piece's values over the joint rounds, in a bounded range: a Weyl sequence (frac(j·α), α the fractional part
 * of √prime_k) inside the range's interior, so that over the rounds the pieces take every order among themselves,
 * deterministically.
 */
function spreadOver(range: Domain, k: number): number[] {
  const { lo, hi } = toBounds(range);
  const alpha = Math.sqrt(PRIMES[k % PRIMES.length]!) % 1;
  return Array.from({ length: JOINT_ROUNDS }, (_, j) => lo + (hi - lo) * (0.05 + 0.9 * (((j + 1) * alpha + (0.5 * k) / PRIMES.length) % 1)));
}

const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];

function targetTrials(range: Domain): number[] {
  const { lo, hi } = toBounds(range);
  if (lo === 0 && hi === 1) return [0.3, 0.7, 1, 0];
  if (lo === -1 && hi === 1) return [0.3, -0.6, 1, -1];
  return [0.3, 1, -1.2, 2.5];
}

function kinkDiagnostic(k: Kink, source: string): Diagnostic {
  const what = source.slice(k.span.start, k.span.end) || 'the loss';
  const where = k.value !== null ? `${k.at} (= ${Number(k.value.toPrecision(6))})` : k.at;
  const message =
    k.kind === 'jump'
      ? `${what} is not continuous at ${where}: the loss jumps there and has no gradient.`
      : `${what} is not differentiable at ${where}: the gradient jumps${k.gradients ? ` from ${fmt(k.gradients[0])} to ${fmt(k.gradients[1])}` : ''}.`;
  return { code: 'non-differentiable', severity: DEFAULT_SEVERITY['non-differentiable'], message, span: { ...k.span } };
}

function fmt(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/**
 * Compiles the loss and its gradient for fast evaluation; variable 0 is the prediction. With a `precision`
 * every intermediate result is rounded to that format; without one they compute in plain doubles.
 */
export function evaluators(analysis: Pick<Analysis, 'ast' | 'derivativeAst' | 'wrt'>, options: { precision?: Precision } = {}): {
  variables: string[];
  loss: Evaluator;
  gradient: Evaluator;
} {
  const others = [...symbolsOf(analysis.ast)].filter((s) => s !== analysis.wrt).sort();
  const variables = [analysis.wrt, ...others];
  return {
    variables,
    loss: compile(analysis.ast, variables, options),
    gradient: compile(analysis.derivativeAst, variables, options),
  };
}

/** The JSON `loss-lens analyze --json` prints (CONTRACT.md), plus added fields. */
export function analysisToJson(a: Analysis): Record<string, unknown> {
  return {
    expression: a.expression,
    latex: a.latex,
    wrt: a.wrt,
    derivative: a.derivative,
    derivativeLatex: a.derivativeLatex,
    domain: a.domain,
    precision: a.precision,
    kinks: a.kinks.map((k) => ({ at: k.at, value: k.value, kind: k.kind, span: k.span })),
    diagnostics: a.diagnostics,
    roles: { prediction: a.roles.prediction, target: a.roles.target ?? null, parameters: a.roles.parameters },
    parameters: a.parameters,
    activation: a.activation,
    match: a.match,
    simplified: a.simplified,
    steps: a.steps,
    ...(a.lossName ? { lossName: a.lossName } : {}),
    assumptions: a.assumptions,
  };
}
