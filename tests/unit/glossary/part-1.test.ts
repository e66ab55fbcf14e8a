// The glossary links back to each term's <dfn>: every entry of part 1 must name a <dfn id> that
// exists, once, in the section the entry says, and every <dfn> of those sections must have an entry.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { GLOSSARY_PART_1 } from '$lib/glossary/part-1';

const DIR = 'src/routes/lecture';
/** dfn ids per section number, read from the lecture files of sections 1–6. */
function dfnsBySection(): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const file of readdirSync(DIR)) {
    const m = /^S0([1-6])[A-Za-z]+\.svelte$/.exec(file);
    if (!m) continue;
    for (const d of readFileSync(`${DIR}/${file}`, 'utf8').matchAll(/<dfn id="([^"]+)"/g)) {
      found.set(d[1], [...(found.get(d[1]) ?? []), Number(m[1])]);
    }
  }
  return found;
}

describe('glossary part 1', () => {
  const dfns = dfnsBySection();
  it('links every entry to exactly one <dfn> in its own section', () => {
    for (const e of GLOSSARY_PART_1) expect(dfns.get(e.id), e.id).toEqual([e.section]);
  });
  it('has an entry for every <dfn> of sections 1–6, with unique ids and plain, short definitions', () => {
    const ids = GLOSSARY_PART_1.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...dfns.keys()].sort()).toEqual([...ids].sort());
    for (const e of GLOSSARY_PART_1) {
      expect(e.id).toMatch(/^term-[a-z0-9-]+$/);
      expect(e.definition.split(/(?<=\.)\s/).length, e.id).toBeLessThanOrEqual(2);
    }
  });
});
