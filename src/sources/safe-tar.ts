/**
 * Tarballs from outside (base images, overlay packs, genoci `expand`, `docker save` layers)
 * are hostile until checked. One parser (tar-stream) reads each archive, and every entry is
 * checked, in archive order, before anything is kept:
 *
 * - names are normalised (`./` and empty components dropped); a `..` component or an
 *   absolute name is refused, never silently rewritten (GNU tar strips a leading `/`,
 *   which turns `/etc/shadow` into something that still lands where the author wanted);
 * - the symlinks seen so far are remembered: an entry whose parent path goes through one
 *   (`evil -> /etc` then `evil/passwd`) is refused, and so is a directory entry over a
 *   symlink (extractors keep the link and then write through it);
 * - a hardlink's target obeys the same rules (no `..`, not absolute, not through a symlink)
 *   and must be a file the archive itself wrote earlier: not a symlink (GNU tar, Go and
 *   node-tar disagree on whether the link is to the symlink or to what it points at, and a
 *   later write through the new name lands there) and not something it never wrote;
 * - only regular files, directories, symlinks, hardlinks, devices and fifos are allowed, and
 *   only files carry data. GNU sparse files (type 'S', pax `GNU.sparse.*`) are refused: a
 *   4 KB sparse entry may claim a terabyte that the next reader writes out as zeros;
 * - constructs on which common readers (GNU tar, Go's archive/tar in docker and umoci,
 *   tar-stream, Kiln's exporters) disagree about an entry's name are refused: a pax global
 *   header that sets path, linkpath or size, two name records for one entry (a GNU `L` long
 *   name and a pax `path`, or two of either), two pax headers for one entry;
 * - an archive is bounded: at most ARCHIVE_LIMITS.bytes of uncompressed tar and
 *   ARCHIVE_LIMITS.entries entries (KILN_MAX_ARCHIVE_BYTES, KILN_MAX_ARCHIVE_ENTRIES).
 *
 * Symlink *targets* are left alone: inside an image root an absolute target is relative to
 * that root (a rootfs is full of them); only writing through a link is dangerous.
 *
 * Two ways to use it: `checkedTar()` passes the bytes through unchanged while checking (to
 * store a base tarball as a layer: byte-exact, so pax xattrs such as security.capability
 * survive; the consumer discards what it got when the check fails), and `extractTar()`
 * writes the very entries the check approved into a temporary directory, renamed into place
 * only when the whole archive passed.
 */
import { randomBytes } from 'node:crypto'
import { createWriteStream, lstatSync, readlinkSync } from 'node:fs'
import { chmod, link, lchown, lutimes, mkdir, rename, rm, stat, symlink, utimes } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { Transform, Writable, type Readable, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import tarStream from 'tar-stream'
import { secureJoin } from '../util/in-root.js'
import type { Reporter } from '../util/log.js'
import { decompressStream } from './compression.js'

/** Entry kinds, named as tar-stream names them. */
export type EntryType =
  'file' | 'link' | 'symlink' | 'directory' | 'character-device' | 'block-device' | 'fifo'

const ALLOWED = new Set<string>([
  'file',
  'contiguous-file',
  'link',
  'symlink',
  'directory',
  'character-device',
  'block-device',
  'fifo'
])

const FILE_TYPES = new Set(['file', 'contiguous-file'])

export class TarSafetyError extends Error {
  constructor(
    readonly archive: string,
    readonly entry: string,
    readonly reason: string
  ) {
    super(
      `${archive}: entry ${JSON.stringify(entry)}: ${reason}; the archive was refused and nothing from it was kept`
    )
    this.name = 'TarSafetyError'
  }
}

/** Whether `e`, or an error it wraps (its `cause`), is the refusal of an archive. */
export function isTarRefusal(e: unknown): boolean {
  for (let x = e, depth = 0; x instanceof Error && depth < 8; x = x.cause, depth++)
    if (x instanceof TarSafetyError) return true
  return false
}

/** How big an archive from outside may be once uncompressed. */
export interface ArchiveLimits {
  /** Bytes of uncompressed tar (headers and data). */
  bytes: number
  entries: number
}

/** Enough for a real OS image (a full desktop install is ~10 GiB and ~500k entries). */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { bytes: 64 * 1024 ** 3, entries: 4_000_000 }

/** The limits in force: KILN_MAX_ARCHIVE_BYTES and KILN_MAX_ARCHIVE_ENTRIES, else the defaults. */
export function archiveLimits(env: NodeJS.ProcessEnv = process.env): ArchiveLimits {
  const read = (name: string, fallback: number): number => {
    const text = env[name]?.trim()
    if (!text) return fallback
    if (!/^[1-9]\d*$/.test(text) || !Number.isSafeInteger(Number(text)))
      throw new Error(`${name} must be a positive whole number, not ${JSON.stringify(env[name])}`)
    return Number(text)
  }
  return {
    bytes: read('KILN_MAX_ARCHIVE_BYTES', DEFAULT_ARCHIVE_LIMITS.bytes),
    entries: read('KILN_MAX_ARCHIVE_ENTRIES', DEFAULT_ARCHIVE_LIMITS.entries)
  }
}

/**
 * Normalises a tar entry name: `./a//b/` → `a/b`; the root itself is ''. Throws a reason
 * (string) for absolute names and `..` components.
 */
export function normaliseEntryName(name: string): string {
  if (name.includes('\0')) throw 'a NUL byte in the name'
  if (name.startsWith('/')) throw 'an absolute name'
  const parts: string[] = []
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') throw 'a ".." component leaves the root'
    parts.push(part)
  }
  return parts.join('/')
}

