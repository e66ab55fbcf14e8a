/**
 * Every figure of the lecture, in reading order: its frame's title, caption and first description,
 * the section it sits in, and how to load its code. The lecture's sections and each figure's
 * standalone page (/figure/<id>) both read this list, so the two never drift apart.
 */
import type { FigureComponent } from '$lib/ui/figure-frame.svelte';

/** What the Figure frame needs to show one figure. */
export interface FigureProps {
  /** The figure's id from LECTURE.md: "1a", "2b", "6" … */
  id: string;
  title: string;
  caption: string;
  /** What the figure shows before it has computed anything; the figure updates it as it runs. */
  description: string;
  /** Fetches the figure's code (and through it, its data) only when it is needed. */
  load: () => Promise<{ default: FigureComponent }>;
  /** Space kept for the figure before its code arrives, so the page does not jump. */
  minHeight: number;
  /**
   * Which daily series the figure draws, if it draws one of sections 1–5: 'active' follows the
   * reader's own data (issue 10), 'nyc' always shows New York's.
   */
  data?: 'active' | 'nyc';
}

export interface FigureEntry extends FigureProps {
  /** The number of the lecture section the figure belongs to (see $lib/sections). */
  section: number;
}

export const FIGURES: readonly FigureEntry[] = [
  {
    id: '1a',
    section: 1,
    data: 'active',
    title: 'New York City, one day at a time',
    caption: 'Confirmed COVID-19 cases by date of diagnosis, 29 February to 31 July 2020 (bars), with the trailing seven-day average (line). Switch to a log scale to see the early weeks fall close to a straight line; the dashed line, fitted to the shaded window, measures how fast cases doubled.',
    description: 'A bar chart of daily confirmed cases in New York City from February to July 2020, rising steeply in March, peaking in early April and falling through May.',
    load: () => import('./01-curve/DailyCases.svelte'),
    minHeight: 420
  },
  {
    id: '1b',
    section: 1,
    data: 'nyc',
    title: 'Borough by borough',
    caption: "The same cases split by borough, as seven-day averages of new cases per 100,000 residents. Drag the date: the five boroughs take off within days of one another, then settle at different heights. The small charts keep each borough's whole curve in view; the dot marks where its seven-day average peaked.",
    description: 'A schematic map of the five boroughs of New York City coloured by recent cases per 100,000 residents, with one small chart per borough.',
    load: () => import('./01-curve/Boroughs.svelte'),
    minHeight: 480
  },
  {
    id: '1c',
    section: 1,
    data: 'active',
    title: 'The machine we want',
    caption: 'Give the machine a day, get back a number of cases. Looking the answer up in the data is silent about any day it has not seen; the rest of the lecture builds machines that can answer. Switch to the network of sections 4 and 5, or, once you have fitted it in Figure 2c, the SIR model, and ask about a day outside the data.',
    description: 'A box that takes a day and returns the number of confirmed cases for it.',
    load: () => import('./01-curve/Machine.svelte'),
    minHeight: 220
  },
  {
    id: '2a',
    section: 2,
    title: 'Three buckets, two flows',
    caption: 'Each bucket is filled to its share of the population on the day under Figure 2b’s cursor; each arrow is as thick as the flow it carries that day. Point at a bucket or an arrow to find its symbol in the equations.',
    description: 'A flow diagram: Susceptible, Infected and Recovered buckets joined by two arrows, beta times S times I and gamma times I.',
    load: () => import('./02-sir/FlowDiagram.svelte'),
    minHeight: 220
  },
  {
    id: '2b',
    section: 2,
    title: 'The curves draw themselves',
    caption: 'The SIR equations worked out step by step, ten small steps a day, from the starting values you choose. Move β and γ and watch the infected curve rise and fall; drag across the chart to read any day. “Ever infected” is where the run ends; the final-size relation’s prediction sits beside it and agrees when almost everyone starts out susceptible.',
    description: 'Susceptible, infected and recovered fractions over 200 days for beta 0.5 and gamma 0.2 per day.',
    load: () => import('./02-sir/SirCurves.svelte'),
    minHeight: 470
  },
  {
    id: '2c',
    section: 2,
    data: 'active',
    title: 'Fitting SIR to New York',
    caption: 'Confirmed cases by date of diagnosis (bars) and the SIR model’s daily confirmed cases (purple): each day’s new infections times ρ, the share of infections that become confirmed cases, times the city’s population. Press Fit and gradient descent turns the dials until the curve sits on the bars of the shaded window. Then set the share of New Yorkers the model says were ever infected beside what antibody surveys measured.',
    description: "New York's daily cases with an SIR model curve fitted over March and April 2020.",
    load: () => import('./02-sir/SirFit.svelte'),
    minHeight: 900
  },
  {
    id: '3a',
    section: 3,
    data: 'active',
    title: 'The ladder of polynomials',
    caption: 'The best-fitting polynomial of each degree from 1 to 15 (least squares) for New York’s daily cases up to 10 July; the last three weeks (shaded) are held out and the dashed curve is the polynomial’s prediction for them. The small chart shows both errors for every degree. Time is rescaled to run from −1 to 1, so even degree 15 is computed accurately.',
    description: "New York's daily cases with a least-squares polynomial fitted to all but the last three weeks.",
    load: () => import('./03-refuse/Ladder.svelte'),
    minHeight: 520
  },
  {
    id: '3b',
    section: 3,
    title: 'Nesting multiplies bends',
    caption: 'The parabola h(x) = 1 − a·x² fed into itself up to six times. The count of turning points is computed from the slope of the nested function (the chain rule) on 40,001 points. At a = 2 every layer doubles the bends, one less than a power of two; lower a and the doubling stops, so nesting can multiply bends but does not have to.',
    description: 'A parabola composed with itself once, with one turning point.',
    load: () => import('./03-refuse/Nested.svelte'),
    minHeight: 400
  },
  {
    id: '4a',
    section: 4,
    data: 'active',
    title: 'A machine made of knobs',
    caption: 'Every weight and bias of a network with one input, two hidden layers of eight units and one output is a knob. It opens on a random start. Turn the ringed knob first (drag it up or down, or focus it and use the arrow keys) and the curve and the loss follow at once; pointing at a knob lights the wires its effect travels along to the output. Days are rescaled to run from −1 to 1, and counts are divided by the highest daily count.',
    description: "A network drawn as a desk of knobs, with its curve over New York's daily cases and its loss.",
    load: () => import('./04-knobs/Knobs.svelte'),
    minHeight: 720
  },
  {
    id: '4b',
    section: 4,
    data: 'active',
    title: 'From random to fitted',
    caption: "One slider moves every knob together along the straight line from the random start its training began from (0%; not the one Figure 4a opens on) to its trained setting (100%). Below the curve: the loss at 101 points along that line, computed when the figure loads, with the slider's position marked. At 100% the readout is the trained network's own loss.",
    description: "A slider from random to fitted knobs, the network's curve over New York's daily cases, and the loss along the whole straight path.",
    load: () => import('./04-knobs/Path.svelte'),
    minHeight: 460
  },
  {
    id: '5a',
    section: 5,
    data: 'active',
    title: 'A ball on the loss curve',
    caption: 'The loss as one knob of the trained network turns, every other knob fixed. Each step moves the ball by −η times the slope of the curve under it (the orange tangent); the arrow shows where the next step lands. The status reads the last steps: converging, oscillating, or diverged, in which case the run stops.',
    description: 'A loss curve over one knob of the network with a ball that steps downhill by gradient descent.',
    load: () => import('./05-engine/Ball.svelte'),
    minHeight: 470
  },
  {
    id: '5b',
    section: 5,
    data: 'active',
    title: 'Three ways down one landscape',
    caption: "The loss of the trained network over two of its knobs, the weight from first-layer unit 0 into second-layer unit 1 and that unit's bias, everything else fixed; computed cell by cell from the data (the stronger the colour, the lower the loss). Three ways downhill each take the same number of steps from the same start: plain gradient descent, momentum (each step keeps part of the last one) and Adam (each knob's step is scaled by the size of its recent slopes). Below, their loss step by step.",
    description: 'A two-knob loss landscape with three optimiser trajectories and a loss-versus-step chart.',
    load: () => import('./05-engine/Landscape.svelte'),
    minHeight: 760
  },
  {
    id: '5c',
    section: 5,
    data: 'active',
    title: 'Backpropagation, one sweep',
    caption: "The computation of a two-unit network for one day, as the engine recorded it: knobs (blue outline), data (grey) and operations. Forward steps reveal values in the order the engine computed them; backward steps reveal, in reverse order, what each operation passed back along its edges (the lit edge) and each node's finished slope (∂). Every number is the engine's; the check under More controls compares each knob's slope with one measured by nudging the knob a little.",
    description: 'The computation graph of a tiny network with values flowing forward and gradients flowing back.',
    load: () => import('./05-engine/Backprop.svelte'),
    minHeight: 560
  },
  {
    id: '5d',
    section: 5,
    data: 'active',
    title: 'Training, live',
    caption: 'The network of Figure 4a trains on all 154 days at once: every step a forward sweep, a backward sweep and a step downhill, computed in the background so the page stays responsive. Top: its curve over the daily counts. Bottom: the loss at each step, on a logarithmic axis. Steps per second are measured as it runs.',
    description: "A network training live on New York's daily cases, with its curve and a falling loss curve.",
    load: () => import('./05-engine/Training.svelte'),
    minHeight: 560
  },
  {
    id: '6',
    section: 6,
    title: 'The handoff',
    caption: "The move in one picture: an input goes through a function full of knobs to an output, the output is scored against the truth, and the gradient of that score flows back to tell every knob which way to turn. The numbers are the trained network of section 4 on the day you pick: its answer, the day's squared error (scaled units) and the slopes the backward sweep hands back.",
    description: 'A diagram: input, a function of knobs, output, loss, and the gradient flowing back to the knobs.',
    load: () => import('./shared/HandoffNyc.svelte'),
    minHeight: 260
  },
  {
    id: '7a',
    section: 7,
    title: 'Rules by hand',
    caption: "A cat-or-dog classifier written as rules by a person: six detectors of colour, texture, edges and shape, each casting a weighted vote. It runs in your browser on the 400 test photos. Move a weight and see how far hand-tuning gets; the rules themselves, as code, are in the first fold.",
    description: "A hand-written cat-or-dog classifier: its accuracy on 400 test photos, a table of what it called each photo, and a gallery of its mistakes.",
    load: () => import('./07-vision/RulesByHand.svelte'),
    minHeight: 760
  },
  {
    id: '7b',
    section: 7,
    title: 'The network that learned it',
    caption: "The network the project trained on photos of cats and dogs, running in your browser: how many of the same 400 test photos it gets right, beside the rules, and what it says about a photo you pick or a picture of your own. Under the folds: which pixels its answer hangs on, what each layer computes, how it was trained, and a training run of your own.",
    description: "A small network classifying test photos of cats and dogs: its accuracy beside the hand-written rules', and its answer for the chosen photo.",
    load: () => import('./07-vision/CnnFigure.svelte'),
    minHeight: 900
  },
  {
    id: '8a',
    section: 8,
    title: 'The rigid rule',
    caption: "Every pair of words in the sentence scored by the simple rule: multiply the two words' lists of numbers position by position and add up (the lists come from the trained model of Figure 8b). Switch the last word: only its own row and column change.",
    description: 'A ten by ten grid of dot products between the words of the sentence.',
    load: () => import('./08-attention/RigidRule.svelte'),
    minHeight: 440
  },
  {
    id: '8b',
    section: 8,
    title: 'Attention that was learned',
    caption: "A small model with two layers, trained by the project to say which noun “it” means. The arcs show where a word looks; click a word to see its arcs, switch the last word and watch “it” move. Below, how differently its training runs came out. The folds step through every matrix with its real numbers and replay a training run.",
    description: 'Arcs from the word it to the other words of the sentence, thicker where the attention weight is larger.',
    load: () => import('./08-attention/LearnedAttention.svelte'),
    minHeight: 520
  },
  {
    id: '9',
    section: 9,
    title: 'One move, three problems',
    caption: "The handoff diagram of Figure 6, three times, each running live: the trained network on New York’s curve (pick a day), the trained network on a test photo (step through the photos), and the small model of Figure 8b on the lecture’s sentence (switch the last word).",
    description: 'Three copies of the same handoff diagram, for a day of the epidemic, a photo and a sentence.',
    load: () => import('./09-pattern/Pattern.svelte'),
    minHeight: 900
  },
  {
    id: '10',
    section: 10,
    title: 'The perceptron, one example at a time',
    caption: "Two classes of points. Left: Rosenblatt’s rule, shown one example at a time; the ringed point is the one just shown, and a mistake draws the nudge to the weights (Δw) and the line it tilts. Right: the same examples handed to gradient descent on a smooth score of how wrong the line is. Press Play, then try XOR; add, move or delete points under More controls.",
    description: "Points of two classes in a square, with the perceptron's dividing line on the left and logistic regression's on the right, both starting from zero weights.",
    load: () => import('./10-perceptron/Perceptron.svelte'),
    minHeight: 900
  },
  {
    id: '11',
    section: 11,
    title: 'A trained indexer picks the few tokens that matter',
    caption: "A long list of made-up words with key–value pairs planted in it and questions at the end. The strip spans every earlier token: on top, where the model’s full attention looks; below, the indexer’s scores, the kept tokens in colour and a triangle under the one token the question needs. Readouts are measured on fresh lists. The bars show, for each length, the work the indexer and the attention over the kept tokens still do, against full attention.",
    description: "Loading the trained recall model and its indexer.",
    load: () => import('./11-indexer/SparseAttention.svelte'),
    minHeight: 720
  },
  {
    id: '12',
    section: 12,
    title: 'Handoffs all the way down',
    caption: "A coding assistant opened layer by layer, each layer inside the one before. Every layer links back to the figure where you met it; below, the lecture's rules sorted by who wrote them: a person, or gradient descent.",
    description: 'Five nested boxes: a coding assistant, a language model, attention, the matrices W_Q, W_K and W_V, and gradient descent on a loss, each linking back to an earlier figure.',
    load: () => import('./12-verdict/Stack.svelte'),
    minHeight: 640
  },
  {
    id: '12b',
    section: 12,
    title: 'A code model you can run, trained by this page’s engine',
    caption: 'Start some code and press Write: a small language model trained on source code continues it one character at a time, each character tinted by how sure the model was. Point at a character to see what else it weighed. Then open the model level by level, down to one head’s attention and the query, key and value matrices behind it, to the training curve, and to a small copy that learns while you watch.',
    description: 'Loading the code model.',
    load: () => import('./12-verdict/CodeWriter.svelte'),
    minHeight: 720
  }
];

export const FIGURE_IDS: readonly string[] = FIGURES.map((f) => f.id);

export function figureEntry(id: string): FigureEntry | undefined {
  return FIGURES.find((f) => f.id === id);
}

/** The props of one figure's frame, for `<Figure {...figureProps('2c')} />`. */
export function figureProps(id: string): FigureProps {
  const entry = figureEntry(id);
  if (!entry) throw new Error(`No figure ${id} in the registry`);
  const { section: _section, ...props } = entry;
  return props;
}
