// Mutations of real source files, as an editor sees them mid-edit and as generated code looks: spans deleted and
// duplicated, brackets unbalanced, deep nesting, megabyte lines, odd unicode and literals, `@loss` annotations,
// compile calls and loss code with random or hostile contents. `limits` caps the sizes (nesting depth, line
// length) so the run inside `npm test` stays quick while the large run goes to the extremes.
import {
  EXPRESSION_PIECES, EXPRESSION_SEEDS, ODD_NAMES, PY_LITERALS, TS_LITERALS, UNICODE,
  pyHostileCompile, pyHostileLoss, tsHostileCompile, tsHostileLoss,
} from './hostileValues.mjs';

export const FULL_LIMITS = { depth: 50_000, line: 1_100_000, tags: 40_000 };
export const QUICK_LIMITS = { depth: 3_000, line: 60_000, tags: 3_000 };

const at = (r, text) => r.int(0, text.length);
const insert = (text, i, piece) => text.slice(0, i) + piece + text.slice(i);

/** The offset of the start of a random line. */
function lineStart(r, text) {
  const i = at(r, text);
  const nl = text.lastIndexOf('\n', i - 1);
  return nl + 1;
}

function insertLine(r, text, line) {
  const i = lineStart(r, text);
  return insert(text, i, `${line}\n`);
}

function deleteSpan(r, text) {
  const i = at(r, text);
  return text.slice(0, i) + text.slice(i + r.span(400));
}

function duplicateSpan(r, text) {
  const i = at(r, text);
  const piece = text.slice(i, i + r.span(600));
  return insert(text, at(r, text), piece.repeat(r.chance(0.1) ? r.int(2, 50) : 1));
}

function unbalance(r, text, { python }) {
  if (r.chance(0.5)) {
    const closers = [];
    for (let i = 0; i < text.length; i++) if ('()[]{}'.includes(text[i])) closers.push(i);
    if (closers.length) {
      const i = r.pick(closers);
      return text.slice(0, i) + text.slice(i + 1);
    }
  }
  const pieces = python ? ['(', ')', '[', ']', '{', '}', '"""', "'''", '"', "'", ':', '\\', '#', 'f"{', '\n    ', '\n\t'] : ['(', ')', '[', ']', '{', '}', '/*', '*/', '`', '${', '"', "'", '<', '</', '=>', '//', '/', '\\'];
  return insert(text, at(r, text), r.pick(pieces));
}

function deepNesting(r, text, { python, limits }) {
  const d = Math.min(limits.depth, r.pick([20, 200, 1_000, 5_000, 20_000, 50_000]));
  const closed = r.chance(0.7);
  const wrap = (open, inner, close) => open.repeat(d) + inner + (closed ? close.repeat(d) : '');
  const tsForms = [
    () => `const deep = ${wrap('(', 'yPred', ')')};`,
    () => `const deep = ${wrap('tf.log(', 'yPred', ')')};`,
    () => `const deep = ${wrap('[', '0', ']')};`,
    () => wrap('{', 'x;', '}'),
    () => wrap('if (a) {', 'b();', '}'),
    () => `const deep = ${'a ? b : '.repeat(d)}c;`,
    () => `const deep = ${'x => '.repeat(d)}x;`,
    () => `const deep = ${'-'.repeat(d)}x;`,
    () => `const chain = ${'yPred + '.repeat(d)}1;`,
    () => `const chain = yPred${'.sub(yTrue)'.repeat(d)};`,
    () => `const loss = (yTrue, yPred) => ${wrap('tf.add(', 'yPred', ', 1)')};`,
    () => `const o = ${wrap('{a: ', '1', '}')};`,
  ];
  const pyForms = [
    () => `deep = ${wrap('(', 'y_pred', ')')}`,
    () => `deep = ${wrap('torch.log(', 'y_pred', ')')}`,
    () => `deep = ${wrap('[', '0', ']')}`,
    () => `deep = ${'not '.repeat(d)}x`,
    () => `deep = ${'-'.repeat(d)}x`,
    () => `chain = ${'y_pred + '.repeat(d)}1`,
    () => `deep = ${'lambda: '.repeat(d)}x`,
    () => Array.from({ length: Math.min(d, 400) }, (_, k) => `${' '.repeat(k)}if x:`).join('\n') + `\n${' '.repeat(Math.min(d, 400))}pass`,
    () => `def loss(y_true, y_pred):\n    return ${wrap('K.mean(', 'y_pred', ')')}`,
  ];
  return insertLine(r, text, r.pick(python ? pyForms : tsForms)());
}

