/** Messages between figure 7b and its inference worker (cnn-inspect.worker.ts). */

/** Files larger than this are refused before decoding (a 50-megapixel phone JPEG is 10–25 MB). */
export const MAX_FILE_BYTES = 50e6;
/**
 * Images with more pixels than this are refused, from their header, before decoding: decoded, each
 * pixel takes 4 bytes, so 110 megapixels is 440 MB. Anything smaller, a 50- or 108-megapixel
 * phone photo included, is decoded and averaged down to 32×32 band by band.
 */
export const MAX_IMAGE_PIXELS = 110e6;

export type InspectRequest =
  | { type: 'start'; weightsUrl: string; testUrl: string }
  | { type: 'inspect'; id: number; pixels: Uint8Array; cls: number | null }
  | { type: 'decode'; id: number; file: Blob }
  /** A camera frame, read exactly like a decoded file. */
  | { type: 'frame'; id: number; frame: ImageBitmap };

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
