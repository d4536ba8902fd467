// The fuzzing client's own copy of a document's text, kept as LSP defines it (lines end at \n, \r\n or a lone \r;
// characters count UTF-16 units; a position past the end of a line means the line's end, a line past the last
// means the end of the text), so that what the server publishes can be checked against the text the client has.
// Written from the protocol's wording, not from the server's text-document library, so the two can disagree.

function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** Where a line's text ends (before its line break), for the line starting at `start`. */
function lineEnd(text, starts, line) {
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  while (end > starts[line] && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return end;
}

export class TextMirror {
  constructor(text) {
    this.text = text;
    this.starts = lineStarts(text);
  }

  get lineCount() {
    return this.starts.length;
  }

  lineLength(line) {
    return lineEnd(this.text, this.starts, line) - this.starts[line];
  }

  /** The offset a client-sent position stands for, clamped as LSP says. */
  offsetAt({ line, character }) {
    if (line >= this.starts.length) return this.text.length;
    if (line < 0) return 0;
    return Math.min(this.starts[line] + Math.max(0, character), lineEnd(this.text, this.starts, line));
  }

  positionAt(offset) {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let line = 0;
    let hi = this.starts.length - 1;
    while (line < hi) {
      const mid = (line + hi + 1) >> 1;
      if (this.starts[mid] <= at) line = mid;
      else hi = mid - 1;
    }
    return { line, character: Math.min(at, lineEnd(this.text, this.starts, line)) - this.starts[line] };
  }

  /** Why a server-sent position is not a position of this text, or undefined when it is one. */
  badPosition(p) {
    if (!p || typeof p !== 'object') return `not a position: ${JSON.stringify(p)}`;
    const { line, character } = p;
    if (!Number.isInteger(line) || !Number.isInteger(character)) return `line/character not integers: ${JSON.stringify(p)}`;
    if (line < 0 || character < 0) return `negative position ${JSON.stringify(p)}`;
    if (line >= this.starts.length) return `line ${line} past the last line ${this.starts.length - 1}`;
    if (character > this.lineLength(line)) return `character ${character} past the end of line ${line} (length ${this.lineLength(line)})`;
    return undefined;
  }

  /** Why a server-sent range is not a range of this text (start after end included), or undefined. */
  badRange(range) {
    if (!range || typeof range !== 'object') return `not a range: ${JSON.stringify(range)}`;
    const bad = this.badPosition(range.start) ?? this.badPosition(range.end);
    if (bad) return bad;
    if (this.offsetAt(range.start) > this.offsetAt(range.end)) return `start after end: ${JSON.stringify(range)}`;
    return undefined;
  }

  /** The text after one didChange content change (a full text, or a range edit; a reversed range is read as its reverse). */
  applyChange(change) {
    if (!change.range) return new TextMirror(change.text);
    let start = this.offsetAt(change.range.start);
    let end = this.offsetAt(change.range.end);
    if (start > end) [start, end] = [end, start];
    return new TextMirror(this.text.slice(0, start) + change.text + this.text.slice(end));
  }

  /** The text after TextEdits that the server computed against this text (applied from the last, as LSP says they do not overlap). */
  applyEdits(edits) {
    const sorted = edits.map((e) => ({ start: this.offsetAt(e.range.start), end: this.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start || b.end - a.end);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].end > sorted[i - 1].start) throw new Error(`overlapping edits at offsets ${sorted[i].start}..${sorted[i].end} and ${sorted[i - 1].start}..${sorted[i - 1].end}`);
    }
    return sorted.reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), this.text);
  }
}
