import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Linear, Rng, decodeSafetensors, encodeSafetensors, loadParams, param, saveParams, tensor } from '$lib/engine';

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/** A file assembled byte by byte from the format description, with tensors stored out of name order. */
function handBuilt(): Uint8Array {
  const header = '{"w":{"dtype":"F32","shape":[2,1],"data_offsets":[4,12]},"b":{"dtype":"F32","shape":[],"data_offsets":[0,4]},"__metadata__":{"format":"pt","note":"hand"}}';
  const n = header.length;
  return Uint8Array.from([
    n & 0xff, (n >> 8) & 0xff, 0, 0, 0, 0, 0, 0, // u64 little-endian header length
    ...ascii(header),
    0x00, 0x00, 0x80, 0x3e, // b = 0.25 (0x3E800000, little-endian)
    0x00, 0x00, 0xc0, 0x3f, // w[0] = 1.5 (0x3FC00000)
    0x00, 0x00, 0x00, 0xc0 //  w[1] = -2  (0xC0000000)
  ]);
}

describe('safetensors', () => {
  it('reads a hand-built file that follows the spec', () => {
    const { tensors, metadata } = decodeSafetensors(handBuilt());
    expect(metadata).toEqual({ format: 'pt', note: 'hand' });
    expect([...tensors.keys()].sort()).toEqual(['b', 'w']);
    expect(tensors.get('w')!.shape).toEqual([2, 1]);
    expect(Array.from(tensors.get('w')!.data)).toEqual([1.5, -2]);
    expect(tensors.get('b')!.shape).toEqual([]);
    expect(tensors.get('b')!.item()).toBe(0.25);
  });

  it('writes the layout byte for byte: u64 LE length, space-padded JSON, LE float32 data', () => {
    const bytes = encodeSafetensors({ w: tensor([1.5, -2], [2, 1]), b: tensor([0.25], []) }, { format: 'pt' });
    const n = bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24);
    expect(Array.from(bytes.slice(4, 8))).toEqual([0, 0, 0, 0]);
    expect(n % 8).toBe(0);
    const json = String.fromCharCode(...bytes.slice(8, 8 + n));
    expect(json.trimEnd().length).toBeLessThanOrEqual(n);
    expect(JSON.parse(json)).toEqual({
      __metadata__: { format: 'pt' },
      w: { dtype: 'F32', shape: [2, 1], data_offsets: [0, 8] },
      b: { dtype: 'F32', shape: [], data_offsets: [8, 12] }
    });
    expect(Array.from(bytes.slice(8 + n))).toEqual([0, 0, 0xc0, 0x3f, 0, 0, 0, 0xc0, 0, 0, 0x80, 0x3e]);
  });

  it('round-trips random tensors and metadata exactly (NaN, ±∞, −0 included)', () => {
    const special = fc.constantFrom(NaN, Infinity, -Infinity, -0, 3.4e38, 1e-45);
    const entry = fc.record({
      shape: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }),
      values: fc.array(fc.oneof(fc.float(), special), { minLength: 64, maxLength: 64 })
    });
    const name = fc.oneof(fc.constant('__proto__'), fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s !== '__metadata__'));
    const names = fc.uniqueArray(name, { maxLength: 5 });
    fc.assert(
      fc.property(names, fc.array(entry, { minLength: 5, maxLength: 5 }), fc.dictionary(fc.string(), fc.string()), (ns, es, meta) => {
        const map = new Map(ns.map((name, i) => {
          const size = es[i].shape.reduce((a, b) => a * b, 1);
          return [name, tensor(es[i].values.slice(0, size), es[i].shape)] as const;
        }));
        const back = decodeSafetensors(encodeSafetensors(map, meta));
        expect(back.metadata).toEqual(meta);
        expect([...back.tensors.keys()].sort()).toEqual([...ns].sort());
        for (const [name, t] of map) {
          const u = back.tensors.get(name)!;
          expect(u.shape).toEqual(t.shape);
          expect(Object.is(u.data.length, t.data.length)).toBe(true);
          // Compare bit patterns so NaN and −0 count.
          expect(new Uint32Array(u.data.buffer)).toEqual(new Uint32Array(t.data.slice().buffer));
        }
      }),
      { numRuns: 60 }
    );
  });

  it('accepts empty tensors sharing an offset with a full one, in any header order', () => {
    const h = ascii('{"full":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"empty":{"dtype":"F32","shape":[0,3],"data_offsets":[0,0]}}');
    const t = decodeSafetensors(Uint8Array.from([h.length, 0, 0, 0, 0, 0, 0, 0, ...h, 0, 0, 0x80, 0x3f])).tensors;
    expect(t.get('empty')!.shape).toEqual([0, 3]);
    expect(t.get('full')!.item()).toBe(1);
  });

  it('rejects malformed files with a clear message', () => {
    const good = handBuilt();
    expect(() => decodeSafetensors(good.slice(0, 5))).toThrow(/shorter/);
    expect(() => decodeSafetensors(good.slice(0, good.length - 1))).toThrow(/past the file/);
    const bigHeader = good.slice();
    bigHeader[0] = 0xff;
    bigHeader[1] = 0xff;
    expect(() => decodeSafetensors(bigHeader)).toThrow(/exceeds/);
    const file = (header: string, data: number[] = []) => {
      const h = ascii(header);
      return Uint8Array.from([h.length, 0, 0, 0, 0, 0, 0, 0, ...h, ...data]);
    };
    expect(() => decodeSafetensors(file('{"a":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}', [0, 0]))).toThrow(/only F32/);
    expect(() => decodeSafetensors(file('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}', [0, 0, 0, 0]))).toThrow(/needs 8/);
    expect(() => decodeSafetensors(file('{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', [0, 0, 0, 0, 0, 0, 0, 0]))).toThrow(/hole or overlap/);
    expect(() => decodeSafetensors(file('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', [0, 0, 0, 0, 9]))).toThrow(/not covered/);
    expect(() => decodeSafetensors(file('{"__metadata__":{"n":1}}'))).toThrow(/not a string/);
    expect(() => decodeSafetensors(file('[1]'))).toThrow(/not a JSON object/);
    expect(() => decodeSafetensors(file('{oops'))).toThrow(/not valid UTF-8 JSON/);
  });

  it('saves and loads a layer\'s parameters by name, in place', () => {
    const a = new Linear(new Rng(1), 3, 2, { name: 'dense' });
    const b = new Linear(new Rng(2), 3, 2, { name: 'dense' });
    b.bias!.data.fill(5);
    const bytes = saveParams(a.params(), { model: 'test' });
    const weightArray = b.weight.data;
    expect(loadParams(bytes, b.params())).toEqual({ model: 'test' });
    expect(b.weight.data).toBe(weightArray);
    expect(Array.from(b.weight.data)).toEqual(Array.from(a.weight.data));
    expect(Array.from(b.bias!.data)).toEqual([0, 0]);
    expect(() => loadParams(bytes, [param([1, 2, 3], 'dense.bias')])).toThrow(/\[2\] in the file, \[3\] in the model/);
    expect(() => loadParams(bytes, [param([1], 'missing')])).toThrow(/no tensor named missing/);
    expect(() => saveParams([param([1])])).toThrow(/no name/);
  });
});
