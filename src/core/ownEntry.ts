/**
 * Lookups in a table by a name that comes from the user's code or input: own entries only. A plain object also
 * answers `constructor`, `__proto__` or `toString` from Object.prototype, and a loss, layer or symbol can be named
 * that.
 */

/** The table's own entry for `key`, or undefined. */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
