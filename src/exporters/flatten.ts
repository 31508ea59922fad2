/**
 * The one streaming pass: reads each output member's data by offset from its layer and
 * writes it to every archive that wants it (rootfs, kernel, initrd, modules), never
 * unpacking to disk. Members are batched into 1 MiB writes.
 */
import type { Reporter } from '../util/log.js'
import { formatBytes, formatSeconds, SilentReporter } from '../util/log.js'
import {
  compressor,
  FileSink,
  ParallelGzipSink,
  SharedDeflate,
  StdoutSink,
  type ByteSink,
  type Compression
} from './compress.js'
import { FileReader, READ_AHEAD } from './file-reader.js'
import type { LayerSource } from './inputs.js'
import { MemberIndex } from './member-index.js'
import {
  contentOf,
  indexLayer,
  LinkTargets,
  planFlatten,
  type FlattenPlan,
  type IndexedEntry,
  type PlannedEntry
} from './plan.js'
import { encodeHeader, END_OF_ARCHIVE, paddingFor, printable, type OutHeader } from './tar.js'

const CHUNK = 1 << 20
/**
 * Files from this size on are deflated once for every gzip archive at the same level that takes
 * them (the modules tree is in the rootfs and in modules.tar.gz). Smaller ones are compressed
 * per archive: each shared run costs every stream a flush and a zlib call, which a small file
 * does not pay back (in the kernel fixture, files of 16 KiB and more hold 98% of the modules' bytes).
 */
export const SHARE_MIN = 16 << 10
/** Writes in flight per archive when the sink takes overlapping writes (ByteSink.overlapping). */
const WRITES_IN_FLIGHT = 4

/**
 * Buffers tar bytes into 1 MiB writes to a sink. When the sink takes overlapping writes (a
 * file, a compressor process), up to WRITES_IN_FLIGHT buffers are being written while the
 * next is filled: reading the layers and writing the archive then overlap instead of taking
 * turns, which is what keeps an uncompressed export near the copy bound.
 */
export class TarWriter {
  private buf: Buffer = Buffer.allocUnsafe(CHUNK)
  private used = 0
  private readonly free: Buffer[] = []
  private readonly inflight: Array<Promise<void>> = []
  bytes = 0
  constructor(readonly sink: ByteSink) {}
  async push(b: Buffer): Promise<void> {
    this.bytes += b.length
    let off = 0
    while (off < b.length) {
      const n = Math.min(b.length - off, CHUNK - this.used)
      b.copy(this.buf, this.used, off, off + n)
      this.used += n
      off += n
      if (this.used === CHUNK) await this.flush()
    }
  }
  /** Appends `len` bytes read from `r` at `pos` straight into the write buffer (no copy between). */
  async pushFrom(r: FileReader, pos: number, len: number, signal?: AbortSignal): Promise<void> {
    this.bytes += len
    while (len > 0) {
      signal?.throwIfAborted()
      const n = Math.min(len, CHUNK - this.used)
      await r.readInto(this.buf, this.used, n, pos)
      this.used += n
      pos += n
      len -= n
      if (this.used === CHUNK) await this.flush()
    }
  }
  private async flush(): Promise<void> {
    if (!this.used) return
    const buf = this.buf
    const written = this.sink.write(buf.subarray(0, this.used))
    this.used = 0
    // The sink has consumed the bytes when write() resolves (see ByteSink): the buffer is reused.
    if (!this.sink.overlapping) return written
    const done = written.then(() => void this.free.push(buf))
    done.catch(() => undefined) // surfaces when awaited, in order
    this.inflight.push(done)
    if (this.inflight.length >= WRITES_IN_FLIGHT) await this.inflight.shift()
    this.buf = this.free.pop() ?? Buffer.allocUnsafe(CHUNK)
  }
  /** Hands everything pushed so far to the sink and waits until it has taken it. */
  async drain(): Promise<void> {
    await this.flush()
    while (this.inflight.length) await this.inflight.shift()
  }
  async finish(): Promise<void> {
    await this.push(END_OF_ARCHIVE)
    await this.flush()
    while (this.inflight.length) await this.inflight.shift()
    await this.sink.end()
  }
}

/** One archive fed by the pass: which members it takes, under what header. */
export interface PassTarget {
  writer: TarWriter
  select(p: PlannedEntry, content: IndexedEntry | undefined): OutHeader | null
}

