/**
 * The GitHub Actions cache as a backend, through @actions/cache (cache service v2).
 *
 *   blob     kiln-blob-<hex>~<n>          layer blobs, written once (looked up first)
 *   record   kiln-rec-<image key>~<n>     one per image build
 *   pointer  kiln-last-<name>~<n>         a new entry per save
 *
 * Entries of the service are immutable, so every kind is read by the prefix before "~", which
 * the service answers with the newest entry of that prefix (restore-keys semantics). Blobs and
 * records are written once; only when one was found corrupt is a newer one written, which then
 * supersedes the bad entry (it cannot be overwritten, and would otherwise poison every later
 * run). <n> is a time stamp plus a random part, so concurrent writers never collide. Names of
 * images cannot contain "~", so "kiln-last-a~" never matches the pointers of "a.b".
 *
 * Why every entry goes through a fixed absolute path (STAGE_ROOT/<kind>/<name>): @actions/cache
 * hashes the list of cached paths, as given, into the entry's "version", and a lookup only matches
 * entries of the same version. A path under RUNNER_TEMP or the workspace differs between runners
 * (and between hosted and self-hosted ones), so an entry saved on one would never be found on
 * another. The same absolute path on every runner gives the same version everywhere.
 *
 * Why GITHUB_WORKSPACE is pinned to "/" around each call: the toolkit stores paths in its tar
 * relative to GITHUB_WORKSPACE and extracts relative to it again, so "/tmp/..." saved from a
 * workspace 5 directories deep would come back 5 levels up from a deeper workspace on another
 * runner. Relative to "/", it comes back where it was saved.
 *
 * The toolkit compresses (zstd when the runner has it, which also goes into the version) and
 * retries; it reports its own failures as warnings and answers "not found", which ImageCache
 * treats as a miss. Layers are stored uncompressed in the store, so nothing is compressed twice.
 */
import * as cache from '@actions/cache'
import { randomBytes } from 'node:crypto'
import { copyFile, link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Reporter } from '../util/log.js'
import { digestHex } from './digest.js'
import type { CacheBackend, CacheRecord, NamePointer, PutOptions } from './types.js'

export const STAGE_ROOT = '/tmp/kiln-cache-stage'

export interface GithubCacheOptions {
  reporter?: Reporter
  /** Prefix of every key, to keep several catalogs of one repository apart (default "kiln"). */
  prefix?: string
  /** Overridable for tests only; must be the same on every runner that shares entries. */
  stageRoot?: string
}

export class GithubCache implements CacheBackend {
  readonly name = 'github'
  private readonly prefix: string
  private readonly stageRoot: string
  private readonly reporter?: Reporter
  /** One operation at a time per staged path: two images sharing a layer must not race on its file. */
  private readonly busy = new Map<string, Promise<unknown>>()

  constructor(opts: GithubCacheOptions = {}) {
    this.prefix = opts.prefix ?? 'kiln'
    this.stageRoot = opts.stageRoot ?? STAGE_ROOT
    this.reporter = opts.reporter
  }

  /** Whether the runner gave this job access to the cache service. */
  static available(): boolean {
    return cache.isFeatureAvailable()
  }

  async getBlob(digest: string, destPath: string): Promise<boolean> {
    const hex = digestHex(digest)
    const staged = join(this.stageRoot, 'blob', hex)
    return this.exclusive(staged, async () => {
      if (!(await this.restore(staged, this.key('blob', hex)))) return false
      await moveFile(staged, destPath)
      return true
    })
  }

  async putBlob(digest: string, srcPath: string, opts: PutOptions = {}): Promise<boolean> {
    const hex = digestHex(digest)
    const staged = join(this.stageRoot, 'blob', hex)
    return this.exclusive(staged, async () => {
      if (!opts.replace && (await this.lookup(staged, this.key('blob', hex)))) return false
      await opts.check?.()
      await mkdir(dirname(staged), { recursive: true })
      await rm(staged, { force: true })
      // A hard link when the store is on the same file system: no copy of a big layer.
      await link(srcPath, staged).catch(() => copyFile(srcPath, staged))
      try {
        return await this.save(staged, this.key('blob', hex))
      } finally {
        await rm(staged, { force: true })
      }
    })
  }

  async getRecord(key: string): Promise<unknown> {
    const staged = join(this.stageRoot, 'rec', `${checkKey(key)}.json`)
    return this.exclusive(staged, () => this.readStaged(staged, this.key('rec', key)))
  }

