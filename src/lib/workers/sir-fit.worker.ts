/** Worker for figure 2c: the SIR fit to New York, trained by Adam on the engine's tape. */
import { serve } from './loop';
import { SirFitTrainer } from '$lib/models/sir/sir-fit-trainer';
import { NYC_CITYWIDE, NYC_POPULATION } from '$lib/data/nyc';

serve(new SirFitTrainer(NYC_CITYWIDE, NYC_POPULATION));
