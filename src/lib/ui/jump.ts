/**
 * In-page links that land where they point. Figures load as the page scrolls past them and grow
 * from their reserved height to their drawn one, which can push a link's target down while the
 * browser is still scrolling to it. `jumpTo` scrolls, records the hash in the history (so Back
 * returns), looks again a few times to correct the landing unless the reader has taken over the
 * scrolling, and moves focus to the target so keyboard and screen-reader users land there too.
 */
export function jumpTo(e: MouseEvent, id: string, focusTarget?: (target: HTMLElement) => HTMLElement | null): void {
  const target = document.getElementById(id);
  if (!target || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  history.pushState(null, '', '#' + id);
  target.scrollIntoView({ block: 'start' });
  let readerMoved = false;
  const stop = () => (readerMoved = true);
  addEventListener('wheel', stop, { once: true, passive: true });
  addEventListener('touchstart', stop, { once: true, passive: true });
  addEventListener('keydown', stop, { once: true, passive: true });
  for (const delay of [450, 1000, 1800]) {
    setTimeout(() => {
      const header = document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0;
      const off = target.getBoundingClientRect().top - header - 8;
      if (!readerMoved && Math.abs(off) > 12) scrollBy({ top: off, behavior: 'instant' });
    }, delay);
  }
  (focusTarget?.(target) ?? target).focus({ preventScroll: true });
}
