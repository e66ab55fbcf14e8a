/** True when the reader asked the system for less motion: figures then draw at once and never autoplay. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
