// Predict, then see (issue 18): every prediction moment hides its answer until the reader commits
// or skips, then says how the guess did in a sentence that agrees with the true answer, which this
// file works out itself with the page's model code (or reads from the figure's own readout). Guesses
// outlive a reload, are cleared by the summary's button, and never reach the address bar.
import { describe } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect, readNumber, readText, test } from './fixture';
import { started } from './browser';
import { PREDICTION_MOMENTS, predictionMoment } from '$lib/figures/predictions';
import { scorePrediction, type ChoiceOption, type Guess } from '$lib/ui/predict-score';
/** The one localStorage key the guesses live under (src/lib/ui/predictions.svelte.ts). */
const PREDICTIONS_KEY = 'gh-predictions';
import { sirOutlook } from '$lib/models/sir/sir';
import { ladderRung, ladderShape } from '$lib/models/growth/polyfit';
import { NYC_CITYWIDE } from '$lib/data/nyc';
import { Mlp } from '$lib/models/mlp/mlp';
import { taskOf } from '$lib/models/mlp/nyc-curve-task';
import { lossAlongPath } from '$lib/models/knobs/knob-path';
import { decodeNycMlp } from '$lib/models/mlp/nyc-mlp-file';
import { KnobSlice } from '$lib/models/knobs/knob-slice';
import { BallRun } from '$lib/models/descent/ball';
import { BALL_KNOBS } from '$lib/figures/05-engine/ball-knobs';
import { TINY_FIRST_SEED, buildTinyGraph, randomTinyKnobs, tinyFirstDay } from '$lib/models/descent/tiny-network';
import { PerceptronRun } from '$lib/models/perceptron/perceptron';
import { xorPoints } from '$lib/models/perceptron/point-sets';
import { trailingMean } from '$lib/models/growth/growth';
import { dayOfIso } from '$lib/data/nyc';

const shipped = () => decodeNycMlp(new Uint8Array(readFileSync('static/models/nyc-mlp.safetensors')));
const TASK = taskOf(NYC_CITYWIDE);

/**
 * Scroll a figure near so that it loads. Its readouts are read from the page even while it is still
 * covered (hidden, not removed) because the question before it is unanswered.
 */
async function nearFigure(page: Page, id: string): Promise<void> {
  await page.locator(`[data-figure="${id}"]`).scrollIntoViewIfNeeded();
}

/** The true answers, worked out here for the page as it opens on New York's data (8a: from the figure's readout). */
const TRUTH: Record<string, (page: Page) => Promise<Guess[]>> = {
  async '2b'() {
    const p = { beta: 0.5, gamma: 0.2, i0: 1e-4 };
    const now = sirOutlook(p, 200).peak, slow = sirOutlook({ ...p, gamma: 0.1 }, 200).peak;
    return [`${slow.day < now.day ? 'earlier' : 'later'}-${slow.infected > now.infected ? 'higher' : 'lower'}`];
  },
  async '3a'() {
    const { holdout, maxDegree } = ladderShape(NYC_CITYWIDE.length);
    return [ladderRung(NYC_CITYWIDE, maxDegree, holdout).holdoutError > ladderRung(NYC_CITYWIDE, 2, holdout).holdoutError ? 'up' : 'down'];
  },
  async '4b'() {
    const s = shipped();
    const road = lossAlongPath(new Mlp(s.training.width, s.training.seed), TASK, s.init.getKnobs(), s.trained.getKnobs(), 100);
    return [road.some((p, i) => i > 0 && p.loss > road[i - 1].loss) ? 'rises' : 'falls'];
  },
  async '5a'() {
    const s = shipped();
    const net = new Mlp(s.training.width, s.training.seed);
    net.setKnobs(s.trained.getKnobs());
    const knob = BALL_KNOBS[0];
    const index = net.knobInfo().find((k) => k.symbol === knob.symbol)!.index;
    const w = net.getKnob(index);
    const slice = new KnobSlice(net, TASK, [index]);
    return [0.2, 0.8, 1.2].map((eta) => {
      const run = new BallRun(slice, w + knob.drop, eta, [w + knob.range[0], w + knob.range[1]]);
      for (let i = 0; i < 20 && run.step(); i++);
      return run.status;
    });
  },
  async '5c'() {
    const day = tinyFirstDay(NYC_CITYWIDE, false);
    const g = buildTinyGraph(randomTinyKnobs(TINY_FIRST_SEED), TASK.x.data[day], TASK.y.data[day]);
    return [g.entries[g.knobIds[6]].grad![0] > 0 ? 'positive' : 'negative'];
  },
  async '7a'(page) {
    await nearFigure(page, '7b');
    return [await readNumber(page, '7b', 'rules-accuracy-as-written', 90_000)];
  },
  async '7b'(page) {
    await nearFigure(page, '7b');
    return [await readNumber(page, '7b', 'cnn-accuracy', 90_000)];
  },
  async '8a'(page) {
    await nearFigure(page, '8a');
    return [await readText(page, '8a', 'it-nearest', /\w/)];
  },
  async '10'() {
    const run = new PerceptronRun(xorPoints(), 1);
    while (!run.converged && !run.cycle && run.epochs < 1000) run.step();
    return [run.converged ? 'stops' : 'never'];
  },
  async '12b'() {
    // The metrics file as the training script wrote it, read from disk, not through the page.
    const { heldout } = JSON.parse(readFileSync('static/models/code-model-metrics.json', 'utf8'));
    const gap = heldout.ngramBpc - heldout.modelBpc;
    return [Math.abs(gap) < 0.05 ? 'tie' : gap > 0 ? 'transformer' : 'counting'];
  }
};

