/**
 * The lecture's prediction moments (issue 18), in reading order: the question, the choices, and
 * how to work out the true answer. Each answer is computed when the reader commits or skips, by
 * the same model code (and the same data or trained weights) the figure after it uses; the code
 * is imported only then, so the question itself costs the page nothing.
 */
import type { Guess, PredictPart } from '$lib/ui/predict-score';
import { LECTURE_TIRED, IT_POSITION, makeSentence } from '$lib/models/attention/winograd-corpus';

export interface Answer {
  /** The true answer, part by part, in the terms of the parts' options (or numbers). */
  truth: Guess[];
  /** One plain sentence of what the model shows, said after the reveal whatever the guess was. */
  fact: string;
}

export interface PredictionMoment {
  id: string;
  /** The figure the moment sits before (for the summary's wording and the tests). */
  figure: string;
  /** A short name for the summary at the end. */
  title: string;
  question: string;
  parts: readonly PredictPart[];
  answer: () => Promise<Answer>;
}

/** A question's answers as options: `{ value: label }`, in the order they are shown. */
const choose = (name: string, options: Record<string, string>): PredictPart => ({
  kind: 'choice',
  name,
  options: Object.entries(options).map(([value, label]) => ({ value, label }))
});

const pct = (v: number, digits = 1) => `${(v * 100).toFixed(digits)}%`;
/** 0.2 → "0.2", 0.025 → "0.025": a slider's value without trailing zeros. */
const short = (v: number) => String(Number(v.toFixed(3)));

/** A share of the 400 test photos, guessed on a slider. */
const PHOTO_SHARE: PredictPart = { kind: 'number', name: 'Share of the 400 photos right', min: 0, max: 100, step: 1, start: 50, unit: '%', digits: 1 };

interface PhotoCounts {
  network: number;
  rules: number;
  count: number;
}

/**
 * Both counts on the 400 test photos (the network's answers, and the hand-written rules as
 * written), from the one client of Figure 7b's inference worker: the figure's own measurement when
 * it has made one, else one from a worker started for 7a's and 7b's moments.
 */
async function countPhotos(): Promise<PhotoCounts> {
  const { testPhotoCounts } = await import('$lib/workers/cnn-inspector.svelte');
  const a = await testPhotoCounts();
  return { network: a.correct, rules: a.rulesCorrect, count: a.count };
}

const IT_SENTENCE = makeSentence(LECTURE_TIRED);
/** Every word of the sentence but "it" (the two "the"s once), as 8a's options. */
const IT_OPTIONS = [...new Set(IT_SENTENCE.words.filter((_, i) => i !== IT_POSITION))].map((w) => ({ value: w, label: w }));

/** Step sizes of 5a's question, on the parabola of b₃ (below 1/2, between 1/2 and 1, above 1). */
const BALL_ETAS = [0.2, 0.8, 1.2];
/** Steps of each 5a run: enough to show its manner, and the figure's own classifier reads it. */
const BALL_STEPS = 20;
/** Passes over XOR before 10's run is called unsettled (it finds its exact repeat within a few). */
const PERCEPTRON_EPOCHS = 1000;

/** The last day 1a's drawing shows: 5 April 2020, just before New York's peak. */
const DRAW_FROM_ISO = '2020-04-05';

/** New York's seven-day average and calendar, for 1a's drawing and its answer. */
async function nycAverage() {
  const [{ NYC_CITYWIDE, dayOfIso }, { NYC_SERIES, calendarOf }, { trailingMean }, { formatShortDate }] = await Promise.all([
    import('$lib/data/nyc'),
    import('$lib/data/daily-series'),
    import('$lib/models/growth/growth'),
    import('$lib/ui/format')
  ]);
  const { dateOfDay } = calendarOf(NYC_SERIES);
  return { average: trailingMean(NYC_CITYWIDE), last: dayOfIso(DRAW_FROM_ISO), label: (day: number) => formatShortDate(dateOfDay(day)) };
}

