import { describe, expect, it } from 'vitest';
import { Mlp } from '$lib/models/mlp/mlp';
import { NYC_TASK } from '$lib/models/mlp/nyc-curve-task';
import { SHIPPED_TRAINING } from '$lib/models/mlp/nyc-mlp-file';
import { BENDING_START_SEED, bendsVisibly, curveTurns, liveliestKnob } from '$lib/models/knobs/knob-desk';

describe('figure 4a’s opening random start', () => {
  it('is the first seed whose curve over New York’s days bends visibly; the training’s own start does not', () => {
    const first = Array.from({ length: 200 }, (_, i) => i + 1).find((s) => bendsVisibly(new Mlp(8, s).predict(NYC_TASK.x)));
    expect(first).toBe(BENDING_START_SEED);
    expect(curveTurns(new Mlp(8, BENDING_START_SEED).predict(NYC_TASK.x))).toBeGreaterThanOrEqual(2);
    expect(bendsVisibly(new Mlp(8, SHIPPED_TRAINING.seed).predict(NYC_TASK.x))).toBe(false);
  });

  it('counts turning points as slope sign changes, skipping flat steps', () => {
    expect(curveTurns([0, 1, 2, 1, 0, 0, 1])).toBe(2);
    expect(curveTurns([3, 2, 2, 2, 1])).toBe(0);
    expect(curveTurns([0, 1, 1, 0])).toBe(1);
  });
});

describe('the knob to try first', () => {
  it('moves the curve more than any other knob, and leaves the network as it was', () => {
    const net = new Mlp(8, BENDING_START_SEED);
    const knobs = net.getKnobs();
    const ranges = Array.from(knobs, () => 2);
    const k = liveliestKnob(net, NYC_TASK.x, ranges);
    expect(Array.from(net.getKnobs())).toEqual(Array.from(knobs));
    // Brute-force check against every knob, by its own definition.
    const base = net.predict(NYC_TASK.x);
    const reach = (i: number) =>
      Math.max(
        ...[-2, 2].map((v) => {
          const t = knobs.slice();
          t[i] = v;
          const m = new Mlp(8, 1);
          m.setKnobs(t);
          const p = m.predict(NYC_TASK.x);
          return Math.max(...Array.from(p, (y, d) => Math.abs(y - base[d])));
        })
      );
    const reaches = Array.from(knobs, (_, i) => reach(i));
    expect(reaches[k]).toBe(Math.max(...reaches));
    expect(reaches[k]).toBeGreaterThan(0.5);
  });
});
