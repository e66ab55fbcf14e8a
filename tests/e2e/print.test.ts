/**
 * Print and Save as PDF: the lecture and the two-page handout through Chromium's own PDF printer,
 * read back with Debian's poppler-utils (pdfinfo, pdftotext, pdftoppm), which .ci/run installs.
 *
 * How a figure's ink is found: each figure prints its header ("FIGURE 2C") at its top and its
 * standalone address at its bottom, and a figure shorter than a page is never split by a page
 * break. `pdftotext -bbox` gives the page and position of both words, so the figure's region (on
 * one page, or across the pages a taller figure runs over) is known from the PDF
 * itself, with no guess about how print layout maps onto pages. That page is rasterised in grey;
 * every word's box is masked out, so text (titles, captions, readouts, axis labels) cannot pass
 * for a drawing; and what is left in the region must be ink: the chart's lines, bars, cells and
 * photos. A figure whose code never drew leaves an empty frame, and fails.
 */
import { describe } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, test } from './fixture';
import { scrollThrough } from './browser';
import { CORE_TERMS } from '$lib/glossary/core';
import { glossaryEntries } from '$lib/glossary/glossary';

const work = mkdtempSync(join(tmpdir(), 'print-test-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

async function printToFile(page: Page, name: string, format: 'A4' | 'Letter'): Promise<string> {
  const file = join(work, `${name}-${format}.pdf`);
  writeFileSync(file, await page.pdf({ format, printBackground: true }));
  return file;
}

function pageCount(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(info.match(/^Pages:\s+(\d+)/m)?.[1]);
}

/** Below this share of ink outside text, a printed figure counts as not drawn. */
const INK_SHARE = 0.005;

const text = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });

interface Word {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

/** Every word of the PDF with its page (from 1) and box in points, from `pdftotext -bbox`. */
function words(pdf: string): { words: Word[]; pageWidth: number } {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const out: Word[] = [];
  let page = 0;
  let pageWidth = 0;
  for (const m of html.matchAll(/<page width="([\d.]+)"|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[1]) {
      page++;
      pageWidth = Number(m[1]);
    } else out.push({ page, x0: +m[2], y0: +m[3], x1: +m[4], y1: +m[5], text: m[6].replace(/&amp;/g, '&') });
  }
  return { words: out, pageWidth };
}

/** One page rasterised in grey at `dpi`, as rows of 0–255. */
function greyPage(pdf: string, pageNo: number, dpi: number): { width: number; height: number; px: Uint8Array } {
  const base = join(work, `page-${pageNo}`);
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(pageNo), '-l', String(pageNo), '-singlefile', pdf, base]);
  const buf = readFileSync(base + '.pgm');
  // P5 header: magic, width, height, maxval, each separated by whitespace.
  const header = buf.subarray(0, 64).toString('latin1').match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error('not a binary PGM');
  return { width: +header[1], height: +header[2], px: buf.subarray(header[0].length) };
}

/**
 * For each figure, the share of its printed region (text masked out) that holds ink; see the top
 * of this file. `heights` are the figures' printed heights in CSS px, to tell which must fit a page.
 */
function inkShares(pdf: string, ids: string[], heights: number[], origin: string): Record<string, number> {
  const { words: all, pageWidth } = words(pdf);
  const dpi = 40;
  const scale = dpi / 72;
  const rasters = new Map<number, ReturnType<typeof greyPage>>();
  const inkShare: Record<string, number> = {};
  for (const id of ids) {
    const link = all.find((w) => w.text === `${origin}/figure/${id}`);
    expect(link, `printed link of figure ${id}`).toBeDefined();
    const head = all.find((w, i) => w.text === 'FIGURE' && all[i + 1]?.text === id.toUpperCase() && all[i + 1].page === w.page);
    expect(head, `printed header of figure ${id}`).toBeDefined();
    // An A4 page holds 297 − 2 × 16 mm of content (print.css's @page margins), 1002 CSS px.
    if (heights[ids.indexOf(id)] < 1000) expect(head!.page, `figure ${id} stays on one page`).toBe(link!.page);
    // The figure's region, page by page: from its header (or the top of a page it runs onto) to
    // its link (or the bottom of a page it runs off), the page's width inside the margins, a
    // few pixels in from each edge to leave out the frame's border.
    let ink = 0;
    let area = 0;
    for (let p = head!.page; p <= link!.page; p++) {
      if (!rasters.has(p)) rasters.set(p, greyPage(pdf, p, dpi));
      const r = rasters.get(p)!;
      const x0 = Math.ceil(head!.x0 * scale) + 3;
      const x1 = Math.floor((pageWidth - head!.x0) * scale) - 3;
      const y0 = p === head!.page ? Math.ceil(head!.y1 * scale) + 2 : 0;
      const y1 = p === link!.page ? Math.floor(link!.y0 * scale) - 2 : r.height;
      const masked = new Uint8Array(r.width * r.height);
      for (const w of all) {
        if (w.page !== p) continue;
        for (let y = Math.floor(w.y0 * scale) - 1; y <= Math.ceil(w.y1 * scale) + 1; y++) {
          for (let x = Math.floor(w.x0 * scale) - 1; x <= Math.ceil(w.x1 * scale) + 1; x++) if (x >= 0 && y >= 0 && x < r.width && y < r.height) masked[y * r.width + x] = 1;
        }
      }
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          if (masked[y * r.width + x]) continue;
          area++;
          if (r.px[y * r.width + x] < 200) ink++;
        }
      }
    }
    inkShare[id] = area ? ink / area : 0;
  }
  return inkShare;
}

