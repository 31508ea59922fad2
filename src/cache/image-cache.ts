/**
 * ImageCache moves images between the store and a cache backend.
 *
 *   restore(planned)  before building: the record under the image's input key, then every layer
 *                     the store lacks; everything verified against its digest before use.
 *   save(planned, s)  right after building: layers the backend lacks, then the record, then the
 *                     name pointer. Saving each image as soon as it is built means a re-run after a
 *                     failure resumes at the image that failed, on any runner.
 *   explainMiss(p)    the inputs that changed since the image's last saved build.
 *
 * A cache problem never fails a build: every operation catches, warns through the reporter and
 * answers as a miss. A corrupt or partial entry is a miss too, and nothing from it reaches the
 * store: a layer is hashed in a temporary file before the store sees it.
 */
import { readFile, rm } from 'node:fs/promises'
import type { PlannedImage } from '../plan/types.js'
import {
  ANNOTATION_CREATED,
  ANNOTATION_REF,
  type LayerRef,
  type Store,
  type StoredImage
} from '../store/types.js'
import type { Reporter } from '../util/log.js'
import { errorMessage } from '../util/errors.js'
import { fileDigest } from './digest.js'
import { findCorruptBlob } from '../util/digest.js'
import { diffInputs, parsePointer, verifyRecord, type VerifiedRecord } from './record.js'
import type { CacheBackend, CacheRecord, MissExplanation } from './types.js'

export interface ImageCacheOptions {
  store: Store
  backend: CacheBackend
  reporter: Reporter
}

/** Counters for logs and the job summary. */
export interface CacheStats {
  backend: string
  /** Images restored from the cache. */
  hits: number
  /** Restores that found nothing usable. */
  misses: number
  /** Entries found but rejected (corrupt, partial). */
  rejected: number
  /** Images saved. */
  saved: number
  blobsDownloaded: number
  bytesDownloaded: number
  blobsUploaded: number
  bytesUploaded: number
  warnings: string[]
}

export class ImageCache {
  readonly stats: CacheStats
  private readonly store: Store
  private readonly backend: CacheBackend
  private readonly reporter: Reporter
  /** Blobs known to be in the backend during this run: shared base layers are looked up once. */
  private readonly known = new Set<string>()
  /** Blobs found corrupt in the backend: saved again (superseding the bad entry) when rebuilt. */
  private readonly corrupt = new Set<string>()
  /** Keys whose restore failed: their record is replaced on save, or it would keep pointing at what failed. */
  private readonly failedKeys = new Set<string>()
  /** Blob fetches in flight, so two images sharing a base fetch it once. */
  private readonly fetching = new Map<string, Promise<void>>()

  constructor(opts: ImageCacheOptions) {
    this.store = opts.store
    this.backend = opts.backend
    this.reporter = opts.reporter
    this.stats = {
      backend: opts.backend.name,
      hits: 0,
      misses: 0,
      rejected: 0,
      saved: 0,
      blobsDownloaded: 0,
      bytesDownloaded: 0,
      blobsUploaded: 0,
      bytesUploaded: 0,
      warnings: []
    }
  }

  get backendName(): string {
    return this.backend.name
  }

  /** Whether a usable record exists for the image's key (records only, no blobs): for plans. */
  async has(planned: PlannedImage): Promise<boolean> {
    try {
      const raw = await this.backend.getRecord(planned.key)
      if (raw === null || raw === undefined) return false
      verifyRecord(raw, planned.key)
      return true
    } catch (e) {
      this.warn(`${planned.spec.name}: cache lookup failed: ${errorMessage(e)}`)
      return false
    }
  }

  /**
   * Brings the image saved under planned.key into the store and returns it, or null (a miss).
   * Never throws.
   */
  async restore(planned: PlannedImage): Promise<StoredImage | null> {
    const name = planned.spec.name
    let verified: VerifiedRecord
    try {
      const raw = await this.backend.getRecord(planned.key)
      if (raw === null || raw === undefined) {
        this.stats.misses++
        return null
      }
      verified = verifyRecord(raw, planned.key)
    } catch (e) {
      this.stats.misses++
      this.stats.rejected++
      this.failedKeys.add(planned.key)
      this.warn(
        `${name}: cache entry ${planned.key.slice(0, 12)} rejected, building instead: ${errorMessage(e)}`
      )
      return null
    }
    try {
      for (const layer of verified.record.layers) await this.fetchBlob(layer.digest)
      const image = await this.putImage(planned, verified)
      this.stats.hits++
      this.reporter.info(
        `${name}: restored from the ${this.backend.name} cache (${planned.key.slice(0, 12)})`
      )
      return image
    } catch (e) {
      this.stats.misses++
      this.stats.rejected++
      this.failedKeys.add(planned.key)
      this.warn(
        `${name}: cache entry ${planned.key.slice(0, 12)} unusable, building instead: ${errorMessage(e)}`
      )
      return null
    }
  }

