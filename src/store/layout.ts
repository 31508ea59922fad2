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
 *
 * The files are not trusted (a disk flips bits, a person edits them): every digest read from
 * them is checked before it becomes a path (util/digest.ts), a manifest or config must hash to
 * its digest, and a layer must have its size on lookup and its digest where it is read whole
 * (exporters, sandbox, docker load). An image with a missing or corrupt part counts as absent
 * for findByKey, so a build restores or rebuilds it; a corrupt blob is deleted when met. fsck
 * checks everything. Blobs a live build wrote are leased (lease.ts) and gc keeps them.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { once } from 'node:events'
import {
  link,
  mkdir,
  open,
  readFile,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
  type FileHandle
} from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import {
  bytesDigest,
  checkDigest,
  CorruptBlobError,
  digestHex,
  findCorruptBlob,
  isDigest,
  mismatch
} from '../util/digest.js'
import { STORE_TMP_DIR } from './defaults.js'
import { Leases } from './lease.js'
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
  /** Reads a small JSON blob (manifest, config), checked against its digest (and `size` when known). */
  readJsonBlob<T>(digest: Digest, size?: number): Promise<T>
  listRefs(): Promise<RefEntry[]>
  /** Drops one ref name from index.json (its blobs stay until gc); false if it was not there. */
  removeRef(ref: string): Promise<boolean>
  gc(): Promise<GcResult>
  /**
   * Deletes a blob found corrupt (its content does not hash to its name), so that every image
   * using it counts as absent and is rebuilt or restored instead of failing on it forever.
   */
  dropCorruptBlob(e: CorruptBlobError): Promise<boolean>
  /** Checks every blob against its digest and every ref for completeness; with repair, fixes what it found. */
  fsck(opts?: { repair?: boolean }): Promise<FsckReport>
  /** Ends this process's lease on the blobs it wrote (see lease.ts): call when a build is over. */
  releaseLease(): void
}

export interface GcResult {
  removed: number
  bytes: number
  tempRemoved: number
  /** Unreachable blobs kept because a live build wrote them, with the owners (pid@host) of those leases. */
  leased: number
  leaseOwners: string[]
}

/** What `fsck` found, and (with repair) did. */
export interface FsckReport {
  blobsChecked: number
  /** Blobs whose content does not hash to their name (or stray files under blobs/sha256). */
  corruptBlobs: Array<{ digest: string; problem: string }>
  /** Refs whose image is missing or has a missing, corrupt or invalid part. */
  brokenRefs: Array<{ ref: string; problems: string[] }>
  /** With repair: what was removed. */
  removedBlobs: string[]
  removedRefs: string[]
}

/** Opens (creating when absent) the OCI image layout at `root`. */
export async function openStore(root: string, opts: StoreOptions = {}): Promise<LayoutStore> {
  const store = new OciLayoutStore(resolve(root), opts.warn)
  await store.init()
  return store
}

export interface StoreOptions {
  /** Where the store reports what it worked around (an unusable image that counts as absent). */
  warn?: (message: string) => void
}

class OciLayoutStore implements LayoutStore {
  readonly tmpDir: string
  private readonly blobDir: string
  private readonly indexPath: string
  private readonly lockPath: string
  private readonly mutex = new Mutex()
  private readonly leases: Leases

