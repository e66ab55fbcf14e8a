/**
 * The reader's path through the built page (build/index.html, as prerendered): reading times that
 * match the words, a glossary whose every entry points at the <dfn> that defines it, and prose
 * numbers about training runs that match the committed metrics. No browser needed.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SECTIONS } from '../../src/lib/sections';
import { GLOSSARY_PART_1 } from '../../src/lib/glossary/part-1';
import { GLOSSARY_PART_2 } from '../../src/lib/glossary/part-2';
import { mainPath, readingMinutes } from './main-path';

const html = readFileSync('build/index.html', 'utf8');
const page = mainPath(html);
const glossary = [...GLOSSARY_PART_1, ...GLOSSARY_PART_2];

describe('reading times', () => {
  it('each section heading shows its main-path words at 230 a minute, rounded up', () => {
    const shown = [...html.matchAll(/data-section="(\d+)"[\s\S]*?class="reading-time[^"]*">(\d+) min read</g)].map((m) => [m[1], Number(m[2])]);
    expect(shown.map(([n]) => Number(n))).toEqual(SECTIONS.map((s) => s.n));
    const counted = SECTIONS.map((s) => readingMinutes(page.words[String(s.n)] ?? 0));
    // On failure: the right values for `minutes` in src/lib/sections.ts, in section order.
    expect(SECTIONS.map((s) => s.minutes), `words by section: ${JSON.stringify(page.words)}`).toEqual(counted);
    expect(shown.map(([, m]) => m)).toEqual(counted);
  });
});

describe('glossary', () => {
  it('lists every entry once, after section 12 and before the sources, linking to its term', () => {
    const ids = glossary.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const start = html.indexOf('id="glossary"');
    expect(start).toBeGreaterThan(html.indexOf('data-section="12"'));
    expect(start).toBeLessThan(html.indexOf('id="sources"'));
    const part = html.slice(start, html.indexOf('id="sources"'));
    const linked = [...part.matchAll(/<dt><a href="#([^"]+)">/g)].map((m) => m[1]);
    expect([...linked].sort()).toEqual([...ids].sort());
  });

  it('every entry’s id is a <dfn> on the main path of the section it names', () => {
    for (const e of glossary) {
      const dfn = page.dfns.filter((d) => d.id === e.id);
      expect(dfn, e.id).toHaveLength(1);
      expect(dfn[0].section, e.id).toBe(e.section === 0 ? null : String(e.section));
      expect(dfn[0].mainPath, `${e.id} sits in a fold or a figure`).toBe(e.section === 0 ? false : true);
    }
  });

  it('every <dfn> on the page has an entry', () => {
    const entries = new Set(glossary.map((e) => e.id));
    expect(page.dfns.filter((d) => !entries.has(d.id)).map((d) => d.id)).toEqual([]);
  });

  it('every link to a term lands on an element of the page', () => {
    const targets = [...html.matchAll(/href="#(term-[^"]+)"/g)].map((m) => m[1]);
    expect(targets.filter((t) => !page.ids.has(t))).toEqual([]);
  });
});

describe('numbers the prose quotes', () => {
  it('section 8’s spread of training runs is the committed metrics', () => {
    const metrics = JSON.parse(readFileSync('static/models/attention-metrics.json', 'utf8'));
    const pct = (seeds: { heldOut: { bindingRate: number } }[]) => seeds.map((s) => Math.round(100 * s.heldOut.bindingRate));
    const binding = pct(metrics.wirings.binding.seeds);
    const plain = pct(metrics.wirings.plain.seeds);
    const s8 = readFileSync('src/routes/lecture/S08Attention.svelte', 'utf8').replace(/\s+/g, ' ');
    expect(s8).toContain(`right noun in ${Math.min(...binding)}% of sentences it never saw, another in ${Math.max(...binding)}%`);
    expect(s8).toContain(`in only ${Math.min(...plain)}% of them`);
  });
});
