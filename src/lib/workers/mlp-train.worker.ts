/** Figure 5d's worker: the section-4 network training on New York's daily cases, off the main thread. */
import { serve } from './loop';
import { NycMlpTrainer } from '$lib/models/mlp/nyc-mlp-trainer';

serve(new NycMlpTrainer());