export interface GuardOptions {
  /**
   * An existing directory the archive will be extracted over (GNU tar, genoci `expand`). Its
   * symlinks count too: tar follows a symlink in the middle of a path on the host, so an entry
   * whose parent path goes through a link that is absolute, or relative but climbing out of
   * `root`, is refused. Links that stay inside (merged /usr: lib -> usr/lib) are fine.
   */
  root?: string
  /** Size bounds; default archiveLimits() (the environment, else DEFAULT_ARCHIVE_LIMITS). */
  limits?: ArchiveLimits
}

/** What the guard looks at in an entry's header (tar-stream's header, or a test's). */
export interface GuardedEntry {
  name: string
  /** undefined: a file; null: a type the parser does not know (GNU sparse 'S', volume labels…). */
  type?: string | null
  linkname?: string | null
  size?: number
  pax?: Record<string, string> | null
}

/** Checks the entries of one archive in order; keeps the symlinks and files seen so far. */
export class TarGuard {
  private readonly symlinks = new Set<string>()
  /** Non-directory, non-symlink entries written so far: what a hardlink may point to. */
  private readonly linkable = new Set<string>()
  /** Parent directory → why it is unsafe on disk (null: safe), for `root` checks. */
  private readonly onDisk = new Map<string, string | null>()
  readonly limits: ArchiveLimits
  entries = 0
  /** Sum of the entries' data sizes so far. */
  dataBytes = 0

  constructor(
    readonly archive: string,
    private readonly opts: GuardOptions = {}
  ) {
    this.limits = opts.limits ?? archiveLimits()
  }

