/**
 * Figure 7b's "train from scratch" worker: the CNN's training recipe on the worker loop. The worker
 * reads the photo files itself (a synchronous request is allowed in a worker and keeps the loop's
 * reset synchronous), so the page never holds or copies the 6 MB of photos.
 */
import { serve } from './loop';
import { ScratchTrainer } from '$lib/models/cnn/cnn-scratch';
import { fetchBytesSync } from '$lib/data/fetch-bytes';

serve(new ScratchTrainer((url) => fetchBytesSync(url, url.split('/').pop()!)));
