/**
 * A field the file tests against both 0 and 1 (`trainingData.filter((g) => g.expected === 1)` beside `=== 0`, `if
 * (row.label == 0)`): a 0/1 label, however the rows were read (`parseFloat(cols[0])` of a CSV says nothing of it).
 * Only equality tests count, with the field read off some row (`g.expected`), never a bare name: a loop counter or a
 * flag compared with 0 is no target.
 */
import type { TargetEvidence } from '../../engine/frontEnd';
import type { SyntaxTree } from './syntaxTree';

/** Class targets, when the file compares `.name` with 0 and with 1: the lines of the first of each. */
export function comparedLabels(tree: SyntaxTree, name: string): TargetEvidence | undefined {
  if (!/^[A-Za-z_$][\w$]*$/.test(name) || !tree.text.includes(name)) return undefined;
  const field = `\\.\\s*${name.replace(/\$/g, '\\$')}(?![\\w$])`;
  const equality = '(?:===?|!==?)';
  const after = new RegExp(`${field}\\s*${equality}\\s*([01])(?![\\w.])`, 'g');
  const before = new RegExp(`(?<![\\w.])([01])\\s*${equality}\\s*[\\w$.\\]\\[]*${field}`, 'g');
  const found: { zero?: number; one?: number } = {};
  for (const re of [after, before]) {
    for (const m of tree.text.matchAll(re)) {
      const line = tree.file.getLineAndCharacterOfPosition(m.index!).line + 1;
      if (m[1] === '0') found.zero ??= line;
      else found.one ??= line;
    }
  }
  if (found.zero === undefined || found.one === undefined) return undefined;
  return { kind: 'classes', because: `the targets are compared with 0 and 1 (lines ${Math.min(found.zero, found.one)}, ${Math.max(found.zero, found.one)})` };
}