  /** Throws TarSafetyError if the entry could land outside the root. Returns the normalised name. */
  check(entry: GuardedEntry): string {
    const fail = (reason: string): never => {
      throw new TarSafetyError(this.archive, entry.name, reason)
    }
    if (entry.type === null)
      fail('an entry type Kiln does not accept (a GNU sparse file, type S, or another extension)')
    const type = entry.type ?? 'file'
    if (!ALLOWED.has(type)) fail(`unsupported entry type ${type}`)
    const sparse = Object.keys(entry.pax ?? {}).find((k) => k.startsWith('GNU.sparse.'))
    if (sparse) fail(`a GNU sparse file (pax ${sparse}): its real size is not what the archive holds`)
    const size = entry.size ?? 0
    if (size > 0 && !FILE_TYPES.has(type)) fail(`a ${type} that carries ${size} bytes of data`)
    // GNU tar takes a regular entry named "x/" for a directory; tar-stream, for a file.
    if (FILE_TYPES.has(type) && entry.name.endsWith('/'))
      fail('a file whose name ends with "/" (readers disagree on whether it is a directory)')
    if (this.entries >= this.limits.entries)
      fail(`the archive has more than ${this.limits.entries} entries (KILN_MAX_ARCHIVE_ENTRIES)`)
    this.dataBytes += size
    if (this.dataBytes > this.limits.bytes)
      fail(`the archive expands to more than ${this.limits.bytes} bytes (KILN_MAX_ARCHIVE_BYTES)`)
    let path = ''
    try {
      path = normaliseEntryName(entry.name)
    } catch (reason) {
      fail(String(reason))
    }
    if (path === '' && type !== 'directory') fail(`a ${type} cannot be the root`)
    const through = this.crossedSymlink(path)
    if (through !== null) fail(`its path goes through the symlink ${JSON.stringify(through)}`)
    let target = ''
    if (type === 'link') {
      const named = JSON.stringify(entry.linkname)
      try {
        target = normaliseEntryName(entry.linkname ?? '')
      } catch (reason) {
        fail(`hardlink target ${named}: ${String(reason)}`)
      }
      if (target === '') fail('hardlink to the root')
      const t = this.crossedSymlink(target)
      if (t !== null) fail(`hardlink target ${named} goes through the symlink ${JSON.stringify(t)}`)
    }
    if (this.opts.root) {
      const why = this.unsafeOnDisk(parentOf(path))
      if (why) fail(why)
      if (type === 'link') {
        const twhy = this.unsafeOnDisk(parentOf(target))
        if (twhy) fail(`hardlink target ${JSON.stringify(entry.linkname)}: ${twhy}`)
      }
    }
    if (type === 'link') {
      const named = JSON.stringify(entry.linkname)
      if (this.symlinks.has(target))
        fail(
          `hardlink to the symlink ${named} (readers disagree on whether it links the symlink or its target)`
        )
      if (!this.linkable.has(target))
        fail(`hardlink target ${named} is not a file written earlier in the archive`)
    }
    if (type === 'symlink') {
      this.symlinks.add(path)
      this.linkable.delete(path)
    } else if (type === 'directory') {
      if (this.symlinks.has(path)) fail('a directory over a symlink of the same name')
      this.linkable.delete(path)
    } else {
      // A file or device replaces a link of the same name: extractors unlink it first.
      this.symlinks.delete(path)
      this.linkable.add(path)
    }
    this.entries++
    return path
  }

  /** Why writing below `dir` (relative to opts.root) would leave the root through a symlink on disk, or null. */
  private unsafeOnDisk(dir: string): string | null {
    if (!dir) return null
    const cached = this.onDisk.get(dir)
    if (cached !== undefined) return cached
    const why = resolveInRoot(this.opts.root!, dir)
    this.onDisk.set(dir, why)
    return why
  }

  /** The first proper ancestor of `path` that is a known symlink, or null. */
  private crossedSymlink(path: string): string | null {
    if (this.symlinks.size === 0) return null
    let i = path.indexOf('/')
    while (i !== -1) {
      const prefix = path.slice(0, i)
      if (this.symlinks.has(prefix)) return prefix
      i = path.indexOf('/', i + 1)
    }
    return null
  }
}

function parentOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : ''
}

/**
 * Follows `rel` inside `root` as the host would (symlinks included) without leaving it:
 * null when every step stays inside (or a step does not exist yet: tar creates it), else the
 * reason. Absolute link targets are refused because on the host they point outside the root.
 */
export function resolveInRoot(root: string, rel: string): string | null {
  const queue = rel.split('/')
  const real: string[] = []
  let hops = 0
  while (queue.length) {
    const c = queue.shift()!
    if (c === '' || c === '.') continue
    if (c === '..') {
      if (!real.length)
        return `the existing symlinks under the root lead out of it (at ${JSON.stringify(rel)})`
      real.pop()
      continue
    }
    let st
    try {
      st = lstatSync(join(root, ...real, c))
    } catch {
      return null
    }
    if (st.isSymbolicLink()) {
      if (++hops > 40) return `too many levels of symlinks under ${JSON.stringify(rel)}`
      const target = readlinkSync(join(root, ...real, c))
      if (target.startsWith('/')) {
        return `its path goes through the existing symlink ${JSON.stringify([...real, c].join('/'))} -> ${target} (absolute: outside the root on the host)`
      }
      queue.unshift(...target.split('/'))
      continue
    }
    if (!st.isDirectory())
      return `its path goes through ${JSON.stringify([...real, c].join('/'))}, which is not a directory`
    real.push(c)
  }
  return null
}

