/**
 * Leases: what a live build wrote to the store and has not yet tagged.
 *
 * A build writes its layers first and names them in index.json (putImage) only at the end, so
 * in between they are unreachable, and a gc run then would delete them under the build. Each
 * process that writes blobs therefore keeps a lease file in <root>/.kiln-leases/, named
 * `<pid>@<host>`, with one digest a line, appended BEFORE the blob is renamed into place (or
 * reused). gc lists the blobs first and reads the leases after, so any blob it sees was leased
 * by then, and it keeps every blob a lease of a live owner names. A lease whose pid is gone
 * (same host) is ignored and removed; one of another host, whose pid cannot be checked, counts
 * until it is a day old. The owner removes its lease when it exits.
 */
import { appendFileSync, mkdirSync, rmSync } from 'node:fs'
import { readdir, readFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { isDigest } from '../util/digest.js'
import { ownerGone, ownerId } from './owner.js'

export const LEASE_DIR = '.kiln-leases'
/** A lease of another host (its pid cannot be checked) counts for this long after its last write. */
const FOREIGN_LEASE_MS = 24 * 3600_000

/** Lease files of this process, removed when it exits (one listener for every store it opened). */
const leaseFiles = new Set<string>()
let exitHooked = false
function removeAtExit(file: string): void {
  leaseFiles.add(file)
  if (exitHooked) return
  exitHooked = true
  process.once('exit', () => {
    for (const f of leaseFiles) rmSync(f, { force: true })
  })
}

export class Leases {
  private readonly dir: string
  private readonly file: string
  private readonly mine = new Set<string>()

  constructor(root: string) {
    this.dir = join(root, LEASE_DIR)
    this.file = join(this.dir, ownerId())
  }

  /** Leases `digest` for this process (until it exits or release()). Synchronous: it must land before the blob does. */
  add(digest: string): void {
    if (this.mine.has(digest)) return
    mkdirSync(this.dir, { recursive: true })
    appendFileSync(this.file, `${digest}\n`)
    this.mine.add(digest)
    removeAtExit(this.file)
  }

  /** Ends this process's lease (its blobs are tagged, or the build is over). */
  release(): void {
    this.mine.clear()
    leaseFiles.delete(this.file)
    rmSync(this.file, { force: true })
  }

  /** Every digest leased by a live owner, with its owner; leases of dead owners are removed. */
  async live(): Promise<Map<string, string>> {
    const out = new Map<string, string>()
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      const path = join(this.dir, name)
      const st = await stat(path).catch(() => null)
      if (!st?.isFile()) continue
      if (ownerGone(name, Date.now() - st.mtimeMs, FOREIGN_LEASE_MS)) {
        await rm(path, { force: true })
        continue
      }
      const text = await readFile(path, 'utf8').catch(() => '')
      for (const line of text.split('\n')) if (isDigest(line)) out.set(line, name)
    }
    return out
  }
}
