/**
 * Calls of a loss or metric TF.js does not have: `tf.losses.meanSquareError(ys, preds)`, `tf.metrics.mse_(…)`, and
 * the same names kept to call later (`this.lossFunction = tf.losses.sparseCategoricalCrossentropy`). The property is
 * undefined, so the call throws "… is not a function" the first time the loss runs (for a loss passed to `minimize`,
 * inside the training loop). Found by a text search for `losses.` / `metrics.`, each confirmed on the tree to be
 * TF.js's namespace; a name only tested for (`typeof tf.losses.x`, `if (tf.losses.x)`) is not reported. The fix is
 * the closest name TF.js has. A comparing metric given to compile as the loss (`loss: tf.metrics.binaryAccuracy`) has no
 * gradient: a no-gradient error with the loss it measures as the fix.
 */
import type * as TS from 'typescript';
import type { FrontEndProblem } from '../../engine/frontEnd';
import { closestName } from '../../engine/editDistance';
import { dominantQuote } from './codeRenderer';
import { resolveModel } from './modelResolution';
import { propertyName, unwrapExpression, type SyntaxTree } from './syntaxTree';
import { stringSource } from './layers';
import type { TfBindings } from './tfBindings';
import { TFJS_NAMESPACE_FUNCTIONS } from './tfNamespaceFunctions';
import { unknownMetricNames } from './metricNames';
import { pythonLossCalls } from './pythonLossCalls';
import { wordsAt } from './wordSearch';

export { TFJS_NAMESPACE_FUNCTIONS };

const MEMBER = /\b(losses|metrics)\s*\.\s*([A-Za-z_$][\w$]*)/g;

export function unknownTfCalls(tree: SyntaxTree, tf: TfBindings, outOfTime: () => boolean): FrontEndProblem[] {
  const ts = tree.ts;
  const out: FrontEndProblem[] = [];
  // The names of tf.losses and tf.metrics; a loss called on `tf` itself (below) needs neither word in the file.
  for (const m of tree.mayHaveName('losses', 'metrics') ? tree.text.matchAll(MEMBER) : []) {
    if (outOfTime()) break;
    const space = m[1] as 'losses' | 'metrics';
    const name = m[2];
    const known = TFJS_NAMESPACE_FUNCTIONS[space];
    const gradientless = space === 'metrics' && Object.hasOwn(GRADIENTLESS_METRICS, name);
    // A metric TF.js has is checked only where it may be called where it is passed (`metrics: [tf.metrics.precision()]`).
    if (known.includes(name) && !gradientless && !(space === 'metrics' && tree.text.startsWith('(', m.index! + m[0].length))) continue;
    const at = m.index + m[0].lastIndexOf(name);
    const id = tree.nodeAt(at, at + name.length);
    const access = tree.parent(id);
    if (!ts.isIdentifier(id) || !access || !ts.isPropertyAccessExpression(access) || access.name !== id || tf.path(access) !== `${space}.${name}`) continue;
    const calledMetric = known.includes(name) ? calledInMetrics(tree, access) : undefined;
    if (calledMetric) out.push(calledMetric);
    if (known.includes(name) && (!gradientless || calledMetric)) continue;
    if (gradientless) {
      const metric = compiledAsLoss(tree, tf, access, name);
      if (metric) out.push(metric);
      continue;
    }
    if (testedFor(tree, access)) continue;
    const call = tree.parent(access);
    const called = !!call && ts.isCallExpression(call) && call.expression === access;
    out.push(problem(tree, access, id, space, name, closestName(name, known), called));
  }
  out.push(...topLevelLosses(tree, tf, outOfTime), ...pythonLossCalls(tree, tf, (a) => testedFor(tree, a), outOfTime), ...lookedUpByName(tree, tf, outOfTime), ...unknownMetricNames(tree, tf));
  return out;
}

