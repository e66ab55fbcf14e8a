/** Figure 11's worker: evaluates the lightning indexer on long sequences and trains it (KL warm-up). */
import { IndexerTrainer } from '$lib/models/indexer/indexer-trainer';
import { serve } from './loop';

serve(new IndexerTrainer());