function longLine(r, text, { python, limits }) {
  const size = Math.min(limits.line, r.pick([10_000, 100_000, 1_000_000]));
  const fill = (unit) => unit.repeat(Math.ceil(size / unit.length));
  const minified = () => {
    const flat = text.replace(/\n\s*/g, python ? '; ' : ' ');
    return flat.length ? flat.repeat(Math.max(1, Math.ceil(size / flat.length))) : fill('x;');
  };
  const comment = python ? '#' : '//';
  const forms = [
    () => `${python ? 'data = ' : 'const data = '}[${fill('0.1,')}0];`,
    () => `${python ? 's = ' : 'const s = '}"${fill('a')}";`,
    () => `${comment} ${fill('lorem ')}`,
    () => `${python ? 'x = ' : 'const x = '}${fill('a+')}a;`,
    minified,
    () => `${comment} ${'@loss p '.repeat(Math.min(limits.tags, Math.ceil(size / 8)))}`,
    () => `${python ? '' : '/** '}${'@loss -log(p) @activation sigmoid '.repeat(Math.min(limits.tags, Math.ceil(size / 35)))}${python ? '' : '*/'}`,
    () => `${comment} ${'@loss '.repeat(Math.min(limits.tags, Math.ceil(size / 6)))}`,
  ];
  const line = r.pick(forms)();
  return r.chance(0.2) ? line : insertLine(r, text, line);
}

function oddUnicode(r, text) {
  let out = text;
  for (let n = r.int(1, 6); n > 0; n--) out = insert(out, at(r, out), r.pick(UNICODE));
  if (r.chance(0.1)) out = out.replace(/\n/g, r.pick(['\r\n', '\r', '\u2028']));
  return out;
}

const NUMBER = /(?<![\w.$])\d+(?:\.\d*)?(?:e[-+]?\d+)?(?![\w$])/gi;

function oddLiteral(r, text, { python }) {
  const literals = python ? PY_LITERALS : TS_LITERALS;
  const found = [...text.matchAll(NUMBER)];
  if (found.length && r.chance(0.8)) {
    const m = r.pick(found);
    return text.slice(0, m.index) + r.pick(literals) + text.slice(m.index + m[0].length);
  }
  return insert(text, at(r, text), r.pick(literals));
}

function oddName(r, text) {
  const words = [...text.matchAll(/[A-Za-z_$][\w$]*/g)];
  if (!words.length) return text;
  const m = r.pick(words);
  const replacement = r.chance(0.6) ? r.pick(ODD_NAMES) : r.pick(words)[0];
  return text.slice(0, m.index) + replacement + text.slice(m.index + m[0].length);
}

function randomExpression(r) {
  if (r.chance(0.4)) return Array.from({ length: r.int(0, 25) }, () => r.pick(EXPRESSION_PIECES)).join('');
  const s = r.pick(EXPRESSION_SEEDS);
  const i = r.int(0, s.length);
  return s.slice(0, i) + r.pick(EXPRESSION_PIECES) + s.slice(i + r.int(0, 3));
}

