/**
 * The store as an OCI image layout (image-spec v1.1) on disk:
 *
 *   <root>/oci-layout          {"imageLayoutVersion":"1.0.0"}
 *   <root>/index.json          one descriptor per ref name (moving tag and dated tags)
 *   <root>/blobs/sha256/<hex>  layers (uncompressed tars), configs, manifests
 *   <root>/.kiln-tmp/          blobs being written (same filesystem, so a finished blob is renamed)
 *
 * Modelled on go-containerregistry's layout writer and umoci's cas: a blob is hashed while it
 * is written to a temporary file, then renamed to its digest; a blob already there with the
 * same size is not rewritten. index.json only changes under a lock, by temp + rename, so a
 * reader never sees half of it and a failed build never leaves a tag pointing nowhere.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { link, mkdir, open, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { STORE_TMP_DIR } from './defaults.js'
import { Mutex, pidAlive, withLockFile } from './lock.js'
import {
  ANNOTATION_CREATED,
  ANNOTATION_KEY,
  ANNOTATION_NAME,
  ANNOTATION_REF,
  MEDIA_CONFIG,
  MEDIA_INDEX,
  MEDIA_LAYER,
  MEDIA_MANIFEST,
  type Descriptor,
  type Digest,
  type LayerRef,
  type NewImage,
  type OciImageConfig,
  type OciManifest,
  type Store,
  type StoredImage
} from './types.js'
import { ioCause } from '../util/io-error.js'

export const OCI_LAYOUT_VERSION = '1.0.0'
const DIGEST_RE = /^sha256:[0-9a-f]{64}$/
/** Temp files older than this are removed by gc even when their writer's pid is reused. */
const STALE_TEMP_MS = 24 * 3600_000
/** Manifests and configs larger than this are not what kiln writes: refuse to parse them. */
const MAX_JSON_BLOB = 16 * 1024 * 1024

export interface OciIndex {
  schemaVersion: 2
  mediaType: typeof MEDIA_INDEX
  manifests: Descriptor[]
  annotations?: Record<string, string>
}

/** One ref of `listRefs`, with what index.json says about it. */
export interface RefEntry {
  ref: string
  digest: Digest
  key?: string
  /** Catalog image name (dev.kiln.image). */
  image?: string
  /** When the build was stored (org.opencontainers.image.created). */
  created?: string
}

/** What the layout store offers beyond the Store contract. */
export interface LayoutStore extends Store {
  /** Scratch directory on the store's filesystem, for spooling data that will become blobs. */
  readonly tmpDir: string
  /** Writes any blob from a stream (hashed on the way); with `expected`, a digest mismatch is an error and nothing is kept. */
  putBlobStream(
    input: NodeJS.ReadableStream,
    opts?: { mediaType?: string; expected?: Digest }
  ): Promise<Descriptor & { path: string }>
  /** Reads a small JSON blob (manifest, config). */
  readJsonBlob<T>(digest: Digest): Promise<T>
  listRefs(): Promise<RefEntry[]>
  /** Drops one ref name from index.json (its blobs stay until gc); false if it was not there. */
  removeRef(ref: string): Promise<boolean>
  gc(): Promise<{ removed: number; bytes: number; tempRemoved: number }>
}

/** Opens (creating when absent) the OCI image layout at `root`. */
export async function openStore(root: string): Promise<LayoutStore> {
  const store = new OciLayoutStore(resolve(root))
  await store.init()
  return store
}

class OciLayoutStore implements LayoutStore {
  readonly tmpDir: string
  private readonly blobDir: string
  private readonly indexPath: string
  private readonly lockPath: string
  private readonly mutex = new Mutex()

  constructor(readonly root: string) {
    this.tmpDir = join(root, STORE_TMP_DIR)
    this.blobDir = join(root, 'blobs', 'sha256')
    this.indexPath = join(root, 'index.json')
    this.lockPath = join(root, 'index.json.lock')
  }

  async init(): Promise<void> {
    await mkdir(this.blobDir, { recursive: true })
    await mkdir(this.tmpDir, { recursive: true })
    const layoutFile = join(this.root, 'oci-layout')
    const existing = await readFile(layoutFile, 'utf8').catch(() => null)
    if (existing === null) {
      await this.createIfAbsent(layoutFile, JSON.stringify({ imageLayoutVersion: OCI_LAYOUT_VERSION }))
    } else {
      let version: unknown
      try {
        version = (JSON.parse(existing) as { imageLayoutVersion?: unknown }).imageLayoutVersion
      } catch {
        version = undefined
      }
      if (typeof version !== 'string')
        throw new Error(`open store ${this.root}: oci-layout is not an OCI image layout marker`)
    }
    const empty: OciIndex = { schemaVersion: 2, mediaType: MEDIA_INDEX, manifests: [] }
    await this.createIfAbsent(this.indexPath, `${JSON.stringify(empty, null, 2)}\n`)
  }

