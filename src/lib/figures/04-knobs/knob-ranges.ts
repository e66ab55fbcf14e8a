/**
 * How far figure 4a lets each knob turn: symmetric about zero, wide enough for both the random
 * start and the trained value with room to spare (1.5 times the larger), on a short ladder of
 * round numbers so neighbouring knobs mostly share a scale.
 */
const LADDER = [2, 3, 5, 10, 15, 20, 30, 50];

export function knobRange(...values: number[]): number {
  const need = 1.5 * Math.max(0, ...values.map(Math.abs));
  return LADDER.find((r) => r >= need) ?? Math.ceil(need);
}
