/**
 * Figure 5a. On the output bias b₃ the loss is an exact parabola in the knob with L'' = 2 (the
 * output is b₃ plus terms without it, and L is a mean of squares), so the fate of every run is
 * known in closed form: the distance to the bottom is multiplied by (1 − 2η) at each step.
 */
import { describe, expect, it } from 'vitest';
import { BallRun, classify } from '$lib/models/descent/ball';
import { KnobSlice } from '$lib/models/knobs/knob-slice';
import { NYC_TASK } from '$lib/models/mlp/nyc-curve-task';
import { loadShipped } from './shipped';

const net = loadShipped().trained;
const OUTPUT_BIAS = 96;
const line = new KnobSlice(net, NYC_TASK, [OUTPUT_BIAS]);
const best = net.getKnob(OUTPUT_BIAS);
const chart: [number, number] = [best - 1.5, best + 1.5];

function run(lr: number, start: number, steps: number) {
  const ball = new BallRun(line, start, lr, chart);
  for (let i = 0; i < steps && ball.step(); i++);
  return ball;
}

describe('figure 5a: the ball on a loss curve', () => {
  it('takes exactly the step w − η·∂L/∂w, with the slope of the parabola 2(w − w*)', () => {
    const ball = new BallRun(line, best + 1, 0.1, chart);
    const atBest = new BallRun(line, best, 0.1, chart).current.slope;
    expect(ball.current.slope - atBest).toBeCloseTo(2 * 1, 3);
    ball.step();
    expect(ball.current.w).toBe(Math.fround(Math.fround(best + 1) - 0.1 * ball.history[0].slope));
  });

  it('at a tiny η creeps towards the bottom without ever turning back: converging', () => {
    const ball = run(0.001, best + 1, 200);
    expect(ball.status).toBe('converging');
    for (let i = 1; i < ball.history.length; i++) {
      expect(ball.history[i].loss).toBeLessThan(ball.history[i - 1].loss);
      expect(ball.history[i].w).toBeLessThan(ball.history[i - 1].w);
    }
    const bottom = best - new BallRun(line, best, 0.1, chart).current.slope / 2;
    expect(ball.current.w - bottom).toBeCloseTo((best + 1 - bottom) * Math.pow(1 - 0.002, 200), 3); // distance × (1 − 2η)ⁿ
  });

  it('swings across the bottom when 1/L″ < η < 2/L″ and still settles', () => {
    const ball = run(0.8, best + 1, 6);
    expect(ball.status).toBe('oscillating');
    expect(ball.current.loss).toBeLessThan(ball.history[0].loss);
  });

  it('runs away above η = 2/L″ = 1 and says so, with every number it kept finite', () => {
    for (const lr of [1.05, 3, 1e6]) {
      const ball = run(lr, best + 1, 500);
      expect(ball.status).toBe('diverged');
      expect(ball.reason).not.toBe('');
      for (const p of ball.history) expect([p.w, p.loss, p.slope].every(Number.isFinite)).toBe(true);
      expect(ball.step()).toBe(false); // a stopped run stays stopped
    }
    // Just below the threshold the swings shrink instead.
    expect(run(0.95, best + 1, 300).status).not.toBe('diverged');
  });

  it('classifies histories by their last steps', () => {
    const p = (w: number, loss: number) => ({ w, loss, slope: 0 });
    expect(classify([p(0, 1)])).toBe('ready');
    expect(classify([p(0, 1), p(1, 0.5), p(2, 0.2)])).toBe('converging');
    expect(classify([p(0, 1), p(2, 0.5), p(1, 0.2)])).toBe('oscillating');
    expect(classify([p(0, 1), p(1, 2), p(0, 3), p(1, 4)])).toBe('diverged');
    // Steps below the rest threshold do not count as swings.
    expect(classify([p(0, 1), p(1e-9, 1), p(0, 1)], 1e-6)).toBe('converging');
  });

  it('refuses a start that is not a number', () => {
    expect(() => new BallRun(line, NaN, 0.1, chart)).toThrow(/finite/);
  });
});