const LOOKUP = /\b(losses|metrics)\s*\[/g;

/**
 * `tf.losses[this.config.lossFunction](ys, preds)`, `loss: tf.losses[opts.loss]`: a loss looked up by a name the file
 * gives (a literal, or a setting's value or default, `lossFunction: 'categoricalCrossentropy'`) that tf.losses does
 * not have: the lookup is undefined, so calling it (or compiling with it) throws.
 */
function lookedUpByName(tree: SyntaxTree, tf: TfBindings, outOfTime: () => boolean): FrontEndProblem[] {
  const ts = tree.ts;
  const out: FrontEndProblem[] = [];
  for (const m of tree.text.matchAll(LOOKUP)) {
    if (outOfTime()) break;
    const space = m[1] as 'losses' | 'metrics';
    const id = tree.nodeAt(m.index!, m.index! + space.length);
    const holder = id && tree.parent(id);
    const access = holder && ts.isPropertyAccessExpression(holder) && holder.name === id ? tree.parent(holder) : undefined;
    if (!access || !ts.isElementAccessExpression(access) || access.expression !== holder || tf.path(holder as TS.Expression) !== space) continue;
    const key = stringSource(tree, access.argumentExpression);
    if (!key || TFJS_NAMESPACE_FUNCTIONS[space].includes(key.text) || lookupTested(tree, access)) continue;
    const closest = closestName(key.text, TFJS_NAMESPACE_FUNCTIONS[space]);
    const where = key.literal && key.literal !== unwrapExpression(ts, access.argumentExpression) ? ` (line ${tree.file.getLineAndCharacterOfPosition(tree.start(key.literal)).line + 1})` : '';
    out.push({
      code: 'unknown-loss',
      message: `tf.${space} has no function '${key.text}': tf.${space}[…] is undefined here, so calling it or compiling with it throws.`,
      detail: `The name is '${key.text}'${where}, and tf.${space} has no such function: the lookup gives undefined, so calling it throws TypeError "… is not a function" (model.compile() throws on an undefined loss).${closest ? ` tf.${space} has '${closest}'.` : ''} TF.js's tf.${space} holds ${TFJS_NAMESPACE_FUNCTIONS[space].join(', ')}.`,
      start: tree.start(access),
      end: access.end,
    });
  }
  return out;
}

/** `typeof tf.losses[name] === 'function' ? … : …`, `tf.losses[name] || fallback`, `tf.losses[name]?.(…)`: checked before use. */
function lookupTested(tree: SyntaxTree, access: TS.ElementAccessExpression): boolean {
  const ts = tree.ts;
  const parent = tree.parent(access);
  if (!parent) return false;
  if (ts.isTypeOfExpression(parent) || ts.isConditionalExpression(parent) && parent.condition === access || ts.isIfStatement(parent)) return true;
  if (ts.isBinaryExpression(parent) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(parent.operatorToken.kind)) return true;
  if (ts.isCallExpression(parent) && parent.expression === access && !!parent.questionDotToken) return true;
  // Used under a test of the same lookup (`typeof tf.losses[k] === 'function' ? tf.losses[k] : …`).
  const written = tree.compactSource(access);
  let child: TS.Node = access;
  for (const a of tree.ancestors(access)) {
    if (ts.isFunctionLike(a) || ts.isSourceFile(a)) return false;
    const test = ts.isConditionalExpression(a) && child !== a.condition ? a.condition : ts.isIfStatement(a) && child !== a.expression ? a.expression : ts.isBinaryExpression(a) && a.right === child && a.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? a.left : undefined;
    if (test && tree.compactSource(test).includes(written)) return true;
    child = a;
  }
  return false;
}

/** Loss and metric names TF.js has only in `tf.losses` or `tf.metrics` (none of them is on `tf` itself, a test checks). */
const NAMESPACED = [...new Set([...TFJS_NAMESPACE_FUNCTIONS.losses, ...TFJS_NAMESPACE_FUNCTIONS.metrics, 'sparseCategoricalCrossentropy'])];
const TOP_LEVEL_CALL = new RegExp(`\\.\\s*(${NAMESPACED.join('|')})\\s*\\(`, 'g');

/** `tf.softmaxCrossEntropy(labels, logits)`: a loss called on the namespace itself, where TF.js has none: the call throws. */
function topLevelLosses(tree: SyntaxTree, tf: TfBindings, outOfTime: () => boolean): FrontEndProblem[] {
  const ts = tree.ts;
  const out: FrontEndProblem[] = [];
  if (!tree.mayHaveName(...NAMESPACED)) return out;
  for (const m of tree.text.matchAll(TOP_LEVEL_CALL)) {
    if (outOfTime()) break;
    const name = m[1]!;
    const at = m.index! + m[0].indexOf(name);
    const id = tree.nodeAt(at, at + name.length);
    const access = tree.parent(id);
    if (!ts.isIdentifier(id) || !access || !ts.isPropertyAccessExpression(access) || access.name !== id || tf.path(access) !== name || testedFor(tree, access)) continue;
    const space = TFJS_NAMESPACE_FUNCTIONS.losses.includes(name) ? 'losses' : 'metrics';
    const written = tree.compactSource(access);
    out.push({
      code: 'unknown-loss',
      message: `${written} is not a TF.js function: the call throws.`,
      detail: `TF.js has ${name} in tf.${space}, not on tf itself: ${written} is undefined, so calling it throws TypeError "… is not a function" the first time this code runs.`,
      start: tree.start(access),
      end: access.end,
      fixes: [{ title: `Use ${space}.${name}`, edits: [{ start: tree.start(id), end: tree.start(id), text: `${space}.` }] }],
    });
  }
  return out;
}

/** A name only tested for: `typeof tf.losses.x`, `if (tf.losses.x)`, `tf.losses.x ? … : …`, `tf.losses.x || fallback`, `tf.losses.x?.(…)`. */
function testedFor(tree: SyntaxTree, access: TS.PropertyAccessExpression): boolean {
  const ts = tree.ts;
  let node: TS.Node = access;
  let parent = tree.parent(access);
  while (parent && ts.isParenthesizedExpression(parent)) [node, parent] = [parent, tree.parent(parent)];
  if (!parent) return false;
  // Defined here (`tf.losses.focalLoss = (…) => …`, a polyfill), compared with undefined or null, or made a boolean.
  if (ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  if (ts.isBinaryExpression(parent) && /^(undefined|null)$/.test(tree.source(parent.left === node ? parent.right : parent.left))) return true;
  if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'Boolean') return true;
  if (guardedUse(tree, access)) return true;
  if (ts.isTypeOfExpression(parent) || (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken)) return true;
  if ((ts.isIfStatement(parent) || ts.isConditionalExpression(parent)) && (parent as TS.IfStatement).expression === node) return true;
  if (ts.isConditionalExpression(parent) && parent.condition === node) return true;
  if (ts.isCallExpression(parent) && parent.expression === node && parent.questionDotToken) return true;
  const op = ts.isBinaryExpression(parent) && parent.left === node ? parent.operatorToken.kind : undefined;
  return op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.AmpersandAmpersandToken;
}

/**
 * A catch clause that gives something in place of what failed: it returns a value (not null), or assigns one, that is not the
 * caught error (`return fallback(…)`, `loss = ctcFallback(…)`), and it does not throw. A catch that records the error
 * (`lastError = e`), rewords it (`err.message = …`) or rethrows gives nothing in its place.
 */
function fallsBack(tree: SyntaxTree, clause: TS.CatchClause): boolean {
  const ts = tree.ts;
  const caught = clause.variableDeclaration && ts.isIdentifier(clause.variableDeclaration.name) ? clause.variableDeclaration.name.text : undefined;
  const ofError = (e: TS.Node) => caught !== undefined && !wordsAt(tree.source(e), caught, 0, undefined, true).next().done;
  let gives = false;
  let throws = false;
  const visit = (n: TS.Node): void => {
    if (throws || ts.isFunctionLike(n)) return;
    if (ts.isThrowStatement(n)) throws = true;
    else if (ts.isReturnStatement(n) && n.expression && !ofError(n.expression) && !/^(?:null|undefined|void\b.*)$/.test(tree.source(n.expression).trim())) gives = true;
    else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && !ofError(n.left) && !ofError(n.right)) gives = true;
    ts.forEachChild(n, visit);
  };
  visit(clause.block);
  return gives && !throws;
}