  async putRecord(key: string, record: CacheRecord, opts: PutOptions = {}): Promise<void> {
    const staged = join(this.stageRoot, 'rec', `${checkKey(key)}.json`)
    await this.exclusive(staged, async () => {
      if (!opts.replace && (await this.lookup(staged, this.key('rec', key)))) return
      await this.writeStaged(staged, this.key('rec', key), JSON.stringify(record))
    })
  }

  async getPointer(name: string): Promise<unknown> {
    const staged = join(this.stageRoot, 'last', `${checkName(name)}.json`)
    return this.exclusive(staged, () => this.readStaged(staged, this.key('last', name)))
  }

  async putPointer(name: string, pointer: NamePointer): Promise<void> {
    const staged = join(this.stageRoot, 'last', `${checkName(name)}.json`)
    await this.exclusive(staged, () =>
      this.writeStaged(staged, this.key('last', name), JSON.stringify(pointer))
    )
  }

  /** The lookup prefix of an entry: `<prefix>-<kind>-<id>~`. */
  private key(kind: 'blob' | 'rec' | 'last', id: string): string {
    return `${this.prefix}-${kind}-${id}~`
  }

  private async readStaged(staged: string, prefix: string): Promise<unknown> {
    if (!(await this.restore(staged, prefix))) return null
    try {
      return JSON.parse(await readFile(staged, 'utf8'))
    } finally {
      await rm(staged, { force: true })
    }
  }

  private async writeStaged(staged: string, prefix: string, text: string): Promise<void> {
    await mkdir(dirname(staged), { recursive: true })
    await writeFile(staged, text)
    try {
      await this.save(staged, prefix)
    } finally {
      await rm(staged, { force: true })
    }
  }

  /** Saves a new entry under the prefix; throws when it could not be saved. */
  private async save(staged: string, prefix: string): Promise<boolean> {
    const key = `${prefix}${Date.now()}-${randomBytes(3).toString('hex')}`
    const id = await withRootWorkspace(() => cache.saveCache([staged], key))
    // -1: the toolkit already warned (or was told not to write: a read-only cache token).
    if (id === -1) throw new Error(`cache entry ${key} could not be saved`)
    return true
  }

  /** Whether an entry of this prefix exists, without downloading it. */
  private async lookup(staged: string, prefix: string): Promise<boolean> {
    const hit = await withRootWorkspace(() =>
      cache.restoreCache([staged], prefix, [prefix], { lookupOnly: true })
    )
    return hit !== undefined
  }

  /** Restores the newest entry of the prefix to its staged path. */
  private async restore(staged: string, prefix: string): Promise<boolean> {
    await rm(staged, { force: true })
    const hit = await withRootWorkspace(() => cache.restoreCache([staged], prefix, [prefix]))
    if (hit === undefined) return false
    // A hit whose archive did not hold the path (an entry written by something else) is a miss.
    return stat(staged).then(
      () => true,
      () => {
        this.reporter?.debug(`cache entry ${hit} did not contain ${staged}`)
        return false
      }
    )
  }

  private async exclusive<T>(path: string, fn: () => Promise<T>): Promise<T> {
    const before = this.busy.get(path) ?? Promise.resolve()
    const mine = before.catch(() => undefined).then(fn)
    this.busy.set(path, mine)
    try {
      return await mine
    } finally {
      if (this.busy.get(path) === mine) this.busy.delete(path)
    }
  }
}

let pinned = 0
let savedWorkspace: string | undefined

/** Runs a toolkit call with GITHUB_WORKSPACE=/ (see the file comment); reference-counted for concurrent calls. */
async function withRootWorkspace<T>(fn: () => Promise<T>): Promise<T> {
  if (pinned++ === 0) {
    savedWorkspace = process.env.GITHUB_WORKSPACE
    process.env.GITHUB_WORKSPACE = '/'
  }
  try {
    return await fn()
  } finally {
    if (--pinned === 0) {
      if (savedWorkspace === undefined) delete process.env.GITHUB_WORKSPACE
      else process.env.GITHUB_WORKSPACE = savedWorkspace
    }
  }
}

async function moveFile(src: string, dest: string): Promise<void> {
  await mkdir(dirname(dest), { recursive: true })
  try {
    await rename(src, dest)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e
    const tmp = `${dest}.tmp-${randomBytes(6).toString('hex')}`
    await copyFile(src, tmp)
    await rename(tmp, dest)
    await rm(src, { force: true })
  }
}

function checkKey(key: string): string {
  if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`invalid image key ${JSON.stringify(key)}`)
  return key
}

function checkName(name: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith('.'))
    throw new Error(`invalid image name ${JSON.stringify(name)}`)
  return name
}
