import { describe, expect, it } from 'vitest';
import { formatGuess, meanAbsoluteOff, scorePrediction, type PredictPart } from '../../../src/lib/ui/predict-score';

const updown: PredictPart = {
  kind: 'choice',
  name: 'Held-out error',
  options: [
    { value: 'up', label: 'Up' },
    { value: 'down', label: 'Down' }
  ]
};
const ball = (eta: number): PredictPart => ({
  kind: 'choice',
  name: `η = ${eta}`,
  options: [
    { value: 'converging', label: 'Settle' },
    { value: 'oscillating', label: 'Swing' },
    { value: 'diverged', label: 'Blow up' }
  ]
});
const percent: PredictPart = { kind: 'number', name: 'Accuracy', min: 0, max: 100, step: 1, start: 50, unit: '%', digits: 1 };

describe('scorePrediction', () => {
  it('says a single right choice is right, quoting its label', () => {
    expect(scorePrediction([updown], ['up'], ['up'])).toEqual({ sentence: 'You said “Up”, and that is right.', right: true });
  });

  it('names the true answer when a single choice is wrong', () => {
    expect(scorePrediction([updown], ['down'], ['up'])).toEqual({ sentence: 'You said “Down”, but the answer is “Up”.', right: false });
  });

  it('counts the right parts of a many-part guess and corrects each wrong one', () => {
    const parts = [ball(0.2), ball(0.8), ball(1.2)];
    const truth = ['converging', 'oscillating', 'diverged'];
    expect(scorePrediction(parts, truth, truth)).toEqual({ sentence: 'All three of your answers are right.', right: true });
    const two = scorePrediction(parts, ['converging', 'converging', 'diverged'], truth);
    expect(two.right).toBe(false);
    expect(two.sentence).toBe('Two of your three answers are right; η = 0.8: “Swing”, not “Settle”.');
    const none = scorePrediction(parts, ['diverged', 'diverged', 'converging'], truth);
    expect(none.sentence).toMatch(/^None of your three answers is right; η = 0\.2: “Settle”, not “Blow up”; η = 0\.8: .*; η = 1\.2: “Blow up”, not “Settle”\.$/);
    expect(scorePrediction(parts, ['converging', 'diverged', 'converging'], truth).sentence).toMatch(/^One of your three answers is right;/);
  });

  it('says how many points off a percentage guess is, and which way', () => {
    const low = scorePrediction([percent], [60], [73.25]);
    expect(low.sentence).toBe('You guessed 60.0%; it is 73.3%, so you were 13.3 points too low.');
    expect(low.off).toBeCloseTo(13.3, 10);
    expect(low.right).toBe(false);
    const high = scorePrediction([percent], [75], [73.25]);
    expect(high.sentence).toBe('You guessed 75.0%; it is 73.3%, so you were 1.7 points too high.');
    expect(high.right).toBe(true);
    expect(scorePrediction([percent], [73.31], [73.25]).sentence).toBe('You guessed 73.3%, and it is 73.3%: spot on.');
    // The distance is taken between the numbers as shown: 73.2% against 73.3% is 0.1 points.
    expect(scorePrediction([percent], [73.24], [73.26]).off).toBeCloseTo(0.1, 10);
  });

  it('refuses guesses that do not line up with the parts', () => {
    expect(() => scorePrediction([updown], [], ['up'])).toThrow();
    expect(() => scorePrediction([updown], ['up'], [])).toThrow();
    expect(() => scorePrediction([percent, updown], [1, 'up'], [1, 'up'])).toThrow();
  });
});

describe('scorePrediction on a drawn line', () => {
  const draw: PredictPart = { kind: 'draw', name: 'Line', unit: 'cases a day', load: () => Promise.reject(new Error('not drawn here')) };

  it('gives the mean absolute gap over the drawn days, in the part’s unit', () => {
    const truth = [1000, 2000, 3000, 4000];
    const s = scorePrediction([draw], [[1100, null, 2500, 4000]], [truth]);
    expect(s.off).toBeCloseTo((100 + 500 + 0) / 3, 10);
    expect(s.sentence).toBe('Your line was on average 200 cases a day off, over the 3 days you drew.');
    // A quarter of the typical true value (2,500) is 625: 200 off counts as a good guess.
    expect(s.right).toBe(true);
    expect(scorePrediction([draw], [[3000, 4000, 5000, 6000]], [truth]).right).toBe(false);
  });

  it('writes thousands with a separator and says when nothing can be compared', () => {
    expect(scorePrediction([draw], [[12_345.4]], [[0]]).sentence).toBe('Your line was on average 12,345 cases a day off, over the 1 day you drew.');
    expect(scorePrediction([draw], [[null, null]], [[1, 2]])).toEqual({ sentence: 'You drew no day that can be compared.', right: false });
  });
});

describe('formatGuess', () => {
  it('writes a percentage with its digits and a typographic minus', () => {
    expect(formatGuess(percent, 57.25)).toBe('57.3%');
    expect(formatGuess({ ...percent, unit: 'cases', digits: 0 }, -12)).toBe('−12 cases');
  });
});

describe('meanAbsoluteOff', () => {
  it('averages the absolute gaps over the days both lines cover', () => {
    expect(meanAbsoluteOff([1, 5, NaN, 10], [2, 2, 100, 12])).toBeCloseTo((1 + 3 + 2) / 3, 12);
    expect(meanAbsoluteOff([1, 2], [1, 2, 3])).toBe(0);
  });

  it('is NaN when there is no day to compare', () => {
    expect(meanAbsoluteOff([], [1])).toBeNaN();
    expect(meanAbsoluteOff([NaN], [1])).toBeNaN();
  });
});
