/**
 * Closed intervals [lo, hi] (hi may be open-ended), asking "does any contain t?": kept sorted by lo
 * with a running maximum of hi, so a query is one binary search. The running maximum is brought up to
 * date only as far as a query needs it: the episodes of a flapping node are added out of order
 * (deaths first, then restarts between them), and redoing the whole tail per insertion made adding
 * n intervals quadratic.
 */
export class Coverage {
  private readonly los: number[] = [];
  private readonly his: number[] = [];
  private readonly maxHi: number[] = [];
  /** maxHi[i] is the maximum of his[0..i] for every i below this. */
  private valid = 0;

  add(lo: number, hi: number | null): void {
    const h = hi === null ? Infinity : hi;
    // After the last interval with the same or a smaller lo (equal los keep insertion order).
    const i = this.upper(lo);
    if (i === this.los.length) {
      this.los.push(lo);
      this.his.push(h);
      this.maxHi.push(0);
    } else {
      this.los.splice(i, 0, lo);
      this.his.splice(i, 0, h);
      this.maxHi.splice(i, 0, 0);
    }
    if (i < this.valid) this.valid = i;
  }

  /** Some interval with lo ≤ t ≤ hi. */
  contains(t: number): boolean {
    const i = this.upper(t) - 1;
    if (i < 0) return false;
    for (let j = this.valid; j <= i; j++) this.maxHi[j] = Math.max(j > 0 ? this.maxHi[j - 1] : -Infinity, this.his[j]);
    if (i + 1 > this.valid) this.valid = i + 1;
    return this.maxHi[i] >= t;
  }

  /** The first index whose lo is > t. */
  private upper(t: number): number {
    let a = 0;
    let b = this.los.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (this.los[m] <= t) a = m + 1;
      else b = m;
    }
    return a;
  }
}
