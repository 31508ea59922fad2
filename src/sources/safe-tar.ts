/**
 * Tarballs from outside (base images, overlay packs, genoci `expand`) are hostile until
 * checked. Every entry is checked, in archive order, before anything is kept:
 *
 * - names are normalised (`./` and empty components dropped); a `..` component or an
 *   absolute name is refused, never silently rewritten (GNU tar strips a leading `/`,
 *   which turns `/etc/shadow` into something that still lands where the author wanted);
 * - the symlinks seen so far are remembered: an entry whose parent path goes through one
 *   (`evil -> /etc` then `evil/passwd`) is refused, and so is a directory entry over a
 *   symlink (extractors keep the link and then write through it);
 * - a hardlink's target obeys the same rules (no `..`, not absolute, not through a symlink);
 * - only regular files, directories, symlinks, hardlinks, devices and fifos are allowed.
 *
 * Symlink *targets* are left alone: inside an image root an absolute target is relative to
 * that root (a rootfs is full of them); only writing through a link is dangerous.
 *
 * Two ways to use it: `checkedTar()` passes the bytes through unchanged while checking (to
 * store a base tarball as a layer: byte-exact, so pax xattrs such as security.capability
 * survive), and `extractTar()` unpacks into a temporary directory renamed into place only
 * when the whole archive passed.
 */
import { randomBytes } from 'node:crypto'
import { lstatSync, readlinkSync } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { Transform, type Readable, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import * as tar from 'tar'
import tarStream from 'tar-stream'
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
}

/** Checks the entries of one archive in order; keeps the symlinks seen so far. */
export class TarGuard {
  private readonly symlinks = new Set<string>()
  /** Parent directory → why it is unsafe on disk (null: safe), for `root` checks. */
  private readonly onDisk = new Map<string, string | null>()
  entries = 0

  constructor(
    readonly archive: string,
    private readonly opts: GuardOptions = {}
  ) {}

