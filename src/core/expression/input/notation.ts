/**
 * Blog notation to mathjs syntax, with a map from the rewritten text back to the input so every span stays
 * one into what the person wrote: `·` `×` `⋅` for times, `−` `–` for minus, `÷`, `**`, `²` `³` for powers,
 * `≤ ≥ ≠`, `½`, `|u|` for abs(u), `[ ]` `{ }` as parentheses, `ln` and `√` and `σ(…)`, and a batch reduction
 * (`Σ(u)`, `sum(u)`, `mean(u)`, `1/n Σ …`) read per element, with the batch index (`y_i`, `ŷ_i`) dropped.
 * What it assumed is said in words.
 */
export interface NotationResult {
  text: string;
  /** For each character of `text` (and one past its end), the input range it came from. */
  from: Int32Array;
  to: Int32Array;
  assumptions: string[];
  /** False when nothing was rewritten (then the maps are the identity). */
  changed: boolean;
}

const TIMES = new Set(['·', '×', '⋅', '∙', '∗']);
const SPELLED: Record<string, string> = { '≤': '<=', '≥': '>=', '≠': '!=', '½': '0.5', '¼': '0.25', '¾': '0.75', 'ε': 'epsilon' };
const MINUS = new Set(['−', '–', '‒']);
const SUPERSCRIPT: Record<string, string> = { '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '¹': '1', '⁰': '0' };
const OPERATOR_BEFORE = /[-+*/^=<>?:,(|!&]$/;
const NAME_CHAR = /[A-Za-z0-9_\u00C0-\u02AF\u0370-\u03FF\u0300-\u036F]/;

class Rewriter {
  private readonly out: string[] = [];
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  changed = false;

  emit(text: string, start: number, end: number): void {
    for (const c of text) {
      this.out.push(c);
      this.from.push(start);
      this.to.push(end);
    }
  }

  keep(source: string, i: number): void {
    this.emit(source[i], i, i + 1);
  }

  get text(): string {
    return this.out.join('');
  }

  result(source: string, assumptions: string[]): NotationResult {
    const text = this.text;
    const from = Int32Array.from([...this.from, source.length]);
    const to = Int32Array.from([...this.to, source.length]);
    return { text, from, to, assumptions, changed: this.changed };
  }
}

export function rewriteNotation(source: string): NotationResult {
  const w = new Rewriter();
  const assumptions = new Set<string>();
  const bars: number[] = [];
  let i = 0;
  const prevSignificant = () => w.text.trimEnd();
  while (i < source.length) {
    const c = source[i];
    const rest = source.slice(i);
    if (TIMES.has(c)) {
      w.emit('*', i, i + 1);
      w.changed = true;
      i++;
    } else if (MINUS.has(c)) {
      w.emit('-', i, i + 1);
      w.changed = true;
      i++;
    } else if (SPELLED[c] !== undefined && !(c === 'ε' && (NAME_CHAR.test(source[i - 1] ?? '') || NAME_CHAR.test(source[i + 1] ?? '')))) {
      w.emit(SPELLED[c], i, i + 1);
      w.changed = true;
      i++;
    } else if (c === '÷') {
      w.emit('/', i, i + 1);
      w.changed = true;
      i++;
    } else if (rest.startsWith('**')) {
      w.emit('^', i, i + 2);
      w.changed = true;
      i += 2;
    } else if (SUPERSCRIPT[c] !== undefined) {
      let j = i;
      let digits = '';
      while (j < source.length && SUPERSCRIPT[source[j]] !== undefined) digits += SUPERSCRIPT[source[j++]];
      w.emit(`^${digits}`, i, j);
      w.changed = true;
      i = j;
    } else if (c === '[' || c === '{') {
      w.emit('(', i, i + 1);
      w.changed = true;
      i++;
    } else if (c === ']' || c === '}') {
      w.emit(')', i, i + 1);
      w.changed = true;
      i++;
    } else if (c === '|' && source[i + 1] !== '|') {
      const before = prevSignificant();
      const opens = bars.length === 0 || before === '' || OPERATOR_BEFORE.test(before);
      if (opens) {
        bars.push(i);
        w.emit('abs(', i, i + 1);
      } else {
        bars.pop();
        w.emit(')', i, i + 1);
      }
      w.changed = true;
      i++;
    } else if (c === '√') {
      w.emit('sqrt', i, i + 1);
      w.changed = true;
      i++;
    } else if (/^ln\s*\(/.test(rest) && !NAME_CHAR.test(source[i - 1] ?? '')) {
      w.emit('log', i, i + 2);
      w.changed = true;
      i += 2;
    } else if (/^σ\s*\(/.test(rest) && !NAME_CHAR.test(source[i - 1] ?? '')) {
      w.emit('sigmoid', i, i + 1);
      assumptions.add('σ(…) is read as the sigmoid');
      w.changed = true;
      i++;
    } else {
      const batch = batchReduction(source, i);
      if (batch) {
        w.emit(' ', i, batch.end);
        assumptions.add(batch.what);
        w.changed = true;
        i = batch.end;
        continue;
      }
      const index = /^_[ij]\b/.exec(rest);
      if (index && i > 0 && NAME_CHAR.test(source[i - 1])) {
        assumptions.add(`${source.slice(wordStart(source, i), i)}${index[0]} is read as one example of the batch (the index _${index[0][1]} dropped)`);
        w.changed = true;
        i += index[0].length;
        continue;
      }
      w.keep(source, i);
      i++;
    }
  }
  return w.result(source, [...assumptions]);
}

function wordStart(source: string, end: number): number {
  let s = end;
  while (s > 0 && NAME_CHAR.test(source[s - 1])) s--;
  return s;
}

/**
 * `Σ`, `∑`, `sum`, `mean` (with a subscript such as `_i` or `_{i=1}^{n}`) before a bracket, and a `1/n` in
 * front of one: a reduction over the batch, dropped so the loss reads per element.
 */
function batchReduction(source: string, i: number): { end: number; what: string } | undefined {
  const rest = source.slice(i);
  if (NAME_CHAR.test(source[i - 1] ?? '')) return undefined;
  const mean = /^\(?\s*1\s*\/\s*[nNmB]\s*\)?\s*\*?\s*(?=[Σ∑]|sum\b|mean\b)/.exec(rest);
  if (mean) return { end: i + mean[0].length, what: 'the mean over the batch (1/n Σ) is read per element' };
  const sigma = /^(?:[Σ∑]|sum|mean)(?:_\{[^}]*\}|_[A-Za-z0-9])?(?:\^\{[^}]*\}|\^[A-Za-z0-9])?\s*(?=[([{]|[A-Za-zŷ])/.exec(rest);
  if (!sigma) return undefined;
  const word = sigma[0].trim();
  if ((word.startsWith('sum') || word.startsWith('mean')) && !/^(?:sum|mean)\s*\(/.test(rest)) return undefined;
  if (/^(?:sum|mean)\s*\(/.test(rest) && hasTopLevelComma(source, i + rest.indexOf('('))) return undefined;
  const what = word.startsWith('mean') ? 'mean(…) over the batch is read per element' : 'the sum over the batch is read per element';
  return { end: i + sigma[0].length, what };
}

function hasTopLevelComma(source: string, open: number): boolean {
  let depth = 0;
  for (let k = open; k < source.length; k++) {
    const c = source[k];
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return false;
    } else if (c === ',' && depth === 1) return true;
  }
  return false;
}
