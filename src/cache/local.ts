/**
 * A cache in a directory, for self-hosted runners whose disk outlives a job (or a shared mount):
 *
 *   <dir>/blobs/sha256/<hex>     layers (uncompressed tars, as in the store)
 *   <dir>/records/<key>.json     one record per image build
 *   <dir>/names/<name>.json      the newest build of each image name
 *
 * Everything is written to a temporary name and renamed, so several runners may share the
 * directory. A file's mtime is its last use: reading touches it. With a size cap, close() evicts
 * least recently used images, leaves before bases: an image whose layers start another image's
 * layer list is that image's ancestor and stays while the descendant is there, since the
 * descendant's restore needs the ancestor's layers anyway and other leaves are built on it.
 */
import { randomBytes } from 'node:crypto'
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Reporter } from '../util/log.js'
import { digestHex } from './digest.js'
import { formatSize } from './size.js'
import type { CacheBackend, CacheRecord, NamePointer, PutOptions } from './types.js'
import { tempFileFor } from '../util/lifecycle.js'

export interface LocalCacheOptions {
  dir: string
  /** Size cap in bytes; 0 or absent: no cap. */
  maxBytes?: number
  reporter?: Reporter
  /** Blobs no record references are kept this long (a concurrent save may be writing its record). */
  orphanGraceMs?: number
}

export class LocalCache implements CacheBackend {
  readonly name = 'local'
  private readonly dir: string
  private readonly maxBytes: number
  private readonly reporter?: Reporter
  private readonly orphanGraceMs: number

  constructor(opts: LocalCacheOptions) {
    this.dir = opts.dir
    this.maxBytes = opts.maxBytes ?? 0
    this.reporter = opts.reporter
    this.orphanGraceMs = opts.orphanGraceMs ?? 60 * 60_000
  }

