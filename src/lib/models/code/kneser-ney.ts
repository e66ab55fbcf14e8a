/**
 * Interpolated modified Kneser–Ney byte n-grams (Chen & Goodman 1998, "An empirical study of
 * smoothing techniques for language modeling", §3 and eq. 17 / 26), the code models' strong baseline.
 *
 * For a context h of k bytes and the next byte w, with h′ = h without its first byte:
 *   P_k(w | h) = max(c(hw) − D(c(hw)), 0) / Σ_v c(hv)  +  γ(h) · P_{k−1}(w | h′),
 *   γ(h) = (D₁·N₁(h•) + D₂·N₂(h•) + D₃₊·N₃₊(h•)) / Σ_v c(hv),
 * where N_r(h•) is how many bytes followed h with count r (r = 3 meaning three or more), and below
 * the top order c is the continuation count N₁₊(•hw) — how many different bytes came before hw —
 * rather than the raw count. A string that begins at a file's start has no byte before it, so its
 * raw count serves at every order (as in SRILM/KenLM). An unseen context passes its whole weight
 * down (P_k = P_{k−1}); below the empty context is the uniform 1/256, so every byte has a chance.
 *
 * Discounts: three per order and per kind of count (raw at the top, continuation below), from the
 * count-of-counts n₁…n₄ of that order's strings: Y = n₁/(n₁+2n₂), D₁ = 1−2Y·n₂/n₁,
 * D₂ = 2−3Y·n₃/n₂, D₃₊ = 3−4Y·n₄/n₃. 'standard' uses Y alone for all three (interpolated KN
 * with one discount per order), a number fixes every discount (for hand-checked tests).
 * One set of counts up to maxOrder serves every order ≤ maxOrder, so orders are compared on the
 * validation files without counting again.
 */
import { BYTE_VOCAB, FILE_START } from './code-bytes';
import { ReversedTrie } from './reversed-trie';

export type Discounting = 'modified' | 'standard' | number;

/** D₁, D₂, D₃₊ for one order and one kind of count. */
export type Discounts = [number, number, number];

export class KneserNey {
  readonly trie = new ReversedTrie();
  /** Continuation counts N₁₊(•s): the number of distinct symbols seen before s. */
  private cont!: Int32Array;
  /** For each node s as a context, over the bytes w seen after it: Σ c(sw), and N₁, N₂, N₃₊ (raw counts). */
  private rawTotal!: Int32Array;
  private rawN!: Uint16Array;
  /** The same with the counts used below the top order. */
  private lowTotal!: Int32Array;
  private lowN!: Uint16Array;
  /** Discounts by string length (1 … maxOrder): rawDiscounts[m] for top-order strings of m bytes. */
  readonly rawDiscounts: Discounts[] = [];
  readonly lowDiscounts: Discounts[] = [];
  /** probabilities()'s per-level workspace (maxOrder ≤ 255 levels). */
  private readonly scratchLow = new Float64Array(256);

  /** Counts every string of 1 … maxOrder bytes in the files (each file's first bytes after FILE_START). */
  constructor(files: Uint8Array[], readonly maxOrder: number, readonly discounting: Discounting = 'modified') {
    if (!(maxOrder >= 1 && maxOrder <= 255)) throw new Error(`order ${maxOrder} out of range`);
    const t = this.trie;
    for (const bytes of files) {
      if (bytes.length === 0) continue;
      t.childOrCreate(0, FILE_START);
      for (let i = 0; i < bytes.length; i++) {
        // The strings ending at byte i, shortest first: bytes[i], bytes[i−1..i], … back to the file start.
        let node = t.add(0, bytes[i]);
        const reach = Math.min(maxOrder - 1, i + 1);
        for (let k = 1; k <= reach; k++) node = t.add(node, i - k >= 0 ? bytes[i - k] : FILE_START);
      }
    }
    this.summarise();
  }

  /** The count a string has at order `top` or below it (raw at the top and for file starts). */
  private countOf(node: number, atTop: boolean): number {
    if (node < 0) return 0;
    return atTop || this.trie.symbol[node] === FILE_START ? this.trie.count[node] : this.cont[node];
  }

  private summarise(): void {
    const t = this.trie, n = t.size;
    this.cont = new Int32Array(n);
    for (let id = 1; id < n; id++) if (t.count[id] > 0 && t.depth[id] >= 2) this.cont[t.parent[id]]++;
    // Each string sw counts towards its context s (the node without its LAST byte), found by
    // walking: withoutLast(x·s) = x · withoutLast(s); parents come before children, so one pass.
    const withoutLast = new Int32Array(n).fill(-1);
    this.rawTotal = new Int32Array(n);
    this.lowTotal = new Int32Array(n);
    this.rawN = new Uint16Array(3 * n);
    this.lowN = new Uint16Array(3 * n);
    const rawOfCounts = Array.from({ length: this.maxOrder + 1 }, () => [0, 0, 0, 0, 0]);
    const lowOfCounts = Array.from({ length: this.maxOrder + 1 }, () => [0, 0, 0, 0, 0]);
    for (let id = 1; id < n; id++) {
      const d = t.depth[id];
      withoutLast[id] = d === 1 ? 0 : t.child(withoutLast[t.parent[id]], t.symbol[id]);
      const raw = t.count[id];
      if (raw === 0) continue; // only FILE_START alone: a context, never a predicted string
      const low = this.countOf(id, false);
      const h = withoutLast[id];
      this.rawTotal[h] += raw;
      this.rawN[3 * h + Math.min(raw, 3) - 1]++;
      if (low > 0) {
        this.lowTotal[h] += low;
        this.lowN[3 * h + Math.min(low, 3) - 1]++;
      }
      if (raw <= 4) rawOfCounts[d][raw]++;
      if (low >= 1 && low <= 4) lowOfCounts[d][low]++;
    }
    for (let m = 1; m <= this.maxOrder; m++) {
      this.rawDiscounts[m] = discounts(rawOfCounts[m], this.discounting);
      this.lowDiscounts[m] = discounts(lowOfCounts[m], this.discounting);
    }
  }

