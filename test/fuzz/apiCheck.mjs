// What a lint result must be, whatever the input: no internal error, plain JSON data without NaN, ranges inside the
// text (inside the cell for notebooks), lines and columns that match the offsets, activations that are activations,
// units that are counts, and fixes whose edits stay in the text and write no infinite or NaN number.

const KINDS = new Set(['custom-function', 'compile', 'annotation', 'minimize', 'operation']);
const FRAMEWORKS = new Set(['tfjs', 'keras', 'pytorch', 'numpy', 'jax', 'tensorflow']);
const SOURCES = new Set(['model', 'annotation', 'option', 'inferred']);
const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);
/** A non-finite number as code spells it; `Infinity.clipByValue` is a namespace the user named Infinity, not a number. */
const NON_FINITE_WORD = /\b(?:Infinity|NaN|inf|nan)\b(?!\.[A-Za-z_$])/g;
/**
 * A value printed where a number or a name belongs: `= NaN`, `[NaN, 1]`, `(0, undefined)`, `[object Object]`. The
 * messages say "the gradient NaN", "gives NaN, so" and "Infinity or NaN (0/0)" as prose, which is right.
 */
const BROKEN_VALUE = /\[object Object\]|(?:[=≈[]|\bε)\s*(?:NaN|undefined)\b|\b(?:NaN|undefined)\s*\]|,\s*(?:NaN|undefined)\s*[\])]/;

let indexed = { text: undefined, starts: [] };

/** 1-based line and column of an offset: lines end at \n, \r\n or a lone \r, columns count UTF-16 units. */
function lineColumn(text, offset) {
  if (indexed.text !== text) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
    }
    indexed = { text, starts };
  }
  const { starts } = indexed;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

const isCount = (n) => Number.isInteger(n) && n >= 0;

const nonFiniteCount = (s) => (typeof s === 'string' ? (s.match(NON_FINITE_WORD) ?? []).length : 0);

/**
 * Whether a fix's edits write no more non-finite words than the text they replace holds: a fix that only moves the
 * user's `Infinity` (a `tf.where`'s branches swapped, a bare `Infinity` branch among them) writes none of its own.
 */
function movesNonFinite(edits, replaced) {
  return edits.reduce((n, e) => n + nonFiniteCount(e.text), 0) <= edits.reduce((n, e) => n + nonFiniteCount(replaced(e)), 0);
}

/** How many characters around a non-finite word a fix must have copied with it for the word to be the user's. */
const COPIED_CONTEXT = 4;

/**
 * A non-finite word (`Infinity`, `-Infinity`, `NaN` …) that a fix's edit writes and the user did not. A fix may move
 * or repeat the user's own code (swapping a `tf.where`'s branches, repeating its condition in a second `where`,
 * clipping `-Infinity - p`), spelling and all; it must never render a number as a non-finite word (`-1e999` as
 * `-Infinity`). A word is the user's when it comes with some of its surroundings: the edit's text around it, grown a
 * character at a time while it is still a piece of the file, reaches COPIED_CONTEXT characters beyond the word.
 * Returns the edit's text around the first word that is not the user's; undefined when there is none.
 */
export function writtenNonFinite(editText, fileText) {
  for (const m of editText.matchAll(NON_FINITE_WORD)) {
    let from = m.index;
    let to = m.index + m[0].length;
    if (fileText.includes(editText.slice(from, to))) {
      for (;;) {
        if (from > 0 && fileText.includes(editText.slice(from - 1, to))) from--;
        else if (to < editText.length && fileText.includes(editText.slice(from, to + 1))) to++;
        else break;
      }
    }
    if (to - from - m[0].length < COPIED_CONTEXT) return editText.slice(Math.max(0, m.index - 16), m.index + m[0].length + 16);
  }
  return undefined;
}

/**
 * Numbers in the result that are NaN (anywhere) or infinite outside the core's analysis (whose intervals and
 * domains are unbounded by right: the range of an unclipped logit is [-∞, ∞]).
 */
function nonFiniteNumbers(value, path, out, seen = new Set()) {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) out.push(`NaN at ${path}`);
    else if (!Number.isFinite(value) && !/\.analysis\b/.test(path)) out.push(`${value} at ${path}`);
    return;
  }
  if (!value || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) value.forEach((v, i) => nonFiniteNumbers(v, `${path}[${i}]`, out, seen));
  else for (const [k, v] of Object.entries(value)) nonFiniteNumbers(v, `${path}.${k}`, out, seen);
}

/** Where `value` holds NaN: paths such as `result.ast.left.value`. */
export function nanPaths(value, path = 'result') {
  const out = [];
  nonFiniteNumbers(value, path, out);
  return out.filter((m) => m.startsWith('NaN'));
}

/**
 * The ways `result` breaks the API, as messages (empty when it keeps it). `input` is `{ text }` for a file or
 * `{ cells }` for a notebook's cells; `activations` and `codes` are the valid names.
 */
