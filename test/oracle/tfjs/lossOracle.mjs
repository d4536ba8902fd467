// The TF.js oracle for `loss-lens lint`: runs the losses of the lint fixtures in real @tensorflow/tfjs (CPU
// backend, offline) to confirm what the lint claims. A loss flagged log-of-zero or division-by-zero must give a
// non-finite loss or gradient on saturated predictions, and must not once the lint's preferred fixes are applied;
// a name flagged unknown-loss must make model.compile() throw (or, for a loss function called where it is passed,
// throw where the value is made), and its fixed version must compile.
//
//   node test/oracle/tfjs/lossOracle.mjs      prints one line per checked site
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const lint = require(path.join(root, 'dist/lint.cjs'));
const ts = require('typescript');

let tfPromise;

/** @tensorflow/tfjs on its CPU backend; its advice to install tfjs-node (on the first tensor) is kept off the output. */
export function loadTf() {
  tfPromise ??= (async () => {
    const log = console.log;
    const warn = console.warn;
    console.log = () => {};
    console.warn = () => {};
    try {
      const tf = require('@tensorflow/tfjs');
      await tf.setBackend('cpu');
      await tf.ready();
      tf.tensor([0]).dispose();
      return tf;
    } finally {
      console.log = log;
      console.warn = warn;
    }
  })();
  return tfPromise;
}

const HAZARDS = ['log-of-zero', 'division-by-zero'];
/** Fixtures may import each other (a model in one file, compiled in another): other files come from the disk. */
const project = {
  readFile(p) {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
};
/** The fixed version takes every numerical fix: a log's clip cannot help when an exp before it overflows. */
const FIXED_CODES = [...HAZARDS, 'exp-overflow', 'sqrt-at-zero'];

/** A stand-in for `document` and `window` in browser scripts: every property and call gives itself. */
function domStub() {
  const stub = new Proxy(function stubFunction() {}, {
    get: (_t, key) => (key === Symbol.toPrimitive ? () => '' : key === 'then' ? undefined : stub),
    apply: () => stub,
  });
  return stub;
}

/**
 * Runs a fixture as a module with `captures` (JavaScript expressions) evaluated at its end, in its scope, so
 * that top-level helpers and constants are there. Returns the captured values.
 */
export function evaluateInModule(tf, text, file, captures) {
  const source = `${text}\n;__lossLensCapture([${captures.map((c) => `(${c})`).join(',\n')}]);\n`;
  const js = ts.transpileModule(source, { fileName: file, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true } }).outputText;
  let captured;
  const fakeRequire = (name) => (/^@tensorflow\/tfjs/.test(name) ? tf : require(name));
  const module = { exports: {} };
  const dom = domStub();
  const run = new Function('require', 'module', 'exports', 'document', 'window', '__lossLensCapture', js);
  const hadTf = 'tf' in globalThis;
  globalThis.tf = tf;
  try {
    run(fakeRequire, module, module.exports, dom, dom, (values) => {
      captured = values;
    });
  } finally {
    if (!hadTf) delete globalThis.tf;
  }
  return captured;
}

