/**
 * Experiment configurations written as dictionaries: one dictionary (nested sections included) that names the loss
 * (`'loss'`, `'loss_function'`, `'criterion'`) and lists the model's layers (`'model'`, `'layers'`) describes one
 * compiled model, whatever code later builds it. Read only when the dictionary holds exactly one of each.
 */
import type { PyFile } from './pyFile';
import { stringValue, unparen, type PyNode } from './syntax';

export interface Configuration {
  loss: PyNode;
  layers: PyNode;
}

const LOSS_KEY = /^(loss|loss_?(fn|func|function|object)|criterion|objective)$/i;
const LAYERS_KEY = /^(model|layers|model_layers|architecture|network)$/i;

export function configurations(file: PyFile): Configuration[] {
  const out: Configuration[] = [];
  for (const dict of file.src.all('DictionaryExpression')) {
    if (dict.parent && [...enclosingDicts(dict)].length > 0) continue;
    const losses: PyNode[] = [];
    const layers: PyNode[] = [];
    if (!collect(file, dict, losses, layers, 0)) continue;
    if (losses.length === 1 && layers.length === 1) out.push({ loss: losses[0], layers: layers[0] });
  }
  return out;
}

function* enclosingDicts(n: PyNode): Generator<PyNode> {
  for (let a = n.parent; a; a = a.parent) if (a.type === 'DictionaryExpression') yield a;
}

/** The loss and layer-list entries of a dictionary and its nested sections; false when a `**spread` hides entries. */
function collect(file: PyFile, dict: PyNode, losses: PyNode[], layers: PyNode[], depth: number): boolean {
  const kids = dict.children;
  if (depth > 3 || kids.some((k) => k.type === '**')) return false;
  for (let i = 0; i + 1 < kids.length; i += 2) {
    const key = stringValue(file.src, kids[i]);
    const value = unparen(kids[i + 1]);
    if (value.type === 'DictionaryExpression') {
      if (!collect(file, value, losses, layers, depth + 1)) return false;
    } else if (key !== undefined && LOSS_KEY.test(key)) {
      losses.push(value);
    } else if (key !== undefined && LAYERS_KEY.test(key) && value.type === 'ArrayExpression' && value.children.length > 0 && value.children.every((c) => c.type === 'CallExpression')) {
      layers.push(value);
    }
  }
  return true;
}
