/**
 * Figure 7b's "train from scratch" worker: the CNN's training recipe on the worker loop. The worker
 * reads the photo files itself (a synchronous request is allowed in a worker and keeps the loop's
 * reset synchronous), so the page never holds or copies the 6 MB of photos.
 */
import { serve } from './loop';
import { ScratchTrainer } from '$lib/models/cnn/cnn-scratch';

function loadBytes(url: string): Uint8Array {
  const request = new XMLHttpRequest();
  request.open('GET', url, false);
  request.responseType = 'arraybuffer';
  request.send();
  if (request.status !== 200) throw new Error(`could not load ${url.split('/').pop()} (HTTP ${request.status})`);
  return new Uint8Array(request.response as ArrayBuffer);
}

serve(new ScratchTrainer(loadBytes));
