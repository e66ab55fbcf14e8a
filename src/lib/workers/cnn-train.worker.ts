/**
 * Figure 7b's "train from scratch" worker: the CNN's training recipe on the worker loop. The worker
 * reads the photo files itself (a synchronous request is allowed in a worker and keeps the loop's
 * reset synchronous), so the page never holds or copies the 6 MB of photos.
 */
import { serve } from './loop';
import { ScratchTrainer } from '$lib/models/cnn/cnn-scratch';
import { fetchBytesSync } from '$lib/data/fetch-bytes';
import { startThreads, threadCount } from '$lib/engine/threads';

// Where the page is cross-origin isolated, the convolutions use every core; training starts at
// once either way and moves onto the helpers when they are ready (same results, threads.ts).
void startThreads();
serve(new ScratchTrainer((url) => fetchBytesSync(url, url.split('/').pop()!)), { threads: threadCount });
