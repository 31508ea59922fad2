/**
 * Byte sinks: where archive bytes go. A sink's write() resolves when the bytes are taken
 * (backpressure), end() when everything is flushed. Compressors are sinks that feed a
 * downstream sink; the last one is a file (hashed, temp + rename) or stdout.
 */
import { createHash } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { Writable } from 'node:stream'
import { once } from 'node:events'
import { IoError } from '../util/io-error.js'
import { tempFileFor, trackDir } from '../util/lifecycle.js'
import zlib from 'node:zlib'
import { execa, type ResultPromise } from 'execa'

export type Compression = 'gzip' | 'zstd' | 'none'

export interface ByteSink {
  /**
   * Consumes `chunk`; the caller may reuse it once the promise resolves. Buffers are
   * reused rather than reallocated, because 1 MiB garbage buffers pile up as external
   * memory that V8 collects late (tens of MB of peak RSS).
   */
  write(chunk: Buffer): Promise<void>
  /**
   * Whether write() may be called again before the last call resolved: each call then takes
   * its chunk in call order (a file or pipe stream queues it). Writers use this to keep
   * several buffers in flight.
   */
  readonly overlapping?: boolean
  end(): Promise<void>
  /** Stops early after a failure: kills helpers, removes partial files. */
  abort(): Promise<void>
}

export function suffixFor(c: Compression): string {
  return c === 'gzip' ? '.tar.gz' : c === 'zstd' ? '.tar.zst' : '.tar'
}

/** Resolves once the stream has handed `chunk` on (its write callback), so the chunk can be reused. */
function writeTo(stream: Writable, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(chunk, (e) => (e ? reject(e) : resolve()))
  })
}

function endStream(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject)
    stream.end(() => resolve())
  })
}

/**
 * A file written under a temporary name, hashed on the way, renamed into place by end(). A
 * write error (a full disk) rejects write() or end() as `PATH: cause`, naming the file the user
 * asked for; the temporary file goes with abort(), or with the process if it is interrupted.
 */
export class FileSink implements ByteSink {
  readonly overlapping = true
  readonly hash = createHash('sha256')
  size = 0
  private readonly tmp: string
  private readonly out: WriteStream
  private readonly untrack: () => void
  private failure: IoError | undefined
  constructor(readonly path: string) {
    this.tmp = tempFileFor(path)
    this.untrack = trackDir(this.tmp)
    this.out = createWriteStream(this.tmp, { highWaterMark: 1 << 20 })
    // The stream also emits the error that fails a write: keep it, report it through write/end.
    this.out.on('error', (e) => (this.failure ??= new IoError(e, this.path)))
  }
  async write(chunk: Buffer): Promise<void> {
    if (this.failure) throw this.failure
    this.hash.update(chunk)
    this.size += chunk.length
    try {
      await writeTo(this.out, chunk)
    } catch (e) {
      throw (this.failure ??= new IoError(e, this.path))
    }
  }
  private digestHex = ''
  get sha256(): string {
    return this.digestHex
  }
  async end(): Promise<void> {
    if (this.failure) throw this.failure
    try {
      await endStream(this.out)
      this.digestHex = this.hash.digest('hex')
      await rename(this.tmp, this.path)
    } catch (e) {
      throw (this.failure ??= new IoError(e, this.path))
    }
    this.untrack() // the temporary name is gone: this only stops tracking it
  }
  async abort(): Promise<void> {
    this.out.destroy()
    // A stream destroyed before its file was opened still opens (creates) it: wait for the close.
    if (!this.out.closed) await once(this.out, 'close').catch(() => undefined)
    await rm(this.tmp, { force: true })
    this.untrack()
  }
}

/** Standard output (for `kiln flatten -o -`). */
export class StdoutSink implements ByteSink {
  readonly overlapping = true
  readonly hash = createHash('sha256')
  size = 0
  private failure: IoError | undefined
  constructor(private readonly out: Writable = process.stdout) {
    // A reader that went away (EPIPE) or a full disk behind a redirect: reported by write().
    out.on('error', (e) => (this.failure ??= new IoError(e, 'standard output')))
  }
  async write(chunk: Buffer): Promise<void> {
    if (this.failure) throw this.failure
    this.hash.update(chunk)
    this.size += chunk.length
    try {
      await writeTo(this.out, chunk)
    } catch (e) {
      throw (this.failure ??= new IoError(e, 'standard output'))
    }
  }
  async end(): Promise<void> {}
  async abort(): Promise<void> {}
}

const GZIP_BLOCK = 1 << 20
const DICT = 32 << 10
/** The least a gzip stream hands downstream at once (its last bytes aside). */
const OUT_RUN = 64 << 10

