/**
 * Code actions over the lint's fixes: a quick fix per fix of each shown problem, and "Fix all Loss Lens
 * problems" (`source.fixAll.lossLens`, also `lint --fix`): apply the fix each problem prefers, lint the result
 * again, and repeat until nothing is left to fix, a bounded number of rounds; the host applies the whole
 * change as one edit, so one undo restores the file.
 */
import type { LintDiagnostic, LintResult, SourceFix } from '../lint/index';
import type { CancellationLike } from './document';
import { applyOffsetEdits, findLintDiagnostic, orderedEdits, type OffsetEdit } from './fixEdits';
import { effectiveSeverity } from './severity';
import type { Settings } from './settings';

export const QUICK_FIX_KIND = 'quickfix';
export const FIX_ALL_KIND = 'source.fixAll.lossLens';
export const FIX_ALL_TITLE = 'Fix all Loss Lens problems';
/** Each round fixes every problem it can at once; a fix that uncovers another is caught by the next round. */
export const MAX_FIX_ALL_ROUNDS = 8;

/** A problem as an editor shows it: its code and range (offsets into the current text). */
export interface ShownProblem {
  code: string;
  start: number;
  end: number;
}

export interface QuickFix<P extends ShownProblem> {
  title: string;
  preferred: boolean;
  edits: OffsetEdit[];
  problem: P;
}

/** The quick fixes for the problems an editor asks about; fixes that do not fit the text are left out. */
export function quickFixes<P extends ShownProblem>(diagnostics: readonly LintDiagnostic[], textLength: number, problems: readonly P[]): QuickFix<P>[] {
  const out: QuickFix<P>[] = [];
  for (const problem of problems) {
    const lint = findLintDiagnostic(diagnostics, problem);
    for (const fix of lint?.fixes ?? []) {
      const edits = orderedEdits(fix.edits, textLength);
      if (edits) out.push({ title: fix.title, preferred: fix.preferred === true, edits, problem });
    }
  }
  return out;
}

/** The fix "Fix all" applies for a problem: the one it prefers, or its only fix. */
export function fixAllChoice(diagnostic: LintDiagnostic): SourceFix | undefined {
  return diagnostic.fixes.find((f) => f.preferred) ?? (diagnostic.fixes.length === 1 ? diagnostic.fixes[0] : undefined);
}

/** One round: the chosen fix of every shown problem whose edits do not overlap an earlier one's, in text order. */
export function fixAllRound(diagnostics: readonly LintDiagnostic[], settings: Settings, textLength: number): { edits: OffsetEdit[]; fixes: number } {
  const taken: OffsetEdit[] = [];
  const seen = new Set<string>();
  for (const d of diagnostics) {
    if (!effectiveSeverity(d.code, d.severity, settings.severity)) continue;
    const fix = fixAllChoice(d);
    const edits = fix && orderedEdits(fix.edits, textLength);
    if (!edits) continue;
    const key = JSON.stringify(edits);
    if (seen.has(key)) continue;
    const combined = orderedEdits([...taken, ...edits], textLength);
    if (!combined) continue;
    seen.add(key);
    taken.push(...edits);
  }
  return { edits: orderedEdits(taken, textLength) ?? [], fixes: seen.size };
}

export interface FixAllOutcome {
  /** The text after every round. */
  text: string;
  rounds: number;
  /** Fixes applied over all rounds. */
  applied: number;
  /** The lint result of the final text. */
  result: LintResult;
}

/**
 * Fixes every fixable problem of a text: rounds of `fixAllRound`, each followed by a fresh lint of the result,
 * until a round has nothing to apply, the text comes back to one seen before, or `maxRounds` is reached.
 * Undefined when cancelled.
 */
export async function fixAll(
  text: string,
  first: LintResult,
  lint: (text: string) => Promise<LintResult>,
  settings: Settings,
  token?: CancellationLike,
  maxRounds = MAX_FIX_ALL_ROUNDS,
): Promise<FixAllOutcome | undefined> {
  let current = text;
  let result = first;
  let applied = 0;
  let rounds = 0;
  const seen = new Set([text]);
  while (rounds < maxRounds) {
    const { edits, fixes } = fixAllRound(result.diagnostics, settings, current.length);
    if (edits.length === 0) break;
    const next = applyOffsetEdits(current, edits);
    if (seen.has(next)) break;
    seen.add(next);
    rounds++;
    applied += fixes;
    current = next;
    result = await lint(current);
    if (token?.isCancellationRequested) return undefined;
  }
  return { text: current, rounds, applied, result };
}

/** The one edit that turns `before` into `after`: the changed middle between their common prefix and suffix. */
export function replacementEdit(before: string, after: string): OffsetEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < shorter - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}
