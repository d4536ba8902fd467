/**
 * Rules whose findings come from the core's analysis of a site's loss: the numerical hazards and the kinks. The
 * core reports each on a span of the loss expression with its fixes; the rule keeps the ones of its code, drops
 * what is deliberate (a saturation guard's corners), and says which activation the domain was assumed from.
 */
import { printMathjs, walk, type Analysis, type Diagnostic, type Fix } from '../../core';
import type { Rule, RuleContext, RuleFinding, RuleMeta } from './rule';
import { hazardSummary, leakSummary, shortText } from './summaries';

export function coreHazardRule(meta: RuleMeta, keep: (d: Diagnostic, ctx: RuleContext) => boolean = () => true): Rule {
  return {
    meta,
    check(ctx: RuleContext): RuleFinding[] {
      const analysis = ctx.analysis;
      if (!analysis || !ctx.site.loss) return [];
      const out: RuleFinding[] = [];
      for (const d of analysis.diagnostics) {
        if (d.code !== meta.code || !keep(d, ctx) || ctx.dataOnly?.has(`${d.code}:${d.span.start}:${d.span.end}`)) continue;
        // An operation's hazard needs an input of known range; a plain hinge's kink (hingeProbes.ts) is where the margin is met, whatever it is.
        if (ctx.site.kind === 'operation' && d.code !== 'non-differentiable' && !(d.argument && Number.isFinite(d.argument.hi)) && !knownInputs(ctx, d)) continue;
        const bare = d.fix ? d.message.replace(` Fix: ${d.fix.title}.`, '') : d.message;
        const fixes = [d.fix, ...(d.alternatives ?? [])].filter((f) => f !== undefined).map((core) => ({ core }));
        const note = discardedNote(ctx, d.code);
        const finding: RuleFinding = {
          at: { expression: d.span },
          message: note ? `${shortText(note.guard, 40)} is thrown away: ${shortText(ctx.site.loss.expr.text.slice(d.span.start, d.span.end), 24)} can still hit 0.` : hazardSummary(d, analysis, ctx.site, ctx.site.loss.expr.text),
          detail: `${bare}${ctx.assumption ?? ''}${note?.text ?? ''}`,
          fixes,
        };
        out.push(finding);
        // The core finds a kink once, as a point of the loss; the same op written again elsewhere in the code
        // (`tf.relu(v)` for an area term and again for a mask) is that kink at another place the user reads.
        if (d.code === 'non-differentiable') for (const span of otherWritings(ctx.site.loss, analysis, d.span)) out.push({ ...finding, at: { expression: span }, fixes: [] });
        // The same two values compared by the other extremum (an IoU's overlap `min(p2, t2)` and its enclosing box's
        // `max(p2, t2)`) kink at the same point: a second op the user reads, said where it is written.
        if (d.code === 'non-differentiable') {
          for (const span of sameComparison(ctx.site.loss, analysis, d.span)) {
            out.push({ ...finding, at: { expression: span }, message: hazardSummary({ ...d, span }, analysis, ctx.site, ctx.site.loss.expr.text), fixes: [] });
          }
        }
      }
      return [...out, ...leaks(meta.code, ctx)];
    },
  };
}

/**
 * An operation outside a loss is checked only where its input's range is known: an argument unbounded above is a
 * value of unknown size (a std, a scale), unless every value in it has a range the code gives: the two probabilities
 * of a Bernoulli KL's `log(p / q)` (unbounded only through the division by a q reaching 0), a softplus head's output.
 */
