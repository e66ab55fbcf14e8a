/**
 * Glossary entries for the terms the introduction and sections 1–6 define. Each `id` is the id of
 * the `<dfn>` in src/routes/lecture/S0N*.svelte that defines the term on the main path, so the
 * glossary can link back to it; keep the two in step when either changes.
 */
import type { GlossaryEntry } from './types';

export const GLOSSARY_PART_1: GlossaryEntry[] = [
  {
    id: 'term-confirmed-case',
    term: 'confirmed case',
    section: 1,
    definition: 'A person whose test for the disease came back positive. People who were never tested never appear in the count.'
  },
  {
    id: 'term-seven-day-average',
    term: 'seven-day average',
    section: 1,
    definition: 'For each day, the mean of that day’s count and the six days before it. It smooths away the weekly rhythm of testing.'
  },
  {
    id: 'term-log-scale',
    term: 'logarithmic scale',
    section: 1,
    definition: 'An axis on which each equal step multiplies the value by the same factor instead of adding the same amount. Anything that doubles at a steady pace plots as a straight line on it.'
  },
  {
    id: 'term-fit',
    term: 'fitting',
    section: 1,
    definition: 'Choosing the numbers of a line, a curve or a model so that it runs as close to the data as it can.'
  },
  {
    id: 'term-doubling-time',
    term: 'doubling time',
    section: 1,
    definition: 'The number of days a steadily growing count takes to double.'
  },
  {
    id: 'term-model',
    term: 'model',
    section: 1,
    definition: 'A rule that turns an input into an output, here a day into a number of cases.'
  },
  {
    id: 'term-sir',
    term: 'SIR model',
    section: 2,
    definition: 'A model of an epidemic that sorts everyone into three buckets, susceptible, infected and recovered, with people moving only from the first to the second to the third.'
  },
  {
    id: 'term-parameter',
    term: 'parameter',
    section: 2,
    definition: 'A number a model leaves open, to be chosen so that the model fits the data, such as the SIR model’s β and γ.'
  },
  {
    id: 'term-r0',
    term: 'basic reproduction number (R₀)',
    section: 2,
    definition: 'How many people one infected person infects, on average, while everyone around can still catch the disease. In the SIR model it is β divided by γ; above 1 an outbreak grows, below 1 it fades.'
  },
  {
    id: 'term-rho',
    term: 'reporting fraction (ρ)',
    section: 2,
    definition: 'The share of all infections that became confirmed cases.'
  },
  {
    id: 'term-loss',
    term: 'loss',
    section: 2,
    definition: 'One number that says how far a model’s outputs are from the data; the smaller, the better the fit.'
  },
  {
    id: 'term-gradient-descent',
    term: 'gradient descent',
    section: 2,
    definition: 'A way to lower the loss step by step: work out which way each adjustable number should move to lower it, move every number a little that way, and repeat. Section 5 shows how it works.'
  },
  {
    id: 'term-loss-landscape',
    term: 'loss landscape',
    section: 2,
    definition: 'The loss drawn over the possible settings of a model’s numbers, like the height of the ground on a map; good settings are the low ground.'
  },
  {
    id: 'term-antibody-survey',
    term: 'antibody survey',
    section: 2,
    definition: 'A test of the blood of a sample of people for antibodies, the proteins the body makes after an infection. It counts past infections whether or not they were ever confirmed.'
  },
  {
    id: 'term-turning-point',
    term: 'turning point',
    section: 3,
    definition: 'A place where a curve stops rising and starts falling, or the reverse.'
  },
  {
    id: 'term-polynomial',
    term: 'polynomial',
    section: 3,
    definition: 'A sum of powers of a variable, each multiplied by a number, such as 3 + 2·t − t². The highest power is its degree.'
  },
  {
    id: 'term-expressivity',
    term: 'expressivity',
    section: 3,
    definition: 'How many different shapes a family of curves or functions can take on.'
  },
  {
    id: 'term-least-squares',
    term: 'least squares',
    section: 3,
    definition: 'Fitting a curve by choosing its numbers so that the sum of the squared gaps between curve and data is as small as possible.'
  },
  {
    id: 'term-held-out',
    term: 'held out',
    section: 3,
    definition: 'Data kept away from the fit, so that it can test how well the fitted curve predicts what it was not shown.'
  },
  {
    id: 'term-unit',
    term: 'unit (neuron)',
    section: 4,
    definition: 'The basic part of a neural network: it multiplies each input by a weight, adds them up with a bias, and passes the total through a fixed curve such as tanh.'
  },
  {
    id: 'term-weight',
    term: 'weight',
    section: 4,
    definition: 'The number a unit multiplies one of its inputs by. Weights are among the knobs that training turns.'
  },
  {
    id: 'term-bias',
    term: 'bias',
    section: 4,
    definition: 'The extra number a unit adds to its weighted inputs before the squashing curve; also a knob that training turns.'
  },
  {
    id: 'term-tanh',
    term: 'tanh',
    section: 4,
    definition: 'A fixed S-shaped curve that squeezes any number into the range from −1 to 1. Each unit of our network passes its total through it.'
  },
  {
    id: 'term-layer',
    term: 'layer',
    section: 4,
    definition: 'A row of units side by side, all reading the same inputs.'
  },
  {
    id: 'term-neural-network',
    term: 'neural network',
    section: 4,
    definition: 'Layers of units fed one into the next, so that simple pieces stack into a very flexible function.'
  },
  {
    id: 'term-hidden-layer',
    term: 'hidden layer',
    section: 4,
    definition: 'A layer between a network’s input and its output.'
  },
  {
    id: 'term-training',
    term: 'training',
    section: 4,
    definition: 'The automatic search for good settings of a network’s knobs: repeated steps that lower its loss on examples.'
  },
  {
    id: 'term-partial-derivative',
    term: 'partial derivative',
    section: 5,
    definition: 'The slope of the loss along one knob: how much the loss changes per small turn of that knob while all the others stay put. Written ∂L/∂w.'
  },
  {
    id: 'term-learning-rate',
    term: 'learning rate (η)',
    section: 5,
    definition: 'The number that sets how long a stride each step of gradient descent takes against the slope.'
  },
  {
    id: 'term-gradient',
    term: 'gradient',
    section: 5,
    definition: 'The list of the loss’s slopes along every knob: an arrow on the loss landscape that points straight uphill.'
  },
  {
    id: 'term-momentum',
    term: 'momentum',
    section: 5,
    definition: 'A refinement of gradient descent that keeps part of each previous step, like a heavy rolling ball, so that steady pushes build up and side-to-side pushes cancel.'
  },
  {
    id: 'term-adam',
    term: 'Adam',
    section: 5,
    definition: 'A refinement of gradient descent that also tracks how large each knob’s slopes have been and scales that knob’s steps to match.'
  },
  {
    id: 'term-optimiser',
    term: 'optimiser',
    section: 5,
    definition: 'A rule for turning the knobs from their slopes, such as plain gradient descent, momentum or Adam.'
  },
  {
    id: 'term-finite-difference',
    term: 'finite difference',
    section: 5,
    definition: 'A slope measured by nudging a knob a little, running the computation again and seeing how far the result moved.'
  },
  {
    id: 'term-backpropagation',
    term: 'backpropagation',
    section: 5,
    definition: 'A way to get the slope of the loss for every knob in one backward sweep through the computation, using the chain rule; it costs about as much as a few forward runs, however many knobs there are.'
  },
  {
    id: 'term-computation-graph',
    term: 'computation graph',
    section: 5,
    definition: 'A drawing of a computation as boxes, one per operation, joined by lines that show which result fed which.'
  },
  {
    id: 'term-batch',
    term: 'batch',
    section: 5,
    definition: 'A random handful of examples from which one training step estimates the slope, when the data are too many to use all at once.'
  },
  {
    id: 'term-gradient-handoff',
    term: 'gradient handoff',
    section: 6,
    definition: 'The move this lecture is about: put a large flexible function between input and output, score its wrongness with a loss, and hand the search for its numbers to gradient descent.'
  },
  {
    id: 'term-generalise',
    term: 'generalise',
    section: 6,
    definition: 'To do well on examples that were not used in training.'
  }
];
