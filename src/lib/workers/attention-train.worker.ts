/// <reference lib="webworker" />
// Figure 8b's "train" button: replays the tiny transformer's training (same seed, same batches as
// `npm run train:attention`) off the main thread, reporting the "it" rows as the pattern forms.
import { AttentionTrainer } from '$lib/models/attention/attention-trainer';
import { serve } from './loop';

serve(new AttentionTrainer());
