/**
 * The cache's contract. The store keeps images on one machine; a cache backend carries them
 * between runs and runners. It holds two kinds of things:
 *
 * - blobs, named by their sha256 digest (layers, uncompressed tars as in the store);
 * - records, small JSON documents: one per image build, named by the image's input key
 *   (immutable: the same key always describes the same inputs), and one pointer per image
 *   name naming the key of its newest build (replaced on every save), used to explain misses.
 *
 * Backends move bytes; they do not trust or verify them. ImageCache (image-cache.ts) checks
 * every byte it takes from a backend against its digest before it reaches the store.
 */
import type { KeyInput } from '../plan/types.js'
import type { Digest } from '../store/types.js'

/** What a cache keeps about one built image: enough to rebuild the store's entry from blobs. */
export interface CacheRecord {
  /** Format version of this record. */
  version: 1
  /** The image's input key (sha256 hex). */
  key: string
  /** Image name in the catalog when it was saved. */
  name: string
  /** The manifest as stored, byte for byte (JSON text), and its digest. */
  manifestDigest: Digest
  manifest: string
  /** The config as stored, byte for byte (JSON text); its digest is the manifest's config.digest. */
  config: string
  /** Layer blob digests, bottom first (also in the manifest; kept apart for eviction and listing). */
  layers: Array<{ digest: Digest; size: number }>
  /** What went into the key: diffed against the next build's inputs to explain a miss. */
  inputs: KeyInput[]
  /** ISO time of the save. */
  savedAt: string
}

/** Pointer from an image name to its newest saved build. */
export interface NamePointer {
  name: string
  key: string
  savedAt: string
}

export interface PutOptions {
  /** Supersede an entry found corrupt: where entries are immutable, a newer entry wins on lookup. */
  replace?: boolean
  /** Run before a blob is uploaded (not when the backend has it already); throws to refuse the upload. */
  check?: () => Promise<void>
}

export interface CacheBackend {
  /** "local", "github", "none": shown in logs and the summary. */
  readonly name: string
  /**
   * Copies the blob into destPath (created or replaced). Returns false when the backend does not
   * have it. The content is NOT verified here.
   */
  getBlob(digest: Digest, destPath: string): Promise<boolean>
  /**
   * Stores the file at srcPath as `digest`, once: returns false when the backend already had it.
   * With `replace`, stores it even so, superseding what is there (which was found corrupt).
   */
  putBlob(digest: Digest, srcPath: string, opts?: PutOptions): Promise<boolean>
  /** The record saved under `key`, or null. May be malformed: the caller validates it. */
  getRecord(key: string): Promise<unknown>
  /** Saves a record; a record already there under the same key is kept, unless `replace`. */
  putRecord(key: string, record: CacheRecord, opts?: PutOptions): Promise<void>
  /** The newest pointer saved for `name`, or null. */
  getPointer(name: string): Promise<unknown>
  /** Saves the pointer for `name`, replacing (or, where entries are immutable, superseding) the previous. */
  putPointer(name: string, pointer: NamePointer): Promise<void>
  /** Called once at the end of a run (e.g. to enforce a size cap). */
  close?(): Promise<void>
}

/** One input that differs between the last saved build of an image and now. */
export interface ChangedInput {
  kind: string
  name: string
  change: 'added' | 'removed' | 'changed'
}

/** Why an image is not in the cache. */
export interface MissExplanation {
  /** The key of the image's newest saved build, when there is one. */
  previousKey?: string
  /** null: never saved before (or its record is gone), so nothing to compare. */
  changed: ChangedInput[] | null
}

export type CacheKind = 'local' | 'github' | 'none'