/** Saturated batches for a prediction domain: float32 sigmoid/softmax outputs reach exactly 0 and 1. */
function probeBatches(activation, units) {
  const k = Math.max(1, units ?? 1);
  const rows = (values) => values.map((v) => (k === 1 ? [v] : Array.from({ length: k }, (_, j) => (j === Math.round(v * (k - 1)) ? 1 : 0))));
  if (activation === 'sigmoid' || activation === 'softmax') {
    return [
      { y: rows([1, 0, 1, 0]), p: rows([0, 1, 1, 0]) },
      { y: rows([0, 0, 0, 0]).map((r) => r.map(() => 0)), p: rows([0, 0, 0, 0]).map((r) => r.map(() => 0)) },
      { y: rows([1, 1, 1, 1]).map((r) => r.map(() => 1)), p: rows([1, 1, 1, 1]).map((r) => r.map(() => 1)) },
    ];
  }
  const grid = (v) => Array.from({ length: 4 }, (_, i) => Array.from({ length: k }, () => v[i]));
  const zeros = grid([0, 0, 0, 0]);
  if (activation === 'relu' || activation === 'softplus') return [{ y: grid([1, 0, 2, 0]), p: grid([0, 0, 2, 1]) }, { y: zeros, p: zeros }];
  // On an unbounded output (logits) the saturating inputs are large: sigmoid(±120) is exactly 0 or 1 in float32.
  return [
    { y: grid([0, 1, 1, 0]), p: grid([0, -1, 2, 0.5]) },
    { y: zeros, p: zeros },
    { y: grid([1, -1, 2, 0]), p: grid([1, -1, 2, 0]) },
    { y: grid([1, 0, 1, 0]), p: grid([-120, 120, 30, -30]) },
    // Rows of logits far apart: a softmax over them saturates to exactly 0 and 1.
    { y: [[1, 0], [0, 1], [1, 0], [0, 1]], p: [[120, -120], [-120, 120], [30, -30], [0, 0]] },
  ];
}