/** An observer that sees selected members' data (package databases are captured this way). */
export type Capture = (p: PlannedEntry, data: Buffer) => void
/** Captures by planned entry (its `id`: views of one entry are different objects). */
export type Captures = Map<number, Capture>

/**
 * A member's header as the layer has it, under `name` (a directory gets its trailing slash,
 * so '.' names the root './'), its time clamped to `sourceDateEpoch`.
 */
export function memberHeader(name: string, e: IndexedEntry, sourceDateEpoch?: number): OutHeader {
  const h: OutHeader = {
    name: e.type === 'dir' ? `${name}/` : name,
    type: e.type,
    mode: e.mode,
    uid: e.uid,
    gid: e.gid,
    size: e.type === 'file' ? e.size : 0,
    mtime: sourceDateEpoch === undefined ? e.mtime : Math.min(e.mtime, sourceDateEpoch),
    xattrs: e.xattrs
  }
  if (e.type === 'symlink') h.linkname = e.linkname
  else if (e.type === 'char' || e.type === 'block')
    Object.assign(h, { devmajor: e.devmajor, devminor: e.devminor })
  return h
}

/** The rootfs header of a planned member: rooted at `./`, directories with a trailing slash. */
export function rootfsHeader(
  p: PlannedEntry,
  content: IndexedEntry | undefined,
  sourceDateEpoch?: number
): OutHeader {
  // A hardlink shares its target's inode: a materialised copy takes the target's metadata.
  const e = p.kind === 'materialize' ? p.data! : p.src
  const h = memberHeader(p.path === '' ? '.' : `./${p.path}`, e, sourceDateEpoch)
  if (p.kind === 'link') return { ...h, type: 'link', linkname: `./${p.linkTo}` }
  if (p.kind === 'materialize') return { ...h, type: 'file', size: content?.size ?? 0 }
  return h
}

export interface PassOptions {
  plan: FlattenPlan
  targets: PassTarget[]
  captures?: Captures
  reporter?: Reporter
  label?: string
  /** Checked between members: an abort ends the pass like a failure (no partial files left). */
  signal?: AbortSignal
}

/** Runs the pass; closes every target; on failure aborts them all (no partial files left). */
export async function runPass(opts: PassOptions): Promise<{ bytesRead: number; seconds: number }> {
  const { plan, targets } = opts
  const reporter = opts.reporter ?? new SilentReporter()
  const readers = new Map<string, FileReader>()
  const readerFor = async (l: number): Promise<FileReader> => {
    const path = plan.layers[l].source.path
    let r = readers.get(path)
    if (!r) readers.set(path, (r = await FileReader.open(path)))
    return r
  }
  const t0 = Date.now()
  let lastReport = t0
  let bytesRead = 0
  const scratch = Buffer.allocUnsafe(CHUNK)
  try {
    for (const p of plan.entries()) {
      opts.signal?.throwIfAborted()
      const content = contentOf(plan, p)
      const picks: Array<[TarWriter, OutHeader]> = []
      for (const t of targets) {
        const h = t.select(p, content)
        if (h) picks.push([t.writer, h])
      }
      const capture = opts.captures?.get(p.id)
      const withData = picks.filter(([, h]) => h.type === 'file' && h.size > 0).map(([w]) => w)
      for (const [w, h] of picks) await w.push(encodeHeader(h))
      if ((withData.length || capture) && content && content.size > 0) {
        const r = await readerFor(content.layer)
        const captured: Buffer[] = []
        const shared = content.size >= SHARE_MIN ? await shareData(withData) : null
        const outs: Array<TarWriter | SharedDeflate> = shared
          ? [...withData.filter((w) => !shared.writers.includes(w)), shared.deflate]
          : withData
        if (outs.length === 1 && outs[0] instanceof TarWriter && !capture && content.size > READ_AHEAD) {
          // One archive wants a big file: read it into that archive's write buffer directly.
          await outs[0].pushFrom(r, content.dataOffset, content.size, opts.signal)
          bytesRead += content.size
        } else
          for (let off = 0; off < content.size; off += CHUNK) {
            const n = Math.min(CHUNK, content.size - off)
            // Small files come from the reader's read-ahead window (members are visited in layer
            // order, so mostly sequentially): one read per window, not one per file. Larger ones
            // go into one reused buffer. Either way every push copies the bytes before the next read.
            let chunk: Buffer
            if (n <= READ_AHEAD) {
              chunk = await r.read(content.dataOffset + off, n)
              if (chunk.length < n)
                throw new Error(`${r.path}: unexpected end of file in ${printable(p.path)}`)
            } else {
              chunk = scratch.subarray(0, n)
              await r.readInto(chunk, 0, n, content.dataOffset + off)
            }
            if (opts.signal?.aborted) opts.signal.throwIfAborted()
            for (const w of outs) await w.push(chunk)
            if (capture) captured.push(Buffer.from(chunk))
            bytesRead += n
          }
        const padding = paddingFor(content.size)
        // The padding is part of a shared run: the streams go on from the same block boundary.
        if (padding) for (const w of outs) await w.push(Buffer.alloc(padding))
        if (shared) {
          await shared.deflate.end()
          for (const w of shared.writers) w.bytes += content.size + padding
        }
        capture?.(p, Buffer.concat(captured))
      }
      if (Date.now() - lastReport > 5000) {
        lastReport = Date.now()
        reporter.info(
          `${opts.label ?? 'flatten'}: ${formatBytes(bytesRead)} read, ${formatSeconds((lastReport - t0) / 1000)}`
        )
      }
    }
    for (const t of targets) await t.writer.finish()
  } catch (e) {
    await Promise.all(targets.map((t) => t.writer.sink.abort().catch(() => undefined)))
    throw e
  } finally {
    await Promise.all([...readers.values()].map((r) => r.close()))
  }
  return { bytesRead, seconds: (Date.now() - t0) / 1000 }
}

