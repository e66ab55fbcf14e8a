/** Figure 7b's "train from scratch" worker: the CNN's training recipe on the worker loop. */
import { serve } from './loop';
import { ScratchTrainer } from '$lib/models/cnn-scratch';

serve(new ScratchTrainer());
