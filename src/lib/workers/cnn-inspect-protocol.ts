/** Messages between figure 7b and its inference worker (cnn-inspect.worker.ts). */

/** Files larger than this are refused before decoding. */
export const MAX_FILE_BYTES = 20e6;
/** Images with more pixels than this are refused after reading their size. */
export const MAX_IMAGE_PIXELS = 40e6;

export type InspectRequest =
  | { type: 'start'; weightsUrl: string; testUrl: string }
  | { type: 'inspect'; id: number; pixels: Uint8Array; cls: number | null }
  | { type: 'decode'; id: number; file: Blob };

export interface FeatureMap {
  name: string;
  /** [1, H, W, C] */
  shape: number[];
  data: Float32Array;
}

export type InspectReply =
  | { type: 'ready'; filters: Float32Array }
  | { type: 'accuracy'; correct: number; count: number; predicted: Uint8Array; rulesCorrect: number }
  | {
      type: 'inspection'; id: number; probabilities: Float32Array; maps: FeatureMap[];
      saliencyClass: number; saliency: Float32Array;
    }
  | { type: 'decoded'; id: number; pixels: Uint8Array | null; message: string }
  | { type: 'error'; message: string };
