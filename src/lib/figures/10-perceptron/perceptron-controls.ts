/**
 * Figure 10's controls, declared once (issue 16). "This view" in the URL is the point set (the
 * preset and its seed) and η; points the reader adds or drags by hand are not in a link (the URL
 * keeps the last preset they came from). The speed, the class of new points and the widest-margin
 * line are transient: a shared link opens without them.
 */
import { choice, slider, toggle } from '$lib/ui/controls.svelte';
import { formatFixed } from '$lib/ui/format';
import { PRESETS } from '$lib/models/perceptron/point-sets';

/** Examples a second while playing. */
const SPEEDS = [1, 4, 20, 100, 500];

export const PERCEPTRON_CONTROLS = {
  preset: choice('Start from a preset', PRESETS.map((p) => ({ value: p.id, label: p.name })), 'wide'),
  /** The preset's random points; drawn by no input of its own ("New random points" steps it). */
  seed: slider('Seed of the random points', 1, 1_000_000, 1, 1, { whole: true }),
  speed: choice('Speed', SPEEDS.map((s) => ({ value: String(s), label: `${s} ${s === 1 ? 'example' : 'examples'}/s` })), '4', {
    look: 'menu',
    transient: true
  }),
  addClass: choice('Class of new points', [{ value: '1', label: 'Add class 1' }, { value: '0', label: 'Add class 0' }], '1', {
    advanced: true,
    transient: true
  }),
  eta: slider('η, the step size (both learners)', 0.05, 2, 0.05, 1, { advanced: true, format: (v) => formatFixed(v, 2) }),
  widest: toggle('Show the widest-margin line', false, { advanced: true, transient: true })
};

export type PerceptronControls = typeof PERCEPTRON_CONTROLS;
