/**
 * Saliency (Simonyan, Vedaldi & Zisserman, 2014, "Deep Inside Convolutional Networks"): the
 * gradient of one class's score — its logit, before the softmax — with respect to the input
 * pixels, computed by one backward sweep through the engine with the network in inference mode.
 * Where the gradient is large, changing the pixel would change the score most. The map shows, per
 * pixel, the largest absolute gradient over its three colour channels.
 */
import { Tape, Tensor, param, sum, slice } from '../../engine';
import { type Cnn, forward, imagesToTensor } from './cnn';
import { IMAGE_SIZE, CHANNELS } from '../../data/cats-dogs';

export interface Saliency {
  /** ∂score/∂input for every input value [32·32·3], input scaled to [-1, 1]. */
  gradient: Float32Array;
  /** max over channels of |gradient|, [32·32], row by row. */
  map: Float32Array;
  /** The class score (logit) itself. */
  score: number;
}

/** The score of class `cls` for one photo (bytes, HWC), as a function the tests can probe. */
export function classScore(net: Cnn, input: Tensor, cls: number): number {
  const tape = new Tape({ record: false });
  return forward(tape, net, input, { training: false }).data[cls];
}

export function saliency(net: Cnn, pixels: Uint8Array, cls: number): Saliency {
  const tape = new Tape();
  const input = param(imagesToTensor(pixels, 1));
  const logits = forward(tape, net, input, { training: false });
  const score = sum(tape, slice(tape, logits, [0, cls], [1, 1]));
  tape.backward(score);
  const gradient = input.grad!.slice();
  const map = new Float32Array(IMAGE_SIZE * IMAGE_SIZE);
  for (let i = 0; i < map.length; i++) {
    let m = 0;
    for (let k = 0; k < CHANNELS; k++) m = Math.max(m, Math.abs(gradient[i * CHANNELS + k]));
    map[i] = m;
  }
  return { gradient, map, score: score.item() };
}