/** tar-stream's parser state around its metadata records (version 3; see watchMetaRecords). */
interface ParserInternals {
  _header: { type: string | null; name: string } | null
  _pax: Record<string, string> | null
  _paxGlobal: Record<string, string> | null
  _gnuLongPath: string | null
  _gnuLongLinkPath: string | null
  _decodeLongHeader?: (buf: Buffer) => void
}

/** pax keys that change an entry's name or framing: readers differ on a global one. */
const GLOBAL_REFUSED = ['path', 'linkpath', 'size']

/**
 * Refuses, as tar-stream reads them, metadata records on which readers disagree: tar-stream
 * applies the last of a GNU `L` name and a pax `path`, GNU tar the pax one, others the
 * first; a pax global `path` is applied by some readers to every later entry, by
 * tar-stream only to entries that have a pax header of their own. tar-stream keeps these
 * records to itself, so its decoder is wrapped (pinned major version; a test fails if it
 * changes shape).
 */
function watchMetaRecords(parser: tarStream.Extract, refuse: (entry: string, reason: string) => void): void {
  const p = parser as unknown as ParserInternals
  const decode = p._decodeLongHeader?.bind(parser)
  if (!decode) throw new Error('tar-stream no longer decodes metadata records where Kiln expects it')
  p._decodeLongHeader = (buf: Buffer): void => {
    const kind = p._header?.type
    const had = { pax: p._pax, name: p._gnuLongPath, link: p._gnuLongLinkPath }
    decode(buf)
    const name = p._gnuLongPath ?? p._pax?.path ?? had.name ?? '(metadata record)'
    if (kind === 'pax-global-header') {
      const keys = Object.keys(p._paxGlobal ?? {}).filter(
        (k) => GLOBAL_REFUSED.includes(k) || k.startsWith('GNU.sparse.')
      )
      if (keys.length)
        refuse(
          '(pax global header)',
          `a pax global header sets ${keys.join(', ')} (readers disagree on what it applies to)`
        )
    } else if (kind === 'pax-header') {
      if (had.pax) refuse(name, 'two pax extended headers for one entry')
      // tar-stream ignores an empty path or linkpath; GNU tar and Go apply it.
      for (const key of ['path', 'linkpath'])
        if (p._pax?.[key] === '') refuse(name, `an empty pax ${key} (readers disagree on whether it applies)`)
      if ('path' in (p._pax ?? {}) && p._gnuLongPath !== null)
        refuse(name, 'both a GNU long name and a pax path for one entry (readers disagree on which wins)')
      if ('linkpath' in (p._pax ?? {}) && p._gnuLongLinkPath !== null)
        refuse(name, 'both a GNU long link name and a pax linkpath for one entry')
    } else if (kind === 'gnu-long-path') {
      if (had.name !== null) refuse(name, 'two GNU long names for one entry')
      if (had.pax && 'path' in had.pax)
        refuse(name, 'both a pax path and a GNU long name for one entry (readers disagree on which wins)')
    } else if (kind === 'gnu-long-link-path') {
      if (had.link !== null) refuse(name, 'two GNU long link names for one entry')
      if (had.pax && 'linkpath' in had.pax)
        refuse(name, 'both a pax linkpath and a GNU long link name for one entry')
    }
  }
}

/** An approved entry, as the one parser read it. */
export interface CheckedEntry {
  /** Normalised name ('' for the root). */
  path: string
  header: tarStream.Header
}

/**
 * The one reader of an outside archive: tar-stream's parser, its metadata records watched,
 * every entry judged by a TarGuard, the uncompressed bytes counted. `onEntry` sees only
 * approved entries and must consume the body; the first failure is reported to `fail` and
 * no later entry is handed out.
 */
class CheckedReader {
  readonly guard: TarGuard
  readonly parser = tarStream.extract()
  private bytes = 0
  failure: Error | null = null

