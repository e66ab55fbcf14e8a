/**
 * What a figure tells its frame while it runs: the text description screen readers hear
 * (kept current, e.g. "the fitted R0 is 3.1") and the data behind "show data as a table".
 */
export interface FigureTable {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

/** How long a figure must be still before its new description is announced. */
export const DESCRIBE_SETTLE_MS = 1200;

export class FigureFrame {
  description = $state('');
  table = $state<FigureTable | null>(null);

  constructor(description: string) {
    this.description = description;
  }

  private pending: ReturnType<typeof setTimeout> | undefined;

  /**
   * The description is a polite live region, so it is only committed once the figure has been
   * still for a moment: a reader dragging a slider or playing an animation hears one summary when
   * it settles, not one per frame.
   */
  describe(text: string): void {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => (this.description = text), DESCRIBE_SETTLE_MS);
  }

  setTable(table: FigureTable | null): void {
    this.table = table;
  }
}