export function apiViolations(result, input, { activations, codes }) {
  const out = [];
  if (!result || typeof result !== 'object' || !Array.isArray(result.sites) || !Array.isArray(result.diagnostics)) return ['the result is not {sites, diagnostics}'];
  if (result.internalError !== undefined) out.push(`internal error: ${result.internalError}`);
  try {
    JSON.parse(JSON.stringify(result));
  } catch (err) {
    out.push(`not JSON: ${err.message}`);
  }
  nonFiniteNumbers(result, 'result', out);
  const textOf = (cell) => (input.cells ? input.cells[cell ?? 0] : input.text);
  const range = (what, start, end, cell) => {
    const text = textOf(cell);
    if (text === undefined) return out.push(`${what}: cell ${cell} does not exist`);
    if (!isCount(start) || !isCount(end) || start > end || end > text.length) out.push(`${what}: range [${start}, ${end}) outside the text (length ${text.length})`);
  };
  const sites = result.sites;
  sites.forEach((s, i) => {
    const what = `site ${i}`;
    if (s.id !== i) out.push(`${what}: id ${s.id}`);
    if (!KINDS.has(s.kind)) out.push(`${what}: kind ${s.kind}`);
    if (s.framework !== undefined && !FRAMEWORKS.has(s.framework)) out.push(`${what}: framework ${s.framework}`);
    range(`${what}`, s.start, s.end, s.cell);
    range(`${what} anchor`, s.anchorStart, s.anchorEnd, s.cell);
    if (s.outputLayer) range(`${what} output layer`, s.outputLayer.start, s.outputLayer.end, s.cell);
    if (s.activation != null && !activations.includes(s.activation)) out.push(`${what}: activation ${JSON.stringify(s.activation)} is not an activation`);
    if (s.assumedActivation !== undefined && !activations.includes(s.assumedActivation)) out.push(`${what}: assumed activation ${JSON.stringify(s.assumedActivation)}`);
    if (s.activationSource !== undefined && !SOURCES.has(s.activationSource)) out.push(`${what}: activation source ${s.activationSource}`);
    if (s.activationName !== undefined && typeof s.activationName !== 'string') out.push(`${what}: activation name ${JSON.stringify(s.activationName)}`);
    if (s.units != null && !(Number.isInteger(s.units) && s.units > 0)) out.push(`${what}: units ${s.units}`);
    if (s.lossSiteId !== undefined && !(isCount(s.lossSiteId) && s.lossSiteId < sites.length)) out.push(`${what}: lossSiteId ${s.lossSiteId}`);
    for (const k of ['name', 'expression', 'unreadable', 'lossName', 'wrt', 'target']) if (s[k] !== undefined && typeof s[k] !== 'string') out.push(`${what}: ${k} is ${typeof s[k]}`);
    if (s.parameters) for (const [k, v] of Object.entries(s.parameters)) if (!Number.isFinite(v)) out.push(`${what}: parameter ${k} = ${v}`);
  });
  const text = (cell) => textOf(cell) ?? '';
  result.diagnostics.forEach((d, i) => {
    const what = `diagnostic ${i} (${d.code})`;
    if (!codes.includes(d.code)) out.push(`${what}: unknown code`);
    if (!SEVERITIES.has(d.severity)) out.push(`${what}: severity ${d.severity}`);
    if (typeof d.message !== 'string' || !d.message.trim()) out.push(`${what}: no message`);
    else if (BROKEN_VALUE.test(d.message) && !/\bundefined\b|\bNaN\b|\bnan\b/.test(text(d.cell))) out.push(`${what}: message says ${JSON.stringify(BROKEN_VALUE.exec(d.message)[0])}`);
    if (input.cells && !(isCount(d.cell) && d.cell < input.cells.length)) out.push(`${what}: cell ${d.cell}`);
    range(what, d.start, d.end, d.cell);
    if (isCount(d.start) && isCount(d.end) && d.end <= text(d.cell).length) {
      const s = lineColumn(text(d.cell), d.start);
      const e = lineColumn(text(d.cell), d.end);
      if (d.line !== s.line || d.column !== s.column || d.endLine !== e.line || d.endColumn !== e.column) {
        out.push(`${what}: line/column ${d.line}:${d.column}-${d.endLine}:${d.endColumn} for offsets at ${s.line}:${s.column}-${e.line}:${e.column}`);
      }
    }
    if (!(Number.isInteger(d.siteId) && d.siteId >= -1 && d.siteId < sites.length)) out.push(`${what}: siteId ${d.siteId}`);
    if (!Array.isArray(d.fixes)) return out.push(`${what}: fixes is not an array`);
    d.fixes.forEach((f, j) => {
      if (typeof f.title !== 'string' || !f.title) out.push(`${what} fix ${j}: no title`);
      if (!Array.isArray(f.edits) || f.edits.length === 0) return out.push(`${what} fix ${j}: no edits`);
      const sorted = [...f.edits].sort((a, b) => (a.cell ?? 0) - (b.cell ?? 0) || a.start - b.start);
      const moves = movesNonFinite(f.edits, (e) => text(e.cell).slice(e.start, e.end));
      sorted.forEach((e, k) => {
        range(`${what} fix ${j} edit ${k}`, e.start, e.end, e.cell);
        if (typeof e.text !== 'string') return out.push(`${what} fix ${j} edit ${k}: text is ${typeof e.text}`);
        const written = moves ? undefined : writtenNonFinite(e.text, text(e.cell));
        if (written) out.push(`${what} fix ${j}: writes a non-finite number: ${JSON.stringify(written)} in ${JSON.stringify(e.text.slice(0, 120))}`);
        const prev = sorted[k - 1];
        if (prev && (prev.cell ?? 0) === (e.cell ?? 0) && prev.end > e.start) out.push(`${what} fix ${j}: overlapping edits`);
      });
    });
  });
  if (result.incomplete !== undefined && typeof result.incomplete !== 'boolean') out.push('incomplete is not a boolean');
  if (result.incompleteReason !== undefined && typeof result.incompleteReason !== 'string') out.push('incompleteReason is not a string');
  return out;
}
