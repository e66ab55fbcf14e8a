/**
 * Cat or dog, by hand: the rules a programmer might write before machine learning.
 *
 * Each detector measures one thing a person might use: colour, texture, edges, shape.
 * Each rule turns a measurement into a vote between −1 (dog) and +1 (cat), and the
 * weighted votes are added up: a positive total says "cat".
 * Thresholds were set by looking at the 1,600 training photos only, never the test photos.
 */
import { IMAGE_SIZE as S } from '../../data/cats-dogs';

/** A photo as 32×32 pixels, each [red, green, blue] from 0 to 255, row by row. */
export type Pixels = Uint8Array;

const red = (p: Pixels, r: number, c: number) => p[(r * S + c) * 3];
const green = (p: Pixels, r: number, c: number) => p[(r * S + c) * 3 + 1];
const blue = (p: Pixels, r: number, c: number) => p[(r * S + c) * 3 + 2];
const brightness = (p: Pixels, r: number, c: number) =>
  0.299 * red(p, r, c) + 0.587 * green(p, r, c) + 0.114 * blue(p, r, c);
const isBorder = (r: number, c: number) => r < 4 || r >= S - 4 || c < 4 || c >= S - 4;
const isCentre = (r: number, c: number) => r >= 8 && r < S - 8 && c >= 8 && c < S - 8;

// ---- Colour ---------------------------------------------------------------

/** Dogs are photographed outdoors more often: how much of the border is grass or sky? */
export function outdoorBorder(p: Pixels): number {
  let outdoor = 0, total = 0;
  for (let r = 0; r < S; r++) for (let c = 0; c < S; c++) {
    if (!isBorder(r, c)) continue;
    const R = red(p, r, c), G = green(p, r, c), B = blue(p, r, c);
    const grass = G > R + 8 && G > B + 8;
    const sky = B > R + 15 && B > 90;
    if (grass || sky) outdoor++;
    total++;
  }
  return outdoor / total;
}

/** Retrievers, labradors, white terriers: how bright the middle of the photo is. */
export function centreBrightness(p: Pixels): number {
  let sum = 0, n = 0;
  for (let r = 0; r < S; r++) for (let c = 0; c < S; c++) {
    if (isCentre(r, c)) { sum += brightness(p, r, c); n++; }
  }
  return sum / n;
}

// ---- Texture --------------------------------------------------------------

/** Fine detail at a pixel: its brightness minus the average of its four neighbours. */
function detail(p: Pixels, r: number, c: number): number {
  const around = (brightness(p, r - 1, c) + brightness(p, r + 1, c) +
                  brightness(p, r, c - 1) + brightness(p, r, c + 1)) / 4;
  return Math.abs(brightness(p, r, c) - around);
}

/** Is the animal sharp against a soft background? Fine detail in the middle over detail at the edge. */
export function sharpSubject(p: Pixels): number {
  let middle = 0, m = 0, edge = 0, e = 0;
  for (let r = 1; r < S - 1; r++) for (let c = 1; c < S - 1; c++) {
    if (isCentre(r, c)) { middle += detail(p, r, c); m++; }
    else if (isBorder(r, c)) { edge += detail(p, r, c); e++; }
  }
  return middle / m / (edge / e + 1);
}

// ---- Edges ----------------------------------------------------------------

/** Legs and standing bodies make upright edges: left–right changes over up–down changes. */
export function uprightEdges(p: Pixels): number {
  let across = 0, down = 0;
  for (let r = 1; r < S - 1; r++) for (let c = 1; c < S - 1; c++) {
    across += Math.abs(brightness(p, r, c + 1) - brightness(p, r, c - 1));
    down += Math.abs(brightness(p, r + 1, c) - brightness(p, r - 1, c));
  }
  return across / (down + 1);
}

// ---- Shape ----------------------------------------------------------------

/** Which pixels belong to the animal? Those whose colour is far from the border's average colour. */
function subjectMask(p: Pixels): Uint8Array {
  let R = 0, G = 0, B = 0, n = 0;
  for (let r = 0; r < S; r++) for (let c = 0; c < S; c++) {
    if (isBorder(r, c)) { R += red(p, r, c); G += green(p, r, c); B += blue(p, r, c); n++; }
  }
  R /= n; G /= n; B /= n;
  const mask = new Uint8Array(S * S);
  for (let r = 0; r < S; r++) for (let c = 0; c < S; c++) {
    const distance = Math.hypot(red(p, r, c) - R, green(p, r, c) - G, blue(p, r, c) - B);
    mask[r * S + c] = distance > 40 ? 1 : 0;
  }
  return mask;
}

/** Cats crouch and curl up: the row of the subject's centre of mass (0 top, 31 bottom). */
export function subjectHeight(p: Pixels): number {
  const mask = subjectMask(p);
  let rows = 0, n = 0;
  for (let i = 0; i < S * S; i++) if (mask[i]) { rows += Math.floor(i / S); n++; }
  return n === 0 ? S / 2 : rows / n;
}

/** A dog's head is often held high: how much of the top-middle of the photo is subject. */
export function headAtTop(p: Pixels): number {
  const mask = subjectMask(p);
  let n = 0;
  for (let r = 0; r < 8; r++) for (let c = 8; c < S - 8; c++) n += mask[r * S + c];
  return n / (8 * (S - 16));
}

// ---- The vote -------------------------------------------------------------

export interface Rule {
  name: string;
  detector: (p: Pixels) => number;
  /** The measurement where the rule is undecided. */
  threshold: number;
  /** How far from the threshold the vote is already strong. */
  spread: number;
  /** Which answer a measurement above the threshold supports. */
  above: 'cat' | 'dog';
  /** How much this rule counts (the figure's sliders change it). */
  weight: number;
}

export const RULES: Rule[] = [
  { name: 'outdoor border', detector: outdoorBorder, threshold: 0.05, spread: 0.15, above: 'dog', weight: 1 },
  { name: 'light fur', detector: centreBrightness, threshold: 120, spread: 30, above: 'dog', weight: 1 },
  { name: 'sharp subject', detector: sharpSubject, threshold: 1.6, spread: 0.6, above: 'dog', weight: 1 },
  { name: 'upright edges', detector: uprightEdges, threshold: 1.08, spread: 0.2, above: 'dog', weight: 1 },
  { name: 'sits low', detector: subjectHeight, threshold: 15.5, spread: 2, above: 'cat', weight: 1 },
  { name: 'head at the top', detector: headAtTop, threshold: 0.75, spread: 0.3, above: 'dog', weight: 1 }
];

/** A rule's vote: −1 (dog) … +1 (cat), smooth around the threshold. */
export function vote(rule: Rule, measurement: number): number {
  const lean = Math.tanh((measurement - rule.threshold) / rule.spread);
  return rule.above === 'cat' ? lean : -lean;
}

/** The weighted total; above zero means cat. `weights` overrides the rules' own weights. */
export function score(votes: ArrayLike<number>, weights: ArrayLike<number> = RULES.map((r) => r.weight)): number {
  let total = 0;
  for (let i = 0; i < votes.length; i++) total += weights[i] * votes[i];
  return total;
}

export function classify(p: Pixels): 'cat' | 'dog' {
  const votes = RULES.map((rule) => vote(rule, rule.detector(p)));
  return score(votes) > 0 ? 'cat' : 'dog';
}