  blobPath(digest: Digest): string {
    if (!DIGEST_RE.test(digest)) throw new Error(`store ${this.root}: not a sha256 digest: ${digest}`)
    return join(this.blobDir, digest.slice('sha256:'.length))
  }

  async hasBlob(digest: Digest): Promise<boolean> {
    try {
      return (await stat(this.blobPath(digest))).isFile()
    } catch {
      return false
    }
  }

  async putLayer(tar: NodeJS.ReadableStream): Promise<LayerRef> {
    const d = await this.putBlobStream(tar, { mediaType: MEDIA_LAYER })
    return { digest: d.digest, diffID: d.digest, size: d.size, mediaType: MEDIA_LAYER, path: d.path }
  }

  async putBlob(data: Buffer | string, mediaType: string): Promise<Descriptor> {
    const buf = typeof data === 'string' ? Buffer.from(data) : data
    const digest = `sha256:${createHash('sha256').update(buf).digest('hex')}`
    const path = this.blobPath(digest)
    if (!(await sameSize(path, buf.length))) {
      const tmp = this.tempName('blob')
      try {
        await writeFile(tmp, buf, { flag: 'wx' })
        await rename(tmp, path)
      } catch (e) {
        await rm(tmp, { force: true })
        throw new Error(`store ${this.root}: write blob ${digest}: ${msg(e)}`, { cause: e })
      }
    }
    return { mediaType, digest, size: buf.length }
  }

