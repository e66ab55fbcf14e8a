/** The shipped trained network, loaded from the committed file, for tests of the figures' models. */
import { readFileSync } from 'node:fs';
import { decodeNycMlp } from '$lib/models/mlp/nyc-mlp-file';

export function loadShipped() {
  return decodeNycMlp(new Uint8Array(readFileSync('static/models/nyc-mlp.safetensors')));
}