function knownInputs(ctx: RuleContext, d: Diagnostic): boolean {
  const loss = ctx.site.loss;
  const ranges = ctx.site.ranges;
  if (!loss || !ranges) return false;
  // Names not followed by `(`: values, never the functions applied to them.
  const names = loss.expr.text.slice(d.span.start, d.span.end).match(/\b[A-Za-z_]\w*\b(?!\s*\()/g) ?? [];
  // A value with a range of its own counts even when the code also gives it a number (`eps = 1e-6` as a parameter).
  const values = names.filter((n) => Object.hasOwn(ranges, n) || !Object.hasOwn(loss.parameters, n));
  return values.length > 0 && values.every((n) => Object.hasOwn(ranges, n) && ranges[n].some((end) => end !== null && Number.isFinite(end)));
}

/** The other places of the loss expression with the same text as `span`, each one piece of code of its own. */
function otherWritings(loss: NonNullable<RuleContext['site']['loss']>, analysis: Analysis, span: { start: number; end: number }): { start: number; end: number }[] {
  const text = loss.expr.text;
  const written = text.slice(span.start, span.end);
  if (written.length < 4) return [];
  // In a conditional's test (`if (Math.abs(d) < margin)` around `margin - Math.abs(d)`) the op decides a branch, and the
  // loss does not break where it does: not a writing of the kink.
  const tests: { start: number; end: number }[] = [];
  walk(analysis.ast, (n) => {
    if (n.kind === 'cond' && n.test.span) tests.push(n.test.span);
  });
  const inTest = (k: number) => tests.some((t) => k >= t.start && k < t.end);
  const segments = loss.expr.segments.all;
  const own = segments.filter((s) => s.start === span.start && s.end === span.end).map((s) => s.fileStart);
  const out: { start: number; end: number }[] = [];
  for (let k = text.indexOf(written); k >= 0; k = text.indexOf(written, k + 1)) {
    // Squared (`tf.square(tf.abs(d))`, read `abs(d)^2`) the kink is smoothed away there.
    if (k === span.start || text[k + written.length] === '^' || inTest(k)) continue;
    const seg = segments.find((s) => s.start === k && s.end === k + written.length && !s.builtin && !own.includes(s.fileStart));
    if (seg) out.push({ start: k, end: k + written.length });
  }
  return out;
}

/**
 * Other `min(a, b)` / `max(a, b)` of the loss over the same two values as the kink at `span` (either order), each one
 * piece of code of its own and not a kink the core reported already.
 */
function sameComparison(loss: NonNullable<RuleContext['site']['loss']>, analysis: Analysis, span: { start: number; end: number }): { start: number; end: number }[] {
  const extrema: { span: { start: number; end: number }; args: string }[] = [];
  walk(analysis.ast, (n) => {
    if (n.kind === 'call' && (n.fn === 'min' || n.fn === 'max') && n.args.length === 2 && n.span) extrema.push({ span: n.span, args: n.args.map((a) => printMathjs(a)).sort().join(',') });
  });
  const at = extrema.find((e) => e.span.start === span.start && e.span.end === span.end);
  if (!at) return [];
  const reported = (s: { start: number; end: number }) => analysis.diagnostics.some((d) => d.span.start === s.start && d.span.end === s.end);
  const written = (s: { start: number; end: number }) => loss.expr.segments.all.some((seg) => seg.start === s.start && seg.end === s.end && !seg.builtin);
  const out: { start: number; end: number }[] = [];
  for (const e of extrema) {
    if (e !== at && e.args === at.args && !reported(e.span) && written(e.span) && !out.some((o) => o.start === e.span.start)) out.push(e.span);
  }
  return out;
}

/** The guard the code wrote but threw away, named in the message of the hazard it was meant to clear. */
function discardedNote(ctx: RuleContext, code: string): { guard: string; text: string } | undefined {
  const guards = ctx.site.loss?.discarded ?? [];
  if (guards.length === 0 || !['log-of-zero', 'division-by-zero', 'sqrt-at-zero'].includes(code)) return undefined;
  const g = guards[0];
  const shown = shortText(g.text, 60);
  return { guard: g.text, text: ` Note: ${shown} (line ${g.line}) returns a new tensor that is thrown away; tensors are immutable, so assign its result (yPred = …) to use it.` };
}

/**
 * Hazards of an eager select's branch that the whole loss hides: `tf.where(p > 0, tf.log(p), 0)` never *selects*
 * log(0), but TF.js computes both branches everywhere and sends the gradient through both, so it is NaN wherever
 * the unselected branch is not finite. The fix is the double where: the unsafe branch gets a safe value where it is
 * not selected.
 */
function leaks(code: string, ctx: RuleContext): RuleFinding[] {
  const loss = ctx.site.loss;
  if (!loss || !ctx.branches || !ctx.analysis) return [];
  const shown = new Set(ctx.analysis.diagnostics.filter((d) => d.code === code).map((d) => `${d.span.start}:${d.span.end}`));
  const out: RuleFinding[] = [];
  for (const { branch, analysis } of ctx.branches) {
    const at = branch.span.start;
    for (const d of analysis.diagnostics) {
      if (d.code !== code || d.code === 'non-differentiable') continue;
      const span = { start: at + d.span.start, end: at + d.span.end };
      if (shown.has(`${span.start}:${span.end}`)) continue;
      shown.add(`${span.start}:${span.end}`);
      const bare = d.fix ? d.message.replace(` Fix: ${d.fix.title}.`, '') : d.message;
      const fixes = d.subject ? [{ core: doubleWhere(loss.expr.text, branch, { start: at + d.subject.start, end: at + d.subject.end }, code) }] : [];
      const where = branch.branch === 'then' ? 'is false' : 'is true';
      out.push({
        at: { expression: span },
        message: leakSummary(d, loss.expr.text.slice(span.start, span.end), branch.op),
        detail: `${bare} This is in a ${branch.op} branch: where the condition ${where} it is not selected, but ${branch.op} computes both branches and sends the gradient through both, so the gradient is NaN there.`,
        fixes,
      });
    }
  }
  return out;
}

/** `where(c, log(x), …)` → `where(c, log(where(c, x, 1)), …)`: the argument gets a safe value where its branch is not selected. */
function doubleWhere(text: string, branch: { branch: 'then' | 'else'; test: { start: number; end: number } }, subject: { start: number; end: number }, code: string): Fix {
  const test = text.slice(branch.test.start, branch.test.end);
  const argument = text.slice(subject.start, subject.end);
  const safe = code === 'exp-overflow' ? '0' : '1';
  const replacement = branch.branch === 'then' ? `(${test}) ? (${argument}) : ${safe}` : `(${test}) ? ${safe} : (${argument})`;
  return { title: `give the unselected branch a safe value (a second where): ${replacement}`, edits: [{ start: subject.start, end: subject.end, text: replacement }], preferred: true };
}
