/**
 * Rules whose findings come from the core's analysis of a site's loss: the numerical hazards and the kinks. The
 * core reports each on a span of the loss expression with its fixes; the rule keeps the ones of its code, drops
 * what is deliberate (a saturation guard's corners), and says which activation the domain was assumed from.
 */
import type { Diagnostic } from '../../core';
import type { Rule, RuleContext, RuleFinding, RuleMeta } from './rule';

export function coreHazardRule(meta: RuleMeta, keep: (d: Diagnostic, ctx: RuleContext) => boolean = () => true): Rule {
  return {
    meta,
    check(ctx: RuleContext): RuleFinding[] {
      const analysis = ctx.analysis;
      if (!analysis || !ctx.site.loss) return [];
      const out: RuleFinding[] = [];
      for (const d of analysis.diagnostics) {
        if (d.code !== meta.code || !keep(d, ctx) || ctx.dataOnly?.has(`${d.code}:${d.span.start}:${d.span.end}`)) continue;
        if (ctx.site.kind === 'operation' && !(d.argument && Number.isFinite(d.argument.hi))) continue;
        const bare = d.fix ? d.message.replace(` Fix: ${d.fix.title}.`, '') : d.message;
        const fixes = [d.fix, ...(d.alternatives ?? [])].filter((f) => f !== undefined).map((core) => ({ core }));
        out.push({ at: { expression: d.span }, message: `${bare}${ctx.assumption ?? ''}`, fixes });
      }
      return out;
    },
  };
}
