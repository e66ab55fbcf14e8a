/** The space a chart leaves around its plot for axis labels and titles, in pixels. */
export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * The plot area of a `width` × `height` chart inside its margins: what the scales span. Never
 * narrower than 10 px, so a chart measured before layout (width 0) still has a usable scale.
 */
export function plotArea(width: number, height: number, margin: Margin): { innerW: number; innerH: number } {
  return { innerW: Math.max(10, width - margin.left - margin.right), innerH: height - margin.top - margin.bottom };
}
