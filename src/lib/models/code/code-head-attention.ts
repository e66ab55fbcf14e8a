/**
 * One attention head of the code transformer, opened up: where it looks over a text (its weights
 * from a real forward pass) and the three matrices that decide it (its slices of W_Q, W_K, W_V).
 *
 * How heads are split (causal-attention.ts splitHeads): Q = x·W_Q is [T, d], reshaped to
 * [T, H, d/H], so head h's queries are columns h·d/H … (h+1)·d/H − 1 of Q, and hence those columns
 * of W_Q; the same for K and V. W_O mixes all heads and belongs to none, so it is not sliced here.
 */
import { read, type CodeTransformer } from './code-transformer';
import { symbolLabel } from './code-symbol-labels';
import { readingWindow } from './code-writer';

export interface HeadAttention {
  /** The symbols read (code-symbol-labels.ts): the first may be the file-start mark. */
  labels: string[];
  /** labels.length² row-major: row i is how position i spreads its attention over 0 … i. */
  weights: Float32Array;
}

/** Where head `head` of layer `layer` looks when the model reads `text` (its reading window: the last `context` symbols). */
export function headAttention(model: CodeTransformer, text: string, layer: number, head: number): HeadAttention {
  checkHead(model, layer, head);
  const { symbols } = readingWindow(text, model.config.context);
  const T = symbols.length;
  const all = read(model, symbols).layers[layer].weights.data; // [1, H, T, T]
  return { labels: Array.from(symbols, symbolLabel), weights: all.slice(head * T * T, (head + 1) * T * T) };
}

export interface HeadProjections {
  /** dModel × headDim each, row-major: row r is input dimension r of the residual stream. */
  wq: Float32Array;
  wk: Float32Array;
  wv: Float32Array;
  dModel: number;
  headDim: number;
}

/** Head `head`'s columns of layer `layer`'s W_Q, W_K and W_V. */
export function headProjections(model: CodeTransformer, layer: number, head: number): HeadProjections {
  checkHead(model, layer, head);
  const d = model.config.dModel, headDim = d / model.config.heads;
  const columns = (w: Float32Array) => {
    const out = new Float32Array(d * headDim);
    for (let r = 0; r < d; r++) out.set(w.subarray(r * d + head * headDim, r * d + (head + 1) * headDim), r * headDim);
    return out;
  };
  const { wq, wk, wv } = model.blocks[layer].attention;
  return { wq: columns(wq.data), wk: columns(wk.data), wv: columns(wv.data), dModel: d, headDim };
}

function checkHead(model: CodeTransformer, layer: number, head: number) {
  const { layers, heads } = model.config;
  if (!(Number.isInteger(layer) && layer >= 0 && layer < layers)) throw new Error(`layer ${layer} is not one of 0 … ${layers - 1}`);
  if (!(Number.isInteger(head) && head >= 0 && head < heads)) throw new Error(`head ${head} is not one of 0 … ${heads - 1}`);
}
