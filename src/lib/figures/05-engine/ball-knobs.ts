/**
 * The knobs figure 5a lets the reader free, one at a time (every other knob stays trained), with
 * the stretch of each knob's axis the figure draws and where the ball starts.
 */
export interface BallKnob {
  symbol: string;
  name: string;
  /** Chart range, relative to the trained value (offset: true) or absolute. */
  range: [number, number];
  offset: boolean;
  /** Where the ball is dropped at first, in the same terms as the range. */
  drop: number;
  /** One sentence on the shape of this knob's loss curve (a fact of the maths, not a measurement). */
  note: string;
  /** What the shape means for η: the answer to what the figure asks, kept in a closed fold. */
  why?: string;
}

export const BALL_KNOBS: BallKnob[] = [
  {
    symbol: 'b₃[0]',
    name: 'the output’s bias b₃',
    range: [-1.5, 1.5],
    offset: true,
    drop: 1.2,
    note:
      'The output is this bias plus terms that do not involve it, so the loss is an exact parabola in it.',
    why:
      'The parabola’s curvature (its second derivative) is L″ = 2. A step of η times the slope overshoots the bottom once η is ' +
      'above 1/L″ = 0.5, so the steps swing from side to side, and lands further out than it started once η is above 2/L″ = 1, so they run away.'
  },
  {
    symbol: 'b₁[0]',
    name: 'a first-layer bias, b₁[0]',
    range: [-6, 8],
    offset: false,
    drop: -3.5,
    note:
      'This bias slides one tanh unit’s step along the days. Far from its trained value the unit saturates and the ground goes flat, so the ball crawls; there is also a second, shallower dip.'
  },
  {
    symbol: 'W₁[0,0]',
    name: 'a first-layer weight, W₁[0,0]',
    range: [-6, 12],
    offset: false,
    drop: -4,
    note: 'This weight sets how steep one unit’s step is. Its curve is not a parabola: the slope changes as the ball moves, and so does the largest η that still settles.'
  }
];
