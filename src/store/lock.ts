/**
 * Serialises changes to index.json: an in-process mutex (promise chain) for concurrent
 * calls in one process, and an O_EXCL lock file for separate processes. The lock file names
 * its owner as `pid@host`: a lock whose owner is gone (its pid is dead on this host) is taken
 * over at once; one of another host only once it is old. An empty or unreadable lock file (its
 * owner was killed between creating and writing it) is stale once a few seconds old.
 */
import { open, readFile, rm, stat } from 'node:fs/promises'
import { ownerGone, ownerId } from './owner.js'

export { pidAlive } from './owner.js'

const RETRY_MS = 50
const DEFAULT_TIMEOUT_MS = 120_000
/** A lock of another host (its pid cannot be checked) older than this is considered stale. */
const FOREIGN_STALE_MS = 10 * 60_000
/** An empty lock file older than this was left half-made by a killed process. */
export const EMPTY_STALE_MS = 3_000

export class Mutex {
  private tail: Promise<void> = Promise.resolve()
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const prev = this.tail
    let release!: () => void
    this.tail = new Promise((r) => (release = r))
    await prev
    try {
      return await fn()
    } finally {
      release()
    }
  }
}

export async function withLockFile<T>(
  path: string,
  fn: () => Promise<T>,
  timeoutMs = DEFAULT_TIMEOUT_MS
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      const fh = await open(path, 'wx')
      try {
        await fh.writeFile(`${ownerId()}\n`)
      } finally {
        await fh.close()
      }
      break
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      if (await isStale(path)) {
        await rm(path, { force: true })
        continue
      }
      if (Date.now() > deadline) {
        throw new Error(
          `store lock ${path}: still held by another process after ${timeoutMs / 1000} s; remove it if no kiln is running`
        )
      }
      await new Promise((r) => setTimeout(r, RETRY_MS))
    }
  }
  try {
    return await fn()
  } finally {
    await rm(path, { force: true })
  }
}

async function isStale(path: string): Promise<boolean> {
  try {
    const [text, st] = await Promise.all([readFile(path, 'utf8'), stat(path)])
    const age = Date.now() - st.mtimeMs
    // Just created by its owner, who has not written it yet; or left so by a killed one.
    if (!/^\d+(@\S+)?$/.test(text.trim())) return age > EMPTY_STALE_MS
    return ownerGone(text, age, FOREIGN_STALE_MS)
  } catch {
    // Vanished between our open and this look: try again.
    return false
  }
}
