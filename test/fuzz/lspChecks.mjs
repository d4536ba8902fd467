// What the language server's answers must be, whatever the input: published diagnostics inside the text they were
// published for, hovers as Markdown with a range in the text, code actions whose edits stay in the text and apply,
// CodeLenses that run the server's command. Each check returns the ways an answer breaks this (empty when none).
// `mirror` is the text the answer refers to; without one (the text changed while the request was in flight) only
// the answer's form is checked.

const SEVERITIES = new Set([1, 2, 3, 4]);

function isPositionLike(p) {
  return !!p && Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0;
}

function rangeProblem(range, mirror) {
  if (mirror) return mirror.badRange(range);
  return isPositionLike(range?.start) && isPositionLike(range?.end) ? undefined : `not a range of non-negative integers: ${JSON.stringify(range)}`;
}

export function diagnosticsViolations(params, mirror) {
  if (!Array.isArray(params?.diagnostics)) return [`publishDiagnostics without a diagnostics array: ${JSON.stringify(params).slice(0, 200)}`];
  const out = [];
  for (const d of params.diagnostics) {
    const bad = rangeProblem(d?.range, mirror);
    if (bad) out.push(`published diagnostic ${d?.code} (version ${params.version}): ${bad}`);
    if (d?.source !== 'loss-lens') out.push(`published diagnostic with source ${JSON.stringify(d?.source)}`);
    if (typeof d?.code !== 'string' || !d.code) out.push(`published diagnostic without a code: ${JSON.stringify(d).slice(0, 200)}`);
    if (!SEVERITIES.has(d?.severity)) out.push(`published diagnostic ${d?.code} with severity ${JSON.stringify(d?.severity)}`);
    if (typeof d?.message !== 'string' || !d.message.trim()) out.push(`published diagnostic ${d?.code} without a message`);
    else if (d.message.includes('[object Object]')) out.push(`published diagnostic ${d.code} prints a broken value: ${d.message.slice(0, 160)}`);
  }
  return out;
}

export function hoverViolations(result, mirror) {
  if (result === null) return [];
  const out = [];
  if (result?.contents?.kind !== 'markdown' || typeof result.contents.value !== 'string' || !result.contents.value) out.push(`hover without Markdown contents: ${JSON.stringify(result).slice(0, 200)}`);
  else if (result.contents.value.includes('[object Object]')) out.push(`hover prints [object Object]: ${result.contents.value.replace(/\(data:[^)]*\)/g, '(…)').slice(0, 200)}`);
  if (result?.range !== undefined) {
    const bad = rangeProblem(result.range, mirror);
    if (bad) out.push(`hover range: ${bad}`);
  }
  return out;
}

/** The edits of a code action for `uri`, and the ways its form is wrong. */
function actionEdits(action, uri) {
  const problems = [];
  if (typeof action?.title !== 'string' || !action.title) problems.push(`code action without a title: ${JSON.stringify(action).slice(0, 200)}`);
  if (action?.edit === undefined) return { edits: undefined, problems };
  const changes = action.edit?.changes;
  if (!changes || typeof changes !== 'object') return { edits: undefined, problems: [...problems, `code action "${action.title}" with an edit without changes`] };
  const others = Object.keys(changes).filter((u) => u !== uri);
  if (others.length) problems.push(`code action "${action.title}" edits other documents: ${others.join(', ')}`);
  const edits = changes[uri];
  if (!Array.isArray(edits)) return { edits: undefined, problems: [...problems, `code action "${action.title}" has no edit list for the document`] };
  for (const e of edits) if (typeof e?.newText !== 'string') problems.push(`code action "${action.title}": an edit without newText`);
  return { edits, problems };
}

/** Checks one code action; with a mirror, also that its edits are in the text and apply to a string. */
export function codeActionViolations(action, uri, mirror) {
  const { edits, problems } = actionEdits(action, uri);
  if (!edits) return problems;
  for (const e of edits) {
    const bad = rangeProblem(e?.range, mirror);
    if (bad) problems.push(`code action "${action.title}" edit range: ${bad}`);
  }
  if (mirror && problems.length === 0) {
    try {
      if (typeof mirror.applyEdits(edits) !== 'string') problems.push(`code action "${action.title}": applying the edits gives no string`);
    } catch (err) {
      problems.push(`code action "${action.title}": ${err.message}`);
    }
  }
  return problems;
}

export function codeActionsViolations(result, uri, mirror) {
  if (!Array.isArray(result)) return [`codeAction answered ${JSON.stringify(result).slice(0, 200)}, not an array`];
  return result.flatMap((a) => codeActionViolations(a, uri, mirror));
}

export function codeLensViolations(result, mirror, commands) {
  if (!Array.isArray(result)) return [`codeLens answered ${JSON.stringify(result).slice(0, 200)}, not an array`];
  const out = [];
  for (const lens of result) {
    const bad = rangeProblem(lens?.range, mirror);
    if (bad) out.push(`codeLens range: ${bad}`);
    if (!commands.includes(lens?.command?.command)) out.push(`codeLens runs ${JSON.stringify(lens?.command?.command)}, not a command the server offers`);
    if (typeof lens?.command?.title !== 'string' || lens.command.title.includes('[object')) out.push(`codeLens title ${JSON.stringify(lens?.command?.title)}`);
  }
  return out;
}

/** An answer that is neither a result nor a JSON-RPC error with an integer code and a message. */
export function answerViolations(kind, answer) {
  if (!('error' in answer)) return [];
  const { error } = answer;
  if (error?.code === 'exit') return [`${kind}: ${error.message}`];
  if (!Number.isInteger(error?.code) || typeof error?.message !== 'string') return [`${kind}: a malformed error ${JSON.stringify(error).slice(0, 200)}`];
  if (error.code === -32603 || /\n\s+at .+:\d+:\d+/.test(error.message)) return [`${kind}: internal error ${error.message.split('\n')[0].slice(0, 200)}`];
  return [];
}
