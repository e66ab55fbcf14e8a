/**
 * In-page links that land where they point. Figures load as the page scrolls past them and grow
 * from their reserved height to their drawn one, which can push a link's target down while the
 * browser is still scrolling to it. `jumpTo` scrolls, records the hash in the history (so Back
 * returns), corrects the landing while the page's height still changes unless the reader has taken
 * over the scrolling, and moves focus to the target so keyboard and screen-reader users land there too.
 */
/** Stops the landing corrections of the jump in progress, if any. */
let cancelPrevious = () => {};

/** The landing is corrected until the page's height has kept still this long … */
const QUIET_MS = 2500;
/** … and never for longer than this after the jump. */
const MAX_MS = 12_000;

export function jumpTo(e: MouseEvent, id: string, focusTarget?: (target: HTMLElement) => HTMLElement | null): void {
  const target = document.getElementById(id);
  if (!target || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  // A new jump (or the reader scrolling, typing or pressing) ends the corrections of the last one,
  // which would otherwise pull the page back to the old target.
  cancelPrevious();
  history.pushState(null, '', '#' + id);
  target.scrollIntoView({ block: 'start' });
  // Correct the landing whenever the page's height changes (a figure above has drawn), until it has
  // kept still for QUIET_MS, and at most for MAX_MS: on a slow device figures draw seconds late.
  const realign = () => {
    const header = document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0;
    const off = target.getBoundingClientRect().top - header - 8;
    if (Math.abs(off) > 12) scrollBy({ top: off, behavior: 'instant' });
  };
  const events = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
  let quiet: ReturnType<typeof setTimeout> | undefined;
  // The first look waits for a smooth scroll to arrive; corrections before it would cut it short.
  const firstLook = performance.now() + 450;
  const first = setTimeout(realign, 450);
  const last = setTimeout(() => stop(), MAX_MS);
  const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => {
    if (performance.now() >= firstLook) realign();
    keepWatching();
  });
  const keepWatching = () => {
    clearTimeout(quiet);
    quiet = setTimeout(() => stop(), QUIET_MS);
  };
  const stop = () => {
    [first, last, quiet].forEach((t) => clearTimeout(t));
    observer?.disconnect();
    for (const type of events) removeEventListener(type, stop);
  };
  cancelPrevious = stop;
  keepWatching();
  observer?.observe(document.body);
  for (const type of events) addEventListener(type, stop, { once: true, passive: true });
  (focusTarget?.(target) ?? target).focus({ preventScroll: true });
}
