import { describe, expect, it, vi } from 'vitest';
import { Tape, add, matmul, max, maxPool2d, mul, param, sum, tanh, tensor } from '$lib/engine';

describe('Tape', () => {
  it('computes the gradient of a small expression by hand', () => {
    // f(a, b) = tanh(a·b + a), a = 0.5, b = -2: f = tanh(-0.5)
    const tape = new Tape();
    const a = param([0.5], 'a');
    const b = param([-2], 'b');
    const f = tanh(tape, add(tape, mul(tape, a, b), a));
    const y = Math.tanh(-0.5);
    expect(f.item()).toBeCloseTo(y, 6);
    tape.backward(f);
    const d = 1 - y * y;
    expect(a.grad![0]).toBeCloseTo(d * (-2 + 1), 6);
    expect(b.grad![0]).toBeCloseTo(d * 0.5, 6);
  });

  it('does not record ops on constants and refuses backward from them', () => {
    const tape = new Tape();
    const y = add(tape, tensor([1, 2]), tensor([3, 4]));
    expect(tape.nodes).toHaveLength(0);
    expect(y.requiresGrad).toBe(false);
    expect(() => tape.backward(y)).toThrow(/not computed on this tape/);
  });

  it('zeroes leaf gradients between sweeps unless asked to accumulate', () => {
    const w = param([3], 'w');
    const run = (accumulate: boolean) => {
      const tape = new Tape();
      const y = mul(tape, w, w);
      tape.backward(y, { accumulate });
    };
    run(false);
    expect(w.grad![0]).toBe(6);
    run(false);
    expect(w.grad![0]).toBe(6);
    run(true);
    expect(w.grad![0]).toBe(12);
  });

  it('sums gradients of a tensor used twice', () => {
    const tape = new Tape();
    const x = param([1, 2, 3], [3]);
    const y = add(tape, x, x);
    tape.backward(y);
    expect(Array.from(x.grad!)).toEqual([2, 2, 2]);
  });

  it('is inspectable: leaves and ops in forward order with ids, values and gradients', () => {
    const tape = new Tape();
    const x = tensor([1, 2], [1, 2]);
    x.name = 'x';
    const W = param([1, 0, 0, 1], [2, 2], 'W');
    const h = tanh(tape, matmul(tape, x, W));
    tape.backward(h);
    const { entries: view, idOf } = tape.inspect();
    expect(view.map((e) => e.op)).toEqual(['input', 'param', 'matmul', 'tanh']);
    // The ids it hands back are the ones it assigned.
    expect([idOf.get(x), idOf.get(W), idOf.get(h)]).toEqual([0, 1, 3]);
    expect(view[2].inputs).toEqual([0, 1]);
    expect(view[3].inputs).toEqual([2]);
    expect(view[0].grad).toBeNull();
    expect(view[1].name).toBe('W');
    expect(Array.from(view[3].value)).toEqual(Array.from(h.data));
    expect(Array.from(view[1].grad!)).toEqual(Array.from(W.grad!));
    // Snapshots are copies: the tape can be reset and reused without changing them.
    tape.reset();
    expect(tape.nodes).toHaveLength(0);
    expect(view[3].value[0]).toBeCloseTo(Math.tanh(1), 6);
  });

  it('reuses output tensors across steps when asked, without changing results', () => {
    const W = param([0.5, -0.25, 1, 2], [2, 2], 'W');
    const x = tensor([1, -1, 2, 0.5], [2, 2]);
    const fresh = new Tape();
    const reused = new Tape({ reuseBuffers: true });
    const outs: unknown[] = [];
    for (let step = 0; step < 3; step++) {
      reused.reset();
      const y = tanh(reused, matmul(reused, x, W));
      outs.push(y);
      reused.backward(y);
      const g1 = W.grad!.slice();
      fresh.reset();
      const z = tanh(fresh, matmul(fresh, x, W));
      fresh.backward(z);
      expect(Array.from(y.data)).toEqual(Array.from(z.data));
      expect(Array.from(g1)).toEqual(Array.from(W.grad!));
      W.data[0] += 0.1;
    }
    expect(outs[0]).toBe(outs[2]);
  });

  it('keeps max and max pooling winners in the tape\'s integer scratch: the same arrays every step, right gradients each step', () => {
    const tape = new Tape({ reuseBuffers: true });
    const x = param([1, 5, 3, 2, 0, 4, 6, 1], [1, 2, 2, 2], 'x');
    const handed = vi.spyOn(tape, 'scratchIndices');
    const seen: Int32Array[][] = [];
    const grads: number[][] = [];
    for (const values of [[1, 5, 3, 2, 0, 4, 6, 1], [9, 0, 0, 8, 1, 1, 2, 2]]) {
      tape.reset();
      handed.mockClear();
      x.data.set(values);
      const pooled = maxPool2d(tape, x, { size: 2 }); // [1,1,1,2]: the largest of each channel
      const loss = sum(tape, max(tape, pooled, 3)); // the larger of the two channels' winners
      tape.backward(loss);
      seen.push(handed.mock.results.map((r) => r.value as Int32Array));
      grads.push(Array.from(x.grad!));
    }
    // Channel 0 holds 1,3,0,6 and channel 1 holds 5,2,4,1 in step one: 6 wins (x index 6).
    expect(grads[0]).toEqual([0, 0, 0, 0, 0, 0, 1, 0]);
    // Step two: channel 0 holds 9,0,1,2 and channel 1 holds 0,8,1,2: 9 wins (x index 0).
    expect(grads[1]).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(seen[0]).toHaveLength(2);
    seen[0].forEach((a, i) => expect(seen[1][i]).toBe(a));
  });

  it('records nothing when made with record: false, and lists the parameters a graph reads', () => {
    const W = param([1, 2], [2, 1], 'W');
    const off = new Tape({ record: false });
    const y = matmul(off, tensor([1, 1], [1, 2]), W);
    expect(y.item()).toBe(3);
    expect(off.nodes).toHaveLength(0);
    expect(y.requiresGrad).toBe(false);
    const on = new Tape();
    const b = param([0.5], [1], 'b');
    add(on, matmul(on, tensor([1, 1], [1, 2]), W), b);
    expect(on.params()).toEqual([W, b]);
  });
});
