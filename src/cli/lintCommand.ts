import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as Lint from '../lint/index';
import { fixAll, partlyUnreadNote, readSettings, siteTitle, unreadNote } from '../service';
import { fileProject } from './fileProject';
import { loadLintBundle } from './lintBundle';
import { fixNotebook } from './notebookFix';
import { UsageError } from './usage';

export const LINT_HELP = `loss-lens lint [--fix] [--json | --format sarif] [--max-warnings N] [--file-budget MS] [--report-unread] <file | dir | glob>...

Lints TypeScript and JavaScript files (.ts .tsx .mts .cts .js .jsx .mjs .cjs), the <script> blocks of HTML pages
and Vue and Svelte components (.html .htm .vue .svelte), Python files (.py .pyw .pyi) and Jupyter notebooks (.ipynb);
folders are searched recursively, node_modules, .d.ts files and notebook checkpoints skipped.
For a notebook, positions count within a code cell: JSON rows carry "cell" (0-based among code cells), stylish
output and SARIF name the cell (1-based, as Jupyter shows it).

  --json              print an array of {file, cell?, line, column, endLine, endColumn, code, severity, message, detail?, fixes}
  --format NAME       stylish (default), json, or sarif (SARIF 2.1.0 for code-scanning services)
  --fix               apply the fix each problem prefers, lint again and repeat until nothing fixable is
                      left (as the editors' "Fix all Loss Lens problems"); the files are rewritten and the
                      problems left are reported
  --max-warnings N    exit 1 when there are more than N warnings (errors always exit 1)
  --color, --no-color force colours on or off (default: on for a terminal)
  --file-budget MS    time for each file's lint, in milliseconds (default 30000); a file that runs out, a
                      minified or generated file, and code nested past what people write are linted in part,
                      with a note on stderr
  --report-unread     also list, on stderr, every loss the lint found but could not read (so nothing in it
                      was checked), and every loss read without a term it could not read, with the reason:
                      silence about a file is then never mistaken for a clean one

Exit status: 0 when nothing exceeds the thresholds, 1 for errors or too many warnings, 2 for usage or I/O
errors, 3 when the lint of a file stopped on an internal error (a bug in loss-lens: the message is on
stderr; the other files are still linted and reported).`;

const FORMATS = ['stylish', 'json', 'sarif'] as const;
/** Per file: in CI a complete answer matters more than a fast one. */
const CLI_BUDGET_MS = 30_000;
const MAX_FILE_BUDGET_MS = 3_600_000;
type Format = (typeof FORMATS)[number];

function loadLint(): typeof Lint {
  const lint = loadLintBundle();
  if (!lint) throw new UsageError('lint: this build has no lint module (run node build.mjs)');
  return lint;
}

interface Target {
  /** As shown: the path as given, or relative to the working directory. */
  display: string;
  absolute: string;
}

function lintable(lint: typeof Lint, file: string): boolean {
  const lower = file.toLowerCase();
  return !lower.endsWith('.d.ts') && !lower.endsWith('.d.mts') && !lower.endsWith('.d.cts') && lint.LINTABLE_EXTENSIONS.some((e) => lower.endsWith(e));
}

function display(absolute: string): string {
  const rel = path.relative(process.cwd(), absolute);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : absolute;
}

/** tinyglobby through `require`: its CommonJS build, since fdir's ES build needs import.meta, which a CommonJS bundle lacks. */
function globber(): typeof import('tinyglobby') {
  return require('tinyglobby') as typeof import('tinyglobby');
}

async function collectTargets(lint: typeof Lint, args: string[]): Promise<Target[]> {
  const { glob, isDynamicPattern } = globber();
  const out = new Map<string, Target>();
  const pattern = `**/*.{${lint.LINTABLE_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`;
  for (const arg of args) {
    const absolute = path.resolve(arg);
    if (existsSync(absolute)) {
      const stat = statSync(absolute);
      if (stat.isDirectory()) {
        const found = await glob(pattern, { cwd: absolute, absolute: true, ignore: ['**/node_modules/**', '**/.ipynb_checkpoints/**'], dot: false });
        for (const f of found.sort()) if (lintable(lint, f)) out.set(path.resolve(f), { display: display(path.resolve(f)), absolute: path.resolve(f) });
      } else if (stat.isFile()) {
        if (!lint.LINTABLE_EXTENSIONS.some((e) => absolute.toLowerCase().endsWith(e))) {
          throw new UsageError(`${arg}: not a TypeScript, JavaScript, Python or notebook file (${lint.LINTABLE_EXTENSIONS.join(' ')})`);
        }
        out.set(absolute, { display: arg, absolute });
      } else {
        throw new UsageError(`${arg}: not a file or a folder`);
      }
    } else if (isDynamicPattern(arg)) {
      const found = await glob(arg, { absolute: true, ignore: ['**/node_modules/**'] });
      const files = found.filter((f) => lintable(lint, f)).sort();
      if (files.length === 0) throw new UsageError(`no TypeScript, JavaScript, Python or notebook files match '${arg}'`);
      for (const f of files) out.set(path.resolve(f), { display: display(path.resolve(f)), absolute: path.resolve(f) });
    } else {
      throw new UsageError(`${arg}: no such file or folder`);
    }
  }
  return [...out.values()];
}