describe('print', () => {
  test('the handout prints on exactly two pages (A4 and Letter) with the move, five equations and the core terms, and ships no script', async ({ open }) => {
    const { page } = await open({ path: '/handout' });
    // Typeset at build time: KaTeX's markup is in the HTML, and no script file is loaded.
    expect(await page.locator('.katex-display').count()).toBe(5);
    expect(await page.locator('script[src], link[rel="modulepreload"]').count()).toBe(0);
    const core = glossaryEntries().filter((e) => (CORE_TERMS as readonly string[]).includes(e.id));
    expect(core.length).toBe(CORE_TERMS.length);
    // Exactly two, by design: the terms start on a page of their own, so a third page means one of
    // the two sheets outgrew its page, and one page means the break was lost.
    for (const format of ['A4', 'Letter'] as const) {
      const pdf = await printToFile(page, 'handout', format);
      expect(pageCount(pdf), format).toBe(2);
      const all = text(pdf).replace(/\s+/g, ' ');
      for (const heading of ['The move:', 'The SIR model', 'The loss', 'The update rule', 'The chain rule', 'Attention', 'Core terms']) {
        expect(all, `${format}: ${heading}`).toContain(heading);
      }
      for (const e of core) expect(all, `${format}: term ${e.term}`).toContain(e.definition.slice(0, 40).replace(/\s+/g, ' '));
    }
  });

  test('the lecture prints its figures as drawn, without controls, each with its link, and every figure region holds ink', async ({ open }) => {
    // The viewport of an A4 page's printable width (210 mm less 2 × 14 mm margins, in CSS px), so
    // figures draw at the width they will print at.
    const { page } = await open({ width: 688, height: 1000 });
    const origin = new URL(page.url()).origin;
    await scrollThrough(page);
    const ids = await page.$$eval('[data-figure]', (els) => els.map((e) => (e as HTMLElement).dataset.figure!));
    expect(ids.length).toBeGreaterThan(20);
    // Every figure's code has loaded and rendered before printing.
    await expect
      .poll(() => page.$$eval('[data-figure]', (els) => els.filter((e) => !e.querySelector('.figure-body > :not(noscript)')).map((e) => (e as HTMLElement).dataset.figure)), { timeout: 60_000 })
      .toEqual([]);

    await page.emulateMedia({ media: 'print' });
    // No control is shown on paper: no input, no top bar, no button but a figure's content buttons
    // (photo thumbnails and words, which have no .btn style: print.css says why).
    expect(await page.locator('input:visible, select:visible, textarea:visible, .topbar:visible, #contents:visible').count()).toBe(0);
    const buttons = await page.$$eval('button', (bs) =>
      bs.filter((b) => b.checkVisibility()).filter((b) => b.matches('.btn') || !b.closest('.figure-body')).map((b) => b.textContent?.trim())
    );
    expect(buttons, 'control buttons visible in print').toEqual([]);
    // Sliders: no range input; the only role=slider left are pictures: knobs drawn inside a
    // figure's SVG, and the charts of 1a, 2b and 5b, which are themselves sliders for the keyboard.
    const sliders = await page.$$eval('[role="slider"], input[type="range"]', (ss) =>
      ss.filter((s) => s.checkVisibility() && !s.closest('svg') && !s.querySelector('svg')).length
    );
    expect(sliders).toBe(0);
    // Each figure's link, as the stylesheet prints it beneath the figure.
    const links = await page.$$eval('[data-figure]', (els) => els.map((e) => getComputedStyle(e, '::after').content));
    expect(links).toEqual(ids.map((id) => `"${origin}/figure/${id}"`));
    // Heights as printed (CSS px): a figure shorter than a page must not be cut by a page break.
    const heights = await page.$$eval('[data-figure]', (els) => els.map((e) => e.getBoundingClientRect().height));
    // Back to no emulation: an emulated 'screen' would make page.pdf() print with screen styles.
    await page.emulateMedia({ media: null });

    const pdf = await printToFile(page, 'lecture', 'A4');
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThan(12);
    const inkShare = inkShares(pdf, ids, heights, origin);
    // Drawn figures put ink on 1.2–35 % of their free area on this build; a frame whose figure
    // never drew holds only its border and stays far below, as the control test below shows.
    const faint = Object.entries(inkShare).filter(([, share]) => share < INK_SHARE);
    expect(faint, `figures with (almost) no ink outside their text: ${JSON.stringify(inkShare)}`).toEqual([]);
  });

  test('the ink check can fail: figures never scrolled to (so never drawn) print without ink', async ({ open }) => {
    const { page } = await open({ width: 688, height: 1000 });
    const origin = new URL(page.url()).origin;
    const ids = await page.$$eval('[data-figure]', (els) => els.map((e) => (e as HTMLElement).dataset.figure!));
    const blank = await page.$$eval('[data-figure]', (els) => els.filter((e) => !e.querySelector('.figure-body > :not(noscript)')).map((e) => (e as HTMLElement).dataset.figure!));
    expect(blank.length).toBeGreaterThan(10);
    await page.emulateMedia({ media: 'print' });
    // The links' origin is set when the page's code starts, which open() waits for: before it, the
    // PDF would print bare ids (a loaded CI machine once printed before it).
    const heights = await page.$$eval('[data-figure]', (els) => els.map((e) => e.getBoundingClientRect().height));
    await page.emulateMedia({ media: null });
    const inkShare = inkShares(await printToFile(page, 'unscrolled', 'A4'), ids, heights, origin);
    for (const id of blank) expect(inkShare[id], `figure ${id}`).toBeLessThan(INK_SHARE / 2);
  });
});
