/**
 * File-system failures as a user reads them: one line, the path and the cause
 * ("out/x/image.tar.gz: no space left on device"), whatever layer of wrapping the error went
 * through on its way up.
 */
import { isAbsolute, relative } from 'node:path'

const CAUSES: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EMFILE: 'too many open files',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  EPIPE: 'the reader closed the pipe'
}

/** Errors that say a disk or file system cannot take more: the cause to report above any other. */
const STORAGE_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG'])

interface ErrnoLike {
  code?: unknown
  path?: unknown
  cause?: unknown
}

/** The first file-system error (one with a known errno code) in an error's cause chain. */
export function findIoError(e: unknown): (Error & { code: string; path?: string }) | null {
  let cur: unknown = e
  for (let depth = 0; cur && depth < 16; depth++) {
    const x = cur as ErrnoLike
    if (typeof x.code === 'string' && x.code in CAUSES) return cur as Error & { code: string; path?: string }
    cur = x.cause
  }
  return null
}

/** Whether an error (or one it wraps) says the disk is full. */
export function isStorageFull(e: unknown): boolean {
  const io = findIoError(e)
  return io !== null && STORAGE_FULL.has(io.code)
}

/** A path as the user gave it: relative to the working directory when it lies below it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path)
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path
}

/** The cause of a file-system error in words ("no space left on device"); null for other errors. */
export function ioCause(e: unknown): string | null {
  const io = findIoError(e)
  return io ? CAUSES[io.code] : null
}

/**
 * `PATH: cause` for a file-system error, naming `path` (the file the user knows, not its
 * temporary name) when given, else the path the error carries. Null for other errors.
 */
export function ioErrorMessage(e: unknown, path?: string): string | null {
  const io = findIoError(e)
  if (!io) return null
  const where = path ?? (typeof io.path === 'string' ? io.path : undefined)
  const cause = CAUSES[io.code]
  return where ? `${displayPath(where)}: ${cause}` : cause
}

/** An error whose message is `PATH: cause`, keeping the original as its cause. */
export class IoError extends Error {
  readonly code: string
  constructor(e: unknown, path?: string) {
    super(ioErrorMessage(e, path) ?? (e instanceof Error ? e.message : String(e)), { cause: e })
    this.name = 'IoError'
    this.code = findIoError(e)?.code ?? 'EIO'
  }
}

/** Rethrows a file-system error as an IoError naming `path`; other errors unchanged. */
export function asIoError(e: unknown, path?: string): unknown {
  return findIoError(e) && !(e instanceof IoError) ? new IoError(e, path) : e
}
