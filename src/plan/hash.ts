/**
 * Content digests for input keys. Files stream through SHA-256 in 1 MiB reads; many files
 * hash at once but at most `concurrency` are open. Digests are memoised for one plan, since
 * chain images often share a build context.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { lstat, readdir, readlink } from 'node:fs/promises'
import path from 'node:path'

export const sha256 = (data: string | Buffer): string =>
  'sha256:' + createHash('sha256').update(data).digest('hex')

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        )
      : v
  )
}

/** Excluded(relPath, isDir): true drops the entry. `prune`: an excluded directory may be skipped whole. */
export interface TreeFilter {
  excluded(rel: string, isDir: boolean): boolean
  prune: boolean
  /** Identifies the filter in the memo (e.g. the ignore file's digest). */
  id: string
}

export class Hasher {
  private readonly files = new Map<string, Promise<string>>()
  private readonly trees = new Map<string, Promise<string>>()
  private active = 0
  private readonly waiting: Array<() => void> = []

  constructor(private readonly concurrency = 8) {}

  /** sha256:<hex> of a file's bytes. */
  file(abs: string): Promise<string> {
    let p = this.files.get(abs)
    if (!p) {
      p = this.limited(() => streamDigest(abs))
      this.files.set(abs, p)
    }
    return p
  }

  /**
   * sha256:<hex> of a directory tree: one line per entry, sorted by relative path, with its
   * type, the executable bit (files), the content digest (files) or the target (symlinks).
   * Times, owners, other mode bits and the tree's own location do not count: a fresh
   * checkout elsewhere, with another umask, gives the same digest.
   */
  tree(abs: string, filter?: TreeFilter): Promise<string> {
    const id = `${abs}\0${filter?.id ?? ''}`
    let p = this.trees.get(id)
    if (!p) {
      p = this.walkTree(abs, filter)
      this.trees.set(id, p)
    }
    return p
  }

  private async walkTree(root: string, filter?: TreeFilter): Promise<string> {
    const entries: Array<{ rel: string; line: Promise<string> }> = []
    const walk = async (dir: string, relDir: string): Promise<void> => {
      const names = (await readdir(dir)).sort()
      const stats = await Promise.all(names.map((n) => lstat(path.join(dir, n))))
      for (const [i, name] of names.entries()) {
        const rel = relDir ? `${relDir}/${name}` : name
        const abs = path.join(dir, name)
        const st = stats[i]
        const isDir = st.isDirectory()
        const out = filter?.excluded(rel, isDir) ?? false
        if (isDir) {
          if (!out) entries.push({ rel, line: Promise.resolve(`d - ${JSON.stringify(rel)}`) })
          if (!out || !filter?.prune) await walk(abs, rel)
        } else if (out) continue
        else if (st.isSymbolicLink())
          entries.push({
            rel,
            line: readlink(abs).then((t) => `l - ${JSON.stringify(rel)} ${JSON.stringify(t)}`)
          })
        else if (st.isFile()) {
          const x = st.mode & 0o111 ? 'x' : '-'
          entries.push({ rel, line: this.file(abs).then((d) => `f ${x} ${JSON.stringify(rel)} ${d}`) })
        } else entries.push({ rel, line: Promise.resolve(`o - ${JSON.stringify(rel)}`) })
      }
    }
    await walk(root, '')
    entries.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))
    const h = createHash('sha256')
    for (const e of entries) h.update((await e.line) + '\n')
    return 'sha256:' + h.digest('hex')
  }

  private async limited<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve))
    this.active++
    try {
      return await fn()
    } finally {
      this.active--
      this.waiting.shift()?.()
    }
  }
}

function streamDigest(abs: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256')
    createReadStream(abs, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => h.update(chunk))
      .on('error', reject)
      .on('end', () => resolve('sha256:' + h.digest('hex')))
  })
}
