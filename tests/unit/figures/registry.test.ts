import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { FIGURES, FIGURE_IDS, figureEntry, figureProps } from '$lib/figures/registry';
import { SECTIONS } from '$lib/sections';

describe('the figure registry', () => {
  it('numbers each figure after its section, in reading order, each id once', () => {
    expect(new Set(FIGURE_IDS).size).toBe(FIGURE_IDS.length);
    for (const f of FIGURES) {
      expect(f.id).toMatch(/^\d+[a-z]?$/);
      expect(parseInt(f.id, 10), f.id).toBe(f.section);
      expect(SECTIONS.some((s) => s.n === f.section)).toBe(true);
    }
    const order = (id: string) => parseInt(id, 10) * 100 + (id.match(/[a-z]$/)?.[0].charCodeAt(0) ?? 0);
    expect(FIGURE_IDS.map(order)).toEqual([...FIGURE_IDS.map(order)].sort((a, b) => a - b));
  });

  it('gives every section file exactly the figures the registry puts in it', () => {
    const dir = 'src/routes/lecture';
    for (const s of SECTIONS) {
      const file = readdirSync(dir).find((f) => f.startsWith(`S${String(s.n).padStart(2, '0')}`))!;
      const src = readFileSync(`${dir}/${file}`, 'utf8');
      // A figure stands as <Figure {...figureProps('2c')} /> or, alone beside its prose, <FigureRow id="2c">.
      const used = [...src.matchAll(/<Figure \{\.\.\.figureProps\('([^']+)'\)\} \/>|<FigureRow id="([^"]+)">/g)].map((m) => m[1] ?? m[2]);
      expect(src.split(/<Figure\b|<FigureRow\b/).length - 1, `${file}: every <Figure> reads the registry`).toBe(used.length);
      expect(used, file).toEqual(FIGURES.filter((f) => f.section === s.n).map((f) => f.id));
    }
  });

  it('loads each figure from a component that exists', () => {
    const src = readFileSync('src/lib/figures/registry.ts', 'utf8');
    const paths = [...src.matchAll(/import\('\.\/([^']+)'\)/g)].map((m) => m[1]);
    expect(paths.length).toBe(FIGURES.length);
    for (const p of paths) expect(existsSync(`src/lib/figures/${p}`), p).toBe(true);
  });

  it('hands the frame its props without the section, and refuses an unknown id', () => {
    expect(Object.keys(figureProps('2c')).sort()).toEqual(['caption', 'data', 'description', 'id', 'load', 'minHeight', 'title']);
    expect(figureProps('2b').data).toBeUndefined();
    expect(figureProps('1b').data).toBe('nyc');
    expect(figureEntry('2z')).toBeUndefined();
    expect(() => figureProps('2z')).toThrow(/No figure 2z/);
  });
});
