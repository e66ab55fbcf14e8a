/**
 * Scale a figure up to fill a box (a projector's screen, a full-screen figure) by CSS zoom on its
 * inner frame, so that chart labels, sliders and buttons all grow together and the figure keeps
 * its state: nothing is re-rendered, the frame keeps the width it was designed for.
 *
 * `box` is the element whose content box is the room to fill; `inner` is zoomed and marked
 * data-zoomed, for CSS to give it the width it is drawn for. offsetWidth and offsetHeight are its
 * unzoomed size, so the zoom does not feed back into itself.
 * Never below 1: a figure taller than the box scrolls rather than shrinks.
 */
export function fitZoom(box: HTMLElement, inner: HTMLElement): () => void {
  const fit = () => {
    // Set on every fit: full screen and presenter mode may both have fitted the same figure.
    inner.dataset.zoomed = '';
    const cs = getComputedStyle(box);
    const w = box.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const h = box.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
    if (inner.offsetWidth === 0 || inner.offsetHeight === 0) return;
    const zoom = Math.max(1, Math.min(w / inner.offsetWidth, h / inner.offsetHeight));
    inner.style.zoom = zoom.toFixed(3);
  };
  const ro = new ResizeObserver(() => requestAnimationFrame(fit));
  ro.observe(box);
  ro.observe(inner);
  fit();
  return () => {
    ro.disconnect();
    delete inner.dataset.zoomed;
    inner.style.zoom = '';
  };
}