  async putBlobStream(
    input: NodeJS.ReadableStream,
    opts: { mediaType?: string; expected?: Digest } = {}
  ): Promise<Descriptor & { path: string }> {
    const tmp = this.tempName('blob')
    const out = createWriteStream(tmp, { flags: 'wx' })
    const hash = createHash('sha256')
    let size = 0
    const digester = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk)
        size += chunk.length
        cb(null, chunk)
      }
    })
    try {
      await pipeline(input as Readable, digester, out)
      const digest = `sha256:${hash.digest('hex')}`
      if (opts.expected && opts.expected !== digest) {
        throw new Error(`content does not match its digest: expected ${opts.expected}, got ${digest}`)
      }
      const path = this.blobPath(digest)
      if (await sameSize(path, size)) {
        // Already there (a base layer saved back from the engine, say): nothing to publish.
        await rm(tmp, { force: true })
      } else {
        // The rename publishes the blob: make its bytes durable first. Only new blobs pay.
        const fh = await open(tmp, 'r')
        try {
          await fh.sync()
        } finally {
          await fh.close()
        }
        await rename(tmp, path)
      }
      return { mediaType: opts.mediaType ?? 'application/octet-stream', digest, size, path }
    } catch (e) {
      // A stream that failed before the file was opened still opens (and creates) it later:
      // wait for it to close, or the temp file would appear after it was removed.
      if (!out.closed) await once(out, 'close').catch(() => undefined)
      await rm(tmp, { force: true })
      throw new Error(`store ${this.root}: write blob: ${msg(e)}`, { cause: e })
    }
  }

  async readJsonBlob<T>(digest: Digest): Promise<T> {
    const path = this.blobPath(digest)
    const st = await stat(path).catch(() => null)
    if (!st) throw new Error(`store ${this.root}: blob ${digest} is missing`)
    if (st.size > MAX_JSON_BLOB)
      throw new Error(`store ${this.root}: blob ${digest} is too large for a manifest or config`)
    const text = await readFile(path, 'utf8')
    try {
      return JSON.parse(text) as T
    } catch (e) {
      throw new Error(`store ${this.root}: blob ${digest} is not JSON: ${msg(e)}`)
    }
  }

  async putImage(image: NewImage): Promise<StoredImage> {
    if (!image.name || !/^[A-Za-z0-9][A-Za-z0-9._\-/:@+]*$/.test(image.name)) {
      throw new Error(`store ${this.root}: image name ${JSON.stringify(image.name)} cannot be a ref name`)
    }
    for (const l of image.layers) {
      if (!(await this.hasBlob(l.digest))) {
        throw new Error(
          `store ${this.root}: image ${image.name}: layer ${l.digest} is not in the store (write it with putLayer first)`
        )
      }
    }
    const created = new Date().toISOString()
    const config: OciImageConfig = {
      ...image.config,
      architecture: ociArch(image.config.architecture),
      os: image.config.os || 'linux',
      rootfs: { type: 'layers', diff_ids: image.layers.map((l) => l.diffID) }
    }
    const configDesc = await this.putBlob(`${JSON.stringify(config)}`, MEDIA_CONFIG)
    const manifest: OciManifest = {
      schemaVersion: 2,
      mediaType: MEDIA_MANIFEST,
      config: { mediaType: MEDIA_CONFIG, digest: configDesc.digest, size: configDesc.size },
      layers: image.layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
      annotations: {
        ...image.annotations,
        [ANNOTATION_KEY]: image.key,
        [ANNOTATION_NAME]: image.name,
        [ANNOTATION_CREATED]: created
      }
    }
    const manifestDesc = await this.putBlob(JSON.stringify(manifest), MEDIA_MANIFEST)
    const platform = { architecture: ociArch(config.architecture), os: config.os || 'linux' }
    const entry = (ref: string): Descriptor => ({
      mediaType: MEDIA_MANIFEST,
      digest: manifestDesc.digest,
      size: manifestDesc.size,
      platform,
      annotations: {
        [ANNOTATION_REF]: ref,
        [ANNOTATION_KEY]: image.key,
        [ANNOTATION_NAME]: image.name,
        [ANNOTATION_CREATED]: created
      }
    })
    let dated = ''
    await this.updateIndex((index) => {
      dated = nextDatedTag(
        image.name,
        created,
        index.manifests.map((m) => m.annotations?.[ANNOTATION_REF] ?? '')
      )
      index.manifests = index.manifests.filter((m) => m.annotations?.[ANNOTATION_REF] !== image.name)
      index.manifests.push(entry(image.name), entry(dated))
    })
    return {
      manifestDigest: manifestDesc.digest,
      manifest,
      config,
      layers: image.layers.map((l) => ({ ...l, path: this.blobPath(l.digest) })),
      refs: [image.name, dated],
      key: image.key
    }
  }

  async getImage(ref: string): Promise<StoredImage | null> {
    const index = await this.readIndex()
    let digest: Digest | undefined
    if (DIGEST_RE.test(ref)) {
      if (!(await this.hasBlob(ref))) return null
      digest = ref
    } else {
      digest = index.manifests.filter((m) => m.annotations?.[ANNOTATION_REF] === ref).pop()?.digest
      if (!digest) return null
    }
    const manifest = await this.readJsonBlob<OciManifest>(digest)
    if (manifest.mediaType && manifest.mediaType !== MEDIA_MANIFEST && !manifest.config) {
      throw new Error(`store ${this.root}: ${ref} is a ${manifest.mediaType}, not an image manifest`)
    }
    const config = await this.readJsonBlob<OciImageConfig>(manifest.config.digest)
    const diffIDs = config.rootfs?.diff_ids ?? []
    const layers: LayerRef[] = manifest.layers.map((l, i) => ({
      digest: l.digest,
      diffID: diffIDs[i] ?? l.digest,
      size: l.size,
      mediaType: l.mediaType,
      path: this.blobPath(l.digest)
    }))
    const refs = index.manifests
      .filter((m) => m.digest === digest && m.annotations?.[ANNOTATION_REF])
      .map((m) => m.annotations![ANNOTATION_REF])
    return {
      manifestDigest: digest,
      manifest,
      config,
      layers,
      refs,
      key: manifest.annotations?.[ANNOTATION_KEY]
    }
  }

  async findByKey(key: string): Promise<StoredImage | null> {
    const index = await this.readIndex()
    let best: Descriptor | undefined
    for (const m of index.manifests) {
      if (m.annotations?.[ANNOTATION_KEY] !== key) continue
      // Later entries win ties: index.json is appended in build order.
      if (
        !best ||
        (m.annotations?.[ANNOTATION_CREATED] ?? '') >= (best.annotations?.[ANNOTATION_CREATED] ?? '')
      )
        best = m
    }
    return best ? this.getImage(best.digest) : null
  }

  async listRefs(): Promise<RefEntry[]> {
    const index = await this.readIndex()
    return index.manifests
      .filter((m) => m.annotations?.[ANNOTATION_REF])
      .map((m) => ({
        ref: m.annotations![ANNOTATION_REF],
        digest: m.digest,
        key: m.annotations?.[ANNOTATION_KEY],
        image: m.annotations?.[ANNOTATION_NAME],
        created: m.annotations?.[ANNOTATION_CREATED]
      }))
  }

  async removeRef(ref: string): Promise<boolean> {
    let found = false
    await this.updateIndex((index) => {
      const before = index.manifests.length
      index.manifests = index.manifests.filter((m) => m.annotations?.[ANNOTATION_REF] !== ref)
      found = index.manifests.length !== before
    })
    return found
  }

  /**
   * Removes every blob no index.json entry reaches (manifest, its config and layers, nested
   * indexes followed) and temp files whose writer is gone. Taken under the index lock; a blob
   * written by a build that has not yet called putImage is unreachable, so run gc between builds.
   */
  async gc(): Promise<{ removed: number; bytes: number; tempRemoved: number }> {
    return this.locked(async () => {
      const index = await this.readIndex()
      const reachable = new Set<string>()
      const visit = async (d: Descriptor): Promise<void> => {
        if (reachable.has(d.digest)) return
        reachable.add(d.digest)
        if (!(await this.hasBlob(d.digest))) return
        if (
          d.mediaType === MEDIA_MANIFEST ||
          d.mediaType === MEDIA_INDEX ||
          /manifest|index/.test(d.mediaType)
        ) {
          const doc = await this.readJsonBlob<{
            config?: Descriptor
            layers?: Descriptor[]
            manifests?: Descriptor[]
          }>(d.digest)
          if (doc.config) reachable.add(doc.config.digest)
          for (const l of doc.layers ?? []) reachable.add(l.digest)
          for (const m of doc.manifests ?? []) await visit(m)
        }
      }
      for (const m of index.manifests) await visit(m)
      let removed = 0
      let bytes = 0
      for (const hex of await readdir(this.blobDir)) {
        if (reachable.has(`sha256:${hex}`)) continue
        const path = join(this.blobDir, hex)
        const st = await stat(path).catch(() => null)
        if (!st?.isFile()) continue
        await rm(path, { force: true })
        removed++
        bytes += st.size
      }
      let tempRemoved = 0
      for (const name of await readdir(this.tmpDir).catch(() => [] as string[])) {
        const path = join(this.tmpDir, name)
        const st = await stat(path).catch(() => null)
        if (!st) continue
        const pid = Number.parseInt(name.split('-')[0], 10)
        const writerGone = !(Number.isInteger(pid) && pid > 0 && pidAlive(pid))
        if (writerGone || Date.now() - st.mtimeMs > STALE_TEMP_MS) {
          await rm(path, { recursive: true, force: true })
          tempRemoved++
        }
      }
      return { removed, bytes, tempRemoved }
    })
  }

  /** A fresh temp path in the store's tmp dir; the pid prefix tells gc whether its writer is alive. */
  tempName(kind: string): string {
    return join(this.tmpDir, `${process.pid}-${randomBytes(8).toString('hex')}.${kind}`)
  }

  private async readIndex(): Promise<OciIndex> {
    let text: string
    try {
      text = await readFile(this.indexPath, 'utf8')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        return { schemaVersion: 2, mediaType: MEDIA_INDEX, manifests: [] }
      throw e
    }
    try {
      const index = JSON.parse(text) as OciIndex
      if (!Array.isArray(index.manifests)) throw new Error('no manifests array')
      return index
    } catch (e) {
      throw new Error(`store ${this.root}: index.json is not an OCI image index: ${msg(e)}`)
    }
  }

  private async updateIndex(change: (index: OciIndex) => void): Promise<void> {
    await this.locked(async () => {
      const index = await this.readIndex()
      change(index)
      const tmp = this.tempName('index')
      try {
        await writeFile(tmp, `${JSON.stringify(index, null, 2)}\n`, { flag: 'wx' })
        await rename(tmp, this.indexPath)
      } catch (e) {
        await rm(tmp, { force: true })
        throw new Error(`store ${this.root}: write index.json: ${msg(e)}`, { cause: e })
      }
    })
  }

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    return this.mutex.run(() => withLockFile(this.lockPath, fn))
  }

  /** Creates a file only if absent, atomically (temp + link), so concurrent openers cannot clobber each other. */
  private async createIfAbsent(path: string, content: string): Promise<void> {
    const tmp = this.tempName('init')
    await writeFile(tmp, content)
    try {
      await link(tmp, path)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    } finally {
      await rm(tmp, { force: true })
    }
  }
}

/** `name-YYYY-MM-DD_N` with N one more than the highest N of that UTC day for that name. */
export function nextDatedTag(name: string, isoTime: string, existingRefs: Iterable<string>): string {
  const prefix = `${name}-${isoTime.slice(0, 10)}_`
  let max = 0
  for (const ref of existingRefs) {
    if (!ref.startsWith(prefix)) continue
    const rest = ref.slice(prefix.length)
    if (/^\d+$/.test(rest)) max = Math.max(max, Number.parseInt(rest, 10))
  }
  return `${prefix}${max + 1}`
}

/** OCI/GOARCH architecture names from the catalog's uname-style ones. */
export function ociArch(arch: string): string {
  const map: Record<string, string> = {
    x86_64: 'amd64',
    aarch64: 'arm64',
    armv7l: 'arm',
    i686: '386',
    i386: '386'
  }
  return map[arch] ?? arch
}

async function sameSize(path: string, size: number): Promise<boolean> {
  const st = await stat(path).catch(() => null)
  return !!st && st.isFile() && st.size === size
}

/** An error's message; a file-system error as its cause alone ("no space left on device"). */
function msg(e: unknown): string {
  return ioCause(e) ?? (e instanceof Error ? e.message : String(e))
}
