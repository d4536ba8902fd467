/**
 * What a rule is: its metadata (the code, its default severity, the documentation the README, the extension's
 * settings and the language server are generated from) and a check over one loss site's facts and analysis.
 * A rule reports where (a file range, or a span of the site's loss expression that the engine maps back) and
 * which fixes it wants, as core fixes or abstract plans; the front end writes them in the file's language.
 */
import type { Analysis, Fix } from '../../core';
import type { EagerBranch, FixPlan, Framework, SiteFacts } from '../engine/frontEnd';
import type { LintSeverity, SourceFix } from '../engine/types';

export interface RuleDocs {
  /** One line: when the rule reports, for tables and settings. */
  summary: string;
  /** A paragraph: what goes wrong and why, for hovers, the preview and the README. */
  explanation: string;
  /** What the quick fix does, when there is one. */
  fix?: string;
}

export interface RuleMeta {
  code: string;
  defaultSeverity: LintSeverity;
  docs: RuleDocs;
  /** The frameworks the rule applies to; all when absent. */
  frameworks?: readonly Framework[];
}

export type FixRequest = { core: Fix; preferred?: boolean } | { plan: FixPlan; title?: string; preferred?: boolean } | { source: SourceFix };

export interface RuleFinding {
  /** A file range, or a span of `site.loss.expr` (mapped back to the code that computes it). */
  at: { file: { start: number; end: number } } | { expression: { start: number; end: number } };
  /** One sentence for the Problems panel (about 100 characters at most): what, where, what it does. */
  message: string;
  /** The whole explanation, for the hover, the preview and the related information. */
  detail?: string;
  fixes: FixRequest[];
  /** activation-mismatch: which row of the table matched. */
  rule?: string;
}

export interface RuleContext {
  site: SiteFacts;
  /** The core analysis of the site's loss (for a compile site, of the loss it uses), when there is one. */
  analysis?: Analysis;
  /** How the site's prediction domain was decided, when not from the model: appended to hazard messages. */
  assumption?: string;
  /** Each branch of an eager select (`tf.where`) analysed on its own, over the whole domain. */
  branches?: readonly { branch: EagerBranch; analysis: Analysis }[];
  /** Hazards (`code:start:end` of the expression) that only the unknown range of opaque data causes. */
  dataOnly?: ReadonlySet<string>;
  /** The 1-based line of a file offset, for messages that point elsewhere in the file. */
  lineOf(offset: number): number;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): RuleFinding[];
}
