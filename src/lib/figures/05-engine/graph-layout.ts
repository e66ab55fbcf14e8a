/**
 * Places the nodes of a recorded computation graph in columns for figure 5c: an operation one
 * column right of its deepest input, a leaf (knob or data) just left of the first operation that
 * reads it, and within each column an order that keeps edges short (a few sweeps of the barycentre
 * heuristic of Sugiyama, Tagawa and Toda, 1981).
 */
export interface GraphNode {
  id: number;
  /** Ids of the nodes this one is computed from (empty for a leaf). */
  inputs: readonly number[];
}

export interface GraphLayout {
  /** Column of each node (by id), from 0. */
  col: number[];
  /** Position within its column, centred on 0 (… −1, 0, 1 … or halves for even counts). */
  slot: number[];
  cols: number;
  /** Largest number of nodes in one column. */
  height: number;
}

export function layoutGraph(nodes: readonly GraphNode[]): GraphLayout {
  const n = nodes.length;
  const consumers: number[][] = nodes.map(() => []);
  for (const node of nodes) for (const i of node.inputs) consumers[i].push(node.id);

  const depth = new Array<number>(n).fill(0);
  for (const node of nodes) if (node.inputs.length) depth[node.id] = 1 + Math.max(...node.inputs.map((i) => depth[i]));
  for (const node of nodes) {
    if (node.inputs.length === 0 && consumers[node.id].length) depth[node.id] = Math.min(...consumers[node.id].map((c) => depth[c])) - 1;
  }
  const lowest = Math.min(...depth);
  const col = depth.map((d) => d - lowest);
  const cols = Math.max(...col) + 1;

  // Order within columns: start in recording order, then sweep right and left, sorting each
  // column by the mean position of its neighbours in the columns already placed.
  const columns: number[][] = Array.from({ length: cols }, () => []);
  for (const node of nodes) columns[col[node.id]].push(node.id);
  const pos = new Array<number>(n).fill(0);
  const place = () => columns.forEach((ids) => ids.forEach((id, k) => (pos[id] = k - (ids.length - 1) / 2)));
  place();
  const mean = (ids: number[], fallback: number) => (ids.length ? ids.reduce((s, i) => s + pos[i], 0) / ids.length : fallback);
  for (let sweep = 0; sweep < 4; sweep++) {
    const order = sweep % 2 === 0 ? columns.keys() : [...columns.keys()].reverse();
    for (const c of order) {
      const neighbours = (id: number) => (sweep % 2 === 0 ? nodes[id].inputs.concat(consumers[id]) : consumers[id].concat(nodes[id].inputs));
      columns[c].sort((a, b) => mean(neighbours(a) as number[], pos[a]) - mean(neighbours(b) as number[], pos[b]) || a - b);
      columns[c].forEach((id, k) => (pos[id] = k - (columns[c].length - 1) / 2));
    }
  }
  place();
  return { col, slot: pos.slice(), cols, height: Math.max(...columns.map((c) => c.length)) };
}
