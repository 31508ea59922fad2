/**
 * The store's contract. Every image, whatever built it, lives in one OCI image layout
 * (image-spec v1.1): blobs under blobs/sha256/<hex>, index.json naming manifests with
 * org.opencontainers.image.ref.name. Builders read their base here and write results
 * here; exporters read only here; the cache moves blobs in and out.
 *
 * Layers are kept uncompressed (application/vnd.oci.image.layer.v1.tar): a layer blob's
 * digest then equals its diffID, `docker save` output imports without recompressing, and
 * exporters can seek inside a layer (the flattener reads a hardlink's masked target by
 * offset instead of unpacking). The cache compresses on the way out.
 */

import type { CorruptBlobError } from '../util/digest.js'

export const MEDIA_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
export const MEDIA_INDEX = 'application/vnd.oci.image.index.v1+json'
export const MEDIA_CONFIG = 'application/vnd.oci.image.config.v1+json'
export const MEDIA_LAYER = 'application/vnd.oci.image.layer.v1.tar'
export const MEDIA_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip'
export const MEDIA_LAYER_ZSTD = 'application/vnd.oci.image.layer.v1.tar+zstd'

export const ANNOTATION_REF = 'org.opencontainers.image.ref.name'
export const ANNOTATION_CREATED = 'org.opencontainers.image.created'
/** The image's input key (plan/keys.ts): how a build is found again. */
export const ANNOTATION_KEY = 'dev.kiln.key'
export const ANNOTATION_NAME = 'dev.kiln.image'

/** "sha256:<64 hex>" */
export type Digest = string

export interface Descriptor {
  mediaType: string
  digest: Digest
  size: number
  annotations?: Record<string, string>
  platform?: { architecture: string; os: string; variant?: string }
}

export interface OciManifest {
  schemaVersion: 2
  mediaType: typeof MEDIA_MANIFEST
  config: Descriptor
  layers: Descriptor[]
  annotations?: Record<string, string>
}

export interface OciImageConfig {
  architecture: string
  os: string
  created?: string
  config?: {
    Env?: string[]
    Entrypoint?: string[] | null
    Cmd?: string[] | null
    WorkingDir?: string
    User?: string
    Labels?: Record<string, string>
    ExposedPorts?: Record<string, object>
    Volumes?: Record<string, object>
    StopSignal?: string
  }
  rootfs: { type: 'layers'; diff_ids: Digest[] }
  history?: Array<{ created?: string; created_by?: string; comment?: string; empty_layer?: boolean }>
}

/** A layer as the exporters and sandbox see it: a file on disk holding an uncompressed tar. */
export interface LayerRef {
  /** Digest of the blob as stored. */
  digest: Digest
  /** Digest of the uncompressed tar (the config's rootfs.diff_ids entry). */
  diffID: Digest
  size: number
  mediaType: string
  /** Absolute path of the blob file. */
  path: string
}

/** An image read back from the store, bottom layer first. */
export interface StoredImage {
  manifestDigest: Digest
  manifest: OciManifest
  config: OciImageConfig
  layers: LayerRef[]
  /** The ref names pointing at this manifest. */
  refs: string[]
  /** Input key, when kiln built it. */
  key?: string
}

/** What a new image is made of, for Store.putImage. Layers must already be blobs in the store. */
export interface NewImage {
  /** Layers bottom first; each already written with putLayer (or reused from the base). */
  layers: LayerRef[]
  config: Omit<OciImageConfig, 'rootfs'>
  /** Image name in the catalog: the moving tag, and NAME-YYYY-MM-DD_N. */
  name: string
  /** Input key (plan/keys.ts). */
  key: string
  annotations?: Record<string, string>
}

/** The store's operations (implemented by store/layout.ts). */
export interface Store {
  readonly root: string
  /** Writes a layer (an uncompressed tar stream) as a blob: streamed, hashed on the way, temp + rename, skipped when present. */
  putLayer(tar: NodeJS.ReadableStream): Promise<LayerRef>
  /**
   * Takes as layer `expected` the file at `path`, a temporary name from tempName('blob') that
   * the caller wrote (a download): hashed in one read, made durable and renamed into place,
   * never copied. Refused with a CorruptBlobError, the file removed, when it does not hash to
   * `expected`; when the store has the blob already, the file is just removed.
   */
  adoptLayer(path: string, expected: Digest): Promise<LayerRef>
  /**
   * Leases a blob this process is about to reference without writing it (a layer an import
   * takes from the store), as writing it would: a gc before the image is tagged keeps it. Call
   * before checking that the blob is there (store/lease.ts).
   */
  leaseBlob(digest: Digest): void
  /** A fresh temporary path inside the store (the blobs' filesystem); removed by gc if left behind. */
  tempName(kind: string): string
  /** Writes a small JSON or other blob. */
  putBlob(data: Buffer | string, mediaType: string): Promise<Descriptor>
  hasBlob(digest: Digest): Promise<boolean>
  blobPath(digest: Digest): string
  /** Writes config + manifest, points `name` at it, adds `name-YYYY-MM-DD_N` (UTC); returns the image. */
  putImage(image: NewImage): Promise<StoredImage>
  /** An image by ref name (moving tag or dated tag) or manifest digest; null if absent. */
  getImage(ref: string): Promise<StoredImage | null>
  /** The newest image whose input key is `key`, or null. */
  findByKey(key: string): Promise<StoredImage | null>
  /** Every ref in index.json: name → manifest digest. */
  listRefs(): Promise<Array<{ ref: string; digest: Digest; key?: string }>>
  /** Removes blobs no ref reaches; returns the number and bytes removed. */
  gc(): Promise<{ removed: number; bytes: number }>
  /**
   * Deletes a blob of this store found corrupt by a reader, so the images using it count as
   * absent and are restored or rebuilt; false when the blob is not this store's or is intact.
   */
  dropCorruptBlob?(e: CorruptBlobError): Promise<boolean>
}
