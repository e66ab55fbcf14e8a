/**
 * Figure 7b's controls, declared once (issue 16): "this view" in the URL is the chosen test photo
 * (1-based, as the gallery labels it; drawn by the gallery, not by an input of its own) and whose
 * saliency is drawn. A reader's own picture stays on their machine, so it is never in a link.
 */
import { choice, slider } from '$lib/ui/controls.svelte';
import { TEST_PER_CLASS } from '$lib/data/cats-dogs';

export const CNN_CONTROLS = {
  photo: slider('Test photo', 1, 2 * TEST_PER_CLASS, 1, TEST_PER_CLASS + 1, { whole: true }),
  saliency: choice(
    'Which pixels matter for',
    [
      { value: 'predicted', label: "the network's answer" },
      { value: 'cat', label: 'cat' },
      { value: 'dog', label: 'dog' }
    ],
    'predicted',
    { look: 'menu', advanced: true }
  )
};

export type CnnControls = typeof CNN_CONTROLS;
