/**
 * The Contents list the Go-deeper folds under their sections and the glossary; following a link
 * to a fold opens it, from the Contents or from an address that carries its hash.
 */
import { test, expect } from './fixture';

test('lists every fold under its section, and the glossary', async ({ open }) => {
  const { page } = await open();
  // Independent of the Contents: the folds as the page holds them, section by section.
  const inPage = await page.$$eval('[data-section] details.go-deeper[id]', (els) =>
    els.map((d) => ({ n: (d.closest('[data-section]') as HTMLElement).dataset.section!, href: '#' + d.id }))
  );
  expect(inPage.length).toBeGreaterThan(0);
  await expect
    .poll(() =>
      page.$$eval('nav#contents > ol > li', (lis) =>
        lis.flatMap((li) => {
          const section = li.querySelector(':scope > a')!.getAttribute('href');
          return [...li.querySelectorAll('ol.folds a')].map((a) => ({ section, href: a.getAttribute('href') }));
        })
      )
    )
    .toEqual(
      await page.evaluate(
        (folds) => folds.map((f) => ({ section: '#' + document.querySelector(`[data-section="${f.n}"]`)!.id, href: f.href })),
        inPage
      )
    );
  const top = await page.$$eval('nav#contents > ol > li > a', (as) => as.map((a) => a.getAttribute('href')));
  expect(top.slice(-2)).toEqual(['#glossary', '#sources']);
});

test('a Contents link to a fold opens it and lands on it', async ({ open }) => {
  const { page } = await open({ width: 390, height: 844 });
  const fold = page.locator('#deeper-novikoff');
  expect(await fold.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
  await page.getByRole('button', { name: 'Contents' }).click();
  await page.locator('nav#contents').getByRole('link', { name: /Novikoff/ }).click();
  await expect.poll(() => fold.evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
  expect(page.url()).toMatch(/#deeper-novikoff$/);
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('details')?.id)).toBe('deeper-novikoff');
  await expect.poll(() => fold.evaluate((d) => d.getBoundingClientRect().top), { timeout: 30_000 }).toBeLessThan(200);
  await expect.poll(() => fold.evaluate((d) => d.getBoundingClientRect().top)).toBeGreaterThan(0);
});

test('an address with a fold’s hash opens the fold', async ({ open }) => {
  const { page } = await open({ path: '/#deeper-lightning' });
  await expect.poll(() => page.locator('#deeper-lightning').evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
  // A hash change made by any link, not only the Contents, opens its fold too.
  expect(await page.locator('#deeper-softmax').evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
  await page.evaluate(() => (location.hash = '#deeper-softmax'));
  await expect.poll(() => page.locator('#deeper-softmax').evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
});

test('the glossary link lands on the glossary, whose entries lead back to their terms', async ({ open }) => {
  const { page } = await open();
  await page.getByRole('button', { name: 'Contents' }).click();
  await page.locator('nav#contents').getByRole('link', { name: 'Glossary' }).click();
  await expect
    .poll(() =>
      page.evaluate(() => {
        const top = document.getElementById('glossary')!.getBoundingClientRect().top;
        return [top >= 0 && top < innerHeight, location.hash];
      })
    )
    .toEqual([true, '#glossary']);
  await page.locator('#glossary').getByRole('link', { name: 'epoch' }).click();
  // The entry links to the term's own spot, which keeps clear of the sticky top bar when jumped to.
  // (Where it lands is not asserted: the jump is the browser's own, and figures loading next to the
  // term can still move it afterwards.)
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#term-epoch');
  expect(await page.evaluate(() => getComputedStyle(document.getElementById('term-epoch')!).scrollMarginTop)).toBe('64px');
});
