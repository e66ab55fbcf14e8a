// The handout's core terms are glossary entries: each id names one, once, and they follow the
// lecture's order of first use (the order a student meets them in).
import { describe, expect, it } from 'vitest';
import { CORE_TERMS, coreEntries } from '$lib/glossary/core';
import { glossaryEntries } from '$lib/glossary/glossary';

describe('core glossary terms', () => {
  it('are existing entries, each listed once, with their glossary definitions', () => {
    expect(new Set(CORE_TERMS).size).toBe(CORE_TERMS.length);
    const byId = new Map(glossaryEntries().map((e) => [e.id, e]));
    const core = coreEntries();
    expect(core.map((e) => e.id)).toEqual([...CORE_TERMS]);
    for (const e of core) expect(e).toBe(byId.get(e.id));
  });

  it('are listed in the order the lecture first uses them', () => {
    const sections = coreEntries().map((e) => e.section);
    expect(sections).toEqual([...sections].sort((a, b) => a - b));
  });
});
