/**
 * The words a finding gets when a site's model is built one way or another by configuration: the note that names the
 * ways that give it (`(when the model is built with its softmax output at line 7 or its sigmoid output at line 8)`),
 * and a way that gives the same finding for another reason with its own words.
 */

/** A way the model of a site may be built by configuration (its output activation and layer line). */
export interface Way {
  activation: string;
  layerLine?: number;
}

/** A finding of the ways a model may be built: the detail around the note that names the ways, filled in at the end. */
export interface WayFinding {
  ways: Way[];
  said: string;
  fixSuffix: string;
  /** Other ways with the same finding in other words (a sigmoid's reason beside a softmax's). */
  others?: { way: Way; said: string }[];
}

/**
 * `(when the model is built with its tanh output at line 6)`, or `(… with its softmax output at line 7 or its
 * sigmoid output at line 8)` when several ways give the finding; without a line the detail already gives.
 */
export function wayNote(ways: readonly Way[], detail: string): string {
  const parts = ways.map((w) => `its ${w.activation} output${w.layerLine !== undefined && !detail.includes(`output layer at line ${w.layerLine}`) ? ` at line ${w.layerLine}` : ''}`);
  return ` (when the model is built with ${parts.join(' or ')})`;
}

/** The detail once `way` gives the same finding too: named beside the others, or with its own words when they differ. */
export function withWay(known: WayFinding, way: Way, said: string): string {
  const seen = (w: Way) => w.activation === way.activation && w.layerLine === way.layerLine;
  if (said === known.said && !known.ways.some(seen)) known.ways.push(way);
  else if (said !== known.said && !known.ways.some(seen) && !(known.others ??= []).some((o) => seen(o.way))) known.others.push({ way, said });
  const others = (known.others ?? []).map((o) => ` ${wayNote([o.way], o.said).replace(/^ \(w/, 'W').replace(/\)$/, '')}: ${o.said}`).join('');
  return known.said + wayNote(known.ways, known.said) + others + known.fixSuffix;
}
