/**
 * The options of `lintText` checked where they enter: a value of the wrong type or out of range (an ε of '1e-3',
 * NaN or 2, an activation that is not one, a budget of Infinity, a precision named '__proto__') is ignored and its
 * default applies, so no bad value reaches an analysis, a message or a fix. A project whose `readFile` throws or
 * answers something other than text is read as a project without that file; a listing that throws, as no listing.
 */
import { isActivation, isPrecision, type Activation } from '../../core';
import type { ProjectFiles } from './project';
import type { LintOptions, Precision } from './types';

export const DEFAULT_BUDGET_MS = 5000;
export const DEFAULT_EPSILON = 1e-7;

export interface ResolvedLintOptions {
  epsilon: number;
  defaultActivation?: Activation;
  budgetMs: number;
  precision: Precision;
  project?: ProjectFiles;
}

/** The options to lint with: each valid one as given, the default for the others. */
export function resolveLintOptions(options: unknown): ResolvedLintOptions {
  const o: { [K in keyof LintOptions]?: unknown } = options !== null && typeof options === 'object' ? options : {};
  const { epsilon, defaultActivation: activation, budgetMs, precision } = o;
  const project = guardedProject(o.project);
  return {
    epsilon: typeof epsilon === 'number' && epsilon > 0 && epsilon < 0.5 ? epsilon : DEFAULT_EPSILON,
    ...(typeof activation === 'string' && isActivation(activation) ? { defaultActivation: activation } : {}),
    budgetMs: typeof budgetMs === 'number' && budgetMs > 0 && Number.isFinite(budgetMs) ? budgetMs : DEFAULT_BUDGET_MS,
    precision: typeof precision === 'string' && isPrecision(precision) ? precision : 'float32',
    ...(project ? { project } : {}),
  };
}

function guardedProject(project: unknown): ProjectFiles | undefined {
  if (project === null || typeof project !== 'object') return undefined;
  const p = project as Partial<ProjectFiles>;
  if (typeof p.readFile !== 'function') return undefined;
  const readFile = p.readFile.bind(p);
  const version = typeof p.version === 'function' ? p.version.bind(p) : undefined;
  const listDirectory = typeof p.listDirectory === 'function' ? p.listDirectory.bind(p) : undefined;
  const listFolders = typeof p.listFolders === 'function' ? p.listFolders.bind(p) : undefined;
  return {
    readFile(path) {
      try {
        const text = readFile(path);
        return typeof text === 'string' ? text : undefined;
      } catch {
        return undefined;
      }
    },
    ...(version
      ? {
          version(path: string) {
            try {
              const v = version(path);
              return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) ? v : undefined;
            } catch {
              return undefined;
            }
          },
        }
      : {}),
    ...(listDirectory ? { listDirectory: guardedListing(listDirectory) } : {}),
    ...(listFolders ? { listFolders: guardedListing(listFolders) } : {}),
  };
}

/** A host's listing as paths only: one that throws or answers something other than a list is no listing. */
function guardedListing(list: (dir: string) => unknown): (dir: string) => readonly string[] | undefined {
  return (dir) => {
    try {
      const paths = list(dir);
      if (!Array.isArray(paths)) return undefined;
      // The host's own array when it is all paths, so what is derived from a listing can be kept with it.
      return paths.every((f) => typeof f === 'string') ? (paths as string[]) : paths.filter((f): f is string => typeof f === 'string');
    } catch {
      return undefined;
    }
  };
}
