/**
 * "The machine we want" (figure 1c): anything that takes a day and returns a number of cases.
 * The first machine only looks the day up in the data; later sections add machines built from
 * the SIR model and from a trained network, all behind this one shape.
 */
export interface CaseMachine {
  id: string;
  name: string;
  /** One sentence on how this machine gets its answer. */
  how: string;
  /** Cases on day index `day` (0 = first day of the data), or null when the machine has no answer. */
  answer(day: number): number | null;
}

/** A machine that can only repeat what it has seen: exact inside the data, silent outside. */
export function lookupMachine(cases: readonly number[]): CaseMachine {
  return {
    id: 'lookup',
    name: 'Look it up',
    how: 'Reads the count recorded for that day. It knows nothing about days it has not seen.',
    answer: (day) => (Number.isInteger(day) && day >= 0 && day < cases.length ? cases[day] : null)
  };
}
