/**
 * Figure 7b's inference worker: holds the shipped network and the test photos; measures the test
 * accuracy once; answers "what do you see in this photo" (probabilities, every layer's feature
 * maps, a saliency map); and turns a reader's file into 32×32 pixels, or a clear reason why not.
 * Everything here can take longer than a frame, so none of it runs on the main thread.
 */
import { decodePhotoSet, PIXELS_PER_IMAGE } from '$lib/data/cats-dogs';
import { fetchBytes } from '$lib/data/fetch-bytes';
import { type Cnn, evaluate, inspectPhoto, loadCnn } from '$lib/models/cnn/cnn';
import { saliency } from '$lib/models/cnn/saliency';
import { classify } from '$lib/models/rules/cat-dog-rules';
import type { InspectReply, InspectRequest } from './cnn-inspect-protocol';
import { type PictureResult, readFrame, readPictureFile } from './read-picture';

const scope = globalThis as unknown as { postMessage(m: InspectReply): void; onmessage: ((e: MessageEvent<InspectRequest>) => void) | null };
let net: Cnn | null = null;

async function start(weightsUrl: string, testUrl: string) {
  const [weights, test] = await Promise.all([weightsUrl, testUrl].map((url) => fetchBytes(url, url.split('/').pop()!)));
  net = loadCnn(weights);
  scope.postMessage({ type: 'ready', filters: net.convs[0].data.slice() });
  const set = decodePhotoSet(test, 'test');
  const { correct, predicted } = evaluate(net, set.images, set.labels);
  let rulesCorrect = 0;
  for (let i = 0; i < set.count; i++) {
    const guess = classify(set.images.subarray(i * PIXELS_PER_IMAGE, (i + 1) * PIXELS_PER_IMAGE)) === 'cat' ? 1 : 0;
    if (guess === set.labels[i]) rulesCorrect++;
  }
  scope.postMessage({ type: 'accuracy', correct, count: set.count, predicted, rulesCorrect });
}

function inspect(id: number, pixels: Uint8Array, cls: number | null) {
  if (!net) throw new Error('the network is not loaded yet');
  const { probabilities, maps } = inspectPhoto(net, pixels);
  const chosen = cls ?? (probabilities[1] > probabilities[0] ? 1 : 0);
  const sal = saliency(net, pixels, chosen);
  scope.postMessage({
    type: 'inspection', id, probabilities, saliencyClass: chosen, saliency: sal.map,
    maps: maps.map((m) => ({ name: m.name, shape: [...m.tensor.shape], data: m.tensor.data }))
  });
}

/** A reader's file or camera frame → 32×32 RGB bytes, or a sentence saying what is wrong with it. */
async function decode(id: number, read: () => Promise<PictureResult> | PictureResult) {
  let result: PictureResult;
  try {
    result = await read();
  } catch (e) {
    result = { pixels: null, message: `Your picture could not be read (${e instanceof Error ? e.message : String(e)}).` };
  }
  scope.postMessage({ type: 'decoded', id, ...result });
}

scope.onmessage = (e) => {
  const msg = e.data;
  const run = async () => {
    if (msg.type === 'start') await start(msg.weightsUrl, msg.testUrl);
    else if (msg.type === 'inspect') inspect(msg.id, msg.pixels, msg.cls);
    else if (msg.type === 'frame') await decode(msg.id, () => readFrame(msg.frame));
    else await decode(msg.id, () => readPictureFile(msg.file));
  };
  run().catch((err: unknown) => scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
};
