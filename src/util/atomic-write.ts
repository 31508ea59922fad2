/** Small files written whole or not at all: a temporary name beside them, then a rename. */
import { randomBytes } from 'node:crypto'
import { rename, rm, writeFile } from 'node:fs/promises'
import { IoError } from './io-error.js'
import { tempFileFor } from './lifecycle.js'

/**
 * Writes `data` to `path` atomically. On failure (a full disk) the temporary file is removed
 * and the error reads `PATH: cause`.
 */
export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  const tmp = `${tempFileFor(path)}-${randomBytes(3).toString('hex')}`
  try {
    await writeFile(tmp, data)
    await rename(tmp, path)
  } catch (e) {
    await rm(tmp, { force: true })
    throw new IoError(e, path)
  }
}
