/**
 * An independent double-precision version of the section-4 network, written from the formulas
 * (h₁ = tanh(x·W₁ + b₁), h₂ = tanh(h₁·W₂ + b₂), f = h₂·W₃ + b₃) with plain loops, reading the knobs
 * in the documented flat order: W₁ (1×w), b₁, W₂ (w×w, row by row), b₂, W₃ (w×1), b₃.
 */
export function referenceOutput(knobs: ArrayLike<number>, width: number, x: number): number {
  let o = 0;
  const take = (n: number) => {
    const out = Array.from({ length: n }, (_, i) => Number(knobs[o + i]));
    o += n;
    return out;
  };
  const W1 = take(width), b1 = take(width), W2 = take(width * width), b2 = take(width), W3 = take(width), [b3] = take(1);
  if (o !== knobs.length) throw new Error(`reference: ${knobs.length} knobs for width ${width}`);
  const h1 = W1.map((w, j) => Math.tanh(x * w + b1[j]));
  const h2 = b2.map((b, j) => Math.tanh(h1.reduce((s, h, i) => s + h * W2[i * width + j], b)));
  return h2.reduce((s, h, j) => s + h * W3[j], b3);
}

export function referenceLoss(knobs: ArrayLike<number>, width: number, xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += (referenceOutput(knobs, width, xs[i]) - ys[i]) ** 2;
  return sum / xs.length;
}