/**
 * zlib's options for deflating one piece. A piece with no dictionary gets a window and hash
 * table no larger than itself: at the defaults every call allocates and clears ~256 KiB of
 * state, which for the 512-byte tar header a stream flushes before each shared file (thousands
 * in modules.tar.gz and the rootfs) cost more than the deflate (145 → 54 µs a call). The
 * window only bounds how far back a match may reach, and a piece this small has nothing
 * further back: any inflater reads the result, and the same piece always deflates the same.
 */
function pieceOptions(
  level: number,
  length: number,
  dict: Buffer | undefined,
  flush: number
): zlib.ZlibOptions {
  const opts: zlib.ZlibOptions = { level, finishFlush: flush }
  if (dict) opts.dictionary = dict
  else if (length < DICT) {
    const windowBits = Math.max(9, Math.ceil(Math.log2(length + 1)))
    // memLevel sets the hash table and the literal buffer (2^(memLevel+6) symbols a block):
    // kept at the piece's size, so the piece is still one block, and never above zlib's default (8).
    Object.assign(opts, { windowBits, memLevel: Math.min(8, Math.max(1, windowBits - 6)) })
  }
  return opts
}

/**
 * gzip made on all cores inside node, pigz's way: independent ~1 MiB deflate blocks, each
 * primed with the previous block's last 32 KiB and sync-flushed, under one gzip header,
 * with the CRC-32 of the whole and its length in the trailer. zlib calls run on libuv's
 * thread pool, so N blocks in flight use N cores. Output is deterministic (mtime 0).
 */
export class ParallelGzipSink implements ByteSink {
  private crc = 0
  private isize = 0
  /**
   * Blocks deflating at once: one per core and one more, so a core that finishes has the next
   * block ready. Not two per core: on 2 cores that filled all four of libuv's threads, so file
   * reads and writes waited behind deflates (bench/README.md: 1.1× faster and ~5 MB less).
   */
  private readonly maxInflight = availableParallelism() + 1
  /** Input blocks, reused: one being filled plus one per deflate in flight. */
  private readonly pool: Buffer[] = []
  private block: Buffer | null = null
  private fill = 0
  private dict: Buffer | undefined
  private readonly inflight: Array<Promise<Buffer>> = []
  private started = false
  constructor(
    private readonly down: ByteSink,
    readonly level = 6
  ) {}

  async write(chunk: Buffer): Promise<void> {
    if (!this.started) {
      this.started = true
      const xfl = this.level === 9 ? 2 : this.level === 1 ? 4 : 0
      await this.down.write(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 3]))
    }
    this.crc = zlib.crc32(chunk, this.crc)
    this.isize = (this.isize + chunk.length) % 0x100000000
    let off = 0
    while (off < chunk.length) {
      this.block ??= this.pool.pop() ?? Buffer.allocUnsafe(GZIP_BLOCK)
      const n = chunk.copy(this.block, this.fill, off, Math.min(chunk.length, off + GZIP_BLOCK - this.fill))
      this.fill += n
      off += n
      if (this.fill === GZIP_BLOCK) await this.dispatch(false)
    }
  }

  private async dispatch(last: boolean): Promise<void> {
    const block = this.block ?? Buffer.alloc(0)
    const data = block.subarray(0, this.fill)
    this.block = null
    this.fill = 0
    const opts = pieceOptions(
      this.level,
      data.length,
      this.dict,
      last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH
    )
    const p = new Promise<Buffer>((resolve, reject) =>
      zlib.deflateRaw(data, opts, (e, out) => {
        if (block.length === GZIP_BLOCK) this.pool.push(block)
        if (e) reject(e)
        else resolve(out)
      })
    )
    p.catch(() => undefined) // a rejection surfaces when the block is awaited in order
    this.inflight.push(p)
    // The next block's dictionary: this block's last 32 KiB (copied: the block goes back to the pool).
    const tail =
      data.length >= DICT
        ? data.subarray(data.length - DICT)
        : Buffer.concat([this.dict ?? Buffer.alloc(0), data]).subarray(-DICT)
    this.dict = Buffer.from(tail)
    while (this.inflight.length >= this.maxInflight) await this.emit(await this.inflight.shift()!)
  }

  /** Deflated pieces not yet written, and their size. */
  private readonly out: Buffer[] = []
  private outSize = 0

  /**
   * Writes deflated bytes downstream in runs of at least OUT_RUN bytes. A stream that shares
   * data makes a piece per file (its tar header, then the shared deflate): written one by one,
   * modules.tar.gz took ~10,000 small writes, each hashed and waited for.
   */
  private async emit(piece: Buffer, last = false): Promise<void> {
    this.out.push(piece)
    this.outSize += piece.length
    if (this.outSize < OUT_RUN && !last) return
    const run = this.out.length === 1 ? this.out[0] : Buffer.concat(this.out, this.outSize)
    this.out.length = 0
    this.outSize = 0
    await this.down.write(run)
  }

  /** What a SharedDeflate needs in common: equal keys take the same deflated bytes. */
  get shareKey(): string {
    return `gzip-${this.level}`
  }

  /**
   * Takes a block deflated once for several streams (SharedDeflate). This stream's own bytes
   * so far are sync-flushed first, so they end on a byte boundary and the shared piece follows
   * as whole deflate blocks; the CRC is combined from the piece's own. The next own block
   * starts without a dictionary: it is a tar header or small files, which gain nothing from
   * the end of an unrelated file, and priming zlib with 32 KiB per shared file costs CPU.
   */
  async writeShared(b: SharedBlock): Promise<void> {
    if (!this.started) await this.write(Buffer.alloc(0))
    if (this.fill > 0) await this.dispatch(false)
    this.crc = crc32Combine(this.crc, b.crc, b.length)
    this.isize = (this.isize + b.length) % 0x100000000
    this.dict = undefined
    this.inflight.push(b.deflated)
    while (this.inflight.length >= this.maxInflight) await this.emit(await this.inflight.shift()!)
  }

  async end(): Promise<void> {
    if (!this.started) await this.write(Buffer.alloc(0))
    await this.dispatch(true)
    while (this.inflight.length) await this.emit(await this.inflight.shift()!)
    const trailer = Buffer.alloc(8)
    trailer.writeUInt32LE(this.crc >>> 0, 0)
    trailer.writeUInt32LE(this.isize >>> 0, 4)
    await this.emit(trailer, true)
    await this.down.end()
  }

  async abort(): Promise<void> {
    await this.down.abort()
  }
}

