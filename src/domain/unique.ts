/**
 * The first of each kind: `items` in their order, without any item whose `key` an earlier one had.
 * (The same topic or item may arrive twice, from a search result and a fresh read, say.)
 */
export function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