  constructor(
    readonly archive: string,
    opts: GuardOptions,
    private readonly onFailure: (e: Error) => void,
    onEntry: (entry: CheckedEntry, body: AsyncIterable<Buffer>) => Promise<void> = drain
  ) {
    this.guard = new TarGuard(archive, opts)
    watchMetaRecords(this.parser, (entry, reason) => this.fail(new TarSafetyError(archive, entry, reason)))
    this.parser.on('entry', (header, body, next) => {
      // A truncated archive errors the entry too; the parser's own error reports it.
      body.on('error', () => {})
      if (this.failure) {
        body.resume()
        return
      }
      let path: string
      try {
        path = this.guard.check(header as GuardedEntry)
      } catch (e) {
        this.fail(e as Error)
        body.resume()
        return
      }
      onEntry({ path, header }, body as AsyncIterable<Buffer>).then(
        () => next(),
        (e: unknown) => {
          this.fail(e instanceof Error ? e : new Error(String(e)))
          body.resume()
        }
      )
    })
    this.parser.on('error', (e: Error) =>
      this.fail(
        e instanceof TarSafetyError ? e : new Error(`${archive}: not a valid tar archive: ${e.message}`)
      )
    )
  }

  /** Counts `n` more uncompressed bytes; false (and the reader failed) past the limit. */
  count(n: number): boolean {
    this.bytes += n
    if (this.bytes <= this.guard.limits.bytes) return true
    this.fail(
      new TarSafetyError(
        this.archive,
        '(whole archive)',
        `the archive expands to more than ${this.guard.limits.bytes} bytes (KILN_MAX_ARCHIVE_BYTES)`
      )
    )
    return false
  }

  fail(e: Error): void {
    if (this.failure) return
    this.failure = e
    this.onFailure(e)
  }
}

async function drain(_entry: CheckedEntry, body: AsyncIterable<Buffer>): Promise<void> {
  for await (const _ of body) void _
}

/**
 * A pass-through stream that checks a plain (uncompressed) tar while it flows: output bytes
 * are the input bytes. It fails with TarSafetyError on the first bad entry, and with an error
 * naming the archive when the tar is truncated or malformed. Whatever consumed the bytes so
 * far must be discarded on failure (putLayer does: its temp file is removed).
 */
export function checkedTar(archive: string, opts: GuardOptions = {}): Transform & { guard: TarGuard } {
  return new CheckedTar(archive, opts)
}

class CheckedTar extends Transform {
  readonly guard: TarGuard
  private readonly reader: CheckedReader

  constructor(archive: string, opts: GuardOptions) {
    super({ highWaterMark: 1 << 20 })
    this.reader = new CheckedReader(archive, opts, (e) => this.destroy(e))
    this.guard = this.reader.guard
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    const { reader } = this
    if (reader.failure || !reader.count(chunk.length)) return cb(reader.failure)
    this.push(chunk)
    if (reader.parser.write(chunk)) cb()
    else reader.parser.once('drain', () => cb())
  }

  override _flush(cb: TransformCallback): void {
    const { reader } = this
    if (reader.failure) return cb(reader.failure)
    reader.parser.once('finish', () => cb(reader.failure ?? undefined))
    reader.parser.end(undefined)
  }
}

/**
 * Checks a whole tar (any compression) without keeping anything; resolves with the entry
 * count. Give `opts.root` when the archive will then be extracted over an existing tree.
 */
export async function checkTar(
  input: Readable,
  archive: string,
  reporter?: Reporter,
  opts: GuardOptions = {}
): Promise<number> {
  const check = checkedTar(archive, opts)
  await pipeline(decompressStream(input, archive, reporter), check, async (src: AsyncIterable<Buffer>) => {
    for await (const _ of src) void _
  })
  return check.guard.entries
}

export interface ExtractOptions {
  /** Names the archive in errors (a path, or "pack foo"). */
  archive: string
  reporter?: Reporter
  limits?: ArchiveLimits
}

/**
 * Extracts a tar (gzip, xz, zstd, bzip2 or plain) into `dest`, which must not exist yet:
 * into a temporary sibling first, renamed to `dest` only when every entry passed the checks
 * and the archive ended cleanly; on failure the temporary directory is removed. What is
 * written is exactly what the check approved: the entries come from the same parser, each
 * one after its check, and every path is resolved with secureJoin besides. Owners are kept
 * (numeric) when running as root. Device nodes and fifos are skipped, and extended
 * attributes are not restored.
 */
