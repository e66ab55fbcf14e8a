/**
 * The glossary at the end of the lecture, as markup. Both parts are plain data; nothing here runs at
 * import time, so a build that never calls these functions (the browser's, see Glossary.svelte)
 * drops the definitions from its JavaScript.
 */
import { GLOSSARY_PART_1 } from './part-1';
import { GLOSSARY_PART_2 } from './part-2';
import type { GlossaryEntry } from './types';

/** Every entry, sorted by term as a reader looks it up (case and accents ignored). */
export function glossaryEntries(): GlossaryEntry[] {
  return [...GLOSSARY_PART_1, ...GLOSSARY_PART_2].sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function where(section: number): string {
  return section === 0 ? 'the introduction' : `section ${section}`;
}

/** A definition list; each term links back to its `<dfn>`, where it is first used. */
export function glossaryHtml(entries: GlossaryEntry[] = glossaryEntries()): string {
  const items = entries.map(
    (e) =>
      `<div class="glossary-entry"><dt><a href="#${escape(e.id)}">${escape(e.term)}</a></dt>` +
      `<dd>${escape(e.definition)} <span class="glossary-where">First used in ${where(e.section)}.</span></dd></div>`
  );
  return `<dl class="glossary-list">${items.join('')}</dl>`;
}
