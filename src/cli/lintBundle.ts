import { existsSync } from 'node:fs';
import path from 'node:path';
import type * as Lint from '../lint/index';

/**
 * The lint bundle beside this CLI bundle (dist/lint.cjs, built separately): it carries the TypeScript
 * parser, so only the commands that read source load it. Undefined in a partial build.
 */
export function loadLintBundle(): typeof Lint | undefined {
  const file = path.join(__dirname, 'lint.cjs');
  if (!existsSync(file)) return undefined;
  return require(file) as typeof Lint;
}