/**
 * The writers among `writers` whose gzip streams can take the same deflated bytes (the largest
 * group at one level, if it has two or more), drained so that their headers precede the data.
 */
async function shareData(
  writers: TarWriter[]
): Promise<{ writers: TarWriter[]; deflate: SharedDeflate } | null> {
  if (writers.length < 2) return null
  const groups = new Map<string, TarWriter[]>()
  for (const w of writers)
    if (w.sink instanceof ParallelGzipSink) {
      const g = groups.get(w.sink.shareKey) ?? []
      g.push(w)
      groups.set(w.sink.shareKey, g)
    }
  const best = [...groups.values()].sort((a, b) => b.length - a.length)[0]
  if (!best || best.length < 2) return null
  for (const w of best) await w.drain()
  const sinks = best.map((w) => w.sink as ParallelGzipSink)
  return { writers: best, deflate: new SharedDeflate(sinks, sinks[0].level) }
}

/** Indexes every layer's headers (bottom first) and plans the flattened view. */
export async function planLayers(layers: LayerSource[]): Promise<FlattenPlan> {
  const index = new MemberIndex()
  const links = new LinkTargets()
  const idx = []
  for (const [i, l] of layers.entries()) idx.push(await indexLayer(index, links, l, i))
  return planFlatten(index, links, idx)
}

/** The root first: an image without a root member still gets `./` (0755 root:root). */
export function ensureRoot(plan: FlattenPlan, sourceDateEpoch?: number): void {
  plan.addRoot(sourceDateEpoch ?? 0)
}

export interface FlattenOptions {
  layers: LayerSource[]
  /** Output file, or '-' for stdout. */
  output: string
  compression: Compression
  sourceDateEpoch?: number
  reporter?: Reporter
}

export interface FlattenResult {
  path: string
  size: number
  sha256: string
  entries: number
  seconds: number
}

/** Flattens layers into one tar (optionally compressed), written atomically or to stdout. */
export async function flatten(opts: FlattenOptions): Promise<FlattenResult> {
  const reporter = opts.reporter ?? new SilentReporter()
  const t0 = Date.now()
  const plan = await planLayers(opts.layers)
  ensureRoot(plan, opts.sourceDateEpoch)
  for (const d of plan.dropped) reporter.warn(`dropped ${printable(d)}: it lies below a symlink or file`)
  const file = opts.output === '-' ? new StdoutSink() : new FileSink(opts.output)
  const sink = await compressor(opts.compression, file)
  const writer = new TarWriter(sink)
  const target: PassTarget = { writer, select: (p, c) => rootfsHeader(p, c, opts.sourceDateEpoch) }
  await runPass({ plan, targets: [target], reporter })
  const seconds = (Date.now() - t0) / 1000
  reporter.info(
    `flatten: ${plan.size} entries, ${formatBytes(writer.bytes)} of tar → ${formatBytes(file.size)} in ${formatSeconds(seconds)}`
  )
  return {
    path: opts.output,
    size: file.size,
    sha256: file instanceof FileSink ? file.sha256 : file.hash.digest('hex'),
    entries: plan.size,
    seconds
  }
}