/** One block of a SharedDeflate run: its deflate output, once, for every stream taking it. */
export interface SharedBlock {
  deflated: Promise<Buffer>
  /** CRC-32 and length of the block's uncompressed bytes. */
  crc: number
  length: number
}

/** Input buffers of shared blocks, reused (a few: each goes back once its deflate is done). */
const sharedPool: Buffer[] = []

/**
 * Deflates a run of bytes (a tar member's data and padding) once and hands the same compressed
 * blocks to several gzip streams, which differ only around it (their tar headers). The first
 * block has no dictionary, since what precedes the run differs between the streams; later
 * blocks are primed with the one before, as ParallelGzipSink's own are. So the modules
 * archive costs the rootfs's compression of /lib/modules once, not twice.
 */
export class SharedDeflate {
  private block: Buffer | null = null
  private fill = 0
  private dict: Buffer | undefined
  constructor(
    private readonly sinks: ParallelGzipSink[],
    private readonly level: number
  ) {}

  /** Copies `chunk` (the caller may reuse it once this resolves). */
  async push(chunk: Buffer): Promise<void> {
    let off = 0
    while (off < chunk.length) {
      this.block ??= sharedPool.pop() ?? Buffer.allocUnsafe(GZIP_BLOCK)
      const n = chunk.copy(this.block, this.fill, off, Math.min(chunk.length, off + GZIP_BLOCK - this.fill))
      this.fill += n
      off += n
      if (this.fill === GZIP_BLOCK) await this.dispatch()
    }
  }

  /** Hands the last block on; the streams then go on with their own bytes. */
  async end(): Promise<void> {
    if (this.fill) await this.dispatch()
  }

  private async dispatch(): Promise<void> {
    const block = this.block!
    const data = block.subarray(0, this.fill)
    this.block = null
    this.fill = 0
    const opts = pieceOptions(this.level, data.length, this.dict, zlib.constants.Z_SYNC_FLUSH)
    const deflated = new Promise<Buffer>((resolve, reject) =>
      zlib.deflateRaw(data, opts, (e, out) => {
        if (sharedPool.length < 8) sharedPool.push(block)
        if (e) reject(e)
        else resolve(out)
      })
    )
    deflated.catch(() => undefined) // surfaces where a stream awaits it, in order
    const crc = zlib.crc32(data)
    const tail =
      data.length >= DICT
        ? data.subarray(data.length - DICT)
        : Buffer.concat([this.dict ?? Buffer.alloc(0), data]).subarray(-DICT)
    this.dict = Buffer.from(tail)
    const b: SharedBlock = { deflated, crc, length: data.length }
    for (const s of this.sinks) await s.writeShared(b)
  }
}