function readOptions(values: Record<string, unknown>): { format: Format; maxWarnings: number; budgetMs: number } {
  if (values.json && values.format !== undefined && values.format !== 'json') throw new UsageError('--json and --format are exclusive; use one');
  const format = (values.json ? 'json' : (values.format as string | undefined) ?? 'stylish') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got '${format}'`);
  let maxWarnings = Infinity;
  if (values['max-warnings'] !== undefined) {
    const raw = String(values['max-warnings']);
    if (!/^\d+$/.test(raw)) throw new UsageError(`--max-warnings expects a whole number of warnings, got '${raw}'`);
    maxWarnings = Number(raw);
  }
  let budgetMs = CLI_BUDGET_MS;
  if (values['file-budget'] !== undefined) {
    const raw = String(values['file-budget']);
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_FILE_BUDGET_MS) throw new UsageError(`--file-budget expects a whole number of milliseconds from 1 to ${MAX_FILE_BUDGET_MS}, got '${raw}'`);
    budgetMs = Number(raw);
  }
  return { format, maxWarnings, budgetMs };
}

export async function runLint(argv: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean' },
      format: { type: 'string' },
      'max-warnings': { type: 'string' },
      fix: { type: 'boolean' },
      'file-budget': { type: 'string' },
      'report-unread': { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    out(LINT_HELP);
    return 0;
  }
  const { format, maxWarnings, budgetMs } = readOptions(values);
  if (positionals.length === 0) throw new UsageError('lint: give files, folders or globs to lint, e.g. loss-lens lint src');
  const lint = loadLint();
  const targets = await collectTargets(lint, positionals);
  const files: Lint.FileResult[] = [];
  const failures: string[] = [];
  const partial: string[] = [];
  const project = fileProject();
  for (const t of targets) {
    let text: string;
    try {
      text = readFileSync(t.absolute, 'utf8');
    } catch (err) {
      throw new UsageError(`${t.display}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    const lintFile = (source: string) => lint.lintText(source, t.absolute, { budgetMs, project });
    let result = lintFile(text);
    if (values.fix && !result.internalError) {
      const settings = readSettings(() => undefined, lint.RULE_META.map((m) => m.code));
      // A notebook's fix edits are relative to its code cells: they are applied to the cells, not to the JSON.
      const fixed = /\.ipynb$/i.test(t.absolute)
        ? notebookFixed(fixNotebook(text, (cells) => lint.lintNotebookCells(cells, t.absolute, { budgetMs, project }), settings))
        : await fixAll(text, result, async (source) => lintFile(source), settings);
      if (fixed && fixed.text !== text) {
        try {
          writeFileSync(t.absolute, fixed.text);
        } catch (err) {
          throw new UsageError(`${t.display}: cannot write the fixed file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
        }
        process.stderr.write(`loss-lens: fixed ${fixed.applied} problem${fixed.applied === 1 ? '' : 's'} in ${t.display}\n`);
        text = fixed.text;
        result = fixed.result;
      }
    }
    if (result.internalError) failures.push(`${t.display}: ${result.internalError}`);
    else if (result.incomplete) partial.push(`${t.display}: ${result.incompleteReason ?? `the time budget (--file-budget ${budgetMs}) ran out before every loss was checked`}`);
    files.push({ file: t.display, text, result });
  }
  const color = values['no-color'] ? false : values.color === true || (process.stdout.isTTY === true && !process.env.NO_COLOR);
  if (format === 'json') out(JSON.stringify(files.flatMap(jsonRows), null, 2));
  else if (format === 'sarif') out(lint.formatSarif(files, { rootUri: `${pathToFileURL(process.cwd()).href}/` }));
  else {
    const text = lint.formatStylish(files, { color });
    if (text) out(text);
  }
  for (const p of partial) process.stderr.write(`loss-lens: linted in part: ${p}\n`);
  if (values['report-unread']) for (const line of files.flatMap(unreadLines)) process.stderr.write(`loss-lens: ${line}\n`);
  for (const f of failures) process.stderr.write(`loss-lens: internal error while linting ${f}\n`);
  const all = files.flatMap((f) => f.result.diagnostics);
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.filter((d) => d.severity === 'warning').length;
  if (warnings > maxWarnings) process.stderr.write(`loss-lens: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}\n`);
  if (failures.length) return 3;
  return errors > 0 || warnings > maxWarnings ? 1 : 0;
}

/** `file:line:column: title: why`, for each loss of the file that was found but not read (a notebook names the cell). */
function unreadLines(f: Lint.FileResult): string[] {
  const seen = new Set<string>();
  return f.result.sites.flatMap((s) => {
    const note = s.unreadable !== undefined ? unreadNote(s.unreadable) : s.partlyUnread !== undefined ? partlyUnreadNote(s.partlyUnread) : undefined;
    if (note === undefined || s.kind === 'operation') return [];
    const cell = (s as { cell?: number }).cell;
    const where = cell !== undefined ? `${f.file} cell ${cell + 1}` : `${f.file}:${positionOf(f.text, s.anchorStart)}`;
    const line = `${where}: ${siteTitle(s)}: ${note}`;
    if (seen.has(line)) return [];
    seen.add(line);
    return [line];
  });
}

function positionOf(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length;
  return `${line}:${before.length - before.lastIndexOf('\n')}`;
}

function jsonRows(f: Lint.FileResult) {
  return f.result.diagnostics.map((d) => ({
    file: f.file,
    ...(d.cell !== undefined ? { cell: d.cell } : {}),
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.detail ? { detail: d.detail } : {}),
    fixes: d.fixes,
  }));
}

function notebookFixed(outcome: ReturnType<typeof fixNotebook>): { text: string; applied: number; result: Lint.LintResult } | undefined {
  return outcome && { text: outcome.json, applied: outcome.applied, result: outcome.result };
}
