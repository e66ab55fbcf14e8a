/**
 * What a figure tells its frame while it runs: the text description screen readers hear
 * (kept current, e.g. "the fitted R0 is 3.1") and the data behind "show data as a table".
 */
export interface FigureTable {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

export class FigureFrame {
  description = $state('');
  table = $state<FigureTable | null>(null);

  constructor(description: string) {
    this.description = description;
  }

  describe(text: string): void {
    this.description = text;
  }

  setTable(table: FigureTable | null): void {
    this.table = table;
  }
}