/**
 * The CRC-32 of A followed by B from crc(A), crc(B) and B's length: zlib's crc32_combine
 * (node does not expose it). Appending len2 zero bytes to A is a linear map over GF(2),
 * applied by repeated squaring of the one-zero-bit operator, O(log len2) 32×32 products.
 */
export function crc32Combine(crc1: number, crc2: number, len2: number): number {
  if (len2 <= 0) return crc1 >>> 0
  const times = (mat: Uint32Array, vec: number): number => {
    let sum = 0
    for (let i = 0; vec; i++, vec >>>= 1) if (vec & 1) sum ^= mat[i]
    return sum >>> 0
  }
  const square = (out: Uint32Array, mat: Uint32Array): void => {
    for (let n = 0; n < 32; n++) out[n] = times(mat, mat[n])
  }
  const even = new Uint32Array(32)
  const odd = new Uint32Array(32)
  odd[0] = 0xedb88320 // the CRC-32 polynomial: the operator for one zero bit
  for (let n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row
  square(even, odd) // two zero bits
  square(odd, even) // four zero bits
  let crc = crc1 >>> 0
  let len = len2
  // The first squaring gives one zero byte; each further one doubles it.
  for (;;) {
    square(even, odd)
    if (len % 2) crc = times(even, crc)
    len = Math.floor(len / 2)
    if (!len) break
    square(odd, even)
    if (len % 2) crc = times(odd, crc)
    len = Math.floor(len / 2)
    if (!len) break
  }
  return (crc ^ crc2) >>> 0
}

/** A compressor's output chunks being written to the downstream sink at once (when it overlaps). */
const PUMP_IN_FLIGHT = 16

/** A compressor process (pigz, zstd): bytes to its stdin, its stdout to the downstream sink. */
export class ProcessSink implements ByteSink {
  readonly overlapping = true
  private readonly child: ResultPromise
  private readonly pump: Promise<void>
  /** Why writing the compressor's output failed, once it has: what write() and end() then reject with. */
  private failure: unknown
  constructor(
    file: string,
    args: string[],
    private readonly down: ByteSink
  ) {
    const child = execa(file, args, {
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: { stdout: false, stderr: true },
      encoding: 'buffer'
    })
    this.child = child
    this.pump = (async () => {
      // The compressor's output goes on while earlier chunks are still being written: waiting
      // for each 64 KiB file write before reading the next left the pipe full and zstd's
      // threads idle behind it. (Each chunk is a buffer of its own, so several may be in flight.)
      const inflight: Array<Promise<void>> = []
      for await (const chunk of child.stdout!) {
        const written = down.write(chunk as Buffer)
        if (!down.overlapping) {
          await written
          continue
        }
        written.catch(() => undefined) // surfaces when awaited, in order
        inflight.push(written)
        if (inflight.length >= PUMP_IN_FLIGHT) await inflight.shift()
      }
      while (inflight.length) await inflight.shift()
    })()
    // A downstream failure (a full disk) is what the caller hears of, not the broken pipe it
    // causes: the compressor is stopped, and writes to it fail with the first cause.
    this.pump.catch((e: unknown) => {
      this.failure ??= e
      child.kill()
    })
    this.child.catch(() => undefined)
  }
  async write(chunk: Buffer): Promise<void> {
    if (this.failure) throw this.failure
    await writeTo(this.child.stdin!, chunk).catch((e: unknown) => {
      throw this.failure ?? e
    })
  }
  async end(): Promise<void> {
    await endStream(this.child.stdin!).catch((e: unknown) => {
      throw this.failure ?? e
    })
    await this.pump
    await this.child
    await this.down.end()
  }
  async abort(): Promise<void> {
    this.child.kill()
    await this.child.catch(() => undefined)
    await this.down.abort()
  }
}

/**
 * How gzip is made: node's block-parallel deflate (measured side by side in bench/README.md,
 * faster per core than pigz here), or pigz when KILN_GZIP=pigz asks for it.
 */
export function gzipEngine(): 'node' | 'pigz' {
  return process.env.KILN_GZIP === 'pigz' ? 'pigz' : 'node'
}

/** A sink compressing into `down`. */
export async function compressor(kind: Compression, down: ByteSink, level?: number): Promise<ByteSink> {
  if (kind === 'none') return down
  if (kind === 'zstd') return new ProcessSink('zstd', ['-q', '-T0', `-${level ?? 3}`, '-c'], down)
  if (gzipEngine() === 'pigz') return new ProcessSink('pigz', ['-n', `-${level ?? 6}`, '-c'], down)
  return new ParallelGzipSink(down, level ?? 6)
}