/**
 * A use under a test of the same name (`typeof tf.losses.x === 'function' ? tf.losses.x : …`, `tf.losses.x && tf.losses.x(…)`,
 * `'x' in tf.losses ? …`), or tried with a fallback (`try { tf.ctcLoss(…) } catch { return fallback(…); }`, not a catch that only logs): the code
 * expects it may be missing.
 */
function guardedUse(tree: SyntaxTree, access: TS.PropertyAccessExpression): boolean {
  const ts = tree.ts;
  const name = access.name.text;
  const mentions = (test: TS.Node) => { const text = tree.compactSource(test); return text.includes(`.${name}`) || text.includes(`'${name}'`) || text.includes(`"${name}"`); };
  let child: TS.Node = access;
  for (const a of tree.ancestors(access)) {
    if (ts.isFunctionLike(a) || ts.isSourceFile(a)) return false;
    if (ts.isConditionalExpression(a) && child !== a.condition && mentions(a.condition)) return true;
    if (ts.isIfStatement(a) && child !== a.expression && mentions(a.expression)) return true;
    if (ts.isBinaryExpression(a) && a.right === child && a.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && mentions(a.left)) return true;
    if (ts.isTryStatement(a) && child === a.tryBlock && a.catchClause && fallsBack(tree, a.catchClause)) return true;
    child = a;
  }
  return false;
}