/** A wrong guess where there is one to make, so the test sees the correcting sentence too. */
function guessFor(id: string, truth: Guess[], wrong: boolean): Guess[] {
  return predictionMoment(id).parts.map((part, i) => {
    // A slider moves in whole steps: right is the nearest step, wrong is 15 steps away.
    if (part.kind === 'number') return Math.round(Number(truth[i])) + (wrong ? (Number(truth[i]) > 50 ? -15 : 15) : 0);
    if (part.kind !== 'choice') throw new Error('a drawn part has its own test');
    return wrong ? part.options.find((o: ChoiceOption) => o.value !== truth[i])!.value : truth[i];
  });
}

const moment = (page: Page, id: string) => page.locator(`[data-predict="${id}"]`);

async function commit(page: Page, id: string, guess: Guess[]): Promise<Locator> {
  const box = moment(page, id);
  await box.scrollIntoViewIfNeeded();
  const parts = predictionMoment(id).parts;
  for (const [i, part] of parts.entries()) {
    if (part.kind === 'number') {
      // By keyboard, as a reader without a pointer would: Home, then one arrow press per step.
      await box.getByRole('slider', { name: new RegExp(`^${part.name}`) }).focus();
      await page.keyboard.press('Home');
      for (let v = part.min; v < Number(guess[i]); v += part.step) await page.keyboard.press('ArrowRight');
      continue;
    }
    if (part.kind !== 'choice') throw new Error('a drawn part has its own test');
    const label = part.options.find((o) => o.value === guess[i])!.label;
    await box.locator('fieldset').nth(i).getByRole('radio', { name: label, exact: true }).check();
  }
  await box.getByRole('button', { name: 'Check my guess' }).click();
  return box;
}

const scoreOf = (box: Locator) => box.locator('[data-readout="prediction-score"]');

async function scoreText(box: Locator): Promise<string> {
  let text = '';
  await expect.poll(async () => (text = ((await scoreOf(box).textContent().catch(() => '')) ?? '').trim()), { timeout: 120_000 }).toMatch(/\S/);
  return text;
}

