/**
 * Content digests: the one check of a digest read from a file, and the one error for content
 * that does not hash to its digest.
 *
 * A digest read from a file (an index.json, a manifest, a cache record, a docker-save
 * manifest.json) names a blob, and the blob's path is built from it. Until it passed
 * checkDigest it is just text: `sha256:../../etc/shadow` would be a path out of the layout.
 * Kiln supports sha256 only; any other algorithm is refused, not guessed at.
 */
import { createHash, type Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream'

/** "sha256:" + 64 lowercase hex: the only digest form Kiln reads or writes. */
const DIGEST = /^sha256:[0-9a-f]{64}$/

export function isDigest(d: unknown): d is string {
  return typeof d === 'string' && DIGEST.test(d)
}

/**
 * `value` when it is a digest Kiln supports; otherwise throws, naming where the value came from
 * (`where`: file and field, e.g. "layout/index.json: manifests[0].digest").
 */
export function checkDigest(value: unknown, where: string): string {
  if (isDigest(value)) return value
  const shown = JSON.stringify(value) ?? String(value)
  const algo = typeof value === 'string' ? /^([a-z0-9+._-]+):/.exec(value)?.[1] : undefined
  const why =
    algo && algo !== 'sha256'
      ? `digest algorithm ${algo} is not supported (only sha256)`
      : 'not a digest (sha256: and 64 lowercase hex digits)'
  throw new InvalidDigestError(`${where}: ${shown.slice(0, 120)}: ${why}`)
}

/** The hex part of a checked digest. */
export function digestHex(d: string, where = 'digest'): string {
  return checkDigest(d, where).slice('sha256:'.length)
}

export function bytesDigest(data: string | Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`
}

/** A digest read from a file that is not one Kiln can use. */
export class InvalidDigestError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InvalidDigestError'
  }
}

/**
 * A blob whose content does not hash to its digest (or is shorter or longer than its
 * descriptor says). `path` is the file read, so whoever owns it (the store) can move it aside.
 */
export class CorruptBlobError extends Error {
  constructor(
    readonly digest: string,
    readonly path: string,
    readonly actual: string
  ) {
    super(`blob ${digest} (${path}) is corrupt: its content ${actual}`)
    this.name = 'CorruptBlobError'
  }
}

/** The CorruptBlobError in an error's cause chain, if any (callers wrap errors with context). */
export function findCorruptBlob(e: unknown): CorruptBlobError | null {
  for (let cur = e, depth = 0; cur && depth < 10; depth++) {
    if (cur instanceof CorruptBlobError) return cur
    cur = (cur as { cause?: unknown }).cause
  }
  return null
}

/**
 * A pass-through that hashes what flows through it and, at the end, fails the stream with a
 * CorruptBlobError when the bytes do not hash to `digest` or are not `size` long: a reader
 * that streams a blob anyway (into tar, into docker load) checks it in the same pass.
 */
export class DigestCheck extends Transform {
  private readonly hash: Hash = createHash('sha256')
  private bytes = 0

  constructor(
    private readonly digest: string,
    private readonly path: string,
    private readonly size?: number
  ) {
    super()
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.hash.update(chunk)
    this.bytes += chunk.length
    cb(null, chunk)
  }

  override _flush(cb: TransformCallback): void {
    cb(mismatch(this.digest, this.path, `sha256:${this.hash.digest('hex')}`, this.bytes, this.size))
  }
}

/** The CorruptBlobError for content that hashed to `actual` over `bytes` bytes, or null when it matches. */
export function mismatch(
  digest: string,
  path: string,
  actual: string,
  bytes: number,
  size?: number
): CorruptBlobError | null {
  if (size !== undefined && bytes !== size)
    return new CorruptBlobError(digest, path, `is ${bytes} bytes, not ${size}`)
  if (actual !== digest) return new CorruptBlobError(digest, path, `hashes to ${actual}`)
  return null
}

/**
 * The file at `path` as a stream that fails with a CorruptBlobError at its end when the bytes
 * do not hash to `digest` (or are not `size` long): for readers that stream a blob whole anyway.
 */
export function verifiedReadStream(path: string, digest: string, size?: number): Readable {
  const check = new DigestCheck(digest, path, size)
  // The callback form destroys every stream with the first error, so a read error reaches the reader too.
  pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), check, () => undefined)
  return check
}
