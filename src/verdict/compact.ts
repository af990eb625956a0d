/**
 * The analysis outlives every stage before it and is rendered whole: what it holds is kept at its
 * smallest. On the flapping bench log its 33k findings were a third of the heap at the verdict's end,
 * most of it in the shape of their values, not in the values: messages kept as the trees of pieces
 * their template literals were joined from, and lists grown by push with room for a dozen more items.
 */

/**
 * `s` with its characters in one piece. A string joined from pieces is a tree of them until read by
 * index; reading one character flattens it in place, and the pieces and tree go with the next
 * collection. (Number(s) and [s].join('') do not: measured, they leave the tree.)
 */
export function flatString(s: string): string {
  if (s.length > 0) s.charCodeAt(0);
  return s;
}

/** A copy of `list` holding exactly its items: a list grown by push keeps room it never uses. */
export function exactList<T>(list: readonly T[]): T[] {
  return list.slice();
}
