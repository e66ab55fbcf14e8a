// The whole page by keyboard alone: Tab reaches a control in every figure with visible focus and
// no trap; one control per figure is operated by keys and changes something a reader can observe;
// axe then finds nothing serious or critical, light and dark. Plus: reduced motion stops autoplay.
import { describe } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect, pollReadout, test } from './fixture';
import { scrollThrough } from './browser';

/**
 * Figures with no control of their own by design: they show another figure's state. Tab need not
 * reach them; operating their partner's controls must change them.
 */
const DRIVEN_BY: Record<string, string> = { '2a': '2b' };

interface Stop {
  /** Figure id the focused element sits in, or '' outside figures. */
  figure: string;
  tag: string;
  /** Inside the figure's body (not the frame's own buttons: full screen, share). */
  inBody: boolean;
  /** Focus indicator drawn: an outline or a box-shadow. */
  visible: boolean;
  /** A stable index into the page's focusable elements, to come back to it. */
  key: string;
}

/**
 * Wait until every figure has drawn (a chart, a control or a readout in its body) and the figures
 * that compute their first numbers in a worker have shown them: what a reader meets once the page
 * has settled, however busy the machine.
 */
async function settle(page: Page, figures: string[]) {
  for (const id of figures) {
    await page.locator(`[data-figure="${id}"] .figure-body`).locator(':is(canvas, svg, [data-readout], input, button, select, a)').first().waitFor({ state: 'attached', timeout: 60_000 });
  }
  await pollReadout(page, '5b', 'steps', 60_000).toBe('150');
  for (const [id, name] of [['7a', 'rules-accuracy'], ['7b', 'cnn-accuracy'], ['9', 'cnn-probability'], ['11', 'recall']]) {
    await pollReadout(page, id, name, 90_000).toMatch(/^\d/);
  }
}

/** Where focus is now, and whether it is drawn. */
function focusStop(page: Page): Promise<Stop | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
    const shadow = cs.boxShadow !== 'none' && cs.boxShadow !== '';
    // An SVG control (a knob) may draw its own focus ring: a child stroked in the focus colour.
    const probe = document.createElement('span');
    probe.style.color = 'var(--focus)';
    document.body.append(probe);
    const focusColour = getComputedStyle(probe).color;
    probe.remove();
    const ring = [...el.querySelectorAll('*')].some((c) => getComputedStyle(c).stroke === focusColour);
    if (!el.dataset.kbKey) el.dataset.kbKey = String(document.querySelectorAll('[data-kb-key]').length);
    return {
      figure: el.closest('[data-figure]')?.getAttribute('data-figure') ?? '',
      inBody: !!el.closest('.figure-body'),
      tag: el.tagName.toLowerCase() + (el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''),
      visible: outline || shadow || ring,
      key: el.dataset.kbKey
    };
  });
}

/** What a reader can observe of a figure: its readouts, description, control values and drawing. */
function observe(page: Page, id: string): Promise<string> {
  return page.evaluate((fid) => {
    const fig = document.querySelector(`[data-figure="${fid}"]`)!;
    const readouts = [...fig.querySelectorAll('[data-readout]')].map((r) => r.textContent).join('|');
    const desc = document.getElementById(`figure-${fid}-description`)?.textContent ?? '';
    const values = [...fig.querySelectorAll('input, select')]
      .map((i) => ((i as HTMLInputElement).type === 'checkbox' || (i as HTMLInputElement).type === 'radio' ? String((i as HTMLInputElement).checked) : (i as HTMLInputElement).value))
      .join('|');
    const pressed = [...fig.querySelectorAll('[aria-pressed], [aria-checked], [aria-selected], [aria-expanded]')]
      .map((b) => ['aria-pressed', 'aria-checked', 'aria-selected', 'aria-expanded'].map((a) => b.getAttribute(a)).join(','))
      .join('|');
    const svg = [...fig.querySelectorAll('.figure-body svg')].map((s) => s.innerHTML.length + ':' + s.innerHTML.slice(0, 4000)).join('|');
    return [readouts, desc, values, pressed, svg, fig.querySelector('.figure-body')!.textContent].join('\n');
  }, id);
}

