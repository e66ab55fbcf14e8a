/**
 * A counting trie of short symbol strings that grows to the LEFT: node(x·s) is the child of node(s)
 * under symbol x, and the root is the empty string. Reading back from a position of a text through
 * the symbols before it therefore visits the strings ending there from shortest to longest, one
 * lookup per step — which is how an n-gram model reads all its orders at once.
 *
 * Why not a Map from context strings: the 1.8 million training bytes hold 8.6 million distinct
 * strings of 1 to 16 bytes; as JavaScript strings in Maps that is gigabytes, as typed arrays here
 * about 20 bytes each. Children live in one open-addressing hash table keyed by (parent, symbol);
 * a slot holds only the child's id, whose own parent and symbol are the key.
 */

export class ReversedTrie {
  /** node → the node of the string without its first symbol (−1 for the root). */
  parent: Int32Array;
  /** node → its first symbol (the one prepended to the parent's string). */
  symbol: Uint16Array;
  /** node → length of its string. */
  depth: Uint8Array;
  /** node → how many times the string was added (see add). */
  count: Int32Array;
  /** Number of nodes, the root included; ids are 0 … size − 1, a parent always before its children. */
  size = 1;
  private table: Int32Array;

  constructor(capacity = 1 << 16) {
    this.parent = new Int32Array(capacity).fill(-1);
    this.symbol = new Uint16Array(capacity);
    this.depth = new Uint8Array(capacity);
    this.count = new Int32Array(capacity);
    this.table = new Int32Array(2 * capacity).fill(-1);
  }

  /** The child of node under symbol, or −1. */
  child(node: number, symbol: number): number {
    const mask = this.table.length - 1;
    for (let slot = slotOf(node, symbol) & mask; ; slot = (slot + 1) & mask) {
      const id = this.table[slot];
      if (id < 0) return -1;
      if (this.parent[id] === node && this.symbol[id] === symbol) return id;
    }
  }

  /** The child of node under symbol, created (with count 0) if missing. */
  childOrCreate(node: number, symbol: number): number {
    const mask = this.table.length - 1;
    let slot = slotOf(node, symbol) & mask;
    for (; ; slot = (slot + 1) & mask) {
      const id = this.table[slot];
      if (id < 0) break;
      if (this.parent[id] === node && this.symbol[id] === symbol) return id;
    }
    if (this.size === this.parent.length) {
      this.grow();
      return this.childOrCreate(node, symbol);
    }
    const id = this.size++;
    this.parent[id] = node;
    this.symbol[id] = symbol;
    this.depth[id] = this.depth[node] + 1;
    this.table[slot] = id;
    return id;
  }

  /** The child of node under symbol, created if missing, with its count raised by one. */
  add(node: number, symbol: number): number {
    const id = this.childOrCreate(node, symbol);
    this.count[id]++;
    return id;
  }

  /** The node of a string given first symbol first, or −1 if it was never added. */
  find(symbols: ArrayLike<number>): number {
    let node = 0;
    for (let i = symbols.length - 1; i >= 0 && node >= 0; i--) node = this.child(node, symbols[i]);
    return node;
  }

  /** Twice the room: node arrays copied, the table (kept at most half full) rebuilt. */
  private grow(): void {
    const capacity = 2 * this.parent.length;
    const widen = <T extends Int32Array | Uint16Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.parent = widen(this.parent, (n) => new Int32Array(n).fill(-1));
    this.symbol = widen(this.symbol, (n) => new Uint16Array(n));
    this.depth = widen(this.depth, (n) => new Uint8Array(n));
    this.count = widen(this.count, (n) => new Int32Array(n));
    this.table = new Int32Array(2 * capacity).fill(-1);
    const mask = this.table.length - 1;
    for (let id = 1; id < this.size; id++) {
      let slot = slotOf(this.parent[id], this.symbol[id]) & mask;
      while (this.table[slot] >= 0) slot = (slot + 1) & mask;
      this.table[slot] = id;
    }
  }
}

/** A well-mixed 32-bit hash of (node, symbol) (multiply–xorshift, as in MurmurHash3's finaliser). */
function slotOf(node: number, symbol: number): number {
  let h = Math.imul(node, 0x9e3779b1) ^ Math.imul(symbol + 1, 0x85ebca77);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}
