// The whole page by keyboard alone: Tab reaches a control in every figure with visible focus and
// no trap; one control per figure is operated by keys and changes something a reader can observe;
// axe then finds nothing serious or critical, light and dark. First, reduced motion stops autoplay.
import { describe } from 'vitest';
import type { Page } from 'playwright-core';
import { expect, pollReadout, test, seriousAxeFindings } from './fixture';
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
  /** Inside the figure's body (not the frame's own buttons, such as share). */
  inBody: boolean;
  /** Focus indicator drawn: an outline or a box-shadow. */
  visible: boolean;
  /** A stable index into the page's focusable elements, to come back to it. */
  key: string;
  /** 0 for a control that sets a value (slider, select, field, a chart moved by arrows), 1 a button or link, 2 a fold's summary. */
  rank: number;
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

/**
 * Record every focus stop in the page itself (one `focusin` listener), so the walk costs one key
 * press per stop rather than a press and a round trip to read where focus went. A stop records the
 * figure it sits in and whether a focus indicator is drawn; leaving the document is recorded too.
 */
function recordFocusStops(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { __stops: (Stop | 'left')[] };
    w.__stops = [];
    // An SVG control (a knob) may draw its own focus ring: a child stroked in the focus colour.
    const probe = document.createElement('span');
    probe.style.color = 'var(--focus)';
    document.body.append(probe);
    const focusColour = getComputedStyle(probe).color;
    probe.remove();
    document.addEventListener('focusin', (e) => {
      const el = e.target as HTMLElement;
      const cs = getComputedStyle(el);
      const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
      const shadow = cs.boxShadow !== 'none' && cs.boxShadow !== '';
      const ring = el.querySelector('svg, circle, path') !== null && [...el.querySelectorAll('*')].some((c) => getComputedStyle(c).stroke === focusColour);
      if (!el.dataset.kbKey) el.dataset.kbKey = String(document.querySelectorAll('[data-kb-key]').length);
      w.__stops.push({
        figure: el.closest('[data-figure]')?.getAttribute('data-figure') ?? '',
        inBody: !!el.closest('.figure-body'),
        tag: el.tagName.toLowerCase() + (el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''),
        visible: outline || shadow || ring,
        key: el.dataset.kbKey,
        rank: el.matches('input, select, textarea, [role="slider"], [role="radio"]') ? 0 : el.matches('summary') ? 2 : 1
      });
    }, true);
    document.addEventListener('focusout', (e) => {
      if (!(e as FocusEvent).relatedTarget) w.__stops.push('left');
    }, true);
  });
}

/** What a reader can observe of a figure: its readouts, description, control values, open folds and drawing. */
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
    const folds = [...fig.querySelectorAll('details')].map((d) => String((d as HTMLDetailsElement).open)).join('|');
    const svg = [...fig.querySelectorAll('.figure-body svg')].map((s) => s.innerHTML.length + ':' + s.innerHTML.slice(0, 4000)).join('|');
    return [readouts, desc, values, pressed, folds, svg, fig.querySelector('.figure-body')!.textContent].join('\n');
  }, id);
}

/**
 * Under reduced motion nothing animates or trains by itself: every figure's readouts and drawing
 * are the same after 3 s of idling, and requestAnimationFrame is (almost) never called meanwhile.
 */
async function expectStillWhileIdle(page: Page, figures: string[]) {
  await page.waitForTimeout(3000);
  const snap = async () => {
    const out: Record<string, string> = {};
    for (const id of figures) out[id] = await observe(page, id);
    return out;
  };
  const a = await snap();
  await page.evaluate(() => {
    const w = window as unknown as { __raf: number };
    w.__raf = 0;
    const orig = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => orig((t) => { w.__raf++; cb(t); });
  });
  await page.waitForTimeout(3000);
  const b = await snap();
  expect(figures.filter((id) => a[id] !== b[id]), 'figures that changed while idle under reduced motion').toEqual([]);
  const raf = await page.evaluate(() => (window as unknown as { __raf: number }).__raf);
  expect(raf, 'requestAnimationFrame callbacks in 3 s of idling').toBeLessThan(5);
}

