/** Bad command-line input: exit status 2 with one line on stderr. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `loss-lens: see what a machine-learning loss really is

Usage:
  loss-lens analyze [--json] [--wrt NAME] [--set NAME=VALUE]... [--domain LO:HI] [--activation NAME] [--precision P] "<expression>"
  loss-lens lint [--fix] [--json | --format sarif] [--max-warnings N] [--file-budget MS] <file | dir | glob>...
  loss-lens preview [--set …] [--activation …] [--domain …] --out FILE.html "<expression>"
  loss-lens preview --out FILE.html --file SRC.ts --line N
  loss-lens lsp --stdio

An expression that starts with '-' goes after '--':  loss-lens analyze -- "-log(p)"
Run 'loss-lens <command> --help' for the options of one command.

Exit status: 0 done, 1 lint errors or too many warnings, 2 bad input or usage (one line on stderr),
3 an internal error (a bug in loss-lens, named on stderr).`;
