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
import zlib from 'node:zlib'
import { execa, type ResultPromise } from 'execa'
import { hasTool } from '../util/exec.js'

export type Compression = 'gzip' | 'zstd' | 'none'

export interface ByteSink {
  /** Takes ownership of `chunk`: the caller must not change it afterwards (no copies on the hot path). */
  write(chunk: Buffer): Promise<void>
  end(): Promise<void>
  /** Stops early after a failure: kills helpers, removes partial files. */
  abort(): Promise<void>
}

export function suffixFor(c: Compression): string {
  return c === 'gzip' ? '.tar.gz' : c === 'zstd' ? '.tar.zst' : '.tar'
}

function writeTo(stream: Writable, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error): void => reject(e)
    stream.once('error', onError)
    const ok = stream.write(chunk, () => undefined)
    const done = (): void => {
      stream.off('error', onError)
      resolve()
    }
    if (ok) done()
    else stream.once('drain', done)
  })
}

function endStream(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject)
    stream.end(() => resolve())
  })
}

/** A file written under a temporary name, hashed on the way, renamed into place by end(). */
export class FileSink implements ByteSink {
  readonly hash = createHash('sha256')
  size = 0
  private readonly tmp: string
  private readonly out: WriteStream
  constructor(readonly path: string) {
    this.tmp = `${path}.tmp-${process.pid}`
    this.out = createWriteStream(this.tmp, { highWaterMark: 1 << 20 })
  }
  write(chunk: Buffer): Promise<void> {
    this.hash.update(chunk)
    this.size += chunk.length
    return writeTo(this.out, chunk)
  }
  private digestHex = ''
  get sha256(): string {
    return this.digestHex
  }
  async end(): Promise<void> {
    await endStream(this.out)
    this.digestHex = this.hash.digest('hex')
    await rename(this.tmp, this.path)
  }
  async abort(): Promise<void> {
    this.out.destroy()
    await rm(this.tmp, { force: true })
  }
}

/** Standard output (for `kiln flatten -o -`). */
export class StdoutSink implements ByteSink {
  readonly hash = createHash('sha256')
  size = 0
  constructor(private readonly out: Writable = process.stdout) {}
  write(chunk: Buffer): Promise<void> {
    this.hash.update(chunk)
    this.size += chunk.length
    return writeTo(this.out, chunk)
  }
  async end(): Promise<void> {}
  async abort(): Promise<void> {}
}

const GZIP_BLOCK = 1 << 20
const DICT = 32 << 10

/**
 * gzip made on all cores inside node, pigz's way: independent ~1 MiB deflate blocks, each
 * primed with the previous block's last 32 KiB and sync-flushed, under one gzip header,
 * with the CRC-32 of the whole and its length in the trailer. zlib calls run on libuv's
 * thread pool, so N blocks in flight use N cores. Output is deterministic (mtime 0).
 */
export class ParallelGzipSink implements ByteSink {
  private crc = 0
  private isize = 0
  private parts: Buffer[] = []
  private partLen = 0
  private dict: Buffer | undefined
  private readonly inflight: Array<Promise<Buffer>> = []
  private readonly maxInflight = Math.max(2, availableParallelism() * 2)
  private started = false
  constructor(
    private readonly down: ByteSink,
    private readonly level = 6
  ) {}

  async write(chunk: Buffer): Promise<void> {
    if (!this.started) {
      this.started = true
      await this.down.write(
        Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, this.level === 9 ? 2 : this.level === 1 ? 4 : 0, 3])
      )
    }
    this.crc = zlib.crc32(chunk, this.crc)
    this.isize = (this.isize + chunk.length) % 0x100000000
    let off = 0
    while (off < chunk.length) {
      const take = Math.min(chunk.length - off, GZIP_BLOCK - this.partLen)
      this.parts.push(chunk.subarray(off, off + take))
      this.partLen += take
      off += take
      if (this.partLen === GZIP_BLOCK) await this.dispatch(false)
    }
  }

  private async dispatch(last: boolean): Promise<void> {
    const data = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts)
    this.parts = []
    this.partLen = 0
    const opts: zlib.ZlibOptions = {
      level: this.level,
      finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH
    }
    if (this.dict) opts.dictionary = this.dict
    const p = new Promise<Buffer>((resolve, reject) =>
      zlib.deflateRaw(data, opts, (e, out) => (e ? reject(e) : resolve(out)))
    )
    p.catch(() => undefined) // rejections surface when the block is awaited in order
    this.inflight.push(p)
    this.dict =
      data.length >= DICT
        ? data.subarray(data.length - DICT)
        : Buffer.concat([this.dict ?? Buffer.alloc(0), data]).subarray(-DICT)
    while (this.inflight.length >= this.maxInflight) await this.down.write(await this.inflight.shift()!)
  }

  async end(): Promise<void> {
    if (!this.started) await this.write(Buffer.alloc(0))
    await this.dispatch(true)
    while (this.inflight.length) await this.down.write(await this.inflight.shift()!)
    const trailer = Buffer.alloc(8)
    trailer.writeUInt32LE(this.crc >>> 0, 0)
    trailer.writeUInt32LE(this.isize >>> 0, 4)
    await this.down.write(trailer)
    await this.down.end()
  }

  async abort(): Promise<void> {
    await this.down.abort()
  }
}

/** A compressor process (pigz, zstd): bytes to its stdin, its stdout to the downstream sink. */
export class ProcessSink implements ByteSink {
  private readonly child: ResultPromise
  private readonly pump: Promise<void>
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
      for await (const chunk of child.stdout!) await down.write(chunk as Buffer)
    })()
    this.pump.catch(() => undefined)
    this.child.catch(() => undefined)
  }
  write(chunk: Buffer): Promise<void> {
    return writeTo(this.child.stdin!, chunk)
  }
  async end(): Promise<void> {
    await endStream(this.child.stdin!)
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

/** How gzip is made: node's block-parallel deflate, or pigz. KILN_GZIP=pigz|node overrides. */
export async function gzipEngine(): Promise<'node' | 'pigz'> {
  const want = process.env.KILN_GZIP
  if (want === 'node') return 'node'
  if (want === 'pigz') return 'pigz'
  // Measured side by side (bench/README.md): node's zlib is faster per core than pigz's.
  void hasTool
  return 'node'
}

/** A sink compressing into `down`. */
export async function compressor(kind: Compression, down: ByteSink, level?: number): Promise<ByteSink> {
  if (kind === 'none') return down
  if (kind === 'zstd') return new ProcessSink('zstd', ['-q', '-T0', `-${level ?? 3}`, '-c'], down)
  if ((await gzipEngine()) === 'pigz') return new ProcessSink('pigz', ['-n', `-${level ?? 6}`, '-c'], down)
  return new ParallelGzipSink(down, level ?? 6)
}