/**
 * `tf.losses.x` → `tf.metrics.x`. Called with its tensors it is that call; called with none (`tf.losses.x()`, meant as
 * the function to pass) the call goes too; called with options alone (`{ fromLogits: true }`) there is no such form.
 */
function metricsFix(tree: SyntaxTree, access: TS.PropertyAccessExpression, at: TS.MemberName | undefined, name: string): { fixes?: FrontEndProblem['fixes'] } {
  if (!at || !tree.ts.isIdentifier(at) || at.text !== 'losses') return {};
  const call = tree.parent(access);
  const args = call && tree.ts.isCallExpression(call) && call.expression === access ? call.arguments.length : undefined;
  if (args === 0) return { fixes: [{ title: `Use tf.metrics.${name}`, edits: [{ start: tree.start(at), end: at.end, text: 'metrics' }, { start: access.end, end: call!.end, text: '' }] }] };
  if (args === 1) return {};
  return { fixes: [{ title: `Use tf.metrics.${name}`, edits: [{ start: tree.start(at), end: at.end, text: 'metrics' }] }] };
}

/**
 * `metrics: ['accuracy', tf.metrics.precision()]`: the metric called with no tensors where compile wants the function.
 * Measured with TF.js 4.22: every tf.metrics function called so throws where the compile arguments are built
 * ("Argument 'a' passed to 'equal' must be a Tensor or TensorLike, but got 'null'", or a TypeError), before training.
 */
function calledInMetrics(tree: SyntaxTree, access: TS.PropertyAccessExpression): FrontEndProblem | undefined {
  const ts = tree.ts;
  const call = tree.parent(access);
  if (!call || !ts.isCallExpression(call) || call.expression !== access || call.arguments.length > 0) return undefined;
  const list = tree.parent(call);
  const holder = list && ts.isArrayLiteralExpression(list) ? tree.parent(list) : list;
  if (!holder || !ts.isPropertyAssignment(holder) || propertyName(ts, holder.name) !== 'metrics') return undefined;
  const written = tree.compactSource(access);
  return {
    code: 'unknown-loss',
    message: `${written}() is called here, not passed: with no tensors it throws before the model trains.`,
    detail: `compile's metrics take a name or the function, which TF.js calls with (yTrue, yPred) each batch; ${written}() runs now, with no tensors, and throws where the compile arguments are built ("Argument … must be a Tensor or TensorLike, but got 'null'", or a TypeError for some metrics). Pass ${written} without the call.`,
    start: tree.start(access),
    end: call.end,
    fixes: [{ title: `Pass ${written}`, edits: [{ start: access.end, end: call.end, text: '' }], preferred: true }],
  };
}

function problem(tree: SyntaxTree, access: TS.PropertyAccessExpression, id: TS.Identifier, space: string, name: string, closest: string | undefined, called: boolean): FrontEndProblem {
  const written = tree.compactSource(access);
  // `tf.losses.binaryCrossentropy(ys, p)`: tf.metrics has it, on probabilities as written (the closest tf.losses name,
  // sigmoidCrossEntropy, takes logits and would apply a sigmoid again).
  const inMetrics = space === 'losses' && TFJS_NAMESPACE_FUNCTIONS.metrics.includes(name) ? access.expression : undefined;
  if (inMetrics) {
    const group = unwrapExpression(tree.ts, inMetrics);
    // `tf.losses` is edited to `tf.metrics`; a destructured `losses` has no `metrics` beside it to switch to.
    const at = tree.ts.isPropertyAccessExpression(group) ? group.name : undefined;
    return {
      code: 'unknown-loss',
      message: called ? `${written} is not a TF.js function: the call throws.` : `${written} is not a TF.js function: it is undefined, and calling it throws.`,
      detail: `TF.js has ${name} in tf.metrics, not tf.losses: ${written} is undefined, so ${called ? 'calling it' : 'the loss kept here, when it is called,'} throws TypeError "… is not a function". tf.metrics.${name} takes probabilities, as this code's name says.`,
      start: tree.start(access),
      end: access.end,
      ...(metricsFix(tree, access, at, name)),
    };
  }
  const suggestion = closest;
  const instead = suggestion ? ` Did you mean ${space}.${suggestion}?` : '';
  return {
    code: 'unknown-loss',
    message: called ? `${written} is not a TF.js function: the call throws.` : `${written} is not a TF.js function: it is undefined, and calling it throws.`,
    detail: `TF.js's tf.${space} has ${TFJS_NAMESPACE_FUNCTIONS[space as 'losses' | 'metrics'].join(', ')}; ${space}.${name} is undefined, so ${called ? 'calling it' : 'the loss kept here, when it is called,'} throws TypeError "… is not a function" the first time this code runs.${instead}`,
    start: tree.start(access),
    end: access.end,
    ...(suggestion ? { fixes: [{ title: `Use ${space}.${suggestion}`, edits: [{ start: tree.start(id), end: id.end, text: suggestion }] }] } : {}),
  };
}

