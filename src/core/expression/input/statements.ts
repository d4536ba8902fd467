/**
 * Splits an input into statements, the way people write a loss in steps: `error = y - p; error^2`, one per
 * line, or `;`-separated. A line that carries on an unfinished expression (it ends with an operator, or
 * the next one starts with one, or a bracket is still open) stays in the same statement. Each statement
 * that assigns (`name = …`, also written `const name = …` or `L(ŷ, y) = …`) says so; the last one may
 * start with `return`. Offsets are into the text given, so every later span stays one into the input.
 */
export interface Range {
  start: number;
  end: number;
}

export interface Statement {
  /** The name assigned, when the statement is `name = …`. */
  name?: Range & { text: string };
  /** The parameter list of `L(ŷ, y) = …`, when the name is written as a function. */
  parameters?: Range;
  /** The expression: its first to one past its last non-blank character. */
  body: Range;
  /** From the name (or the body) to the end of the body. */
  start: number;
  end: number;
}

const NAME = '[A-Za-z_$\\u00C0-\\u02AF\\u0370-\\u03FF\\u2100-\\u214F][A-Za-z0-9_$\\u00C0-\\u02AF\\u0370-\\u03FF\\u2100-\\u214F\\u0300-\\u036F]*';
const HEAD = new RegExp(`^(\\s*(?:(?:const|let|var)\\s+)?)(${NAME})(\\s*\\([^()=]*\\))?\\s*=(?!=)`);
const RETURN = /^(\s*return\s+)/;
/** Characters a line can end with when the expression carries on to the next line. */
const OPEN_END = /[-+*/^=,(\[{?:<>·×−÷&|]$/;
/** How a line that carries on the previous one starts: a binary operator, or a closing bracket. */
const CONTINUATION = /^(?:[+*/^?:)\]}=<>·×÷,&|]|[-−]\s)/;

/** Splits `text` into statements; blank statements (a trailing `;`) are dropped. */
export function splitStatements(text: string): Statement[] {
  const out: Statement[] = [];
  let depth = 0;
  let from = 0;
  const close = (to: number) => {
    const statement = readStatement(text, from, to);
    if (statement) out.push(statement);
    from = to + 1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && c === ';') close(i);
    else if (depth === 0 && c === '\n' && endsStatement(text, from, i)) close(i);
  }
  close(text.length);
  return out;
}

/** Whether the newline at `at` ends the statement that began at `from`. */
function endsStatement(text: string, from: number, at: number): boolean {
  const before = text.slice(from, at).trimEnd();
  if (before.trim() === '') return false;
  if (OPEN_END.test(before)) return false;
  const nextLine = /^[ \t\r\n]*([^\n]*)/.exec(text.slice(at + 1))?.[1] ?? '';
  if (nextLine === '') return true;
  return !CONTINUATION.test(nextLine);
}

function readStatement(text: string, from: number, to: number): Statement | undefined {
  const slice = text.slice(from, to);
  if (slice.trim() === '') return undefined;
  let name: Statement['name'];
  let parameters: Range | undefined;
  let bodyFrom = from;
  const head = HEAD.exec(slice);
  if (head) {
    const nameStart = from + head[1].length;
    name = { text: head[2], start: nameStart, end: nameStart + head[2].length };
    if (head[3]) {
      const open = from + head[0].indexOf('(', head[1].length + head[2].length);
      parameters = { start: open, end: from + head[1].length + head[2].length + head[3].length };
    }
    bodyFrom = from + head[0].length;
  } else {
    const ret = RETURN.exec(slice);
    if (ret) bodyFrom = from + ret[1].length;
  }
  const body = trimRange(text, bodyFrom, to);
  return { name, parameters, body, start: name ? name.start : body.start, end: body.end };
}

function trimRange(text: string, start: number, end: number): Range {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return { start: s, end: e };
}