  /** Saves a freshly built image: blobs once, then the record, then the name pointer. Never throws. */
  async save(planned: PlannedImage, stored: StoredImage): Promise<boolean> {
    const name = planned.spec.name
    try {
      for (const layer of stored.layers) {
        if (this.known.has(layer.digest)) continue
        // What goes out is checked as what comes in: a blob damaged in the store would poison
        // the cache (GitHub's entries cannot be overwritten) for every runner until superseded.
        // Only blobs the backend lacks are read, so a warm run hashes nothing here.
        const check = async (): Promise<void> => {
          const actual = await fileDigest(layer.path)
          if (actual !== layer.digest)
            throw new Error(`layer ${layer.digest} is corrupt in the store (its content hashes to ${actual})`)
        }
        if (
          await this.backend.putBlob(layer.digest, layer.path, {
            replace: this.corrupt.has(layer.digest),
            check
          })
        ) {
          this.stats.blobsUploaded++
          this.stats.bytesUploaded += layer.size
        }
        this.known.add(layer.digest)
        this.corrupt.delete(layer.digest)
      }
      // The exact bytes the store holds, so the digests in the record can be checked on restore.
      const manifest = await readFile(this.store.blobPath(stored.manifestDigest), 'utf8')
      const config = await readFile(this.store.blobPath(stored.manifest.config.digest), 'utf8')
      const savedAt = new Date().toISOString()
      const record: CacheRecord = {
        version: 1,
        key: planned.key,
        name,
        manifestDigest: stored.manifestDigest,
        manifest,
        config,
        layers: stored.layers.map((l) => ({ digest: l.digest, size: l.size })),
        inputs: planned.inputs,
        savedAt
      }
      await this.backend.putRecord(planned.key, record, { replace: this.failedKeys.delete(planned.key) })
      const pointer = parsePointer(await this.backend.getPointer(name), name)
      if (pointer?.key !== planned.key)
        await this.backend.putPointer(name, { name, key: planned.key, savedAt })
      this.stats.saved++
      this.reporter.debug(`${name}: saved to the ${this.backend.name} cache (${planned.key.slice(0, 12)})`)
      return true
    } catch (e) {
      this.warn(`${name}: could not save to the ${this.backend.name} cache: ${errorMessage(e)}`)
      return false
    }
  }

  /** The inputs that changed since the image's last saved build. Never throws. */
  async explainMiss(planned: PlannedImage): Promise<MissExplanation> {
    const name = planned.spec.name
    try {
      const pointer = parsePointer(await this.backend.getPointer(name), name)
      if (!pointer) return { changed: null }
      if (pointer.key === planned.key) return { previousKey: pointer.key, changed: [] }
      const raw = await this.backend.getRecord(pointer.key)
      if (!raw) return { previousKey: pointer.key, changed: null }
      const { record } = verifyRecord(raw, pointer.key)
      return { previousKey: pointer.key, changed: diffInputs(record.inputs, planned.inputs) }
    } catch (e) {
      this.reporter.debug(`${name}: cannot explain the cache miss: ${errorMessage(e)}`)
      return { changed: null }
    }
  }

  /** Ends the run for the backend (e.g. the local directory enforces its size cap). Never throws. */
  async close(): Promise<void> {
    try {
      await this.backend.close?.()
    } catch (e) {
      this.warn(`${this.backend.name} cache: ${errorMessage(e)}`)
    }
  }

  private warn(message: string): void {
    this.stats.warnings.push(message)
    this.reporter.warn(message)
  }

  private fetchBlob(digest: string): Promise<void> {
    let p = this.fetching.get(digest)
    if (!p) {
      p = this.fetchBlobOnce(digest).finally(() => this.fetching.delete(digest))
      this.fetching.set(digest, p)
    }
    return p
  }

  private async fetchBlobOnce(digest: string): Promise<void> {
    if (await this.store.hasBlob(digest)) return
    // Downloaded into the store's own temporary directory, then hashed once and renamed into
    // place (adoptLayer): not copied again through a stream, which took three passes over a
    // layer (download, check, store) instead of two.
    const tmp = this.store.tempName('blob')
    try {
      if (!(await this.backend.getBlob(digest, tmp)))
        throw new Error(`layer ${digest} is missing from the cache`)
      let ref: LayerRef
      try {
        ref = await this.store.adoptLayer(tmp, digest)
      } catch (e) {
        const bad = findCorruptBlob(e)
        if (!bad) throw e
        this.corrupt.add(digest)
        throw new Error(`layer ${digest} is corrupt in the cache (its content ${bad.actual})`)
      }
      this.known.add(digest)
      this.stats.blobsDownloaded++
      this.stats.bytesDownloaded += ref.size
    } finally {
      await rm(tmp, { force: true })
    }
  }

  private async putImage(planned: PlannedImage, v: VerifiedRecord): Promise<StoredImage> {
    const layers: LayerRef[] = v.manifest.layers.map((d, i) => ({
      digest: d.digest,
      diffID: v.config.rootfs.diff_ids[i],
      size: d.size,
      mediaType: d.mediaType,
      path: this.store.blobPath(d.digest)
    }))
    const { rootfs: _rootfs, ...config } = v.config
    const annotations = { ...(v.manifest.annotations ?? {}) }
    // The store sets the ref and creation time of its own entry.
    delete annotations[ANNOTATION_REF]
    delete annotations[ANNOTATION_CREATED]
    return this.store.putImage({ layers, config, name: planned.spec.name, key: planned.key, annotations })
  }
}
