import { describe } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixture';

describe('the lecture page', () => {
  test('has all twelve sections in order, each with a deep-link id and a heading', async ({ open }) => {
    const { page } = await open();
    const sections = await page.$$eval('[data-section]', (els) =>
      els.map((e) => ({ n: Number((e as HTMLElement).dataset.section), id: e.id, h: e.querySelector('h2')?.textContent ?? '' }))
    );
    expect(sections.map((s) => s.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const s of sections) {
      expect(s.id).toMatch(/^[a-z0-9-]+$/);
      expect(s.h.length).toBeGreaterThan(5);
    }
    // The table of contents links to every section.
    const links = await page.$$eval('nav#contents a', (as) => as.map((a) => a.getAttribute('href')));
    for (const s of sections) expect(links).toContain('#' + s.id);
  });

  // Every figure loading with no console error and no foreign request is checked by the fixture at
  // the end of keyboard.test.ts (which scrolls through and operates every figure) and of
  // present.test.ts (whose walk loads every figure): not a third time here.

  test('typesets the formulas at build time and ships no KaTeX code to the browser', async ({ open }) => {
    const { page } = await open();
    expect(await page.locator('.katex').count()).toBeGreaterThan(5);
    const js: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.js')) js.push(readFileSync(p, 'utf8'));
      }
    };
    walk('build/_app');
    // Strings that exist only inside KaTeX's parser.
    expect(js.some((src) => src.includes('KaTeX parse error'))).toBe(false);
  });

  // axe (light and dark) runs in keyboard.test.ts, on the whole page after a key has operated every
  // figure: the same scan on a page in use, so it is not repeated here on a page at rest. Screenshots
  // are `npm run screenshots`: a picture asserts nothing.
});
