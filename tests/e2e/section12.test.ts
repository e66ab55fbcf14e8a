import { describe } from 'vitest';
import { expect, test } from './fixture';
import { showFigure } from './browser';
import { linkedFigures } from '../../src/lib/figures/12-verdict/stack';

describe('figure 12: handoffs all the way down', () => {
  test('links every layer, and every entry of the tally, to a figure that is on the page', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    const fig = await showFigure(page, '12', 'a[data-figure-link]');
    const hrefs = await fig.locator('a[data-figure-link]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    // The page shows exactly the links the figure's content lists, each to a figure anchor.
    expect(hrefs).toEqual(linkedFigures().map((id) => `#figure-${id}`));
    const missing = await page.evaluate((hs) => hs.filter((h) => !document.getElementById(h!.slice(1))), hrefs);
    expect(missing, 'links whose figure is not on the page').toEqual([]);
  });

  test('lands on each target figure when a link is followed, with the hash and focus on it', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    const fig = await showFigure(page, '12', 'a[data-figure-link]');
    const links = fig.locator('a[data-figure-link]');
    const count = await links.count();
    expect(count).toBeGreaterThanOrEqual(5);
    const failures: string[] = [];
    for (let i = 0; i < count; i++) {
      const link = links.nth(i);
      const id = (await link.getAttribute('data-figure-link'))!;
      const exists = await page.evaluate((x) => Boolean(document.getElementById(`figure-${x}`)), id);
      if (!exists) {
        failures.push(`figure ${id}: no element #figure-${id} on the page`);
        continue;
      }
      await link.click();
      const landed = await page
        .waitForFunction(
          (x) => {
            const el = document.getElementById(`figure-${x}`)!;
            const top = el.getBoundingClientRect().top;
            const bar = document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0;
            return location.hash === `#figure-${x}` && top >= bar - 2 && top <= bar + 40 && document.activeElement === el;
          },
          id,
          { timeout: 20_000 }
        )
        .then(() => true)
        .catch(() => false);
      if (!landed) {
        const where = await page.evaluate((x) => {
          const el = document.getElementById(`figure-${x}`)!;
          return `hash ${location.hash}, top ${Math.round(el.getBoundingClientRect().top)} px, focus on ${document.activeElement?.id || document.activeElement?.tagName}`;
        }, id);
        failures.push(`figure ${id}: did not land (${where})`);
      }
    }
    expect(failures).toEqual([]);
  });
});
