/*
 * Time order without needless work: the replay appends facts as it walks the timeline, so its lists
 * are nearly always in time order already. A stable sort leaves such a list as it is; these find that
 * out in one pass and skip the copy and the sort.
 */

/**
 * Whether every adjacent pair is in order (`cmp` ≤ 0): then a stable sort by `cmp` returns the list as
 * it is. A comparison that is NaN (a NaN time) is not in order, so such a list is sorted as before.
 */
export function inOrder<T>(list: readonly T[], cmp: (a: T, b: T) => number): boolean {
  for (let i = 1; i < list.length; i++) if (!(cmp(list[i - 1], list[i]) <= 0)) return false;
  return true;
}

/**
 * `list` sorted by `cmp` (stable): the list itself when it is in order, else a sorted copy. The
 * caller must not modify the result (it may be the input).
 */
export function sortedView<T>(list: T[], cmp: (a: T, b: T) => number): T[] {
  return inOrder(list, cmp) ? list : [...list].sort(cmp);
}

/** Ascending, in place, unless already ascending. */
export function sortNumbers(list: number[]): number[] {
  for (let i = 1; i < list.length; i++) if (!(list[i - 1] <= list[i])) return list.sort((a, b) => a - b);
  return list;
}
