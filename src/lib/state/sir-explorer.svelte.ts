/**
 * State shared by figures 2a and 2b (and the typeset equations around them): the parameters the
 * reader has set, the day under the time cursor, and which symbol is being pointed at. One
 * explorer per page, so the flow diagram always shows the run the curves show.
 */
import { sirOutlook, type SirOutlook } from '$lib/models/sir/sir';

/** Symbols the equations mark with \htmlClass{sym-…}: the buckets and the two rates. */
export type SirSymbol = 'S' | 'I' | 'R' | 'beta' | 'gamma';
export const SIR_SYMBOLS: SirSymbol[] = ['S', 'I', 'R', 'beta', 'gamma'];

/** Days figure 2b draws. */
export const EXPLORER_DAYS = 200;

class SirExplorer {
  beta = $state(0.5);
  gamma = $state(0.2);
  /** Infected fraction at day 0, set on a log scale by its slider. */
  i0 = $state(1e-4);
  /** Day under the cursor (fractional while the curves draw themselves); starts at the peak. */
  day = $state(0);
  hover = $state<SirSymbol | null>(null);
  outlook: SirOutlook = $derived(sirOutlook({ beta: this.beta, gamma: this.gamma, i0: this.i0 }, EXPLORER_DAYS));

  constructor() {
    this.day = this.outlook.peak.day;
  }
}

export const explorer = new SirExplorer();

/**
 * Connects the typeset symbols inside `root` (the section) with the explorer both ways: pointing
 * at a symbol sets `explorer.hover`; whatever sets `hover` lights every copy of that symbol.
 * Returns a cleanup function.
 */
export function linkSymbols(root: ParentNode): () => void {
  const offs: (() => void)[] = [];
  for (const sym of SIR_SYMBOLS) {
    for (const el of root.querySelectorAll<HTMLElement>(`.sym-${sym}`)) {
      const enter = () => (explorer.hover = sym);
      const leave = () => {
        if (explorer.hover === sym) explorer.hover = null;
      };
      el.addEventListener('pointerenter', enter);
      el.addEventListener('pointerleave', leave);
      el.classList.add('sym-linked');
      offs.push(() => {
        el.removeEventListener('pointerenter', enter);
        el.removeEventListener('pointerleave', leave);
        el.classList.remove('sym-linked', 'sym-lit');
      });
    }
  }
  return () => offs.forEach((f) => f());
}

/** Lights the typeset copies of the hovered symbol (call from an effect). */
export function lightSymbols(root: ParentNode, hover: SirSymbol | null): void {
  for (const el of root.querySelectorAll<HTMLElement>('.sym-linked')) {
    el.classList.toggle('sym-lit', hover !== null && el.classList.contains(`sym-${hover}`));
  }
}
