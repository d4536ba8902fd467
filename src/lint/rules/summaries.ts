/**
 * The one-line messages of the hazard and kink findings, for the Problems panel (at most about 100 characters:
 * what, where, what it does to training). The core's full explanation goes to the finding's detail.
 */
import type { Analysis, Diagnostic } from '../../core';
import { mentionsSymbol } from '../engine/expression';
import type { SiteFacts } from '../engine/frontEnd';

const MAX_OPERAND = 34;

/** A subexpression for a message: the expression text, shortened in the middle. */
export function shortText(text: string, max = MAX_OPERAND): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const head = Math.ceil((max - 1) * 0.6);
  return `${flat.slice(0, head)}…${flat.slice(flat.length - (max - 1 - head))}`;
}

/** When the hazard happens, from the prediction's domain: `when the sigmoid saturates`, `at a ReLU output of 0`. */
function cause(site: SiteFacts, analysis: Analysis, d: Diagnostic): string {
  if (site.kind === 'operation') return '';
  const [lo, hi] = analysis.domain;
  const activation = analysis.activation;
  if (d.code === 'exp-overflow') return lo === null || hi === null ? ' for large predictions' : '';
  // log(yTrue) in a KL divergence: the op sees the target alone, so the prediction's saturation is not the cause.
  const subject = d.subject ? analysis.source.slice(d.subject.start, d.subject.end) : undefined;
  if (subject !== undefined && analysis.roles.target !== undefined && !mentionsSymbol(subject, analysis.wrt) && mentionsSymbol(subject, analysis.roles.target)) return ' for some target values';
  // Another output of the step (a policy's std head): its own range, not the prediction's activation, is the cause.
  if (subject !== undefined && !mentionsSymbol(subject, analysis.wrt)) return '';
  if (lo === 0 && hi === 1 && (activation === 'sigmoid' || activation === 'softmax')) return ` when the ${activation} saturates`;
  if (lo === 0 && hi === null) return ` at an output of 0`;
  return '';
}

const MAX_MESSAGE = 100;

/** The summary, with the operand shortened further when the sentence would pass {@link MAX_MESSAGE}. */
export function hazardSummary(d: Diagnostic, analysis: Analysis, site: SiteFacts, expression: string): string {
  const text = expression.slice(d.span.start, d.span.end);
  const first = summaryWith(shortText(text), d, analysis, site, text);
  if (first.length <= MAX_MESSAGE) return first;
  return summaryWith(shortText(text, Math.max(12, MAX_OPERAND - (first.length - MAX_MESSAGE))), d, analysis, site, text);
}

const MAX_WHERE = 28;

/**
 * Where a kink is, in words, when the point itself is too long to read shortened (`min(a, b)` of two long terms):
 * what the op does there.
 */
function kinkPlace(text: string): string | undefined {
  const fn = /^\s*([a-z]+)\(/.exec(text)?.[1];
  if (fn === 'min' || fn === 'max') return 'where its arguments cross';
  if (fn === 'clip') return 'at its bounds';
  if (fn === 'abs' || fn === 'relu' || fn === 'sign') return 'where its argument is 0';
  return undefined;
}

function summaryWith(op: string, d: Diagnostic, analysis: Analysis, site: SiteFacts, text = op): string {
  const when = cause(site, analysis, d);
  switch (d.code) {
    case 'log-of-zero':
      return d.argument && d.argument.lo < 0 && d.argument.hi <= 0
        ? `${op} takes the log of a negative number${when}: loss NaN.`
        : `${op} can reach log(0)${when}: loss -Infinity, gradient NaN.`;
    case 'division-by-zero':
      return `${op} can divide by 0${when}: loss and gradient Infinity/NaN.`;
    case 'sqrt-at-zero':
      return `${op} can be sqrt(0)${when}, where its gradient is infinite.`;
    case 'exp-overflow':
      return `${op} can overflow${when}: loss Infinity, gradient NaN.`;
    case 'non-differentiable': {
      const jump = /is not continuous/.test(d.message);
      // Up to the sentence's last colon: the point may hold one of its own (`label == 1 ? 1 : -1`).
      const at = /at (.+?)(?: \(= [^)]*\))?: [^:]*$/.exec(d.message)?.[1];
      const place = at && at.replace(/\s+/g, ' ').length > MAX_WHERE ? kinkPlace(text) : undefined;
      const where = place ? ` ${place}` : at ? ` at ${shortText(at, MAX_WHERE)}` : '';
      return jump ? `${op} jumps${where}: no gradient there.` : `${op} has a kink${where}: the gradient jumps there.`;
    }
    default:
      return d.message;
  }
}

/** A hazard in the branch of an eager select that the condition does not pick. */
export function leakSummary(d: Diagnostic, op: string, select: string): string {
  const what = d.code === 'log-of-zero' ? 'log(0)' : d.code === 'division-by-zero' ? 'a division by 0' : d.code === 'sqrt-at-zero' ? 'sqrt(0)' : 'an overflow';
  return `${shortText(op, 28)} in the unselected ${select} branch: ${what} there still makes the gradient NaN.`;
}
