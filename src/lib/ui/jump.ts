/**
 * In-page links that land where they point. Figures load as the page scrolls past them and grow
 * from their reserved height to their drawn one, which can push a link's target down while the
 * browser is still scrolling to it. `jumpTo` scrolls, records the hash in the history (so Back
 * returns), looks again a few times to correct the landing unless the reader has taken over the
 * scrolling, and moves focus to the target so keyboard and screen-reader users land there too.
 */
/** Stops the landing corrections of the jump in progress, if any. */
let cancelPrevious = () => {};

export function jumpTo(e: MouseEvent, id: string, focusTarget?: (target: HTMLElement) => HTMLElement | null): void {
  const target = document.getElementById(id);
  if (!target || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  // A new jump (or the reader scrolling, typing or pressing) ends the corrections of the last one,
  // which would otherwise pull the page back to the old target.
  cancelPrevious();
  history.pushState(null, '', '#' + id);
  target.scrollIntoView({ block: 'start' });
  const timers: ReturnType<typeof setTimeout>[] = [];
  const events = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
  const stop = () => {
    timers.forEach(clearTimeout);
    for (const type of events) removeEventListener(type, stop);
  };
  cancelPrevious = stop;
  for (const type of events) addEventListener(type, stop, { once: true, passive: true });
  for (const delay of [450, 1000, 1800]) {
    timers.push(
      setTimeout(() => {
        const header = document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0;
        const off = target.getBoundingClientRect().top - header - 8;
        if (Math.abs(off) > 12) scrollBy({ top: off, behavior: 'instant' });
      }, delay)
    );
  }
  timers.push(setTimeout(stop, 1900));
  (focusTarget?.(target) ?? target).focus({ preventScroll: true });
}
