/**
 * Serialises changes to index.json: an in-process mutex (promise chain) for concurrent
 * calls in one process, and an O_EXCL lock file for separate processes. A lock file left by
 * a process that died (its pid is gone) is taken over.
 */
import { open, readFile, rm, stat } from 'node:fs/promises'

const RETRY_MS = 50
const DEFAULT_TIMEOUT_MS = 120_000
/** A lock older than this whose owner cannot be checked (another host) is considered stale. */
const STALE_MS = 10 * 60_000

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
        await fh.writeFile(`${process.pid}\n`)
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
    const pid = Number.parseInt((await readFile(path, 'utf8')).trim(), 10)
    if (Number.isInteger(pid) && pid > 0) return !pidAlive(pid)
    return Date.now() - (await stat(path)).mtimeMs > STALE_MS
  } catch {
    // Vanished or half-written: an empty file just created by its owner is not stale yet.
    return false
  }
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
