/**
 * The safetensors weight format (huggingface/safetensors), float32 only, on plain bytes so it works
 * the same in Node, the browser and workers (the caller reads or writes the file).
 *
 * Layout: 8 bytes, a little-endian unsigned 64-bit N; N bytes of UTF-8 JSON mapping each tensor
 * name to { "dtype": "F32", "shape": [...], "data_offsets": [begin, end] }, plus an optional
 * "__metadata__" object of string values; then the data, little-endian, offsets relative to the
 * byte after the header. The data must be covered exactly, without holes or overlaps. The writer
 * pads the header with spaces to a multiple of 8 bytes, as the reference implementation does, so
 * the data starts aligned.
 */
import { type Shape, Tensor, sizeOf } from './tensor';

export interface WeightsFile {
  tensors: Map<string, Tensor>;
  metadata: Record<string, string>;
}

/** Tensors to write: a map or object of name → tensor (or anything with data and shape). */
export type NamedTensors =
  | ReadonlyMap<string, { data: Float32Array; shape: Shape }>
  | Readonly<Record<string, { data: Float32Array; shape: Shape }>>;

const LITTLE_ENDIAN_PLATFORM = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function encodeSafetensors(tensors: NamedTensors, metadata: Record<string, string> = {}): Uint8Array {
  const entries = tensors instanceof Map ? [...tensors.entries()] : Object.entries(tensors);
  // Entries, not assignments, so names like "__proto__" become ordinary keys.
  const header: [string, unknown][] = [];
  if (Object.keys(metadata).length > 0) {
    for (const [k, v] of Object.entries(metadata)) {
      if (typeof v !== 'string') throw new Error(`safetensors: metadata value for ${k} must be a string`);
    }
    header.push(['__metadata__', metadata]);
  }
  let offset = 0;
  for (const [name, t] of entries) {
    if (name === '__metadata__') throw new Error('safetensors: "__metadata__" is reserved');
    if (t.data.length !== sizeOf(t.shape)) throw new Error(`safetensors: ${name} has ${t.data.length} values for shape [${t.shape}]`);
    const bytes = t.data.length * 4;
    header.push([name, { dtype: 'F32', shape: t.shape.slice(), data_offsets: [offset, offset + bytes] }]);
    offset += bytes;
  }
  let json = new TextEncoder().encode(JSON.stringify(Object.fromEntries(header)));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let pos = 8 + json.length;
  for (const [, t] of entries) {
    if (LITTLE_ENDIAN_PLATFORM) {
      out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), pos);
      pos += t.data.byteLength;
    } else {
      for (let i = 0; i < t.data.length; i++, pos += 4) view.setFloat32(pos, t.data[i], true);
    }
  }
  return out;
}

export function decodeSafetensors(bytes: Uint8Array): WeightsFile {
  if (bytes.length < 8) throw new Error('safetensors: file shorter than its 8-byte header length');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n64 = view.getBigUint64(0, true);
  if (n64 > BigInt(bytes.length - 8)) throw new Error(`safetensors: header length ${n64} exceeds the file`);
  const n = Number(n64);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    throw new Error(`safetensors: header is not valid UTF-8 JSON (${(e as Error).message})`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new Error('safetensors: header is not a JSON object');
  }
  const dataStart = 8 + n;
  const dataLength = bytes.length - dataStart;
  const metaEntries: [string, string][] = [];
  const spans: { name: string; begin: number; end: number; shape: number[] }[] = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('safetensors: __metadata__ is not an object');
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof v !== 'string') throw new Error(`safetensors: metadata ${k} is not a string`);
        metaEntries.push([k, v]);
      }
      continue;
    }
    const info = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (info === null || typeof info !== 'object') throw new Error(`safetensors: entry ${name} is not an object`);
    if (info.dtype !== 'F32') throw new Error(`safetensors: ${name} has dtype ${String(info.dtype)}; only F32 is supported`);
    const shape = info.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      throw new Error(`safetensors: ${name} has an invalid shape`);
    }
    const offs = info.data_offsets;
    if (!Array.isArray(offs) || offs.length !== 2 || !offs.every((o) => Number.isSafeInteger(o) && o >= 0) || offs[1] < offs[0]) {
      throw new Error(`safetensors: ${name} has invalid data_offsets`);
    }
    const [begin, end] = offs as [number, number];
    if (end > dataLength) throw new Error(`safetensors: ${name} data ends past the file`);
    if (end - begin !== sizeOf(shape) * 4) {
      throw new Error(`safetensors: ${name} spans ${end - begin} bytes but shape [${shape}] needs ${sizeOf(shape) * 4}`);
    }
    spans.push({ name, begin, end, shape });
  }
  const metadata: Record<string, string> = Object.fromEntries(metaEntries);
  // The data must be covered exactly once, in some order, from 0 to its end.
  const sorted = [...spans].sort((a, b) => a.begin - b.begin || a.end - b.end); // empty tensors first
  let cursor = 0;
  for (const s of sorted) {
    if (s.begin !== cursor) throw new Error(`safetensors: data of ${s.name} starts at ${s.begin}, expected ${cursor} (hole or overlap)`);
    cursor = s.end;
  }
  if (cursor !== dataLength) throw new Error(`safetensors: ${dataLength - cursor} bytes of data not covered by any tensor`);

  // In data order (for files from encodeSafetensors, the order it was given, except that empty
  // tensors come first), rather than header order: JSON puts integer-like names first.
  const tensors = new Map<string, Tensor>();
  for (const s of sorted) {
    const count = (s.end - s.begin) / 4;
    const data = new Float32Array(count);
    const at = dataStart + s.begin;
    if (LITTLE_ENDIAN_PLATFORM) new Uint8Array(data.buffer).set(bytes.subarray(at, at + count * 4));
    else for (let i = 0; i < count; i++) data[i] = view.getFloat32(at + i * 4, true);
    tensors.set(s.name, new Tensor(data, s.shape, false, s.name));
  }
  return { tensors, metadata };
}

/** Writes named parameters (each must have a unique `name`). */
export function saveParams(params: readonly Tensor[], metadata: Record<string, string> = {}): Uint8Array {
  const named = new Map<string, Tensor>();
  for (const p of params) {
    if (!p.name) throw new Error(`saveParams: a parameter of shape [${p.shape}] has no name`);
    if (named.has(p.name)) throw new Error(`saveParams: two parameters are named ${p.name}`);
    named.set(p.name, p);
  }
  return encodeSafetensors(named, metadata);
}

/**
 * Copies weights from a safetensors file into parameters of the same names and shapes (in place,
 * so optimisers and tapes holding the parameters see the new values). Every parameter must be
 * present; extra tensors in the file are ignored. Returns the file's metadata.
 */
export function loadParams(bytes: Uint8Array, params: readonly Tensor[]): Record<string, string> {
  const { tensors, metadata } = decodeSafetensors(bytes);
  for (const p of params) {
    const t = p.name === undefined ? undefined : tensors.get(p.name);
    if (!t) throw new Error(`loadParams: no tensor named ${p.name ?? '(unnamed)'} in the file`);
    if (t.shape.length !== p.shape.length || t.shape.some((d, i) => d !== p.shape[i])) {
      throw new Error(`loadParams: ${p.name} is [${t.shape}] in the file, [${p.shape}] in the model`);
    }
  }
  for (const p of params) p.data.set(tensors.get(p.name!)!.data);
  return metadata;
}