function annotation(r, text, { python }) {
  const expr = randomExpression(r);
  const act = r.chance(0.3) ? ` @activation ${r.pick([...ODD_NAMES, 'sigmoid', 'softmax', 'relu'])}` : '';
  const line = python
    ? `# @loss ${expr}${act}`
    : r.pick([`// @loss ${expr}${act}`, `/** @loss ${expr}${act} */`, `/**\n * @loss ${expr}\n *${act}\n */`, `/* @loss ${expr}`, `const s = "@loss ${expr}";`]);
  const withFunction = !python && r.chance(0.5) ? `${line}\nconst annotated = (yTrue, yPred) => customOp(yTrue, yPred);` : line;
  return insertLine(r, text, withFunction);
}

function hostileCode(r, text, { python }) {
  return insertLine(r, text, python ? r.pick([pyHostileLoss, pyHostileCompile])(r) : r.pick([tsHostileLoss, tsHostileCompile])(r));
}

/** Strips or replaces the arguments of a call already in the file: `tf.sqrt(x)` becomes `tf.sqrt()` or `tf.sqrt(undefined)`. */
function gutCall(r, text, { python }) {
  const calls = [...text.matchAll(/(?<![\w$.])[\w$.]+\(/g)];
  if (!calls.length) return text;
  const m = r.pick(calls);
  const open = m.index + m[0].length;
  let depth = 1;
  let i = open;
  while (i < text.length && depth > 0 && i - open < 2000) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    i++;
  }
  if (depth !== 0) return text;
  const args = text.slice(open, i - 1).split(',');
  const k = r.int(0, Math.max(0, args.length - 1));
  args[k] = r.pick(python ? ['None', '', ' None'] : ['undefined', '', ' undefined', 'void 0', 'null']);
  const replaced = r.chance(0.3) ? '' : args.join(',');
  return text.slice(0, open) + replaced + text.slice(i - 1);
}

function lines(r, text) {
  const all = text.split('\n');
  if (all.length < 2) return text;
  const i = r.int(0, all.length - 1);
  const j = r.int(0, all.length - 1);
  switch (r.int(0, 3)) {
    case 0: all.splice(i, r.int(1, 10)); break;
    case 1: all.splice(j, 0, ...all.slice(i, i + r.int(1, 10))); break;
    case 2: [all[i], all[j]] = [all[j], all[i]]; break;
    default: all[i] = (r.chance(0.5) ? ' '.repeat(r.int(1, 12)) : '') + all[i].trimStart();
  }
  return all.join('\n');
}

function crossover(r, text, { donors }) {
  if (!donors?.length) return text;
  const donor = r.pick(donors);
  const i = at(r, donor);
  return insert(text, at(r, text), donor.slice(i, i + r.span(3000)));
}

const OPERATORS = [
  [deleteSpan, 10], [duplicateSpan, 8], [unbalance, 10], [deepNesting, 4], [longLine, 3], [oddUnicode, 6], [oddLiteral, 10],
  [oddName, 8], [annotation, 6], [hostileCode, 12], [gutCall, 10], [lines, 6], [crossover, 5],
];
const TOTAL = OPERATORS.reduce((n, [, w]) => n + w, 0);

function pickOperator(r) {
  let x = r.next() * TOTAL;
  for (const [op, w] of OPERATORS) if ((x -= w) < 0) return op;
  return OPERATORS[0][0];
}

/** One to four mutations stacked on `text`; returns the text and the names of the operators applied. */
export function mutateSource(r, text, context) {
  let out = text;
  const applied = [];
  for (let n = r.chance(0.5) ? 1 : r.int(2, 4); n > 0; n--) {
    const op = pickOperator(r);
    out = op(r, out, context);
    applied.push(op.name);
  }
  return { text: out, applied };
}

/** A mutated loss expression for the core's `analyze`. */
export function mutateExpression(r) {
  let s = randomExpression(r);
  if (r.chance(0.2)) s = oddUnicode(r, s);
  if (r.chance(0.1)) s = `${'('.repeat(r.int(50, 3000))}p`;
  return s;
}
