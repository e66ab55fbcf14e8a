/**
 * One glossary entry. The term is defined on the main path by `<dfn id={id}>` where it first
 * appears; the glossary at the end of the lecture lists every entry and links back to that spot.
 */
export interface GlossaryEntry {
  /** The `id` of the `<dfn>` that defines the term in the lecture ("term-gradient"). */
  id: string;
  /** The term as the glossary lists it ("gradient"). */
  term: string;
  /** Plain words, one or two sentences, for a first-year student. */
  definition: string;
  /** The section (1–12, 0 for the introduction) where the term is first defined. */
  section: number;
}
