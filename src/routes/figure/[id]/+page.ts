// One page per figure, prerendered, so a teacher can put a single figure in slides with an iframe.
import { error } from '@sveltejs/kit';
import { FIGURE_IDS, figureEntry } from '$lib/figures/registry';
import type { EntryGenerator, PageLoad } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () => FIGURE_IDS.map((id) => ({ id }));

// The query string (the figure's shared state, ?theme=) is read in the browser, never here: a
// prerendered page has no query string at build time.
export const load: PageLoad = ({ params }) => {
  if (!figureEntry(params.id)) error(404, `There is no figure ${params.id} in the lecture.`);
  return { id: params.id };
};