  /**
   * One level of the recursion: the context node `h` (k bytes) and the string node `hw`, counted raw
   * (`atTop`) or as continuations, mixed with `lower` = P_{k−1}(w | h′).
   */
  private level(h: number, hw: number, atTop: boolean, lower: number): number {
    if (h < 0) return lower;
    const total = atTop ? this.rawTotal[h] : this.lowTotal[h];
    if (total === 0) return lower;
    const buckets = atTop ? this.rawN : this.lowN;
    const [d1, d2, d3] = (atTop ? this.rawDiscounts : this.lowDiscounts)[this.trie.depth[h] + 1];
    const c = this.countOf(hw, atTop);
    const kept = c === 0 ? 0 : Math.max(c - (c === 1 ? d1 : c === 2 ? d2 : d3), 0);
    const gamma = d1 * buckets[3 * h] + d2 * buckets[3 * h + 1] + d3 * buckets[3 * h + 2];
    return (kept + gamma * lower) / total;
  }

  /**
   * P(w | context) at each order in `orders`, given the nodes of the contexts (contexts[k]: the k
   * bytes before w, −1 when unseen or beyond the file start) and of the strings context·w.
   */
  private probabilities(contexts: Int32Array, strings: Int32Array, orders: readonly number[], out: Float64Array): void {
    // low[k]: P_k(w | last k bytes) with continuation counts at every level, built upwards.
    let lower = 1 / BYTE_VOCAB;
    const low = this.scratchLow;
    for (let k = 0; k <= this.maxOrder - 2; k++) low[k] = lower = this.level(contexts[k], strings[k], false, lower);
    orders.forEach((order, j) => {
      out[j] = this.level(contexts[order - 1], strings[order - 1], true, order >= 2 ? low[order - 2] : 1 / BYTE_VOCAB);
    });
  }

  /** Fills contexts/strings for byte w after the given preceding symbols (before(k) = k-th symbol back, or −1). */
  private walk(before: (k: number) => number, w: number, contexts: Int32Array, strings: Int32Array): void {
    const t = this.trie;
    contexts.fill(-1);
    strings.fill(-1);
    let h = 0, hw = t.child(0, w);
    contexts[0] = h;
    strings[0] = hw;
    for (let k = 1; k < this.maxOrder; k++) {
      const x = before(k);
      if (x < 0) break;
      h = t.child(h, x);
      if (h < 0) break;
      hw = hw < 0 ? -1 : t.child(hw, x);
      contexts[k] = h;
      strings[k] = hw;
      if (x === FILE_START) break;
    }
  }

  /**
   * Bits (−log₂ P) of every byte of a file, summed, at each order in `orders`: the file is read
   * from its start, so its first bytes are predicted after FILE_START.
   */
  fileBits(bytes: Uint8Array, orders: readonly number[]): Float64Array {
    this.checkOrders(orders);
    const bits = new Float64Array(orders.length);
    const contexts = new Int32Array(this.maxOrder), strings = new Int32Array(this.maxOrder);
    const p = new Float64Array(orders.length);
    for (let i = 0; i < bytes.length; i++) {
      this.walk((k) => (i - k >= 0 ? bytes[i - k] : i - k === -1 ? FILE_START : -1), bytes[i], contexts, strings);
      this.probabilities(contexts, strings, orders, p);
      for (let j = 0; j < orders.length; j++) bits[j] -= Math.log2(p[j]);
    }
    return bits;
  }

  /**
   * The next-byte distribution at one order after a context (its symbols oldest first; it may begin
   * with FILE_START). Only the last order − 1 symbols matter.
   */
  distribution(order: number, context: ArrayLike<number>): Float64Array {
    this.checkOrders([order]);
    const out = new Float64Array(BYTE_VOCAB);
    const contexts = new Int32Array(this.maxOrder), strings = new Int32Array(this.maxOrder);
    const p = new Float64Array(1);
    const n = context.length;
    for (let w = 0; w < BYTE_VOCAB; w++) {
      this.walk((k) => (k <= n ? context[n - k] : -1), w, contexts, strings);
      this.probabilities(contexts, strings, [order], p);
      out[w] = p[0];
    }
    return out;
  }

  private checkOrders(orders: readonly number[]): void {
    for (const o of orders) if (!(Number.isInteger(o) && o >= 1 && o <= this.maxOrder)) throw new Error(`order ${o} not in 1…${this.maxOrder}`);
  }
}

/**
 * D₁, D₂, D₃₊ from the count-of-counts [_, n₁, n₂, n₃, n₄] of one order. When the counts are too
 * few for a formula (a zero denominator, a discount outside 0 < D_r ≤ r), the standard Y serves,
 * and 0.5 when even Y cannot be formed.
 */
export function discounts(n: number[], discounting: Discounting): Discounts {
  if (typeof discounting === 'number') return [discounting, discounting, discounting];
  const [, n1, n2, n3, n4] = n;
  const y = n1 > 0 ? n1 / (n1 + 2 * n2) : NaN;
  const single = y > 0 && y < 1 ? y : 0.5;
  if (discounting === 'standard') return [single, single, single];
  const d: Discounts = [1 - 2 * y * n2 / n1, 2 - 3 * y * n3 / n2, 3 - 4 * y * n4 / n3];
  return d.every((v, r) => v > 0 && v <= r + 1) ? d : [single, single, single];
}