/**
 * TF.js metrics that compare (measured with TF.js 4.22: model.fit throws "Cannot compute gradient: gradient function
 * not found for Equal" (accuracies) or "… for Greater" (precision, recall)), with the loss that trains for them.
 */
const GRADIENTLESS_METRICS: Readonly<Record<string, { kernel: string; loss: string }>> = {
  binaryAccuracy: { kernel: 'Equal', loss: 'binaryCrossentropy' },
  categoricalAccuracy: { kernel: 'Equal', loss: 'categoricalCrossentropy' },
  precision: { kernel: 'Greater', loss: 'binaryCrossentropy' },
  recall: { kernel: 'Greater', loss: 'binaryCrossentropy' },
};

/** `compile({ loss: tf.metrics.binaryAccuracy })` (or one entry of a loss list or map): a metric trained as the loss. */
function compiledAsLoss(tree: SyntaxTree, tf: TfBindings, access: TS.PropertyAccessExpression, name: string): FrontEndProblem | undefined {
  const ts = tree.ts;
  let value: TS.Node = access;
  let parent = tree.parent(value);
  // An entry of `loss: [a, b]` or `loss: { out: a }`.
  if (parent && (ts.isArrayLiteralExpression(parent) || (ts.isPropertyAssignment(parent) && parent.initializer === value && ts.isObjectLiteralExpression(tree.parent(parent) ?? parent) && propertyName(ts, parent.name) !== 'loss'))) {
    value = ts.isArrayLiteralExpression(parent) ? parent : tree.parent(parent)!;
    parent = tree.parent(value);
  }
  if (!parent || !ts.isPropertyAssignment(parent) || parent.initializer !== value || propertyName(ts, parent.name) !== 'loss') return undefined;
  const config = tree.parent(parent);
  const call = config && tree.parent(config);
  const callee = call && ts.isCallExpression(call) ? unwrapExpression(ts, call.expression) : undefined;
  if (!callee || !ts.isPropertyAccessExpression(callee) || callee.name.text !== 'compile') return undefined;
  const { kernel } = GRADIENTLESS_METRICS[name]!;
  // The loss that trains the model's own output: a softmax head wants the categorical one, a sigmoid the binary.
  const activation = resolveModel(tree, tf, callee.expression)?.activation;
  const loss = activation === 'softmax' ? 'categoricalCrossentropy' : activation === 'sigmoid' ? 'binaryCrossentropy' : GRADIENTLESS_METRICS[name]!.loss;
  const written = tree.compactSource(access);
  const quote = dominantQuote(tree.text);
  return {
    code: 'no-gradient',
    message: `${written} is a metric with no gradient in TF.js: model.fit throws.`,
    detail: `${written} compares the prediction with the targets (${kernel === 'Equal' ? 'tf.equal' : 'tf.greater'}), and TF.js has no gradient for ${kernel}: model.fit throws "Cannot compute gradient: gradient function not found for ${kernel}." Train with the loss it measures, ${loss}, and keep the metric in metrics to report it.`,
    start: tree.start(access),
    end: access.end,
    fixes: [{ title: `Use the loss ${quote}${loss}${quote}`, edits: [{ start: tree.start(access), end: access.end, text: `${quote}${loss}${quote}` }] }],
  };
}
