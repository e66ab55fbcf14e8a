/**
 * The control both attention figures open on: the sentence's last word, from the fixed adjective
 * lists, in a menu grouped by what the word fits. Declared once so 8a and 8b offer the same words
 * under the same URL key (`word`).
 */
import { ANIMATE_ADJECTIVES, LECTURE_TIRED, PLACE_ADJECTIVES } from '$lib/models/attention/winograd-corpus';
import { choice } from '$lib/ui/controls.svelte';

export const LAST_WORD = choice(
  'last word',
  [
    ...ANIMATE_ADJECTIVES.map((a) => ({ value: a, label: a, group: 'fits a living thing' })),
    ...PLACE_ADJECTIVES.map((a) => ({ value: a, label: a, group: 'fits a place' }))
  ],
  LECTURE_TIRED.adjective,
  { look: 'menu' }
);