describe('predict, then see', () => {
  test('every moment hides its answer, then scores a commit against the true answer', async ({ open }) => {
    const { page } = await open({ predictions: true });
    // 1a is drawn, not chosen: its own test below.
    for (const [n, m] of PREDICTION_MOMENTS.filter((p) => p.id !== '1a').entries()) {
      const box = moment(page, m.id);
      await box.scrollIntoViewIfNeeded();
      // Hidden until committed: no score, no fact, in the DOM at all.
      expect(await box.locator('[data-readout]').count(), m.id).toBe(0);
      const truth = await TRUTH[m.id](page);
      const guess = guessFor(m.id, truth, n % 2 === 0);
      await commit(page, m.id, guess);
      expect(await scoreText(box), m.id).toBe(scorePrediction(m.parts, guess, truth).sentence);
      await expect.poll(() => box.locator('[data-readout="prediction-fact"]').textContent()).toMatch(/\S/);
      // The moment sits outside its figure's frame, so it is no figure control.
      expect(await page.locator(`[data-figure] [data-predict="${m.id}"]`).count()).toBe(0);
    }
    // 2b's fact quotes the peaks the model computes.
    const now = sirOutlook({ beta: 0.5, gamma: 0.2, i0: 1e-4 }, 200).peak, slow = sirOutlook({ beta: 0.5, gamma: 0.1, i0: 1e-4 }, 200).peak;
    expect(await moment(page, '2b').locator('[data-readout="prediction-fact"]').textContent()).toContain(`peaks on day ${slow.day} instead of day ${now.day}`);
  });

  test('1a: a line drawn by pointer, or set by keyboard, is scored by its mean distance from the true average', async ({ open }) => {
    const average = trailingMean(NYC_CITYWIDE);
    const last = dayOfIso('2020-04-05');
    const truth = average.slice(last + 1);
    const top = 2 * Math.max(...average.slice(0, last + 1).map((v) => v ?? 0));
    const parts = predictionMoment('1a').parts;
    const stored = async (page: Page): Promise<(number | null)[]> =>
      JSON.parse((await page.evaluate((k) => localStorage.getItem(k), PREDICTIONS_KEY)) ?? '{}')['1a']?.guesses[0] ?? [];

    // By pointer: one stroke across the shaded days at half the chart's height, which is half its top.
    const { page } = await open({ predictions: true });
    const box = moment(page, '1a');
    await box.scrollIntoViewIfNeeded();
    const shade = box.locator('rect.hidden-days');
    await shade.waitFor();
    expect(await box.locator('path.truth').count()).toBe(0);
    const r = (await shade.boundingBox())!;
    const mid = r.y + r.height / 2;
    await page.mouse.move(r.x + 1, mid);
    await page.mouse.down();
    for (let k = 1; k <= 30; k++) await page.mouse.move(r.x + 1 + ((r.width - 2) * k) / 30, mid);
    await page.mouse.up();
    await box.getByRole('button', { name: 'Check my guess' }).click();
    const sentence = await scoreText(box);
    const drawn = await stored(page);
    expect(drawn.length).toBe(truth.length);
    const values = drawn.filter((v): v is number => v !== null);
    expect(values.length).toBeGreaterThan(truth.length * 0.9);
    for (const v of values) expect(Math.abs(v - top / 2)).toBeLessThan(top * 0.03);
    expect(sentence).toBe(scorePrediction(parts, [drawn], [truth]).sentence);
    expect(sentence).toMatch(/^Your line was on average [\d,]+ cases a day off, over the \d+ days you drew\.$/);
    await expect.poll(() => box.locator('path.truth').getAttribute('d')).toMatch(/^M/);

    // By keyboard alone: open the sliders, set the first to its top and the last to zero, commit.
    const { page: keys } = await open({ predictions: true });
    const kbox = moment(keys, '1a');
    await kbox.scrollIntoViewIfNeeded();
    await kbox.locator('summary').focus();
    await keys.keyboard.press('Enter');
    const sliders = kbox.getByRole('slider');
    await expect.poll(() => sliders.count()).toBe(5);
    await sliders.first().focus();
    await keys.keyboard.press('End');
    await sliders.last().focus();
    await keys.keyboard.press('Home');
    await keys.keyboard.press('Tab');
    await expect.poll(() => keys.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Check my guess');
    await keys.keyboard.press('Enter');
    const ksentence = await scoreText(kbox);
    const set = await stored(keys);
    expect(set.every((v) => v !== null)).toBe(true);
    const firstHandle = Math.round((truth.length - 1) / 5);
    const step = Math.max(1, Math.round(top / 100));
    expect(set[firstHandle]).toBe(step * Math.ceil(top / step));
    expect(set.at(-1)).toBe(0);
    expect(ksentence).toBe(scorePrediction(parts, [set], [truth]).sentence);

    // Skipped: the true line and the fact, no score of a guess.
    const { page: skip } = await open({ predictions: true });
    const sbox = moment(skip, '1a');
    await sbox.scrollIntoViewIfNeeded();
    await sbox.getByRole('button', { name: 'Just show me' }).click();
    expect(await scoreText(sbox)).toBe('You skipped the guess; here is the answer.');
    await expect.poll(() => sbox.locator('path.truth').getAttribute('d')).toMatch(/^M/);
    const peak = Math.max(...(truth as number[]));
    await expect.poll(() => sbox.locator('[data-readout="prediction-fact"]').textContent()).toContain(Math.round(peak).toLocaleString('en-US'));
  });

  test('"Just show me" reveals the answer without a guess, and the summary says it was skipped', async ({ open }) => {
    const { page } = await open({ predictions: true });
    const box = moment(page, '10');
    await box.scrollIntoViewIfNeeded();
    await box.getByRole('button', { name: 'Just show me' }).click();
    expect(await scoreText(box)).toBe('You skipped the guess; here is the answer.');
    const truth = await TRUTH['10'](page);
    await expect.poll(() => box.locator('[data-readout="prediction-fact"]').textContent()).toMatch(truth[0] === 'never' ? /never stop/ : /last mistake/);
    await expect.poll(() => page.locator('[data-summary-item="10"]').textContent()).toMatch(/skipped/);
  });

  test('a moment works by keyboard alone, and the reveal is announced where the keyboard lands', async ({ open }) => {
    const { page } = await open({ predictions: true, reducedMotion: 'reduce' });
    const box = moment(page, '3a');
    await box.scrollIntoViewIfNeeded();
    const [truth] = await TRUTH['3a'](page);
    const first = box.getByRole('radio').first();
    await first.focus();
    // Arrow keys move through a radio group and select as they go.
    await page.keyboard.press('Space');
    const firstValue = await first.getAttribute('value');
    if (firstValue !== truth) await page.keyboard.press('ArrowDown');
    await expect.poll(() => box.locator('input:checked').getAttribute('value')).toBe(truth);
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Check my guess');
    await page.keyboard.press('Enter');
    expect(await scoreText(box)).toBe(scorePrediction(predictionMoment('3a').parts, [truth], [truth]).sentence);
    expect(await box.locator('[aria-live="polite"] [data-readout="prediction-score"]').count()).toBe(1);
    await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('[data-predict="3a"] .result')))).toBe(true);
    // Less motion asked for: the reveal does not fade in.
    expect(await box.locator('.result').evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
  });

  test('a reload keeps the summary; clearing empties it and reopens the questions; the address bar never holds a guess', async ({ open, browser }) => {
    const { page } = await open({ predictions: true });
    const t2b = await TRUTH['2b'](page);
    const t5c = await TRUTH['5c'](page);
    await scoreText(await commit(page, '2b', t2b));
    await scoreText(await commit(page, '5c', guessFor('5c', t5c, true)));
    const stored = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), PREDICTIONS_KEY)) ?? '{}');
    expect(Object.keys(stored).sort()).toEqual(['2b', '5c']);
    expect(page.url()).not.toMatch(/predict|earlier|positive|negative/);

    // A link to this page, opened elsewhere, asks the questions afresh.
    const elsewhere = await browser.newContext();
    const other = await elsewhere.newPage();
    await other.goto(page.url());
    await moment(other, '2b').getByRole('button', { name: 'Check my guess' }).waitFor();
    expect(await moment(other, '2b').locator('[data-readout="prediction-score"]').count()).toBe(0);
    await elsewhere.close();

    await page.reload();
    const summary = page.locator('[data-predictions-summary]');
    await summary.scrollIntoViewIfNeeded();
    await expect.poll(() => summary.locator('[data-summary-item]').count()).toBe(2);
    expect(await summary.locator('[data-readout="predictions-tally"]').textContent()).toMatch(/^1 of 2 guesses right/);
    expect(await summary.locator('[data-summary-item="2b"]').textContent()).toContain(scorePrediction(predictionMoment('2b').parts, t2b, t2b).sentence);
    expect(await summary.locator('[data-summary-item="2b"] a').getAttribute('href')).toBe('#predict-2b');
    // The moments themselves come back answered.
    await expect.poll(() => scoreOf(moment(page, '5c')).textContent()).toBe(scorePrediction(predictionMoment('5c').parts, guessFor('5c', t5c, true), t5c).sentence);

    await summary.getByRole('button', { name: 'Clear my predictions' }).click();
    await expect.poll(() => summary.locator('[data-summary-item]').count()).toBe(0);
    expect(await page.evaluate((k) => localStorage.getItem(k), PREDICTIONS_KEY)).toBeNull();
    await expect.poll(() => moment(page, '5c').getByRole('button', { name: 'Check my guess' }).count()).toBe(1);
    expect(await scoreOf(moment(page, '5c')).count()).toBe(0);
  });

  test('the figure after a question stays covered until it is answered or skipped; the questions can be turned off', async ({ open }) => {
    const { page } = await open({ predictions: true, reducedMotion: 'reduce' });
    const fig = page.locator('[data-figure="4b"]');
    const veil = fig.getByRole('note', { name: 'Figure 4b is waiting for your guess' });
    await fig.scrollIntoViewIfNeeded();
    await fig.locator('.figure-body [data-readout]').first().waitFor({ state: 'attached', timeout: 60_000 });
    // Drawn behind the veil, but not shown, not reachable, not read out.
    await expect.poll(() => veil.isVisible()).toBe(true);
    expect(await fig.locator('.figure-body').isVisible()).toBe(false);
    expect(await fig.locator('[inert] .figure-body').count()).toBe(1);
    expect(await fig.locator(`#figure-4b-description`).textContent()).toMatch(/Hidden until you answer the question above it/);
    // Tab from the veil's last button leaves the figure: nothing under the veil takes the keyboard.
    await veil.getByRole('button', { name: 'Just show me' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[data-figure="4b"] .figure-body')))).toBe(false);
    // "Back to the question" lands the keyboard on the question's first choice.
    await veil.getByRole('link', { name: 'Back to the question' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-predict]')?.getAttribute('data-predict') ?? '')).toBe('4b');
    // Answered: the figure comes out at once.
    await scoreText(await commit(page, '4b', await TRUTH['4b'](page)));
    await expect.poll(() => fig.locator('.veil').count()).toBe(0);
    await expect.poll(() => fig.locator('.figure-body').isVisible()).toBe(true);
    expect(await fig.locator('[inert]').count()).toBe(0);

    // Skipped from the veil itself: the question shows its answer as skipped, the figure takes the keyboard.
    const f3 = page.locator('[data-figure="3a"]');
    await f3.scrollIntoViewIfNeeded();
    await f3.getByRole('note').getByRole('button', { name: 'Just show me' }).click();
    await expect.poll(() => f3.locator('.figure-body').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-figure'))).toBe('3a');
    expect(await scoreText(moment(page, '3a'))).toBe('You skipped the guess; here is the answer.');

    // Turned off at the end: no figure waits, each question shrinks to one line, and a reload keeps it so.
    const summary = page.locator('[data-predictions-summary]');
    await summary.scrollIntoViewIfNeeded();
    await summary.getByRole('checkbox', { name: 'Ask me to guess before each answer' }).uncheck();
    await expect.poll(() => page.locator('.veil').count()).toBe(0);
    await page.reload();
    await started(page);
    await expect.poll(() => moment(page, '5a').textContent()).toMatch(/You turned these questions off/);
    expect(await moment(page, '5a').getByRole('button', { name: 'Check my guess' }).count()).toBe(0);
    expect(await page.locator('.veil').count()).toBe(0);
    expect(await summary.getByRole('checkbox').isChecked()).toBe(false);
    // "Ask me again" brings back every unanswered question, and the veils with them; 4b stays answered.
    await moment(page, '5a').getByRole('button', { name: 'Ask me again' }).click();
    await expect.poll(() => page.locator('[data-figure="5a"] .veil').count()).toBe(1);
    expect(await page.locator('[data-figure="4b"] .veil').count()).toBe(0);
    expect(await summary.getByRole('checkbox').isChecked()).toBe(true);
  });

  test('committing without a choice asks for one; nothing overflows a 320 px screen', async ({ open }) => {
    const { page } = await open({ predictions: true, width: 320, height: 700 });
    const box = moment(page, '5a');
    await box.scrollIntoViewIfNeeded();
    await box.getByRole('button', { name: 'Check my guess' }).click();
    await expect.poll(() => box.locator('.note').textContent()).toMatch(/Pick an answer/);
    expect(await scoreOf(box).count()).toBe(0);
    for (const m of PREDICTION_MOMENTS) {
      const b = moment(page, m.id);
      await b.scrollIntoViewIfNeeded();
      const [scroll, client, right] = await b.evaluate((el) => [el.scrollWidth, el.clientWidth, el.getBoundingClientRect().right]);
      expect(scroll, m.id).toBeLessThanOrEqual(client + 1);
      expect(right, m.id).toBeLessThanOrEqual(321);
    }
  });
});
