/**
 * The glossary's core terms: the ones a student needs to follow the move from end to end, printed
 * on the two-page handout (src/routes/handout). Listed by the ids of their entries, in the order the
 * lecture introduces them; the definitions are the glossary's own.
 */
import { glossaryEntries } from './glossary';
import type { GlossaryEntry } from './types';

export const CORE_TERMS = [
  'term-model',
  'term-fit',
  'term-parameter',
  'term-sir',
  'term-r0',
  'term-loss',
  'term-loss-landscape',
  'term-gradient-descent',
  'term-held-out',
  'term-weight',
  'term-neural-network',
  'term-training',
  'term-partial-derivative',
  'term-learning-rate',
  'term-gradient',
  'term-backpropagation',
  'term-gradient-handoff',
  'term-generalise',
  'term-embedding',
  'term-query',
  'term-key',
  'term-value',
  'term-softmax'
] as const;

/** The core entries in CORE_TERMS' order; throws if an id has no entry, so the list cannot go stale. */
export function coreEntries(): GlossaryEntry[] {
  const byId = new Map(glossaryEntries().map((e) => [e.id, e]));
  return CORE_TERMS.map((id) => {
    const entry = byId.get(id);
    if (!entry) throw new Error(`core glossary term ${id} has no glossary entry`);
    return entry;
  });
}