export const PREDICTION_MOMENTS: readonly PredictionMoment[] = [
  {
    id: '1a',
    figure: '1a',
    title: 'How the curve goes on',
    question: 'Here are New York’s new cases each day up to 5 April 2020, each day shown as the average of that day and the six before it. Draw how you think the line goes on until the end of July.',
    parts: [
      {
        kind: 'draw',
        name: 'New York’s seven-day average',
        unit: 'cases a day',
        async load() {
          const { average, last, label } = await nycAverage();
          const known = average.slice(0, last + 1);
          // Room above the last shown day for a line that keeps climbing.
          const top = 2 * Math.max(...known.map((v) => v ?? 0));
          return { known, days: average.length, top, label };
        }
      }
    ],
    async answer() {
      const { average, last, label } = await nycAverage();
      const rest = average.slice(last + 1) as number[];
      const peak = rest.indexOf(Math.max(...rest));
      const round = (v: number) => Math.round(v).toLocaleString('en-US');
      return {
        truth: [rest],
        fact:
          (rest[peak] > (average[last] ?? 0)
            ? `After ${label(last)} the average rose to ${round(rest[peak])} cases a day on ${label(last + 1 + peak)}, then `
            : `After ${label(last)} the average `) + `fell to ${round(rest[rest.length - 1])} a day by ${label(average.length - 1)}.`
      };
    }
  },
  {
    id: '2b',
    figure: '2b',
    title: 'Slower recovery',
    question: 'Keep β as it is and halve γ, so the sick stay sick twice as long. What happens to the peak of the infected curve?',
    parts: [choose('The peak', { 'earlier-higher': 'Earlier and higher', 'earlier-lower': 'Earlier and lower', 'later-higher': 'Later and higher', 'later-lower': 'Later and lower' })],
    async answer() {
      const [{ sirOutlook }, { explorer, EXPLORER_DAYS }] = await Promise.all([import('$lib/models/sir/sir'), import('$lib/state/sir-explorer.svelte')]);
      // The run Figure 2b shows now, and the same run with γ halved.
      const p = { beta: explorer.beta, gamma: explorer.gamma, i0: explorer.i0 };
      const now = sirOutlook(p, EXPLORER_DAYS).peak;
      const slow = sirOutlook({ ...p, gamma: p.gamma / 2 }, EXPLORER_DAYS).peak;
      const when = slow.day < now.day ? 'earlier' : 'later';
      const height = slow.infected > now.infected ? 'higher' : 'lower';
      return {
        truth: [`${when}-${height}`],
        fact:
          `With γ halved from ${short(p.gamma)} to ${short(p.gamma / 2)}, the infected curve peaks on day ${slow.day} instead of day ${now.day}, ` +
          `with ${pct(slow.infected)} of people sick at once instead of ${pct(now.infected)}.`
      };
    }
  },
  {
    id: '3a',
    figure: '3a',
    title: 'Degree 15',
    question: 'Figure 3a opens at degree 2. Raise it to 15: does the curve’s typical miss on the held-out days go up or down?',
    parts: [choose('Held-out error', { down: 'Down', up: 'Up' })],
    async answer() {
      const [{ ladderRung, ladderShape }, { currentSeries }, { formatCount }] = await Promise.all([
        import('$lib/models/growth/polyfit'),
        import('$lib/state/current-series'),
        import('$lib/ui/format')
      ]);
      const values = currentSeries().values;
      const { holdout, maxDegree } = ladderShape(values.length);
      const low = ladderRung(values, Math.min(2, maxDegree), holdout);
      const high = ladderRung(values, maxDegree, holdout);
      const fmt = (v: number) => formatCount(Math.round(v));
      return {
        truth: [high.holdoutError > low.holdoutError ? 'up' : 'down'],
        fact:
          `On the ${holdout} held-out days the typical error is ${fmt(low.holdoutError)} cases at degree ${Math.min(2, maxDegree)} ` +
          `and ${fmt(high.holdoutError)} at degree ${maxDegree}, while on the fitted days it goes from ${fmt(low.trainError)} to ${fmt(high.trainError)}.`
      };
    }
  },
  {
    id: '4b',
    figure: '4b',
    title: 'The straight road',
    question: 'Move every knob at once, at an even pace, along the straight route from the random start to the trained setting. Does the loss fall all the way?',
    parts: [choose('The loss', { falls: 'Yes, it only falls', rises: 'No, it rises somewhere on the way' })],
    async answer() {
      const [{ Mlp }, { taskOf }, { lossAlongPath }, { currentSeries }, { loadNetwork }, { formatSignificant }] = await Promise.all([
        import('$lib/models/mlp/mlp'),
        import('$lib/models/mlp/nyc-curve-task'),
        import('$lib/models/knobs/knob-path'),
        import('$lib/state/current-series'),
        import('$lib/state/shipped-network'),
        import('$lib/ui/format')
      ]);
      const series = currentSeries();
      const shipped = await loadNetwork(series);
      const net = new Mlp(shipped.training.width, shipped.training.seed);
      // The road as Figure 4b measures it: 101 points from the random start to the trained knobs.
      const road = lossAlongPath(net, taskOf(series.values), shipped.init.getKnobs(), shipped.trained.getKnobs(), 100);
      const firstRise = road.findIndex((p, i) => i > 0 && p.loss > road[i - 1].loss);
      const peak = road.reduce((best, p) => (p.loss > best.loss ? p : best), road[0]);
      const f = (v: number) => formatSignificant(v, 3);
      const start = road[0].loss, end = road[road.length - 1].loss;
      const fact =
        firstRise < 0
          ? `The loss falls from ${f(start)} to ${f(end)} without rising anywhere on the road.`
          : peak.t > 0
            ? `The loss climbs from ${f(start)} to ${f(peak.loss)} at ${Math.round(peak.t * 100)}% of the way before falling to ${f(end)}.`
            : `The loss goes from ${f(start)} to ${f(end)}, but it first rises again at ${Math.round(road[firstRise].t * 100)}% of the way.`;
      return { truth: [firstRise < 0 ? 'falls' : 'rises'], fact };
    }
  },
  {
    id: '5a',
    figure: '5a',
    title: 'Three step sizes',
    question: 'The ball starts on b₃, the number added last to the network’s answer. For each stride η, what do the steps do?',
    parts: BALL_ETAS.map((eta) => choose(`η = ${eta}`, { converging: 'Creep to the bottom from one side', oscillating: 'Swing across the bottom', diverged: 'Fly off, further each step' })),
    async answer() {
      const [{ taskOf }, { KnobSlice }, { BallRun }, { currentSeries }, { trainedCopy }, { BALL_KNOBS }] = await Promise.all([
        import('$lib/models/mlp/nyc-curve-task'),
        import('$lib/models/knobs/knob-slice'),
        import('$lib/models/descent/ball'),
        import('$lib/state/current-series'),
        import('$lib/state/shipped-network'),
        import('./05-engine/ball-knobs')
      ]);
      const series = currentSeries();
      const net = await trainedCopy(series);
      // Figure 5a's first knob, chart and drop point.
      const knob = BALL_KNOBS[0];
      const index = net.knobInfo().find((k) => k.symbol === knob.symbol)!.index;
      const trained = net.getKnob(index);
      const slice = new KnobSlice(net, taskOf(series.values), [index]);
      const chart: [number, number] = knob.offset ? [trained + knob.range[0], trained + knob.range[1]] : [knob.range[0], knob.range[1]];
      const drop = knob.offset ? trained + knob.drop : knob.drop;
      const statuses = BALL_ETAS.map((eta) => {
        const run = new BallRun(slice, drop, eta, chart);
        for (let s = 0; s < BALL_STEPS && run.step(); s++);
        return run.status;
      });
      const word = { converging: 'settles', oscillating: 'swings', diverged: 'blows up', ready: 'stays put' } as const;
      return {
        truth: statuses,
        fact: `After ${BALL_STEPS} steps from the same drop, the ball ${BALL_ETAS.map((eta, i) => `${word[statuses[i]]} at η = ${eta}`).join(', ')}.`
      };
    }
  },
  {
    id: '5c',
    figure: '5c',
    title: 'The sign of a slope',
    question: 'Step Figure 5c forward. Its answer ends by adding the last knob, c. Before the backward sweep: is ∂L/∂c positive or negative? (Is the answer above or below the real count?)',
    parts: [choose('∂L/∂c', { positive: 'Positive', negative: 'Negative' })],
    async answer() {
      const [{ taskOf }, { currentSeries }, tiny, { formatSignificant }] = await Promise.all([
        import('$lib/models/mlp/nyc-curve-task'),
        import('$lib/state/current-series'),
        import('$lib/models/descent/tiny-network'),
        import('$lib/ui/format')
      ]);
      const series = currentSeries();
      const task = taskOf(series.values);
      const day = tiny.tinyFirstDay(series.values, series.custom);
      // The graph Figure 5c opens on, swept backward by the engine.
      const graph = tiny.buildTinyGraph(tiny.randomTinyKnobs(tiny.TINY_FIRST_SEED), task.x.data[day], task.y.data[day]);
      const c = graph.entries[graph.knobIds[tiny.TINY_KNOB_NAMES.indexOf('c')]];
      // L = (ŷ − y)², and ŷ = … + c, so the slope along c is 2(ŷ − y): its sign says which side of the count ŷ is.
      const slope = c.grad![0];
      return {
        truth: [slope > 0 ? 'positive' : 'negative'],
        fact:
          `Backpropagation gives ∂L/∂c = ${formatSignificant(slope, 3).replace('-', '−')}: the network’s answer is ${slope > 0 ? 'above' : 'below'} the real count, ` +
          `so ${slope > 0 ? 'lowering' : 'raising'} c lowers the loss.`
      };
    }
  },
  {
    id: '7a',
    figure: '7a',
    title: 'The rules’ score',
    question: 'Half of the 400 test photos are cats and half dogs, so a coin toss would get about 50% right. What share do these hand-written rules get right?',
    parts: [PHOTO_SHARE],
    async answer() {
      const c = await countPhotos();
      return { truth: [(100 * c.rules) / c.count], fact: `The rules as written get ${c.rules} of the ${c.count} test photos right.` };
    }
  },
  {
    id: '7b',
    figure: '7b',
    title: 'The network’s score',
    question: 'And the trained network of Figure 7b, on the same 400 photos: what share does it get right?',
    parts: [PHOTO_SHARE],
    async answer() {
      const c = await countPhotos();
      return {
        truth: [(100 * c.network) / c.count],
        fact: `The network gets ${c.network} of the ${c.count} test photos right; the rules got ${c.rules}.`
      };
    }
  },
  {
    id: '8a',
    figure: '8a',
    title: 'Closest to “it”',
    question: `Under the raw dot product, which word of “${IT_SENTENCE.words.join(' ')}” scores highest with “it”?`,
    parts: [{ kind: 'choice', name: 'Closest word', options: IT_OPTIONS }],
    async answer() {
      const [{ dotProductMatrix }, { loadShippedAttention }, { formatFixed }] = await Promise.all([
        import('$lib/models/attention/attention-steps'),
        import('$lib/state/shipped-attention'),
        import('$lib/ui/format')
      ]);
      const shipped = await loadShippedAttention();
      // The model Figure 8a takes its embeddings from.
      const model = shipped.models.binding.get(shipped.metrics.wirings.binding.shippedSeed);
      if (!model) throw new Error('the shipped attention model is missing');
      const row = dotProductMatrix(model, IT_SENTENCE.tokens)[IT_POSITION];
      // The other words from highest score to lowest: the answer, and the runner-up to set beside it.
      const ranked = row.map((v, j) => ({ v, j })).filter(({ j }) => j !== IT_POSITION).sort((a, b) => b.v - a.v);
      const [best, next] = ranked;
      const word = IT_SENTENCE.words[best.j];
      return {
        truth: [word],
        fact: `“it” scores ${formatFixed(best.v, 2)} with “${word}”, then ${formatFixed(next.v, 2)} with “${IT_SENTENCE.words[next.j]}”.`
      };
    }
  },
  {
    id: '10',
    figure: '10',
    title: 'The perceptron on XOR',
    question: 'Give the perceptron XOR’s four points. Does it ever stop making mistakes?',
    parts: [choose('On XOR', { stops: 'Yes, after a while', never: 'No, never' })],
    async answer() {
      const [{ PerceptronRun }, { xorPoints }] = await Promise.all([import('$lib/models/perceptron/perceptron'), import('$lib/models/perceptron/point-sets')]);
      // Figure 10's rule at its opening step size, η = 1, until it settles or provably repeats.
      const run = new PerceptronRun(xorPoints(), 1);
      while (!run.converged && !run.cycle && run.epochs < PERCEPTRON_EPOCHS) run.step();
      const fact = run.converged
        ? `It made its last mistake in pass ${run.epochs}, after ${run.mistakes} mistakes.`
        : run.cycle
          ? `From pass ${run.cycle.firstEpoch} on, its weights come back exactly every ${run.cycle.period} ${run.cycle.period === 1 ? 'pass' : 'passes'}, with ${run.cycle.mistakesPerPeriod} mistakes each time: it will never stop.`
          : `After ${run.epochs} passes it is still making mistakes (${run.mistakes} so far).`;
      return { truth: [run.converged ? 'stops' : 'never'], fact };
    }
  },
  {
    id: '12b',
    figure: '12b',
    title: 'Descent against counting',
    question:
      'A counting model just counts, in the training code, which character came after each run of characters (runs as long as works best on other files), and guesses from those counts; ' +
      'no gradient descent is involved. On code neither has seen, which guesses the next character better: the counting model, or the small transformer of figure 12b after its training?',
    parts: [choose('Better at guessing', { transformer: 'The transformer', counting: 'The counting model', tie: 'About the same' })],
    async answer() {
      const { loadShippedCodeMetrics } = await import('$lib/state/shipped-code-model');
      const { heldout } = await loadShippedCodeMetrics();
      // "About the same": within 0.05 bits per character, a few percent of either figure.
      const gap = heldout.ngramBpc - heldout.modelBpc;
      const truth = Math.abs(gap) < 0.05 ? 'tie' : gap > 0 ? 'transformer' : 'counting';
      return {
        truth: [truth],
        fact:
          'A guesser is scored in bits per character: on average, how many yes-or-no questions you would still need to pin down the next character after seeing its guesses; lower is better. ' +
          `On ${heldout.files} files neither had seen, the transformer needs ${heldout.modelBpc.toFixed(2)} and the counting model (up to ${heldout.ngramOrder - 1} characters back) ` +
          `${heldout.ngramBpc.toFixed(2)}; counting single characters alone needs ${heldout.unigramBpc.toFixed(2)}.`
      };
    }
  }
];

export function predictionMoment(id: string): PredictionMoment {
  const m = PREDICTION_MOMENTS.find((p) => p.id === id);
  if (!m) throw new Error(`No prediction moment ${id}`);
  return m;
}
