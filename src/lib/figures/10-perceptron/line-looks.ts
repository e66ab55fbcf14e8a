/**
 * How each line of figure 10's planes is drawn: a learner's own line, its companions (the ghost
 * of the last line, the widest-margin street, the p = 0.1 and 0.9 lines), the weight arrows and
 * the grid. The planes draw every line from here, and each learner's heading shows its key in
 * the same look, so the key is the line.
 */
export interface LineLook {
  stroke: string;
  width: number;
  dash?: string;
  opacity?: number;
  /** Ends in an arrowhead. */
  head?: boolean;
}

export const LOOKS = {
  grid: { stroke: 'var(--c-grid)', width: 1 },
  perceptron: { stroke: 'var(--c-perceptron)', width: 2.5 },
  logistic: { stroke: 'var(--c-logistic)', width: 2.5 },
  soft: { stroke: 'var(--c-logistic)', width: 1, dash: '2 3', opacity: 0.8 },
  ghost: { stroke: 'var(--c-perceptron)', width: 1.5, dash: '4 4', opacity: 0.45 },
  widest: { stroke: 'var(--muted)', width: 1.5, dash: '7 4' },
  street: { stroke: 'var(--muted)', width: 1, dash: '1 3' },
  arrow: { stroke: 'var(--c-perceptron)', width: 2, head: true },
  oldArrow: { stroke: 'var(--c-perceptron)', width: 2, opacity: 0.4, head: true },
  update: { stroke: 'var(--c-highlight)', width: 2, dash: '4 2', head: true }
} satisfies Record<string, LineLook>;
