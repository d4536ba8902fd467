/**
 * A cheap look (no parse) at whether a TypeScript/JavaScript file can hold a loss site: it uses TF.js, has `@loss`
 * annotations, defines a function named like a loss, or a function whose first two parameters read as (target,
 * prediction). Every lint runs it first, so most files of a project (components, utilities) cost one scan.
 *
 * Linear in the text: each pattern is anchored on a fixed token (`@`, `tf`, `function`, `(`, a word containing
 * "loss") with bounded repetitions, so no input (a megabyte-long identifier, thousands of unclosed brackets)
 * makes the regular-expression engine backtrack over the text again and again.
 */
import { isLossParameterPair } from '../../engine/roleNames';
import { DERIVATIVE_FLAG_NAMES } from './configurationTests';

const ANCHORED =
  /@tensorflow\/tfjs|['"]deeplearn['"]|\bclass\s{1,40}[\w$]{0,80}(?:Loss|Entropy)\b|\btf\s{0,40}\.\s{0,40}[a-z]|\bdl\s{0,40}\.\s{0,40}(?:variable|train|tidy)\b|\b(?:globalThis|window|self)\s{0,40}\.\s{0,40}tf\b|@loss\b|\bfunction\s{0,40}[\w$]{0,80}(?:[lL]oss|[eE]ntropy|[pP]erdas?|[pP][eé]rdidas?|[pP]ertes?|[vV]erlust|[eE]ntrop[ií]a|[eE]ntropie)[\w$]{0,80}\s{0,40}(?:<[^<>()]{0,200}>\s{0,40})?\(/;
/**
 * A sigmoid's derivative, as hand-written backpropagation takes it (backpropDeltas.ts): `dsigmoid`, `sigmoid.dfunc`,
 * `derivadaSigmoide` (backpropNames' words in other languages),
 * `sigmoid(z) * (1 - sigmoid(z))` (and `o * (1 - o)`, mathjs's `subtract(1, o)`: derivativeWrittenOut).
 */
const BACKPROPAGATION = /\b(?:d_?sigmoid|dsig|sigmoid_?(?:derivative|deriv|prime|grad|dash)|(?:derivative|deriv|grad)_?(?:of_?)?sigmoid|(?:derivada|d[eé]riv[eé]e|ableitung)_?(?:d[aeo]_?|der_?)?sigm[oó][iï]de?|sigm[oó][iï]de?_?(?:derivada|d[eé]riv[eé]e|ableitung))\b|\bsigmoid\s{0,40}\([^()\n]{0,200}\)\s{0,40}\*\s{0,40}\(\s{0,40}1\s{0,40}-/i;
/** A function's derivative as a field: `sigmoid.dfunc(y)`, `act.d_func`. */
const DERIVATIVE_FIELD = /\.\s{0,40}d_?func\b/i;
/** Every match of BACKPROPAGATION holds one of these: a fast scan before its slower one. */
const SIGMOID_WORD = /sigm[oó][iï]d|dsig/i;
/** A word that names a loss, and what follows it when it is assigned a function: `= (a, b) =>`, `= function`. */
const WORD = /[A-Za-z_$][\w$]*/g;
const LOSS_WORD = /[lL]oss|[eE]ntropy/;
const ASSIGNED_FUNCTION = /\s{0,40}=\s{0,40}(?:async\s{1,40})?(?:function\b|\([^()]{0,400},[^()]{0,400}\)\s{0,40}(?::[^=]{0,200})?=>)/y;
/**
 * The first two names of a parameter list: `(yTrue, yPred`, `(labels: tf.Tensor, logits`, `(y, ŷ` (identifiers may be
 * any letters). Anchored on `(` with bounded repetitions, so it stays linear; site discovery uses it too.
 */
export const PARAMETER_PAIR = /\(\s{0,200}([\p{L}_$][\p{L}\p{Mn}\p{Nd}_$]{0,200})\s{0,200}(?::[^,()=]{0,400})?,\s{0,200}([\p{L}_$][\p{L}\p{Mn}\p{Nd}_$]{0,200})/gu;

/** A divergence of two distributions written as information theory writes it: `function klDivergence(p, q)`, `KLD = (p, q) =>`. */
const DIVERGENCE = /(?:[dD]ivergence|\bKLD?|\bkld?)[\w$]{0,80}\s{0,40}(?:=\s{0,40}(?:function\s{0,40})?)?\(\s{0,40}[pP]\s{0,40}(?::[^,()=]{0,200})?,\s{0,40}[qQ]\b/;

export function looksLikeTfjsSource(text: string): boolean {
  if (typeof text !== 'string') return false;
  if (ANCHORED.test(text)) return true;
  if (LOSS_WORD.test(text)) for (const m of text.matchAll(WORD)) {
    if (m[0].length > 200 || !LOSS_WORD.test(m[0])) continue;
    ASSIGNED_FUNCTION.lastIndex = m.index + m[0].length;
    if (ASSIGNED_FUNCTION.test(text)) return true;
  }
  // Every `(p, q` DIVERGENCE could match is one of these pairs too: without one, its slower scan is skipped.
  let pq = false;
  for (const m of text.matchAll(PARAMETER_PAIR)) {
    if (isLossParameterPair(m[1], m[2])) return true;
    pq ||= (m[1] === 'p' || m[1] === 'P') && /^[qQ]/.test(m[2]);
  }
  return (pq && DIVERGENCE.test(text)) || plainMathInLoss(text) || BRANCH_HINGE.test(text) || HINGE_STEP.test(text) || PINBALL_STEP.test(text) || PPO_CLAMP.test(text) || (SIGMOID_WORD.test(text) && BACKPROPAGATION.test(text)) || DERIVATIVE_FIELD.test(text) || derivativeWrittenOut(text);
}

/** `Math.max(1 - clip, Math.min(1 + clip, ratio))`: a PPO clip of the policy's ratio (hingeProbes.ts), in plain numbers. */
const PPO_CLAMP = /\bMath\s{0,40}\.\s{0,40}(?:min|max)\s{0,40}\(\s{0,40}1\s{0,40}[-+][^;\n]{1,200}\bratio\b/i;

/** `if (v <= 1) loss += 1 - v`: a hinge written as a branch that adds to a loss below a bound (hingeProbes.ts). */
const BRANCH_HINGE = /\bif\s{0,40}\((?:[^(){};]{1,120}[<>]=?\s{0,40}-?\d[\d.]*|\s{0,40}-?\d[\d.]*\s{0,40}[<>]=?[^(){};]{1,120})\s{0,40}\)\s{0,40}\{?\s{0,40}(?:this\.)?[\w$]{0,40}(?:[lL]oss|[cC]ost)[\w$]{0,40}\s{0,40}\+=/;

/** `if (y[i] * score < 1)`, `margin >= 1`: a hinge's subgradient step chosen by the margin (subgradientSteps.ts). */
const HINGE_STEP = /(?:[\w$\]]\s{0,40}\*\s{0,40}[^;{}\n<>]{1,160}|\bmargin[\w$]{0,40}\s{0,40})[<>]=?\s{0,40}1(?![\w.$])/i;
/** `residual >= 0 ? tau : tau - 1`: a pinball loss's slope (subgradientSteps.ts). */
const PINBALL_STEP = /[<>]=?\s{0,40}0\s{0,40}\?\s{0,40}(?:-\s{0,40})?(?:1\s{0,40}-\s{0,40})?(?:tau|quantile\w{0,40}|q|alpha)\b/i;

/** `function nonlin(x, deriv)`: an activation that gives its derivative when asked (sigmoidDerivatives.ts). */
const DERIVATIVE_FLAG_FUNCTION = new RegExp(`\\bfunction\\s{1,40}[\\w$]{1,80}\\s{0,40}\\(\\s{0,40}[\\w$]{1,80}\\s{0,40}(?::[^,()\\n]{0,80})?,\\s{0,40}(?:${DERIVATIVE_FLAG_NAMES})\\s{0,40}[,)=:?]`, 'i');

/** `(1 - out)` … */
const ONE_MINUS = /\(\s{0,40}1\s{0,40}-\s{0,40}([\w$.]{1,80}(?:\[[^\]\n]{1,40}\]){0,3})\s{0,40}\)/g;

/** A character of an operand the expanded derivative's test compares: a name, a field, an element (`out[i]`). */
const OPERAND = /[\w$.\[\]]/;
const MAX_OPERAND = 120;

/**
 * `out - out * out`, `out - out ** 2` or `out - Math.pow(out, 2)` (σ − σ², the sigmoid's derivative expanded): anchored
 * on each `*` and `Math.pow(`, with a bounded look at the operands either side, so the scan stays linear in the text.
 */
function expandedDerivativeWritten(text: string): boolean {
  const operandBefore = (end: number): number => {
    let k = end;
    while (k > 0 && end - k < MAX_OPERAND && OPERAND.test(text[k - 1]!)) k--;
    return k;
  };
  const skipBack = (k: number): number => {
    while (k > 0 && (text[k - 1] === ' ' || text[k - 1] === '\t')) k--;
    return k;
  };
  // `out - Math.pow(out, 2)`: anchored on each `Math.pow(`, the operand read forward, the subtraction looked back.
  for (let pow = text.indexOf('Math.pow('); pow >= 0; pow = text.indexOf('Math.pow(', pow + 9)) {
    let r = pow + 9;
    while (text[r] === ' ' || text[r] === '\t') r++;
    let rEnd = r;
    while (rEnd < text.length && rEnd - r < MAX_OPERAND && OPERAND.test(text[rEnd]!)) rEnd++;
    const operand = text.slice(r, rEnd);
    if (!operand || /^\d/.test(operand) || !/^\s{0,40},\s{0,40}2\s{0,40}\)/.test(text.slice(rEnd, rEnd + 130))) continue;
    const minus = skipBack(pow);
    if (text[minus - 1] !== '-' || text[minus - 2] === '-') continue;
    const valueEnd = skipBack(minus - 1);
    if (text.slice(operandBefore(valueEnd), valueEnd) === operand) return true;
  }
  for (let star = text.indexOf('*'); star >= 0; star = text.indexOf('*', star + 2)) {
    const power = text[star + 1] === '*';
    const leftEnd = skipBack(star);
    const leftStart = operandBefore(leftEnd);
    const left = text.slice(leftStart, leftEnd);
    if (!left || /^\d/.test(left)) continue;
    let r = star + (power ? 2 : 1);
    while (text[r] === ' ' || text[r] === '\t') r++;
    let rEnd = r;
    while (rEnd < text.length && rEnd - r < MAX_OPERAND && OPERAND.test(text[rEnd]!)) rEnd++;
    if (text.slice(r, rEnd) !== (power ? '2' : left)) continue;
    const minus = skipBack(leftStart);
    if (text[minus - 1] !== '-' || text[minus - 2] === '-') continue;
    const valueEnd = skipBack(minus - 1);
    if (text.slice(operandBefore(valueEnd), valueEnd) === left) return true;
  }
  return false;
}

/**
 * `out * (1 - out)`, mathjs's `subtract(1, out)`: the sigmoid's derivative at an output, written out (anchored on `(1 -`,
 * then a look back).
 */
export function derivativeWrittenOut(text: string): boolean {
  // mathjs's `subtract(1, o)`, numeric.js's `numeric.sub(1, o)` (not TF.js's `tf.sub(1, p)`, which every BCE writes).
  if (/\bsubtract\s{0,40}\(\s{0,40}1\s{0,40},|\bnumeric\s{0,40}\.\s{0,40}sub\s{0,40}\(\s{0,40}1\s{0,40},/.test(text)) return true;
  // A flag's function whose file exponentiates (a sigmoid written out): not a crypto helper's `(bits, prime)`.
  if (DERIVATIVE_FLAG_FUNCTION.test(text) && /\bexp\s{0,40}\(|\b[Mm]ath\s{0,40}\.\s{0,40}[Ee]\b/.test(text)) return true;
  if (expandedDerivativeWritten(text)) return true;
  if (!text.includes('(1')) return false;
  for (const m of text.matchAll(ONE_MINUS)) {
    const before = text.slice(Math.max(0, m.index! - 120), m.index!);
    const name = m[1]!;
    if (/^\d/.test(name)) continue;
    const at = before.lastIndexOf(name);
    if (at >= 0 && /^\s{0,40}\*\s{0,40}$/.test(before.slice(at + name.length)) && !/[\w$.]$/.test(before.slice(0, at))) return true;
  }
  return false;
}

/**
 * A loss-named value set, or a loss-named function begun, shortly before a `Math.log(`, a hinge's `Math.max(0,` or a
 * clipped surrogate's `Math.min(` (plain JavaScript: `const cost = -y.reduce(… Math.log(p[k]) …)`, `function
 * computeCost(X, y) { … Math.log(h) … }`, `const hingeLoss = Math.max(0, 1 - y * score)`, `policyLoss += -Math.min(…)`).
 */
const LOSS_ASSIGNED = /(?:^|[^\w$])[\w$]{0,40}(?:[lL]oss|[cC]ost|[eE]ntropy|[oO]bjective)[\w$]{0,40}\s{0,40}(?:[-+]?=(?!=)|:|\()/;
/** How far before the call the assignment may start. */
const LOSS_ASSIGNMENT_WINDOW = 400;

function plainMathInLoss(text: string): boolean {
  for (const call of ['Math.log(', 'Math.max(0,', 'Math.min(']) {
    for (let k = text.indexOf(call); k >= 0; k = text.indexOf(call, k + 1)) {
      if (LOSS_ASSIGNED.test(text.slice(Math.max(0, k - LOSS_ASSIGNMENT_WINDOW), k))) return true;
    }
  }
  return false;
}
