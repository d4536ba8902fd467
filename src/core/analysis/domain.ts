/** The prediction's domain, from the output activation or given directly. */

export const ACTIVATIONS = ['linear', 'sigmoid', 'softmax', 'relu', 'tanh', 'softplus', 'elu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** [lo, hi]; `null` for an infinite end, as in the CLI's JSON. Ends are closed: float32 reaches them. */
export type Domain = [number | null, number | null];

export function isActivation(name: string): name is Activation {
  return (ACTIVATIONS as readonly string[]).includes(name);
}

export function domainOfActivation(activation: Activation): Domain {
  switch (activation) {
    case 'sigmoid':
    case 'softmax':
      return [0, 1];
    case 'relu':
    case 'softplus':
      return [0, null];
    case 'tanh':
      return [-1, 1];
    case 'elu':
      return [-1, null];
    case 'linear':
      return [null, null];
  }
}

/** The range a target usually has for predictions of this kind: probabilities for sigmoid/softmax outputs. */
export function targetRangeFor(domain: Domain): Domain {
  const [lo, hi] = domain;
  if (lo === 0 && hi === 1) return [0, 1];
  if (lo === -1 && hi === 1) return [-1, 1];
  return [null, null];
}

export function toBounds(domain: Domain): { lo: number; hi: number } {
  return { lo: domain[0] ?? -Infinity, hi: domain[1] ?? Infinity };
}

/** Parses `LO:HI` with `-inf`/`inf` ends. Returns an error message for bad text. */
export function parseDomain(text: string): Domain | string {
  const m = /^\s*([^:]+?)\s*:\s*([^:]+?)\s*$/.exec(text);
  if (!m) return `--domain must look like LO:HI (for example 0:1 or -inf:inf), got '${text}'`;
  const end = (s: string): number | null | undefined => {
    const t = s.toLowerCase();
    if (t === 'inf' || t === '+inf' || t === 'infinity' || t === '+infinity') return Infinity;
    if (t === '-inf' || t === '-infinity') return -Infinity;
    const v = Number(s);
    return Number.isFinite(v) ? v : undefined;
  };
  const lo = end(m[1]);
  const hi = end(m[2]);
  if (lo === undefined || lo === null) return `--domain: '${m[1]}' is not a number`;
  if (hi === undefined || hi === null) return `--domain: '${m[2]}' is not a number`;
  if (lo === Infinity || hi === -Infinity || lo > hi) return `--domain: the low end must not exceed the high end (${text})`;
  return [Number.isFinite(lo) ? lo : null, Number.isFinite(hi) ? hi : null];
}

export function formatDomain(domain: Domain): string {
  const [lo, hi] = domain;
  return `[${lo === null ? '-∞' : lo}, ${hi === null ? '∞' : hi}]`;
}
