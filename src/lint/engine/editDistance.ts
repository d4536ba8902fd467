/** Levenshtein distance, for "did you mean" suggestions of names (losses, activations) the user misspelt. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length];
}

/** The candidate closest to `name` (case-insensitive), if it is close enough to be a misspelling of it. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const key = name.toLowerCase();
  let best: { n: string; d: number } | undefined;
  for (const n of candidates) {
    const d = n.toLowerCase().startsWith(key) || key.startsWith(n.toLowerCase()) ? Math.abs(n.length - key.length) * 0.5 : editDistance(key, n.toLowerCase());
    if (!best || d < best.d) best = { n, d };
  }
  return best && best.d <= Math.max(2, Math.floor(key.length / 3)) ? best.n : undefined;
}