export async function extractTar(input: Readable, dest: string, opts: ExtractOptions): Promise<void> {
  if (await stat(dest).catch(() => null)) throw new Error(`extract ${opts.archive}: ${dest} already exists`)
  const tmp = join(
    dirname(dest),
    `.${basename(dest)}.extract-${process.pid}-${randomBytes(4).toString('hex')}`
  )
  await mkdir(tmp, { recursive: true })
  const writer = new EntryWriter(tmp, opts)
  const reader = new CheckedReader(
    opts.archive,
    { limits: opts.limits },
    (e) => sink.destroy(e),
    (entry, body) => writer.write(entry, body)
  )
  const sink = new Writable({
    highWaterMark: 1 << 20,
    write(chunk: Buffer, _enc, cb) {
      if (reader.failure || !reader.count(chunk.length)) return cb(reader.failure)
      if (reader.parser.write(chunk)) cb()
      else reader.parser.once('drain', () => cb())
    },
    final(cb) {
      if (reader.failure) return cb(reader.failure)
      reader.parser.once('finish', () => cb(reader.failure ?? undefined))
      reader.parser.end(undefined)
    }
  })
  try {
    await pipeline(decompressStream(input, opts.archive, opts.reporter), sink)
    await writer.finish()
    await rename(tmp, dest)
  } catch (e) {
    await rm(tmp, { recursive: true, force: true })
    if (e instanceof TarSafetyError) throw e
    throw new Error(`extract ${opts.archive}: ${e instanceof Error ? e.message : String(e)}`, { cause: e })
  }
}

/** Writes approved entries under a fresh root; directory modes and times are set last. */
class EntryWriter {
  private readonly asRoot = process.getuid?.() === 0
  private readonly dirs: Array<{ at: string; mode: number; mtime?: Date }> = []

  constructor(
    private readonly root: string,
    private readonly opts: ExtractOptions
  ) {}

  async write({ path, header }: CheckedEntry, body: AsyncIterable<Buffer>): Promise<void> {
    const type = header.type ?? 'file'
    const mode = (header.mode ?? (type === 'directory' ? 0o755 : 0o644)) & 0o7777
    if (type === 'directory') {
      const at = path === '' ? this.root : await secureJoin(this.root, path)
      await mkdir(at, { recursive: true, mode: 0o700 })
      await this.own(at, header)
      this.dirs.push({ at, mode, mtime: header.mtime })
      return drain({ path, header }, body)
    }
    // The parent is resolved inside the root; the last component is replaced, never followed.
    const parent = await secureJoin(this.root, dirname(path))
    await mkdir(parent, { recursive: true, mode: 0o755 })
    const at = join(parent, basename(path))
    await rm(at, { force: true })
    switch (type) {
      case 'file':
      case 'contiguous-file':
        await pipeline(body, createWriteStream(at, { flags: 'wx', mode: 0o600 }))
        await this.own(at, header)
        await chmod(at, mode)
        if (header.mtime) await utimes(at, header.mtime, header.mtime)
        return
      case 'symlink':
        await symlink(header.linkname ?? '', at)
        await this.own(at, header)
        if (header.mtime) await lutimes(at, header.mtime, header.mtime)
        return drain({ path, header }, body)
      case 'link': {
        const target = normaliseEntryName(header.linkname ?? '')
        await link(join(await secureJoin(this.root, dirname(target)), basename(target)), at)
        return drain({ path, header }, body)
      }
      default:
        this.opts.reporter?.debug(`${this.opts.archive}: ${path}: ${type} not extracted`)
        return drain({ path, header }, body)
    }
  }

  /** Modes last (a read-only directory would refuse its own entries), deepest first. */
  async finish(): Promise<void> {
    for (const d of this.dirs.reverse()) {
      await chmod(d.at, d.mode)
      if (d.mtime) await utimes(d.at, d.mtime, d.mtime)
    }
  }

  private async own(at: string, header: tarStream.Header): Promise<void> {
    if (this.asRoot) await lchown(at, header.uid ?? 0, header.gid ?? 0)
  }
}