  private blobFile(digest: string): string {
    return join(this.dir, 'blobs', 'sha256', digestHex(digest))
  }
  private recordFile(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`invalid image key ${JSON.stringify(key)}`)
    return join(this.dir, 'records', `${key}.json`)
  }
  private pointerFile(name: string): string {
    // Names are docker-tag safe already; this guards the path against anything else.
    if (!/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith('.'))
      throw new Error(`invalid image name ${JSON.stringify(name)}`)
    return join(this.dir, 'names', `${name}.json`)
  }

  async getBlob(digest: string, destPath: string): Promise<boolean> {
    const src = this.blobFile(digest)
    if (!(await exists(src))) return false
    await touch(src)
    await copyFile(src, destPath)
    return true
  }

  async putBlob(digest: string, srcPath: string, opts: PutOptions = {}): Promise<boolean> {
    const dest = this.blobFile(digest)
    const [have, want] = await Promise.all([stat(dest).catch(() => null), stat(srcPath)])
    if (have && have.size === want.size && !opts.replace) {
      await touch(dest)
      return false
    }
    await opts.check?.()
    await mkdir(dirname(dest), { recursive: true })
    const tmp = `${tempFileFor(dest)}-${randomBytes(6).toString('hex')}`
    try {
      await copyFile(srcPath, tmp)
      await rename(tmp, dest)
    } finally {
      await rm(tmp, { force: true })
    }
    return true
  }

  async getRecord(key: string): Promise<unknown> {
    return this.readJson(this.recordFile(key))
  }

  async putRecord(key: string, record: CacheRecord, opts: PutOptions = {}): Promise<void> {
    const file = this.recordFile(key)
    if (!opts.replace && (await exists(file))) {
      await touch(file)
      return
    }
    await writeAtomic(file, JSON.stringify(record))
  }

  async getPointer(name: string): Promise<unknown> {
    return this.readJson(this.pointerFile(name))
  }

  async putPointer(name: string, pointer: NamePointer): Promise<void> {
    await writeAtomic(this.pointerFile(name), JSON.stringify(pointer))
  }

  async close(): Promise<void> {
    if (this.maxBytes > 0) await this.evict(this.maxBytes)
  }

  /** Evicts until the directory holds at most maxBytes; returns what was removed. */
  async evict(maxBytes: number): Promise<{ images: number; bytes: number }> {
    const blobs = await this.listBlobs()
    const records = await this.listRecords()
    const removed = { images: 0, bytes: 0 }
    let total = [...blobs.values()].reduce((n, b) => n + b.size, 0)
    const referenced = (): Set<string> => new Set(records.flatMap((r) => r.layers))
    const removeUnreferenced = async (graceMs: number) => {
      const refs = referenced()
      const now = Date.now()
      for (const [digest, b] of blobs) {
        if (refs.has(digest) || now - b.mtimeMs < graceMs) continue
        await rm(this.blobFile(digest), { force: true })
        blobs.delete(digest)
        total -= b.size
        removed.bytes += b.size
      }
    }
    if (total <= maxBytes) return removed
    await removeUnreferenced(this.orphanGraceMs)
    while (total > maxBytes && records.length) {
      const leaves = records.filter((r) => !records.some((o) => o !== r && isPrefix(r.layers, o.layers)))
      const victim = leaves.sort((a, b) => a.mtimeMs - b.mtimeMs)[0] ?? records[0]
      records.splice(records.indexOf(victim), 1)
      await rm(this.recordFile(victim.key), { force: true })
      removed.images++
      await removeUnreferenced(0)
    }
    if (removed.images) {
      this.reporter?.info(
        `local cache: evicted ${removed.images} image(s), ${formatSize(removed.bytes)}, to stay under ${formatSize(maxBytes)}`
      )
    }
    return removed
  }

  private async listBlobs(): Promise<Map<string, { size: number; mtimeMs: number }>> {
    const dir = join(this.dir, 'blobs', 'sha256')
    const out = new Map<string, { size: number; mtimeMs: number }>()
    for (const f of await readdir(dir).catch(() => [] as string[])) {
      if (!/^[0-9a-f]{64}$/.test(f)) continue
      const s = await stat(join(dir, f)).catch(() => null)
      if (s) out.set(`sha256:${f}`, { size: s.size, mtimeMs: s.mtimeMs })
    }
    return out
  }

  private async listRecords(): Promise<Array<{ key: string; layers: string[]; mtimeMs: number }>> {
    const dir = join(this.dir, 'records')
    const out: Array<{ key: string; layers: string[]; mtimeMs: number }> = []
    for (const f of await readdir(dir).catch(() => [] as string[])) {
      const m = /^([0-9a-f]{64})\.json$/.exec(f)
      if (!m) continue
      try {
        const file = join(dir, f)
        const s = await stat(file)
        const r = JSON.parse(await readFile(file, 'utf8')) as CacheRecord
        out.push({ key: m[1], layers: r.layers.map((l) => l.digest), mtimeMs: s.mtimeMs })
      } catch {
        // A record that cannot be read is worthless: its blobs become unreferenced.
        await rm(join(dir, f), { force: true })
      }
    }
    return out
  }

  private async readJson(file: string): Promise<unknown> {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw e
    }
    await touch(file)
    return JSON.parse(text)
  }
}

/** True when `a` is a strict prefix of `b`: the image with layers `a` is an ancestor of `b`'s. */
function isPrefix(a: string[], b: string[]): boolean {
  return a.length < b.length && a.every((d, i) => b[i] === d)
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false
  )
}

async function touch(path: string): Promise<void> {
  const now = new Date()
  await utimes(path, now, now).catch(() => undefined)
}

async function writeAtomic(file: string, data: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const tmp = `${tempFileFor(file)}-${randomBytes(6).toString('hex')}`
  try {
    await writeFile(tmp, data)
    await rename(tmp, file)
  } finally {
    await rm(tmp, { force: true })
  }
}