/** A plain-JavaScript loss over arrays (`y[i]`, `p.length`): called with one-element arrays, not numbers. */
function indexesItsParameters(fn) {
  const source = fn.toString();
  return parameterNames(fn).some((name) => new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\s*(\\[|\\.length|\\.map|\\.reduce|\\.forEach)`).test(source));
}

/** Parameter names of a function, from its source. */
function parameterNames(fn) {
  const m = /^\s*(?:async\s*)?(?:function\s*[\w$]*\s*)?\(([^)]*)\)|^\s*([\w$]+)\s*=>/.exec(fn.toString());
  if (!m) return [];
  return (m[1] ?? m[2]).split(',').map((p) => p.replace(/[=:].*$/s, '').trim()).filter(Boolean);
}

/**
 * Evaluates `fn` on every probe batch, as TF.js computes it: the loss (summed) and its gradient by the
 * prediction. Scalar (Math.*) losses are called per element. Returns what was not finite.
 */
export function probe(tf, fn, { activation, units, predictionFirst }) {
  const findings = [];
  const call = (y, p) => (fn.length === 1 ? fn(p) : predictionFirst ? fn(p, y) : fn(y, p));
  for (const batch of probeBatches(activation, units)) {
    const yT = tf.tensor2d(batch.y);
    const pT = tf.tensor2d(batch.p);
    const result = tf.tidy(() => call(yT, pT));
    if (typeof result === 'number' || result === undefined) {
      tf.dispose(result);
      const arrays = indexesItsParameters(fn);
      batch.y.flat().forEach((y, i) => {
        const p = batch.p.flat()[i];
        const element = (yy, pp) => (arrays ? call([yy], [pp]) : call(yy, pp));
        const v = element(y, p);
        if (!Number.isFinite(v)) findings.push(`loss ${v} at y=${y}, p=${p}`);
        const h = 1e-4;
        const g = (element(y, Math.min(p + h, 1e9)) - element(y, p - h)) / (2 * h);
        if (Number.isFinite(v) && !Number.isFinite(g)) findings.push(`gradient ${g} at y=${y}, p=${p}`);
      });
    } else {
      const values = result.dataSync();
      for (const v of values) if (!Number.isFinite(v)) findings.push(`loss ${v} on ${JSON.stringify(batch)}`);
      tf.dispose(result);
      try {
        const grad = tf.tidy(() => tf.grad((q) => tf.sum(call(yT, q)))(pT).dataSync());
        for (const v of grad) if (!Number.isFinite(v)) findings.push(`gradient ${v} on ${JSON.stringify(batch)}`);
      } catch (err) {
        findings.push(`no gradient: ${err.message}`);
      }
    }
    tf.dispose([yT, pT]);
  }
  return [...new Set(findings)];
}

/**
 * What to run for a custom-function site, as an expression in the module's scope: a declared function by its
 * name, a class method through its prototype, an object's method through the object, else the function's text.
 */
function captureText(text, result, site) {
  const file = ts.createSourceFile('f.ts', text, ts.ScriptTarget.Latest, true);
  let node;
  const visit = (n) => {
    if (node) return;
    if (n.getStart(file) === site.start && n.end === site.end && ts.isFunctionLike(n)) node = n;
    else ts.forEachChild(n, visit);
  };
  visit(file);
  if (!node && site.kind === 'operation') {
    const around = (n) => {
      if (n.getStart(file) <= site.start && site.end <= n.end && ts.isFunctionLike(n) && !ts.isArrowFunction(n)) node = n;
      ts.forEachChild(n, around);
    };
    around(file);
  }
  const parent = node?.parent;
  if (node && ts.isFunctionDeclaration(node) && node.name) return node.name.text;
  if (node && ts.isMethodDeclaration(node) && ts.isClassLike(parent) && parent.name) return `${parent.name.text}.prototype.${node.name.getText(file)}`;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isObjectLiteralExpression(parent.parent) && ts.isVariableDeclaration(parent.parent.parent)) {
    return `${parent.parent.parent.name.getText(file)}[${JSON.stringify(parent.name.getText(file))}]`;
  }
  const compile = result.sites.find((s) => s.kind === 'compile' && s.lossSiteId === site.id);
  if (compile) return text.slice(compile.anchorStart, compile.anchorEnd).replace(/^loss\s*:\s*/, '');
  return text.slice(site.start, site.end);
}

/** The function a @loss annotation describes: the next declaration after the annotation. */
function annotatedFunctionText(text, site) {
  const after = text.slice(site.anchorEnd);
  const m = /(?:export\s+)?(?:async\s+)?function\s+([\w$]+)|(?:const|let|var)\s+([\w$]+)\s*=/.exec(after);
  return m ? m[1] ?? m[2] : undefined;
}

/** Checks one fixture; returns one record per hazardous site and per unknown loss. */
export async function checkFixture(file, text) {
  const tf = await loadTf();
  const result = lint.lintText(text, file, { project });
  const records = [];
  const hazardSites = [...new Set(result.diagnostics.filter((d) => HAZARDS.includes(d.code)).map((d) => d.siteId))];
  for (const id of hazardSites) {
    const site = result.sites[id];
    const domain = site.analysis?.domain;
    const activation = site.kind === 'operation' ? (domain?.[0] === 0 && domain?.[1] === 1 ? 'sigmoid' : 'linear') : site.activation ?? site.assumedActivation ?? 'linear';
    const codes = result.diagnostics.filter((d) => d.siteId === id && HAZARDS.includes(d.code)).map((d) => d.code);
    const record = { file, site: site.name ?? (site.kind === 'operation' ? `${site.kind} ${text.slice(site.start, site.end)}` : site.kind), kind: site.kind, activation, codes: [...new Set(codes)] };
    if (site.kind === 'annotation') {
      const name = annotatedFunctionText(text, site);
      const [fn] = evaluateInModule(tf, text, file, [name]);
      record.flagged = probe(tf, fn, { activation, units: site.units }).filter((f) => !f.startsWith('no gradient'));
      record.fixed = null;
      records.push(record);
      continue;
    }
    const capture = captureText(text, result, site);
    const [fn] = evaluateInModule(tf, text, file, [capture]);
    const names = parameterNames(fn);
    const predictionFirst = names.length >= 2 && names[0] === site.wrt;
    record.flagged = probe(tf, fn, { activation, units: site.units, predictionFirst });
    const fixedText = fixAll(text, file, FIXED_CODES);
    const fixedResult = lint.lintText(fixedText, file, { project });
    const fixedCapture = site.kind === 'operation' ? capture : captureText(fixedText, fixedResult, fixedResult.sites.find((s) => s.kind === site.kind && s.name === site.name && s.start >= 0));
    const [fixedFn] = evaluateInModule(tf, fixedText, file, [fixedCapture]);
    record.fixed = probe(tf, fixedFn, { activation, units: site.units, predictionFirst });
    records.push(record);
  }
  for (const d of result.diagnostics.filter((x) => x.code === 'no-gradient')) {
    const site = result.sites[d.siteId];
    const record = { file, site: site.name ?? site.kind, kind: 'no-gradient', op: text.slice(d.start, d.end) };
    const [fn] = evaluateInModule(tf, text, file, [captureText(text, result, site)]);
    record.throws = await fitError(tf, fn, site);
    const fix = d.fixes.find((f) => f.preferred);
    if (fix) {
      const fixedText = lint.applySourceEdits(text, fix.edits);
      const fixedResult = lint.lintText(fixedText, file, { project });
      const fixedSite = fixedResult.sites.find((s) => s.kind === site.kind && s.name === site.name);
      const [fixedFn] = evaluateInModule(tf, fixedText, file, [captureText(fixedText, fixedResult, fixedSite)]);
      record.fixedThrows = await fitError(tf, fixedFn, site);
      record.fixedStillFlagged = fixedResult.diagnostics.some((x) => x.code === 'no-gradient');
    }
    records.push(record);
  }
  for (const d of result.diagnostics.filter((x) => x.code === 'unknown-loss')) {
    // A call of a function TF.js lacks, or a metric called where it is passed, is said where it is written, not of a site.
    const site = result.sites[d.siteId] ?? { lossName: text.slice(d.start, d.end) };
    const record = { file, site: site.lossName, kind: 'unknown-loss', activation: site.activation };
    // A loss function called where it is passed (`tf.losses.logLoss()`) throws where the value is made.
    let given;
    let madeError = null;
    try {
      given = evaluateInModule(tf, text, file, [text.slice(d.start, d.end)])[0];
    } catch (err) {
      madeError = err instanceof Error ? err.message : String(err);
    }
    // A metric name compile does not know: compile with it among the metrics.
    const metricName = / is not a metric name TF\.js knows/.test(d.message);
    record.throws = madeError ?? (metricName ? await metricFitError(tf, given) : site.lossName === 'no loss' ? compileError(tf, undefined, site, given) : compileError(tf, given, site));
    const fix = d.fixes.find((f) => f.preferred);
    // A metric called where it is passed (`metrics: [tf.metrics.precision()]`): the fixed one, passed, must train.
    const metric = /^tf\.metrics\.\w+\(\)$/.test(text.slice(d.start, d.end)) ? text.slice(d.start, d.end - 2) : metricName && fix ? fix.edits[0].text : undefined;
    if (fix && metric) {
      const [fn] = evaluateInModule(tf, lint.applySourceEdits(text, fix.edits), file, [metric]);
      record.fixedValue = metric;
      record.fixedThrows = typeof fn === 'function' || typeof fn === 'string' ? await metricFitError(tf, fn) : `${metric} is not a metric`;
    } else if (fix) {
      const fixedText = lint.applySourceEdits(text, fix.edits);
      const fixedResult = lint.lintText(fixedText, file, { project });
      const fixedSite = fixedResult.sites.find((s) => s.kind === 'compile' && s.start === site.start);
      const valueText = fixedText.slice(fixedSite.anchorStart, fixedSite.anchorEnd).replace(/^loss\s*:\s*/, '');
      const value = evaluateInModule(tf, fixedText, file, [valueText])[0];
      record.fixedValue = valueText;
      record.fixedThrows = compileError(tf, value, site);
      if (typeof value === 'function') record.fixedFindings = probe(tf, value, { activation: site.activation ?? 'linear', units: site.units });
    }
    records.push(record);
  }
  return records;
}

/** model.fit of a one-unit sigmoid model on 0/1 targets, with this function among its metrics: the error message, or null. */
async function metricFitError(tf, metric) {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] });
  const xs = tf.tensor2d([[0.5, -1], [2, 0.3], [-1.5, 1], [0.1, 0.2]]);
  const ys = tf.tensor2d([[1], [0], [1], [0]]);
  try {
    model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: [metric] });
    await model.fit(xs, ys, { epochs: 1, verbose: 0 });
    return null;
  } catch (err) {
    return String(err.message ?? err);
  } finally {
    tf.dispose([xs, ys]);
    model.dispose();
  }
}

/** model.fit with this loss on a one-layer linear model for two epochs: the error message, or null (and the loss must be finite). */
async function fitError(tf, loss, site) {
  const units = site.units ?? 1;
  const model = tf.sequential({ layers: [tf.layers.dense({ units, inputShape: [2] })] });
  const xs = tf.tensor2d([[0.5, -1], [2, 0.3], [-1.5, 1], [0.1, 0.2]]);
  const ys = tf.tensor2d([[1], [0], [3], [-2]].map(([v]) => Array.from({ length: units }, () => v)));
  try {
    model.compile({ optimizer: 'sgd', loss });
    const history = await model.fit(xs, ys, { epochs: 2, verbose: 0 });
    const last = history.history.loss.at(-1);
    return Number.isFinite(last) ? null : `the loss is ${last}`;
  } catch (err) {
    return String(err.message ?? err);
  } finally {
    tf.dispose([xs, ys]);
    model.dispose();
  }
}

/** model.compile with this loss on a one-layer model of the site's output: the error message, or null. */
function compileError(tf, loss, site, config = { optimizer: 'sgd', loss }) {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: site.units ?? 1, inputShape: [2], activation: site.activationName ?? site.activation ?? 'linear' })] });
  try {
    model.compile(config);
    return null;
  } catch (err) {
    return String(err.message ?? err);
  } finally {
    model.dispose();
  }
}

function fixAll(text, file, codes) {
  let current = text;
  for (let round = 0; round < 20; round++) {
    const d = lint.lintText(current, file, { project }).diagnostics.find((x) => codes.includes(x.code) && x.fixes.length > 0);
    if (!d) return current;
    current = lint.applySourceEdits(current, (d.fixes.find((f) => f.preferred) ?? d.fixes[0]).edits);
  }
  throw new Error(`${file}: fixes do not converge`);
}

/** The lint fixtures the oracle covers: every one with a hazard or an unknown loss. */
export function oracleFixtures() {
  const dir = path.join(root, 'test/fixtures/lint');
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|js)$/.test(e.name)) {
        const text = readFileSync(p, 'utf8');
        const r = lint.lintText(text, p, { project });
        if (r.diagnostics.some((x) => HAZARDS.includes(x.code) || x.code === 'unknown-loss' || x.code === 'no-gradient')) out.push({ file: p, text });
      }
    }
  };
  walk(dir);
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const { file, text } of oracleFixtures()) {
    for (const r of await checkFixture(file, text)) {
      const rel = path.relative(root, r.file);
      if (r.kind === 'no-gradient') {
        console.log(`${rel}  ${r.site} ${r.op}: model.fit ${r.throws ? `throws "${r.throws.slice(0, 70)}"` : 'does NOT throw'}; fixed ${r.fixedThrows ? `throws "${r.fixedThrows}"` : 'trains'}`);
      } else if (r.kind === 'unknown-loss') {
        console.log(`${rel}  ${r.site}: compile ${r.throws ? `throws "${r.throws.slice(0, 60)}"` : 'does NOT throw'}; fixed ${r.fixedValue ?? '-'} ${r.fixedThrows ? `throws "${r.fixedThrows}"` : 'compiles'}`);
      } else {
        console.log(`${rel}  ${r.site} [${r.codes.join(', ')}] on ${r.activation}: ${r.flagged.length ? `non-finite (${r.flagged[0]})` : 'all finite'}; fixed: ${r.fixed === null ? 'n/a (annotation)' : r.fixed.length ? `still ${r.fixed[0]}` : 'all finite'}`);
      }
    }
  }
}
