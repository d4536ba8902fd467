/**
 * Where a PyTorch criterion object is applied, when that is not beside its constructor: the object handed to a
 * training function (`train(model, loader, criterion)` → `criterion(out, y)` in `train`), to a method of the
 * model or a trainer (`model.add_loss_op(nll)` storing `self.loss_op = loss_op`, then `self.loss_op(y_pred, y)`
 * in `run_epoch`), or to a trainer's constructor. The receiving function may sit in another file of the project.
 */
import type { PyFile } from './pyFile';
import { ancestors, callArgs, definedName, descendants, dottedPath, parameters, unparen, type PyNode } from './syntax';

/** A call that applies the criterion, in the file it is written in. */
export interface CriterionUse {
  file: PyFile;
  call: PyNode;
}

const MAX_FORWARDS = 2;
const DEVICE_MOVES = /^(cuda|cpu|to|eval|train)$/;

/** Calls of the criterion bound to `names` (`crit`, `self.crit`) after `after` in `file`, followed into the functions it is handed to. */
export function criterionUses(file: PyFile, names: Set<string>, after: number, depth = 0): CriterionUse[] {
  const src = file.src;
  const out: CriterionUse[] = [];
  for (const call of src.all('CallExpression')) {
    if (call.from <= after) continue;
    if (names.has(src.source(unparen(call.children[0])))) {
      out.push({ file, call });
      continue;
    }
    if (depth >= MAX_FORWARDS) continue;
    const args = callArgs(src, call);
    for (const a of [...args.positional, ...args.keywords.values()]) if (names.has(src.source(unparen(a)))) out.push(...handedUses(file, call, a, depth));
  }
  return out;
}

/** The criterion passed as `arg` of `call` (`train(model, loader, crit)`, `model.set_loss(nn.NLLLoss())`): its calls in the receiving function. */
export function handedUses(file: PyFile, call: PyNode, arg: PyNode, depth = 0): CriterionUse[] {
  const src = file.src;
  const args = callArgs(src, call);
  const receiver = receivingFunction(file, call);
  if (!receiver || depth >= MAX_FORWARDS) return [];
  const params = parameters(receiver.file.src, receiver.def);
  const offset = receiver.method && (params[0]?.name === 'self' || params[0]?.name === 'cls') ? 1 : 0;
  const key = [...args.keywords].find(([, v]) => v === arg)?.[0];
  const i = args.positional.indexOf(arg);
  const param = key !== undefined ? params.find((p) => p.name === key) : args.spread || i < 0 ? undefined : params[i + offset];
  return param ? usesOfParameter(receiver.file, receiver.def, param.name, depth + 1) : [];
}

/** Inside `def`, the calls of its parameter `name`, or of the `self.<attr>` the parameter is stored in. */
function usesOfParameter(file: PyFile, def: PyNode, name: string, depth: number): CriterionUse[] {
  const src = file.src;
  const names = new Set([name]);
  const inner = criterionUses(file, names, def.from, depth).filter((u) => def.from <= u.call.from && u.call.to <= def.to);
  const cls = [...ancestors(def)].find((a) => a.type === 'ClassDefinition');
  if (!cls) return inner;
  const stored = new Set<string>();
  for (const a of descendants(def)) {
    if (a.type !== 'AssignStatement' || a.children.length !== 3 || src.source(unparen(a.children[2])) !== name) continue;
    const target = dottedPath(src, a.children[0]);
    if (target?.length === 2 && target[0] === 'self') stored.add(target.join('.'));
  }
  if (stored.size === 0) return inner;
  const inClass = criterionUses(file, stored, cls.from, depth).filter((u) => cls.from <= u.call.from && u.call.to <= cls.to);
  return [...inner, ...inClass];
}

/** The function a call runs, with the file it is defined in: a function, a class's `__init__`, an object's method. */
function receivingFunction(file: PyFile, call: PyNode): { file: PyFile; def: PyNode; method: boolean } | undefined {
  const src = file.src;
  const callee = unparen(call.children[0]);
  if (callee.type === 'VariableName') {
    const name = src.source(callee);
    const local = file.scope.function(name, call);
    if (local?.type === 'FunctionDefinition') return { file, def: local, method: false };
    const cls = classNamed(file, name);
    if (cls) {
      const init = cls.file.scope.method(cls.def, '__init__');
      return init ? { file: cls.file, def: init, method: true } : undefined;
    }
    const imported = file.importedDefinition(name);
    return imported?.def.type === 'FunctionDefinition' ? { ...imported, method: false } : undefined;
  }
  if (callee.type !== 'MemberExpression' || callee.children[1]?.type !== 'PropertyName') return undefined;
  const cls = classOfObject(file, unparen(callee.children[0]));
  const method = cls && cls.file.scope.method(cls.def, src.source(callee.children[1]));
  return method ? { file: cls.file, def: method, method: true } : undefined;
}

/** The class an object is an instance of: `self` inside a class, `model = TextCNN(…)` (also `.cuda()`-moved). */
function classOfObject(file: PyFile, ref: PyNode): { file: PyFile; def: PyNode } | undefined {
  const src = file.src;
  if (ref.type !== 'VariableName') return undefined;
  const name = src.source(ref);
  if (name === 'self') {
    const cls = file.values.classOfNode(ref);
    return cls ? { file, def: cls } : undefined;
  }
  const assigned = file.values.assigned(name, ref);
  if (!assigned || assigned.partial) return undefined;
  let value = unparen(assigned.value);
  while (value.type === 'CallExpression') {
    const callee = unparen(value.children[0]);
    if (callee.type === 'MemberExpression' && callee.children[1]?.type === 'PropertyName' && DEVICE_MOVES.test(src.source(callee.children[1]))) {
      value = unparen(callee.children[0]);
      continue;
    }
    const ctor = dottedPath(src, callee);
    return ctor ? classNamed(file, ctor.join('.')) : undefined;
  }
  return undefined;
}

function classNamed(file: PyFile, name: string): { file: PyFile; def: PyNode } | undefined {
  const local = file.scope.classNamed(name);
  if (local) return { file, def: local };
  const imported = file.importedDefinition(name);
  return imported?.def.type === 'ClassDefinition' && definedName(imported.file.src, imported.def) === name.split('.').pop() ? imported : undefined;
}