describe('the page by keyboard alone', () => {
  test('under reduced motion nothing moves by itself; Tab reaches every figure with visible focus and no trap; a key on one control per figure changes it; axe is clean', async ({ open }) => {
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
    // Loading is not moving: with every figure drawn and showing its first numbers, nothing moves
    // by itself under reduced motion before any key is pressed.
    await expectStillWhileIdle(page, figures);

    await page.evaluate(() => {
      window.scrollTo(0, 0);
      (document.activeElement as HTMLElement | null)?.blur();
    });
    await recordFocusStops(page);
    // Tab in batches; after each, see whether focus has left the page or come back to a stop it
    // already visited (the walk is complete, nothing trapped it).
    const stops: Stop[] = [];
    let wrapped = false;
    for (let pressed = 0; pressed < 2500 && !wrapped; pressed += 25) {
      for (let i = 0; i < 25; i++) await page.keyboard.press('Tab');
      const recorded = await page.evaluate(() => (window as unknown as { __stops: (Stop | 'left')[] }).__stops);
      const seen = new Set<string>();
      stops.length = 0;
      for (const s of recorded) {
        if (s === 'left') {
          if (stops.length > 0) { wrapped = true; break; }
          continue;
        }
        if (seen.has(s.key)) { wrapped = true; break; }
        seen.add(s.key);
        stops.push(s);
      }
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
    const descBefore = new Map<string, string>();
    for (const id of figures) descBefore.set(id, await description(id));
    for (const id of figures) {
      // Controls that set a value first, then buttons, then folds: a button may rightly do nothing
      // now (Reset at the start), and each such try waits the full 30 s below before the next.
      const candidates = stops.filter((s) => s.figure === (DRIVEN_BY[id] ?? id) && s.inBody).sort((a, b) => a.rank - b.rank);
      let changed = false;
      for (const s of candidates.slice(0, 6)) {
        const info = await page.evaluate((k) => {
          const el = document.querySelector(`[data-kb-key="${k}"]`) as HTMLElement;
          if (!el.closest('.figure-body')) return null;
          el.scrollIntoView({ block: 'center' });
          el.focus();
          // A toggle already pressed (Linear when the chart is linear) does nothing by design.
          const idle = (el as HTMLButtonElement).disabled || el.getAttribute('aria-pressed') === 'true';
          return { tag: el.tagName.toLowerCase(), type: el.getAttribute('type') ?? '', role: el.getAttribute('role') ?? '', idle };
        }, s.key);
        if (!info || info.idle) continue;
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
        // answers. Poll for either, up to 30 s (a worker on a busy machine answers late). A link (figure 12 links back to earlier figures)
        // must move focus to the figure it names.
        for (let t = 0; t < 120 && !changed; t++) {
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
    }
    // Most figures' polite descriptions must state the new state (links (12) and figures whose first
    // control only reveals or hides something may keep theirs). They follow once each figure
    // settles (DESCRIBE_SETTLE_MS), or every 8 s for a figure whose key started a training: poll
    // them all together.
    let described: string[] = [];
    await expect
      .poll(async () => {
        described = [];
        for (const id of figures) if ((await description(id)) !== descBefore.get(id)) described.push(id);
        return described.length;
      }, { timeout: 60_000 })
      .toBeGreaterThanOrEqual(Math.ceil(figures.length / 2));
    console.log('descriptions that followed the key press:', described.join(' '));
    expect(unchanged, 'figures where no key on their first controls changed anything').toEqual([]);
    // Runs the key presses started (2c's fit, a training) would change the page while axe reads it: a
    // button axe found enabled can grey out before it reads its colours (seen once as a 3.3 contrast on
    // 2c's disabled-looking button). Pause every run, then wait until the page keeps still for 2 s.
    await page.evaluate(() => {
      for (const b of document.querySelectorAll<HTMLButtonElement>('[data-figure] button')) {
        if (/^(Pause|Stop)$/.test(b.textContent?.trim() ?? '') && b.checkVisibility() && !b.disabled) b.click();
      }
      const w = window as unknown as { __lastChange: number };
      w.__lastChange = performance.now();
      new MutationObserver(() => (w.__lastChange = performance.now())).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await expect
      .poll(() => page.evaluate(() => performance.now() - (window as unknown as { __lastChange: number }).__lastChange), { timeout: 90_000, message: 'the page never kept still for 2 s after the runs were paused' })
      .toBeGreaterThan(2000);

    await page.emulateMedia({ colorScheme: 'light' });
    expect(await seriousAxeFindings(page), 'light').toEqual([]);
    // The dark theme changes colours and nothing else, so only the contrast rule can find anything
    // new in it (a full scan of this page takes axe about ten seconds).
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousAxeFindings(page, [], ['color-contrast']), 'dark').toEqual([]);
    expect(missing).toEqual([]);
  }, 900_000);
});
