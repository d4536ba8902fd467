import { symbolsOf, walk, type Node } from '../expression/ast';
import { compile } from '../expression/evaluate';
import { parseExpression } from '../expression/parse';
import { CATALOG, type CatalogLoss } from './losses';

/**
 * Recognises a standard loss written by hand, whatever its algebraic form and parameter values: the
 * custom `-(yTrue*log(yPred) + (1-yTrue)*log(1-yPred))` is binary cross-entropy, a conditional with 2 in
 * it is Huber with δ = 2. Both are evaluated at the same points; parameters are tried at the values the
 * expression itself contains.
 */
export interface CatalogMatch {
  id: string;
  name: string;
  parameters: Record<string, number>;
  /** 'binary' when the two agree only for targets 0 and 1 (e.g. `y == 1 ? -log(p) : -log(1 - p)`). */
  agreement: 'all' | 'binary';
}

interface Prepared {
  loss: CatalogLoss;
  params: string[];
  hasTarget: boolean;
  /** The catalog formula over (prediction, y, ...params). */
  evaluate: (v: ArrayLike<number>) => number;
}

let prepared: Prepared[] | undefined;

function catalogTrees(): Prepared[] {
  prepared ??= CATALOG.map((loss) => {
    const { ast } = parseExpression(loss.expression);
    const params = Object.keys(loss.parameters);
    return { loss, params, hasTarget: symbolsOf(ast).has('y'), evaluate: compile(ast, [loss.prediction, 'y', ...params]) };
  })
    // Fewer parameters first: -y*log(p) is categorical cross-entropy, not focal with α = 1, γ = 0.
    .sort((a, b) => a.params.length - b.params.length);
  return prepared;
}

const PROBABILITY_POINTS = [0.13, 0.37, 0.61, 0.88, 0.02, 0.97, 0.5];
const REAL_POINTS = [-1.7, 2.3, 0.4, -0.35, 3.1, 8.5, -12.25, 41];
const CONTINUOUS_TARGETS = [0.3, 0.8, -0.6, 1.7];
const BINARY_TARGETS = [0, 1];
const SIGN_TARGETS = [-1, 1];

function numbersIn(ast: Node): number[] {
  const out = new Set<number>();
  walk(ast, (n) => {
    if (n.kind === 'num') {
      out.add(n.value);
      out.add(n.value / 2);
      out.add(n.value * 2);
      out.add(Math.sqrt(n.value));
      out.add(1 - n.value);
    }
  });
  return [...out].filter(Number.isFinite);
}

/**
 * @param values values of the user's parameters (set or assumed), by name
 */
export function recognizeLoss(
  ast: Node,
  roles: { prediction: string; target?: string },
  values: ReadonlyMap<string, number>,
): CatalogMatch | undefined {
  const userSymbols = [...symbolsOf(ast)];
  const userVars = [roles.prediction, ...(roles.target ? [roles.target] : []), ...userSymbols.filter((s) => s !== roles.prediction && s !== roles.target)];
  const user = compile(ast, userVars);
  const userVals = userVars.map((s, i) => (i === 0 ? 0 : s === roles.target ? 0 : values.get(s) ?? 1));
  // A loss that does not move with the prediction at these values (a PPO surrogate whose advantage `returns - values`
  // is 0 when both are 1) is no loss of the catalog, however well a degenerate parameter (Huber with δ = 0) agrees.
  if (constantInPrediction(user, userVals, roles.target !== undefined)) return undefined;
  const constants = numbersIn(ast);
  for (const v of values.values()) constants.push(v);
  for (const entry of catalogTrees()) {
    const { hasTarget } = entry;
    if (hasTarget !== (roles.target !== undefined)) continue;
    const candidates = entry.params.map((p) => dedupe([entry.loss.parameters[p], ...constants]));
    for (const combo of combinations(candidates, 400)) {
      const agreement = compare(user, userVals, entry.evaluate, combo, entry.loss, hasTarget);
      if (agreement) {
        return {
          id: entry.loss.id,
          name: entry.loss.name,
          parameters: Object.fromEntries(entry.params.map((p, i) => [p, combo[i]])),
          agreement,
        };
      }
    }
  }
  return undefined;
}

function constantInPrediction(user: (v: ArrayLike<number>) => number, userVals: number[], hasTarget: boolean): boolean {
  const vals = userVals.slice();
  for (const y of hasTarget ? BINARY_TARGETS : [0]) {
    if (hasTarget) vals[1] = y;
    const seen: number[] = [];
    for (const x of [...PROBABILITY_POINTS, ...REAL_POINTS]) {
      vals[0] = x;
      const v = user(vals);
      if (Number.isFinite(v)) seen.push(v);
    }
    if (seen.some((v) => !close(v, seen[0]!))) return false;
  }
  return true;
}

function dedupe(xs: number[]): number[] {
  return [...new Set(xs)];
}

function* combinations(lists: number[][], limit: number): Generator<number[]> {
  let count = 0;
  const rec = function* (i: number, acc: number[]): Generator<number[]> {
    if (count >= limit) return;
    if (i === lists.length) {
      count++;
      yield acc.slice();
      return;
    }
    for (const v of lists[i]) {
      acc.push(v);
      yield* rec(i + 1, acc);
      acc.pop();
    }
  };
  yield* rec(0, []);
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * (1 + Math.max(Math.abs(a), Math.abs(b)));
}

function compare(
  user: (v: ArrayLike<number>) => number,
  userVals: number[],
  f: (v: ArrayLike<number>) => number,
  params: number[],
  loss: CatalogLoss,
  hasTarget: boolean,
): 'all' | 'binary' | undefined {
  const xs = loss.predictionKind === 'probability' ? PROBABILITY_POINTS : [...REAL_POINTS, ...PROBABILITY_POINTS.slice(0, 3)];
  const discrete = loss.targetKind === 'sign' ? SIGN_TARGETS : BINARY_TARGETS;
  const agreeOn = (targets: number[]): boolean => {
    let compared = 0;
    const cv = [0, 0, ...params];
    for (const y of hasTarget ? targets : [0]) {
      for (const x of xs) {
        userVals[0] = x;
        if (hasTarget) userVals[1] = y;
        cv[0] = x;
        cv[1] = y;
        const a = user(userVals);
        const b = f(cv);
        if (Number.isFinite(a) !== Number.isFinite(b)) return false;
        if (!Number.isFinite(a)) continue;
        if (!close(a, b)) return false;
        compared++;
      }
    }
    return compared >= 4;
  };
  if (!agreeOn(discrete)) return undefined;
  if (!hasTarget || agreeOn(CONTINUOUS_TARGETS)) return 'all';
  return loss.targetKind === 'binary' || loss.targetKind === 'sign' || loss.targetKind === 'one-hot' ? 'binary' : undefined;
}
