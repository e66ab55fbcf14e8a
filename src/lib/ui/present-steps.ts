/**
 * The steps of presenter mode, read from the lecture's own DOM: for each section, its heading with
 * the lead paragraph, then each of its figures with one short paragraph of the prose beside it, and
 * each prediction moment on a step of its own just where it stands, before the figure answers it.
 * A step is a list of elements to show; presenter mode hides the rest with CSS (present.css), so
 * figures stay mounted and keep their state.
 */
export interface Step {
  section: number;
  /** The figure's id on a figure step; '' on a section's opening step and on a prediction's. */
  figure: string;
  /** The prediction's id on a prediction step (the room guesses before the figure shows it); else ''. */
  predict: string;
  show: HTMLElement[];
}

/** Longer than this, a paragraph that names the figure gives way to the row's shortest one. */
const SHORT = 420;

/** The prose paragraphs of a row on the main path (not inside a fold). */
function paragraphs(row: Element | null): HTMLElement[] {
  if (!row) return [];
  return [...row.querySelectorAll<HTMLElement>(':scope > .prose > p')];
}

/**
 * A paragraph and what finishes its sentence: "…, so say only" is followed by an equation and
 * the paragraph after it, which the step shows too (a few elements at most).
 */
function withEnd(p: HTMLElement): HTMLElement[] {
  const out = [p];
  let el: Element | null = p;
  while (!/[.!?”’")]\s*$/.test(el.textContent ?? '') && out.length < 4) {
    el = el.nextElementSibling;
    if (!(el instanceof HTMLElement) || el.tagName === 'DETAILS') break;
    out.push(el);
  }
  return out;
}

/** The line a figure step shows: a short paragraph of its row that names it, else the row's shortest. */
function lineFor(figure: HTMLElement, id: string): HTMLElement | null {
  const ps = paragraphs(figure.closest('.row'));
  const len = (p: HTMLElement) => (p.textContent ?? '').length;
  const byLength = (a: HTMLElement, b: HTMLElement) => len(a) - len(b);
  const names = new RegExp(`\\bFigures? (?:\\S+ and )?${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9a-z])`);
  const naming = ps.filter((p) => names.test(p.textContent ?? '')).sort(byLength);
  if (naming.length && len(naming[0]) <= SHORT) return naming[0];
  return ps.sort(byLength).find((p) => len(p) > 30) ?? null;
}

export function buildSteps(root: ParentNode): Step[] {
  const steps: Step[] = [];
  for (const section of root.querySelectorAll<HTMLElement>('[data-section]')) {
    const n = Number(section.dataset.section);
    const head = section.querySelector<HTMLElement>(':scope > .section-head');
    const lead = paragraphs(section.querySelector(':scope > .row'))[0];
    steps.push({ section: n, figure: '', predict: '', show: [...(head ? [head] : []), ...(lead ? withEnd(lead) : [])] });
    // In document order, so a prediction comes before the figure that reveals its answer.
    for (const el of section.querySelectorAll<HTMLElement>('[data-figure], [data-predict]')) {
      if (el.dataset.predict) {
        steps.push({ section: n, figure: '', predict: el.dataset.predict, show: [el] });
        continue;
      }
      const id = el.dataset.figure!;
      const line = lineFor(el, id);
      steps.push({ section: n, figure: id, predict: '', show: line ? [...withEnd(line), el] : [el] });
    }
  }
  return steps;
}

/**
 * Mark what a step shows (data-present="show") and the ancestors that lead to it
 * (data-present="path") up to `root`; clears the previous marks first.
 */
export function markStep(root: HTMLElement, step: Step | null): void {
  for (const el of root.querySelectorAll('[data-present]')) el.removeAttribute('data-present');
  if (!step) return;
  for (const el of step.show) {
    el.dataset.present = 'show';
    for (let p = el.parentElement; p && p !== root; p = p.parentElement) {
      if (!p.dataset.present) p.dataset.present = 'path';
    }
  }
}
