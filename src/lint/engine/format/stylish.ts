/** ESLint-style "stylish" text output of lint results. */
import type { LintResult } from '../types';

/** One linted file for the formatters: the path as shown, its text and what the lint found. */
export interface FileResult {
  file: string;
  text: string;
  result: LintResult;
}

export interface StylishOptions {
  color?: boolean;
}

const COLORS = { red: 31, yellow: 33, cyan: 36, gray: 90, bold: 1, underline: 4 } as const;

/** Text output in the shape of ESLint's default "stylish" formatter. */
export function formatStylish(files: readonly FileResult[], options: StylishOptions = {}): string {
  const paint = (c: keyof typeof COLORS, s: string) => (options.color ? `\u001b[${COLORS[c]}m${s}\u001b[0m` : s);
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of files) {
    const ds = f.result.diagnostics;
    const notes: string[] = [];
    if (f.result.internalError) notes.push(`lint stopped on an internal error: ${f.result.internalError}`);
    else if (f.result.incomplete) notes.push(f.result.incompleteReason ?? 'not every loss was analysed within the time budget');
    if (ds.length === 0 && notes.length === 0) continue;
    out.push(paint('underline', f.file));
    const rows = ds.map((d) => [`${d.cell !== undefined ? `cell ${d.cell + 1} ` : ''}${d.line}:${d.column}`, d.severity, d.message.replace(/\s*\n\s*/g, ' '), d.code]);
    const w0 = Math.max(0, ...rows.map((r) => r[0].length));
    const w1 = Math.max(0, ...rows.map((r) => r[1].length));
    for (const [pos, sev, msg, code] of rows) {
      const color = sev === 'error' ? 'red' : sev === 'warning' ? 'yellow' : 'cyan';
      out.push(`  ${paint('gray', pos.padEnd(w0))}  ${paint(color, sev.padEnd(w1))}  ${msg}  ${paint('gray', code)}`);
      if (sev === 'error') errors++;
      else if (sev === 'warning') warnings++;
      else infos++;
    }
    for (const n of notes) out.push(`  ${paint('gray', `note: ${n}`)}`);
    out.push('');
  }
  const total = errors + warnings + infos;
  if (total > 0) {
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
    if (infos) parts.push(plural(infos, 'info'));
    out.push(paint(errors ? 'red' : warnings ? 'yellow' : 'cyan', paint('bold', `✖ ${plural(total, 'problem')} (${parts.join(', ')})`)));
  }
  return out.join('\n');
}