  constructor(
    readonly root: string,
    private readonly warn: (message: string) => void = () => undefined
  ) {
    this.tmpDir = join(root, STORE_TMP_DIR)
    this.blobDir = join(root, 'blobs', 'sha256')
    this.indexPath = join(root, 'index.json')
    this.lockPath = join(root, 'index.json.lock')
    this.leases = new Leases(root)
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
    return join(this.blobDir, digestHex(digest, `store ${this.root}: blob name`))
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

  leaseBlob(digest: Digest): void {
    this.leases.add(digest)
  }

  async adoptLayer(path: string, expected: Digest): Promise<LayerRef> {
    let fh: FileHandle | undefined
    try {
      fh = await open(path, 'r')
      const hash = createHash('sha256')
      const buf = Buffer.allocUnsafe(1 << 20)
      let size = 0
      for (let n; (n = (await fh.read(buf, 0, buf.length, size)).bytesRead) > 0; size += n)
        hash.update(buf.subarray(0, n))
      const bad = mismatch(expected, path, `sha256:${hash.digest('hex')}`, size)
      if (bad) throw bad
      const dest = this.blobPath(expected)
      this.leases.add(expected)
      if (!(await sameSize(dest, size))) {
        // The rename publishes the blob: make its bytes durable first, as putBlobStream does.
        await fh.sync()
        await rename(path, dest)
      }
      return { digest: expected, diffID: expected, size, mediaType: MEDIA_LAYER, path: dest }
    } catch (e) {
      if (e instanceof CorruptBlobError) throw e
      throw new Error(`store ${this.root}: adopt blob ${expected}: ${msg(e)}`, { cause: e })
    } finally {
      await fh?.close()
      await rm(path, { force: true })
    }
  }

  async putBlob(data: Buffer | string, mediaType: string): Promise<Descriptor> {
    const buf = typeof data === 'string' ? Buffer.from(data) : data
    const digest = bytesDigest(buf)
    const path = this.blobPath(digest)
    this.leases.add(digest)
    // Small blobs are compared, not just sized: a damaged copy of the same size is replaced.
    const have = await readFile(path).catch(() => null)
    if (!have?.equals(buf)) {
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
      this.leases.add(digest)
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

  async readJsonBlob<T>(digest: Digest, size?: number): Promise<T> {
    const path = this.blobPath(digest)
    const st = await stat(path).catch(() => null)
    if (!st) throw new MissingBlobError(`store ${this.root}: blob ${digest} is missing`)
    if (st.size > MAX_JSON_BLOB)
      throw new CorruptBlobError(digest, path, `is ${st.size} bytes: too large for a manifest or config`)
    const bytes = await readFile(path)
    const bad = mismatch(digest, path, bytesDigest(bytes), bytes.length, size)
    if (bad) throw bad
    try {
      return JSON.parse(bytes.toString('utf8')) as T
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
    await this.updateIndex(async (index) => {
      // Checked again under the lock gc takes too: a blob that was already here (not written
      // by this build, so not leased) could have gone since; what is here now stays, as the
      // index names it before gc can look. The index never names a missing blob.
      for (const d of [configDesc.digest, manifestDesc.digest, ...image.layers.map((l) => l.digest)]) {
        if (!(await this.hasBlob(d)))
          throw new Error(
            `store ${this.root}: image ${image.name}: blob ${d} went missing before the image was tagged (a kiln gc at that moment?); build again`
          )
      }
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
    let digest: Digest
    let size: number | undefined
    if (isDigest(ref)) {
      if (!(await this.hasBlob(ref))) return null
      digest = ref
    } else {
      const entry = index.manifests.filter((m) => m.annotations?.[ANNOTATION_REF] === ref).pop()
      if (!entry) return null
      digest = checkDigest(entry.digest, `${this.indexPath}: ref ${ref}: digest`)
      size = entry.size
    }
    return this.loadImage(index, digest, size)
  }

  /**
   * The image whose manifest is `digest`, every part checked: the manifest and config hash to
   * their digests, every digest they name is valid, and every layer blob is there with its
   * size (a stat each; a layer's content is checked where it is read anyway: exporters, the
   * sandbox's unpack, docker load). Throws MissingBlobError, CorruptBlobError or
   * InvalidDigestError, each naming the blob.
   */
  private async loadImage(index: OciIndex, digest: Digest, size?: number): Promise<StoredImage> {
    const where = `store ${this.root}: manifest ${digest}`
    const manifest = await this.readJsonBlob<OciManifest>(digest, size)
    if (!manifest || typeof manifest !== 'object' || !manifest.config || !Array.isArray(manifest.layers)) {
      const kind = (manifest as { mediaType?: string } | null)?.mediaType ?? 'document'
      throw new Error(`${where}: is a ${kind}, not an image manifest`)
    }
    const configDigest = checkDigest(manifest.config.digest, `${where}: config.digest`)
    const config = await this.readJsonBlob<OciImageConfig>(configDigest, sizeOf(manifest.config))
    const diffIDs = Array.isArray(config.rootfs?.diff_ids) ? config.rootfs.diff_ids : []
    const layers: LayerRef[] = manifest.layers.map((l, i) => {
      const layerDigest = checkDigest(l?.digest, `${where}: layers[${i}].digest`)
      const diffID =
        diffIDs[i] === undefined
          ? layerDigest
          : checkDigest(diffIDs[i], `store ${this.root}: config ${configDigest}: rootfs.diff_ids[${i}]`)
      return {
        digest: layerDigest,
        diffID,
        size: l.size,
        mediaType: l.mediaType,
        path: this.blobPath(layerDigest)
      }
    })
    for (const l of layers) {
      const st = await stat(l.path).catch(() => null)
      if (!st?.isFile()) throw new MissingBlobError(`${where}: layer ${l.digest} is missing`)
      const bad = mismatch(l.digest, l.path, l.digest, st.size, sizeOf(l))
      if (bad) throw bad
    }
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

  /**
   * The newest image stored under `key`, or null. One that is broken (a blob missing, corrupt
   * or invalid) counts as absent, so the build restores or rebuilds it rather than failing on
   * it every run; a corrupt blob is deleted on the way (see dropCorruptBlob).
   */
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
    if (!best) return null
    try {
      const digest = checkDigest(best.digest, `${this.indexPath}: key ${key.slice(0, 12)}: digest`)
      return await this.loadImage(index, digest, sizeOf(best))
    } catch (e) {
      // A failing disk or a lack of file handles is not a broken image: say so, rebuild nothing.
      if ((e as NodeJS.ErrnoException).code) throw e
      const corrupt = findCorruptBlob(e)
      const dropped = corrupt ? await this.dropCorruptBlob(corrupt) : false
      const name =
        best.annotations?.[ANNOTATION_NAME] ?? best.annotations?.[ANNOTATION_REF] ?? key.slice(0, 12)
      this.warn(
        `store: image ${name} is unusable, so it counts as absent (restored or built again): ${msg(e)}` +
          (dropped ? '; the corrupt blob was deleted' : '')
      )
      return null
    }
  }

  async dropCorruptBlob(e: CorruptBlobError): Promise<boolean> {
    if (!isDigest(e.digest) || e.path !== this.blobPath(e.digest)) return false
    // Checked again before deleting: only a blob that really is corrupt goes.
    if ((await this.checkBlob(e.digest)) === null) return false
    await rm(e.path, { force: true })
    return true
  }

  /** Null when the blob hashes to its name (or is gone); else what is wrong with it. */
  private async checkBlob(digest: Digest): Promise<string | null> {
    const path = this.blobPath(digest)
    const hash = createHash('sha256')
    try {
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }))
        hash.update(chunk as Buffer)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
      return `cannot be read: ${msg(e)}`
    }
    const actual = `sha256:${hash.digest('hex')}`
    return actual === digest ? null : `its content hashes to ${actual}`
  }

  async fsck(opts: { repair?: boolean } = {}): Promise<FsckReport> {
    const report: FsckReport = {
      blobsChecked: 0,
      corruptBlobs: [],
      brokenRefs: [],
      removedBlobs: [],
      removedRefs: []
    }
    const corrupt = new Map<string, string>()
    for (const name of (await readdir(this.blobDir)).sort()) {
      const digest = `sha256:${name}`
      if (!isDigest(digest)) {
        corrupt.set(name, 'is not named by a sha256 digest')
        continue
      }
      report.blobsChecked++
      const problem = await this.checkBlob(digest)
      if (problem) corrupt.set(digest, problem)
    }
    report.corruptBlobs = [...corrupt].map(([digest, problem]) => ({ digest, problem }))
    const index = await this.readIndex()
    for (const entry of await this.listRefs()) {
      const problems: string[] = []
      try {
        const digest = checkDigest(entry.digest, `index.json: ref ${entry.ref}: digest`)
        if (corrupt.has(digest)) throw new Error(`manifest ${digest} is corrupt`)
        const size = sizeOf(index.manifests.find((m) => m.annotations?.[ANNOTATION_REF] === entry.ref))
        const image = await this.loadImage(index, digest, size)
        for (const d of [image.manifest.config.digest, ...image.layers.map((l) => l.digest)])
          if (corrupt.has(d)) problems.push(`blob ${d} is corrupt`)
      } catch (e) {
        problems.push(msg(e).replace(`store ${this.root}: `, ''))
      }
      if (problems.length) report.brokenRefs.push({ ref: entry.ref, problems })
    }
    if (opts.repair) {
      for (const [name] of corrupt) {
        await rm(join(this.blobDir, name.replace(/^sha256:/, '')), { force: true })
        report.removedBlobs.push(name)
      }
      const broken = new Set(report.brokenRefs.map((r) => r.ref))
      if (broken.size) {
        await this.updateIndex((idx) => {
          idx.manifests = idx.manifests.filter((m) => {
            const ref = m.annotations?.[ANNOTATION_REF]
            if (ref === undefined || !broken.has(ref)) return true
            report.removedRefs.push(ref)
            return false
          })
        })
      }
    }
    return report
  }

  releaseLease(): void {
    this.leases.release()
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
   * indexes followed) and temp files whose writer is gone. Taken under the index lock. A blob
   * a live build wrote and has not yet tagged is leased (lease.ts) and kept.
   */
  async gc(): Promise<GcResult> {
    return this.locked(async () => {
      // Blobs listed before the leases are read: a build leases a blob before renaming it in,
      // so every blob listed here that a live build wrote is in the leases read below.
      const present = await readdir(this.blobDir)
      const leased = await this.leases.live()
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
          }>(d.digest).catch((e: unknown) => {
            // What it names is unknown: deleting anything now could delete what it needs.
            throw new Error(`gc stopped, nothing removed: ${msg(e)}; run kiln fsck --repair`)
          })
          if (doc.config) reachable.add(doc.config.digest)
          for (const l of doc.layers ?? []) reachable.add(l.digest)
          for (const m of doc.manifests ?? []) await visit(m)
        }
      }
      for (const m of index.manifests) await visit(m)
      let removed = 0
      let bytes = 0
      let kept = 0
      const owners = new Set<string>()
      for (const hex of present) {
        if (reachable.has(`sha256:${hex}`)) continue
        const owner = leased.get(`sha256:${hex}`)
        if (owner) {
          kept++
          owners.add(owner)
          continue
        }
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
      return { removed, bytes, tempRemoved, leased: kept, leaseOwners: [...owners].sort() }
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

  private async updateIndex(change: (index: OciIndex) => void | Promise<void>): Promise<void> {
    await this.locked(async () => {
      const index = await this.readIndex()
      await change(index)
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

/** A descriptor's size when it states a usable one. */
function sizeOf(d: { size?: unknown } | undefined): number | undefined {
  return typeof d?.size === 'number' && Number.isSafeInteger(d.size) && d.size >= 0 ? d.size : undefined
}

/** A blob an image names is not in the store. */
export class MissingBlobError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MissingBlobError'
  }
}

async function sameSize(path: string, size: number): Promise<boolean> {
  const st = await stat(path).catch(() => null)
  return !!st && st.isFile() && st.size === size
}

/** An error's message; a file-system error as its cause alone ("no space left on device"). */
function msg(e: unknown): string {
  return ioCause(e) ?? (e instanceof Error ? e.message : String(e))
}