  /** Throws TarSafetyError if the entry could land outside the root. Returns the normalised name. */
  check(entry: { name: string; type?: string | null; linkname?: string | null }): string {
    const type = entry.type ?? 'file'
    const fail = (reason: string): never => {
      throw new TarSafetyError(this.archive, entry.name, reason)
    }
    if (!ALLOWED.has(type)) fail(`unsupported entry type ${type}`)
    let path = ''
    try {
      path = normaliseEntryName(entry.name)
    } catch (reason) {
      fail(String(reason))
    }
    if (path === '' && type !== 'directory') fail(`a ${type} cannot be the root`)
    const through = this.crossedSymlink(path)
    if (through !== null) fail(`its path goes through the symlink ${JSON.stringify(through)}`)
    if (type === 'link') {
      let target = ''
      try {
        target = normaliseEntryName(entry.linkname ?? '')
      } catch (reason) {
        fail(`hardlink target ${JSON.stringify(entry.linkname)}: ${String(reason)}`)
      }
      if (target === '') fail('hardlink to the root')
      const t = this.crossedSymlink(target)
      if (t !== null)
        fail(
          `hardlink target ${JSON.stringify(entry.linkname)} goes through the symlink ${JSON.stringify(t)}`
        )
    }
    if (this.opts.root) {
      const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : ''
      const why = this.unsafeOnDisk(parent)
      if (why) fail(why)
      if (type === 'link') {
        const target = normaliseEntryName(entry.linkname ?? '')
        const tparent = target.includes('/') ? target.slice(0, target.lastIndexOf('/')) : ''
        const twhy = this.unsafeOnDisk(tparent)
        if (twhy) fail(`hardlink target ${JSON.stringify(entry.linkname)}: ${twhy}`)
      }
    }
    if (type === 'symlink') {
      this.symlinks.add(path)
    } else if (this.symlinks.has(path)) {
      if (type === 'directory') fail('a directory over a symlink of the same name')
      // A file or device replaces the link: extractors unlink it first.
      this.symlinks.delete(path)
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
  private readonly parser = tarStream.extract()
  private failure: Error | null = null

  constructor(
    readonly archive: string,
    opts: GuardOptions
  ) {
    super({ highWaterMark: 1 << 20 })
    this.guard = new TarGuard(archive, opts)
    this.parser.on('entry', (header, body, next) => {
      // A truncated archive errors the entry too; the parser's own error reports it.
      body.on('error', () => {})
      try {
        this.guard.check(header)
      } catch (e) {
        this.fail(e as Error)
        body.resume()
        return
      }
      body.on('end', () => next())
      body.resume()
    })
    this.parser.on('error', (e: Error) =>
      this.fail(new Error(`${archive}: not a valid tar archive: ${e.message}`))
    )
  }

  private fail(e: Error): void {
    if (this.failure) return
    this.failure = e
    this.destroy(e)
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (this.failure) return cb(this.failure)
    this.push(chunk)
    if (this.parser.write(chunk)) cb()
    else this.parser.once('drain', () => cb())
  }

  override _flush(cb: TransformCallback): void {
    if (this.failure) return cb(this.failure)
    this.parser.once('finish', () => cb(this.failure ?? undefined))
    this.parser.end(undefined)
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

const NODE_TAR_TYPES: Record<string, string> = {
  File: 'file',
  OldFile: 'file',
  ContiguousFile: 'file',
  Link: 'link',
  SymbolicLink: 'symlink',
  Directory: 'directory',
  CharacterDevice: 'character-device',
  BlockDevice: 'block-device',
  FIFO: 'fifo'
}

export interface ExtractOptions {
  /** Names the archive in errors (a path, or "pack foo"). */
  archive: string
  reporter?: Reporter
}

/**
 * Extracts a tar (gzip, xz, zstd, bzip2 or plain) into `dest`, which must not exist yet:
 * into a temporary sibling first, renamed to `dest` only when every entry passed the checks
 * and the archive ended cleanly; on failure the temporary directory is removed. Owners are
 * kept (numeric) when running as root. Device nodes are skipped (node-tar does not create
 * them) and extended attributes are not restored.
 */
export async function extractTar(input: Readable, dest: string, opts: ExtractOptions): Promise<void> {
  if (await stat(dest).catch(() => null)) throw new Error(`extract ${opts.archive}: ${dest} already exists`)
  const tmp = join(
    dirname(dest),
    `.${basename(dest)}.extract-${process.pid}-${randomBytes(4).toString('hex')}`
  )
  await mkdir(tmp, { recursive: true })
  const guard = new TarGuard(opts.archive)
  let refused: Error | null = null
  try {
    const unpack = tar.x({
      cwd: tmp,
      preserveOwner: process.getuid?.() === 0,
      // The guard below refuses absolute names, `..` and paths through symlinks before node-tar
      // sees an entry; preservePaths keeps node-tar from rewriting absolute symlink targets,
      // which inside an image root are meant relative to that root.
      preservePaths: true,
      // Refuse, rather than let node-tar rewrite, anything the guard would not pass.
      filter: (path, entry) => {
        if (refused) return false
        const type = 'type' in entry ? (NODE_TAR_TYPES[entry.type] ?? String(entry.type)) : 'file'
        try {
          guard.check({ name: path, type, linkname: 'linkpath' in entry ? entry.linkpath : undefined })
          return true
        } catch (e) {
          refused = e as Error
          return false
        }
      },
      onwarn: (code, message) => opts.reporter?.debug(`${opts.archive}: ${code}: ${String(message)}`)
    })
    await pipeline(decompressStream(input, opts.archive, opts.reporter), unpack)
    if (refused) throw refused
    await rename(tmp, dest)
  } catch (e) {
    await rm(tmp, { recursive: true, force: true })
    if (e instanceof TarSafetyError) throw e
    throw new Error(`extract ${opts.archive}: ${e instanceof Error ? e.message : String(e)}`, { cause: e })
  }
}
