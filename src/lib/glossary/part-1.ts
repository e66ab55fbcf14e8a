import type { GlossaryEntry } from './types';

/** Terms first defined in the introduction and sections 1–6 (written with that part's prose). */
export const GLOSSARY_PART_1: GlossaryEntry[] = [];
