/**
 * A tiny WebAssembly binary encoder: just enough of the format to write the engine's SIMD kernels
 * as readable TypeScript instead of shipping an opaque .wasm file or needing an external toolchain.
 * The bytes are produced at module load time, so the build has no extra step and the source of
 * every instruction is reviewable here and in simd-gemm.ts.
 *
 * Scope: one exported memory, functions with i32/f32/v128 params and locals, structured control
 * flow, integer arithmetic, f32 and v128 loads/stores and the few f32x4 ops the kernels use,
 * plus `whileLoop`, the one control-flow shape the kernels need, so their loops read as loops.
 */

export const i32 = 0x7f;
export const f32 = 0x7d;
export const f64 = 0x7c;
export const v128 = 0x7b;
export type ValType = typeof i32 | typeof f32 | typeof f64 | typeof v128;

/** Unsigned LEB128, the format's encoding for sizes, indices and memarg fields. */
function uleb(n: number, out: number[]): void {
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
}

/** Signed LEB128, used by i32.const. */
function sleb(n: number, out: number[]): void {
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

function utf8(s: string, out: number[]): void {
  const bytes = new TextEncoder().encode(s);
  uleb(bytes.length, out);
  for (const b of bytes) out.push(b);
}

/**
 * Emits one function body. Methods are named after the WebAssembly text format's instructions so
 * that a kernel written with them reads like a .wat listing. Locals are referred to by index; the
 * function's params come first, then the locals declared with `local()`.
 */
export class FuncBuilder {
  readonly code: number[] = [];
  private readonly locals: ValType[] = [];

  constructor(readonly params: readonly ValType[], readonly results: readonly ValType[] = []) {}

  /** Declares a local and returns its index. */
  local(type: ValType): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  private op(...bytes: number[]): this {
    for (const b of bytes) this.code.push(b);
    return this;
  }
  private simd(opcode: number): this {
    this.code.push(0xfd);
    uleb(opcode, this.code);
    return this;
  }
  private memarg(alignLog2: number, offset: number): this {
    uleb(alignLog2, this.code);
    uleb(offset, this.code);
    return this;
  }

  // control flow (block types are always empty: the kernels keep values in locals)
  block(): this { return this.op(0x02, 0x40); }
  loop(): this { return this.op(0x03, 0x40); }
  if_(): this { return this.op(0x04, 0x40); }
  else_(): this { return this.op(0x05); }
  end(): this { return this.op(0x0b); }
  br(depth: number): this { this.op(0x0c); uleb(depth, this.code); return this; }
  brIf(depth: number): this { this.op(0x0d); uleb(depth, this.code); return this; }

  // locals
  get(i: number): this { this.op(0x20); uleb(i, this.code); return this; }
  set(i: number): this { this.op(0x21); uleb(i, this.code); return this; }
  tee(i: number): this { this.op(0x22); uleb(i, this.code); return this; }

  // i32 arithmetic and comparisons
  i32Const(n: number): this { this.op(0x41); sleb(n | 0, this.code); return this; }
  i32Add(): this { return this.op(0x6a); }
  i32Sub(): this { return this.op(0x6b); }
  i32Mul(): this { return this.op(0x6c); }
  i32Shl(): this { return this.op(0x74); }
  i32And(): this { return this.op(0x71); }
  i32Eqz(): this { return this.op(0x45); }
  i32LtU(): this { return this.op(0x49); }
  i32LtS(): this { return this.op(0x48); }
  i32LeS(): this { return this.op(0x4c); }
  i32GeS(): this { return this.op(0x4e); }
  i32GeU(): this { return this.op(0x4f); }

  // memory; offsets are constant byte offsets added to the address on the stack
  f32Load(offset = 0): this { return this.op(0x2a).memarg(2, offset); }
  i32Load(offset = 0): this { return this.op(0x28).memarg(2, offset); }
  f32Add(): this { return this.op(0x92); }
  f32Const(v: number): this {
    this.op(0x43);
    const bytes = new Uint8Array(new Float32Array([v]).buffer); // little-endian on every platform JS runs on
    for (const b of bytes) this.code.push(b);
    return this;
  }
  f32Store(offset = 0): this { return this.op(0x38).memarg(2, offset); }
  f64Add(): this { return this.op(0xa0); }
  f64Mul(): this { return this.op(0xa2); }
  f64PromoteF32(): this { return this.op(0xbb); }
  f32DemoteF64(): this { return this.op(0xb6); }
  f64x2ExtractLane(lane: 0 | 1): this { this.simd(0x21); this.code.push(lane); return this; }
  v128Load(offset = 0): this { return this.simd(0x00).memarg(2, offset); }
  v128Load32Splat(offset = 0): this { return this.simd(0x09).memarg(2, offset); }
  v128Store(offset = 0): this { return this.simd(0x0b).memarg(2, offset); }
  v128Zero(): this { this.simd(0x0c); for (let i = 0; i < 16; i++) this.code.push(0); return this; }
  /** Loads 2 floats (8 bytes) into the low half, zeroing the high half. */
  v128Load64Zero(offset = 0): this { return this.simd(0x5d).memarg(3, offset); }
  /** Stores the low 8 bytes (lane 0 of the i64x2 view: two floats). */
  v128Store64Lane0(offset = 0): this { this.simd(0x5b).memarg(3, offset); this.code.push(0); return this; }

  /** select(a, b, cond): a if cond ≠ 0 else b (i32 operands). */
  select(): this { return this.op(0x1b); }

  /** A v128 constant from four i32 lanes. */
  v128ConstI32(lanes: [number, number, number, number]): this {
    this.simd(0x0c);
    for (const v of lanes) for (let k = 0; k < 4; k++) this.code.push((v >>> (8 * k)) & 0xff);
    return this;
  }
  v128And(): this { return this.simd(0x4e); }
  v128Or(): this { return this.simd(0x50); }
  /** bitselect(a, b, mask): bits of a where mask is 1, of b where it is 0. */
  v128Bitselect(): this { return this.simd(0x52); }
  i32x4Splat(): this { return this.simd(0x11); }
  i32x4Add(): this { return this.simd(0xae); }

  // f32x4 lanes
  f32x4Eq(): this { return this.simd(0x41); }
  f32x4Ne(): this { return this.simd(0x42); }
  f32x4Gt(): this { return this.simd(0x44); }
  f32x4Add(): this { return this.simd(0xe4); }
  f32x4Mul(): this { return this.simd(0xe6); }
  /** Lane-wise IEEE maximum (NaN if either is NaN; +0 beats −0), as Math.max. */
  f32x4Max(): this { return this.simd(0xe9); }

  // f64x2 lanes: the float64 arithmetic JavaScript does, two at a time (no fused multiply-add in
  // WebAssembly, so each operation rounds exactly as JS's does)
  f64Const(v: number): this {
    this.op(0x44);
    for (const b of new Uint8Array(new Float64Array([v]).buffer)) this.code.push(b);
    return this;
  }
  f64x2Splat(): this { return this.simd(0x14); }
  f64x2Ge(): this { return this.simd(0x4c); }
  f64x2Le(): this { return this.simd(0x4b); }
  f64x2Add(): this { return this.simd(0xf0); }
  f64x2Sub(): this { return this.simd(0xf1); }
  f64x2Mul(): this { return this.simd(0xf2); }
  f64x2Div(): this { return this.simd(0xf3); }
  /** The two low float32 lanes widened to float64 (exact). */
  f64x2PromoteLowF32x4(): this { return this.simd(0x5f); }
  /** Both float64 lanes rounded to float32 (to nearest, as a Float32Array store) into the low lanes. */
  f32x4DemoteF64x2Zero(): this { return this.simd(0x5e); }

  /**
   * while (cond) body — `cond` must leave one i32 on the stack. Emitted as
   * block { loop { br_if(!cond) out; body; br loop } }, so `body` may not branch itself.
   */
  whileLoop(cond: () => void, body: () => void): this {
    this.block().loop();
    cond();
    this.i32Eqz().brIf(1);
    body();
    this.br(0).end().end();
    return this;
  }

  /** Encodes the body as the code section wants it: local declarations, instructions, end. */
  encode(): number[] {
    const body: number[] = [];
    // Run-length groups of equal local types, as the format stores them.
    const groups: [number, ValType][] = [];
    for (const t of this.locals) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    uleb(groups.length, body);
    for (const [n, t] of groups) { uleb(n, body); body.push(t); }
    for (const b of this.code) body.push(b);
    body.push(0x0b);
    const out: number[] = [];
    uleb(body.length, out);
    return out.concat(body);
  }
}

/**
 * A module with one memory (exported as "memory") and exported functions. With `sharedMaxPages`
 * the memory is not defined but imported as env.memory, shared, at most that many pages: the
 * form in which several threads instantiate one module on one memory (threads.ts).
 */
export class ModuleBuilder {
  private readonly funcs: { name: string; fn: FuncBuilder }[] = [];

  constructor(private readonly memoryPages: number, private readonly sharedMaxPages?: number) {}

  func(name: string, fn: FuncBuilder): void {
    this.funcs.push({ name, fn });
  }

  bytes(): Uint8Array<ArrayBuffer> {
    const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    const section = (id: number, content: number[]): void => {
      out.push(id);
      uleb(content.length, out);
      for (const b of content) out.push(b);
    };
    // type section: each distinct signature once (the module must stay under 4 KB)
    const signatures: string[] = [];
    const typeOf = this.funcs.map(({ fn }) => {
      const key = `${fn.params.join(',')}:${fn.results.join(',')}`;
      if (!signatures.includes(key)) signatures.push(key);
      return signatures.indexOf(key);
    });
    const types: number[] = [];
    uleb(signatures.length, types);
    for (const key of signatures) {
      const [params, results] = key.split(':').map((list) => (list === '' ? [] : list.split(',').map(Number)));
      types.push(0x60);
      uleb(params.length, types);
      types.push(...params);
      uleb(results.length, types);
      types.push(...results);
    }
    section(1, types);
    if (this.sharedMaxPages !== undefined) {
      const imp: number[] = [1];
      utf8('env', imp);
      utf8('memory', imp);
      imp.push(0x02, 0x03); // a memory; limits flag 3: shared, with a maximum
      uleb(this.memoryPages, imp);
      uleb(this.sharedMaxPages, imp);
      section(2, imp);
    }
    const funcIdx: number[] = [];
    uleb(this.funcs.length, funcIdx);
    typeOf.forEach((t) => uleb(t, funcIdx));
    section(3, funcIdx);
    if (this.sharedMaxPages === undefined) {
      const mem: number[] = [1, 0x00];
      uleb(this.memoryPages, mem);
      section(5, mem);
    }
    const exp: number[] = [];
    uleb(this.funcs.length + 1, exp);
    utf8('memory', exp);
    exp.push(0x02, 0x00);
    this.funcs.forEach(({ name }, i) => {
      utf8(name, exp);
      exp.push(0x00);
      uleb(i, exp);
    });
    section(7, exp);
    const code: number[] = [];
    uleb(this.funcs.length, code);
    for (const { fn } of this.funcs) for (const b of fn.encode()) code.push(b);
    section(10, code);
    return new Uint8Array(out);
  }
}
