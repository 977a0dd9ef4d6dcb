/**
 * Binary search over sorted data, shared by the engine and the rules: the index of the first
 * item for which `isPast` holds (`items.length` if none), where `isPast` is false for a prefix
 * of the items and true for the rest (e.g. `(r) => r.end > offset` over ranges sorted by end).
 */
export function firstIndex<T>(items: readonly T[], isPast: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (isPast(items[mid]!)) high = mid;
    else low = mid + 1;
  }
  return low;
}
