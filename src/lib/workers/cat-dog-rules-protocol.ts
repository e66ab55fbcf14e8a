/** Messages between figure 7a and its worker (cat-dog-rules.worker.ts). */

/** The test photos, PIXELS_PER_IMAGE bytes each. */
export interface RulesRequest {
  images: Uint8Array;
  count: number;
}

/** Every rule's detector output on every photo: count × RULES.length, row by photo. */
export interface RulesReply {
  measurements: Float32Array;
}