describe('the page by keyboard alone', () => {
  test('Tab reaches every figure with visible focus and no trap; a key on one control per figure changes it; axe is clean', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    const missing: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`);
    });
    await scrollThrough(page);
    const figures = await page.$$eval('[data-figure]', (els) => els.map((e) => e.getAttribute('data-figure')!));
    expect(figures.length).toBeGreaterThan(20);
    // Let every lazily loaded figure finish drawing its controls.
    await settle(page, figures);
    await page.waitForTimeout(1500);

    await page.evaluate(() => {
      window.scrollTo(0, 0);
      (document.activeElement as HTMLElement | null)?.blur();
    });
    const stops: Stop[] = [];
    const seen = new Set<string>();
    let wrapped = false;
    for (let i = 0; i < 2500; i++) {
      await page.keyboard.press('Tab');
      const s = await focusStop(page);
      if (!s) {
        // Focus left the document (past the last element): the walk is complete, nothing trapped it.
        if (stops.length > 0) { wrapped = true; break; }
        continue;
      }
      if (seen.has(s.key)) { wrapped = true; break; }
      seen.add(s.key);
      stops.push(s);
    }
    expect(wrapped, 'Tab never left the page or came back to the start: a focus trap').toBe(true);
    const invisible = stops.filter((s) => !s.visible).map((s) => `${s.figure || 'page'} ${s.tag}`);
    expect([...new Set(invisible)].map((k) => `${k} ×${invisible.filter((x) => x === k).length}`), 'focused without a visible indicator').toEqual([]);
    const reached = new Set(stops.map((s) => s.figure));
    const unreached = figures.filter((f) => !reached.has(f) && !(f in DRIVEN_BY));
    expect(unreached, 'figures with no control reached by Tab').toEqual([]);

    // For each figure, operate its first reachable control inside the figure body by keys only.
    const unchanged: string[] = [];
    const description = (id: string) => page.evaluate((f) => document.getElementById(`figure-${f}-description`)?.textContent ?? '', id);
    const described: string[] = [];
    for (const id of figures) {
      const descBefore = await description(id);
      const candidates = stops.filter((s) => s.figure === (DRIVEN_BY[id] ?? id) && s.inBody);
      let changed = false;
      for (const s of candidates.slice(0, 6)) {
        const info = await page.evaluate((k) => {
          const el = document.querySelector(`[data-kb-key="${k}"]`) as HTMLElement;
          if (!el.closest('.figure-body')) return null;
          el.scrollIntoView({ block: 'center' });
          el.focus();
          return { tag: el.tagName.toLowerCase(), type: el.getAttribute('type') ?? '', role: el.getAttribute('role') ?? '', disabled: (el as HTMLButtonElement).disabled };
        }, s.key);
        if (!info || info.disabled) continue;
        const before = await observe(page, id);
        if (info.type === 'range' || info.role === 'slider' || info.tag === 'select' || info.role === 'radio' || info.type === 'radio') {
          await page.keyboard.press('ArrowRight');
          await page.keyboard.press('ArrowRight');
          if (info.tag === 'select') await page.keyboard.press('ArrowDown');
        } else if (info.type === 'checkbox') {
          await page.keyboard.press('Space');
        } else if (info.tag === 'input' && info.type !== 'file') {
          await page.keyboard.type('x');
          await page.keyboard.press('Enter');
        } else if (info.type === 'file') {
          continue;
        } else {
          await page.keyboard.press('Enter');
        }
        // Descriptions settle after DESCRIBE_SETTLE_MS; readouts change at once, or once a worker
        // answers. Poll for either, up to 15 s (a worker on a busy machine answers late). A link (figure 12 links back to earlier figures)
        // must move focus to the figure it names.
        for (let t = 0; t < 60 && !changed; t++) {
          await page.waitForTimeout(250);
          changed =
            info.tag === 'a'
              ? await page.evaluate(() => {
                  const target = document.activeElement?.closest('[data-figure]');
                  return !!target && target.id === location.hash.slice(1);
                })
              : (await observe(page, id)) !== before;
        }
        if (changed) break;
      }
      if (!changed) unchanged.push(id);
      // The polite description follows once the figure settles (DESCRIBE_SETTLE_MS).
      for (let t = 0; t < 60 && changed && (await description(id)) === descBefore; t++) await page.waitForTimeout(250);
      if ((await description(id)) !== descBefore) described.push(id);
    }
    console.log('descriptions that followed the key press:', described.join(' '));
    // Most figures' text descriptions must state the new state; links (12) and figures whose first
    // control only reveals or hides something may keep theirs.
    expect(described.length, `descriptions changed: ${described.join(' ')}`).toBeGreaterThanOrEqual(Math.ceil(figures.length / 2));
    expect(unchanged, 'figures where no key on their first controls changed anything').toEqual([]);
    // Let the last descriptions settle before axe looks.
    await page.waitForTimeout(1500);

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const result = await new AxeBuilder({ page }).analyze();
      const bad = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
      expect(bad, colorScheme).toEqual([]);
    }
    expect(missing).toEqual([]);
  }, 600_000);

  test('with reduced motion, nothing animates or trains by itself', async ({ open }) => {
    const { page } = await open({ reducedMotion: 'reduce' });
    await scrollThrough(page);
    const figures = await page.$$eval('[data-figure]', (els) => els.map((e) => e.getAttribute('data-figure')!));
    // Loading is not moving: let every figure draw and show its first numbers, then idle 3 s.
    await settle(page, figures);
    await page.waitForTimeout(3000);
    // Readouts and drawings of every figure, then again after 3 s of idling.
    const snap = async () => {
      const out: Record<string, string> = {};
      for (const id of figures) out[id] = await observe(page, id);
      return out;
    };
    const a = await snap();
    // Count requestAnimationFrame callbacks while idle: with nothing animating there should be none.
    await page.evaluate(() => {
      const w = window as unknown as { __raf: number };
      w.__raf = 0;
      const orig = window.requestAnimationFrame.bind(window);
      window.requestAnimationFrame = (cb) => orig((t) => { w.__raf++; cb(t); });
    });
    await page.waitForTimeout(3000);
    const b = await snap();
    const moving = figures.filter((id) => a[id] !== b[id]);
    expect(moving, 'figures that changed while idle under reduced motion').toEqual([]);
    const raf = await page.evaluate(() => (window as unknown as { __raf: number }).__raf);
    expect(raf, 'requestAnimationFrame callbacks in 3 s of idling').toBeLessThan(5);
  });
});
