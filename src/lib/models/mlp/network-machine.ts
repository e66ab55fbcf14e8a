/**
 * Figure 1c's machine, answered by the trained network of sections 4 and 5: the day goes in
 * (scaled as the network was trained), the network's output comes out, times the count scale.
 */
import type { CaseMachine } from '../machine';
import type { Mlp } from './mlp';
import { type CurveTask, NYC_TASK } from './nyc-curve-task';
import { tensor } from '$lib/engine';

export function networkMachine(net: Mlp, task: CurveTask = NYC_TASK): CaseMachine {
  return {
    id: 'network',
    name: 'Trained network',
    how:
      `A network with ${net.knobCount} knobs, trained on the ${task.n} recorded days, reads the answer off its own curve. ` +
      'Past the last day it only carries that curve on; it knows nothing of what happened next. Negative outputs are shown as 0.',
    answer(day) {
      if (!Number.isFinite(day)) return null;
      const out = net.predict(tensor([task.scaleDay(day)], [1, 1]))[0];
      return Number.isFinite(out) ? Math.max(0, Math.round(out * task.countScale)) : null;
    }
  };
}
