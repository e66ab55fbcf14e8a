/** The sentences figure 5a prints about each knob's loss curve, checked against the curves themselves. */
import { describe, expect, it } from 'vitest';
import { BALL_KNOBS } from '$lib/figures/05-engine/ball-knobs';
import { KnobSlice } from '$lib/models/knobs/knob-slice';
import { NYC_TASK } from '$lib/models/mlp/nyc-curve-task';
import { loadShipped } from '../models/shipped';

const net = loadShipped().trained;
const info = net.knobInfo();

function curve(symbol: string, samples = 200) {
  const k = BALL_KNOBS.find((b) => b.symbol === symbol)!;
  const index = info.find((i) => i.symbol === symbol)!.index;
  const centre = k.offset ? net.getKnob(index) : 0;
  const [lo, hi] = [centre + k.range[0], centre + k.range[1]];
  const slice = new KnobSlice(net, NYC_TASK, [index]);
  const ws = Array.from({ length: samples + 1 }, (_, i) => lo + ((hi - lo) * i) / samples);
  return { ws, losses: ws.map((w) => slice.lossAt([w])), h: (hi - lo) / samples, drop: centre + k.drop, lo, hi };
}

const localMinima = (v: number[]) => v.filter((x, i) => i > 0 && i < v.length - 1 && x < v[i - 1] && x <= v[i + 1]).length;

describe('figure 5a: what the page says about each knob', () => {
  it('every knob exists in the network and drops the ball inside its chart', () => {
    for (const k of BALL_KNOBS) {
      const c = curve(k.symbol, 4);
      expect(c.drop).toBeGreaterThan(c.lo);
      expect(c.drop).toBeLessThan(c.hi);
    }
  });

  it('the output bias gives an exact parabola with curvature 2', () => {
    const { losses, h } = curve('b₃[0]', 60);
    for (let i = 1; i < losses.length - 1; i++) {
      expect((losses[i + 1] - 2 * losses[i] + losses[i - 1]) / (h * h)).toBeCloseTo(2, 1);
    }
  });

  it('b₁[0]: flat ground far out on the left, and a second, shallower dip', () => {
    const { losses, h } = curve('b₁[0]');
    expect(localMinima(losses)).toBeGreaterThanOrEqual(2);
    const slopes = losses.slice(1).map((v, i) => Math.abs(v - losses[i]) / h);
    const steepest = Math.max(...slopes);
    expect(Math.max(...slopes.slice(0, 20))).toBeLessThan(0.05 * steepest);
  });

  it('W₁[0,0]: not a parabola (its curvature changes along the chart)', () => {
    const { losses, h } = curve('W₁[0,0]');
    const curvature = losses.slice(1, -1).map((v, i) => (losses[i + 2] - 2 * v + losses[i]) / (h * h));
    expect(Math.max(...curvature)).toBeGreaterThan(0);
    expect(Math.min(...curvature)).toBeLessThan(0);
  });
});
