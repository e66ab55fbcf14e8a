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
export const v128 = 0x7b;
export type ValType = typeof i32 | typeof f32 | typeof v128;

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
  f32Add(): this { return this.op(0x92); }
  f32Const(v: number): this {
    this.op(0x43);
    const bytes = new Uint8Array(new Float32Array([v]).buffer); // little-endian on every platform JS runs on
    for (const b of bytes) this.code.push(b);
    return this;
  }
  f32Store(offset = 0): this { return this.op(0x38).memarg(2, offset); }
  v128Load(offset = 0): this { return this.simd(0x00).memarg(2, offset); }
  v128Load32Splat(offset = 0): this { return this.simd(0x09).memarg(2, offset); }
  v128Store(offset = 0): this { return this.simd(0x0b).memarg(2, offset); }
  v128Zero(): this { this.simd(0x0c); for (let i = 0; i < 16; i++) this.code.push(0); return this; }

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
    // type section: one signature per function (duplicates are allowed and keep this simple)
    const types: number[] = [];
    uleb(this.funcs.length, types);
    for (const { fn } of this.funcs) {
      types.push(0x60);
      uleb(fn.params.length, types);
      types.push(...fn.params);
      uleb(fn.results.length, types);
      types.push(...fn.results);
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
    this.funcs.forEach((_, i) => uleb(i, funcIdx));
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
