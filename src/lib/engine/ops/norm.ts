/**
 * Layer normalisation over the last axis, with a learned gain and bias of that axis' size:
 *   x̂ = (x − mean) / √(var + eps),  y = x̂ · gain + bias      (var is the biased variance)
 * Backward, per row of D values with ĝ = g · gain:
 *   ∂x = (ĝ − mean(ĝ) − x̂ · mean(ĝ · x̂)) / √(var + eps),  ∂gain = Σ_rows g · x̂,  ∂bias = Σ_rows g
 */
import type { Tape } from '../tape';
import type { Tensor } from '../tensor';

export function layerNorm(tape: Tape, x: Tensor, gain: Tensor, bias: Tensor, eps = 1e-5): Tensor {
  const D = x.shape[x.ndim - 1];
  if (x.ndim < 1 || gain.size !== D || bias.size !== D) {
    throw new Error(`layerNorm: x [${x.shape}] needs gain and bias of ${D} values, got [${gain.shape}] and [${bias.shape}]`);
  }
  const rows = D === 0 ? 0 : x.size / D;
  const out = tape.output(x.shape);
  const X = x.data, W = gain.data, B = bias.data, Y = out.data;
  const xhat = tape.scratch(x.size);
  const rstd = tape.scratch(rows);
  for (let r = 0, base = 0; r < rows; r++, base += D) {
    let m = 0;
    for (let j = 0; j < D; j++) m += X[base + j];
    m /= D;
    let v = 0;
    for (let j = 0; j < D; j++) {
      const d = X[base + j] - m;
      v += d * d;
    }
    const s = 1 / Math.sqrt(v / D + eps);
    rstd[r] = s;
    for (let j = 0; j < D; j++) {
      const h = (X[base + j] - m) * s;
      xhat[base + j] = h;
      Y[base + j] = h * W[j] + B[j];
    }
  }
  tape.record('layerNorm', [x, gain, bias], out, () => {
    const G = out.grad!;
    if (gain.requiresGrad || bias.requiresGrad) {
      const GW = gain.requiresGrad ? gain.grad! : null;
      const GB = bias.requiresGrad ? bias.grad! : null;
      for (let r = 0, base = 0; r < rows; r++, base += D) {
        for (let j = 0; j < D; j++) {
          if (GW) GW[j] += G[base + j] * xhat[base + j];
          if (GB) GB[j] += G[base + j];
        }
      }
    }
    if (x.requiresGrad) {
      const GX = x.grad!;
      for (let r = 0, base = 0; r < rows; r++, base += D) {
        let mg = 0, mgx = 0;
        for (let j = 0; j < D; j++) {
          const gh = G[base + j] * W[j];
          mg += gh;
          mgx += gh * xhat[base + j];
        }
        mg /= D;
        mgx /= D;
        const s = rstd[r];
        for (let j = 0; j < D; j++) {
          GX[base + j] += (G[base + j] * W[j] - mg - xhat[base + j] * mgx) * s;
        }
      }
    }
  });
  return out;
}
